package org.opencontrail.web.shared.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.StringWriter;

/**
 * JSON the framework's mapper wrote, indented for people reading it with {@code curl} (the mapper
 * writes compact JSON only): the tokens copied as they are, no value read or changed.
 */
public final class PrettyJson {

    private static final JsonFactory TOKENS = new JsonFactory();

    private PrettyJson() {}

    public static String indent(byte[] compact) throws IOException {
        StringWriter out = new StringWriter(compact.length + compact.length / 4);
        try (JsonParser parser = TOKENS.createParser(compact);
                JsonGenerator generator = TOKENS.createGenerator(out).useDefaultPrettyPrinter()) {
            while (parser.nextToken() != null) {
                generator.copyCurrentStructure(parser);
            }
        }
        return out.toString();
    }
}
