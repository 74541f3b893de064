package org.opencontrail.web.shared.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lenient reads of one JSON object's fields: missing and null fields give empty values, numbers
 * sent as strings (old servers: {@code "number":"123456"}, votes {@code "+2"}) are numbers.
 */
public final class JsonFields {

    private final JsonNode node;

    public JsonFields(JsonNode node) {
        this.node = node == null ? MissingNode.getInstance() : node;
    }

    public JsonFields object(String field) {
        return new JsonFields(node.path(field));
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    public String text(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return "";
        }
        return value.asText();
    }

    public Optional<String> optionalText(String field) {
        String value = text(field);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** A number (integer or decimal, or a string holding one), empty when absent or not a number. */
    public Optional<Double> optionalNumber(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            return Optional.of(value.asDouble());
        }
        try {
            return Optional.of(Double.parseDouble(value.asText().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A duration sent in milliseconds. */
    public Optional<Duration> millis(String field) {
        return optionalNumber(field).map(ms -> Duration.ofMillis(Math.round(ms)));
    }

    /** A duration sent in seconds. */
    public Optional<Duration> secondsDuration(String field) {
        return optionalNumber(field).map(s -> Duration.ofMillis(Math.round(s * 1000)));
    }

    /** A time sent as epoch milliseconds. */
    public Optional<Instant> epochMillis(String field) {
        return optionalNumber(field).map(ms -> Instant.ofEpochMilli(Math.round(ms)));
    }

    /** A time sent as epoch seconds, possibly with a fraction. */
    public Optional<Instant> epochSeconds(String field) {
        return optionalNumber(field).map(s -> Instant.ofEpochMilli(Math.round(s * 1000)));
    }

    /** True when the field holds an object. */
    public boolean isObject(String field) {
        JsonNode value = node.get(field);
        return value != null && value.isObject();
    }

    public Optional<Integer> optionalInteger(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            return Optional.of(value.asInt());
        }
        String text = value.asText().trim();
        if (text.startsWith("+")) {
            text = text.substring(1);
        }
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public int integer(String field) {
        return optionalInteger(field).orElse(0);
    }

    public boolean bool(String field) {
        JsonNode value = node.get(field);
        return value != null && (value.asBoolean() || "true".equalsIgnoreCase(value.asText()));
    }

    /** Epoch seconds, as Gerrit sends every time; the epoch when missing, not a number, or beyond any time. */
    public Instant seconds(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Instant.EPOCH;
        }
        try {
            return Instant.ofEpochSecond(
                    value.isNumber()
                            ? value.asLong()
                            : Long.parseLong(value.asText().trim()));
        } catch (NumberFormatException | DateTimeException e) {
            return Instant.EPOCH;
        }
    }

    public List<String> texts(String field) {
        List<String> values = new ArrayList<>();
        node.path(field).forEach(value -> {
            if (!value.isNull() && !value.isContainerNode()) {
                values.add(value.asText());
            }
        });
        return List.copyOf(values);
    }

    /** The field names of an object, in order. */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return List.copyOf(names);
    }

    /** An array of arrays of objects (Zuul's queue heads). */
    public List<List<JsonFields>> arrays(String field) {
        List<List<JsonFields>> values = new ArrayList<>();
        node.path(field).forEach(inner -> {
            if (inner.isArray()) {
                values.add(new JsonFields(inner).objectsOfSelf());
            }
        });
        return List.copyOf(values);
    }

    private List<JsonFields> objectsOfSelf() {
        List<JsonFields> values = new ArrayList<>();
        node.forEach(value -> {
            if (value.isObject()) {
                values.add(new JsonFields(value));
            }
        });
        return List.copyOf(values);
    }

    public List<JsonFields> objects(String field) {
        List<JsonFields> values = new ArrayList<>();
        node.path(field).forEach(value -> {
            if (value.isObject()) {
                values.add(new JsonFields(value));
            }
        });
        return List.copyOf(values);
    }
}
