package org.opencontrail.web.shared.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Input for property tests made from real samples, as the wire and the disk spoil them: cut short,
 * a span lost, a span doubled, noise put in (any character, control characters and lone
 * surrogates among them), and for JSON a value of the wrong type where another was (a string for a
 * number, an object for a string, null, a number too big for a long, deep nesting).
 */
public final class Mutations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Mutations() {}

    /** The text of a test resource. */
    public static String resource(String path) {
        try (InputStream in = Mutations.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any text at all, short or long, of any characters. */
    public static Arbitrary<String> anyText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.strings()
                        .withChars("{}[]\":,\\ \n\t0123456789-+.eEtrufalsn\u0000\u001b")
                        .ofMaxLength(400));
    }

    /** The samples, whole or spoiled in text. */
    public static Arbitrary<String> ofText(List<String> samples) {
        return Combinators.combine(
                        Arbitraries.of(samples),
                        Arbitraries.longs(),
                        Arbitraries.strings().all().ofMaxLength(16))
                .as((sample, seed, noise) -> spoil(sample, new Random(seed), noise));
    }

    /** The JSON samples with one value or more replaced by one of another type, some then spoiled in text too. */
    public static Arbitrary<String> ofJson(List<String> samples) {
        return Combinators.combine(
                        Arbitraries.of(samples),
                        Arbitraries.longs(),
                        Arbitraries.integers().between(1, 4),
                        Arbitraries.strings().all().ofMaxLength(16))
                .as((sample, seed, swaps, noise) -> {
                    Random random = new Random(seed);
                    String swapped = swapValues(sample, swaps, random);
                    return random.nextInt(4) == 0 ? spoil(swapped, random, noise) : swapped;
                });
    }

    private static String spoil(String sample, Random random, String noise) {
        if (sample.isEmpty()) {
            return noise;
        }
        int at = random.nextInt(sample.length());
        int span = 1 + random.nextInt(Math.max(1, Math.min(40, sample.length() - at)));
        return switch (random.nextInt(5)) {
            case 0 -> sample.substring(0, at);
            case 1 -> sample.substring(0, at) + sample.substring(Math.min(sample.length(), at + span));
            case 2 -> sample.substring(0, at) + noise + sample.substring(at);
            case 3 -> sample.substring(0, Math.min(sample.length(), at + span)) + sample.substring(at);
            default -> sample;
        };
    }

    private static String swapValues(String sample, int swaps, Random random) {
        JsonNode root;
        try {
            root = JSON.readTree(sample);
        } catch (IOException e) {
            return sample; // not JSON to begin with: spoiled in text only
        }
        for (int i = 0; i < swaps; i++) {
            List<Slot> slots = new ArrayList<>();
            slots(root, slots);
            if (slots.isEmpty()) {
                break;
            }
            slots.get(random.nextInt(slots.size())).set(strange(random));
        }
        return root.toString();
    }

    /** Where a value sits: a field of an object or a place in an array. */
    private record Slot(JsonNode parent, String field, int index) {
        void set(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }

    private static void slots(JsonNode node, List<Slot> into) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                into.add(new Slot(object, name, -1));
                slots(object.get(name), into);
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                into.add(new Slot(array, null, i));
                slots(array.get(i), into);
            }
        }
    }

    private static JsonNode strange(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.textNode("<script>alert(1)</script>");
            case 2 -> NODES.numberNode(new BigInteger("9".repeat(30)));
            case 3 -> NODES.numberNode(-1);
            case 4 -> NODES.numberNode(1.5e300);
            case 5 -> NODES.booleanNode(random.nextBoolean());
            case 6 -> NODES.objectNode().put("x", "y");
            case 7 -> NODES.arrayNode().add(1).add("two");
            case 8 -> NODES.textNode("");
            default -> deep(random.nextInt(200) + 1);
        };
    }

    private static JsonNode deep(int depth) {
        JsonNode node = NODES.textNode("bottom");
        for (int i = 0; i < depth; i++) {
            node = i % 2 == 0 ? NODES.arrayNode().add(node) : NODES.objectNode().set("in", node);
        }
        return node;
    }
}
