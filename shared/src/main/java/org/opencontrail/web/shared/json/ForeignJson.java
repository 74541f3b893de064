package org.opencontrail.web.shared.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * The JSON other servers write (Gerrit's events and REST answers, Zuul's status, builds and MQTT
 * results, Nodepool's nodes, Zuul's log manifests), read as trees, leniently and with the place
 * where a text breaks; and the same formats written where the suite plays those servers (the
 * sandbox, the benchmarks). The suite's own answers and documents are {@code @Serdeable} records
 * written by the framework's mapper instead: this is only for formats the suite does not own,
 * whose fields come and go between versions (read with {@link JsonFields}).
 */
public final class ForeignJson {

    /** Trailing commas and NaN as some servers write them; one configuration, immutable, for every reader. */
    private static final ObjectMapper TREES = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private ForeignJson() {}

    /** A text's tree; only a parse error can fail it, with where the text breaks. */
    public static JsonNode tree(String text) throws JsonProcessingException {
        return TREES.readTree(text);
    }

    public static JsonNode tree(byte[] bytes) throws IOException {
        return TREES.readTree(bytes);
    }

    public static JsonNode tree(InputStream in) throws IOException {
        return TREES.readTree(in);
    }

    /** A text of one JSON value after another (a recording, one event a line or pretty-printed over many). */
    public static MappingIterator<JsonNode> values(Reader reader) throws IOException {
        JsonParser parser = TREES.createParser(reader);
        return TREES.readerFor(JsonNode.class).readValues(parser);
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** A value as the text of one line (compact JSON has no line breaks). */
    public static String write(Object value) throws JsonProcessingException {
        return TREES.writeValueAsString(value);
    }
}
