package org.opencontrail.web.logs.store;

import io.micronaut.http.MediaType;
import java.util.Locale;
import java.util.Map;

/**
 * A file's media type from its name, looking through {@code .gz}. Logs are text whatever their
 * extension ({@code syslog}, {@code screen-n-api}, {@code .log.1}); the viewer checks the content
 * anyway before rendering anything as text.
 */
final class ContentTypes {

    private static final Map<String, String> LOGS = Map.of(
            "log",
            MediaType.TEXT_PLAIN,
            "txt",
            MediaType.TEXT_PLAIN,
            "out",
            MediaType.TEXT_PLAIN,
            "err",
            MediaType.TEXT_PLAIN,
            "conf",
            MediaType.TEXT_PLAIN,
            "ini",
            MediaType.TEXT_PLAIN,
            "yaml",
            "application/yaml",
            "yml",
            "application/yaml");

    private ContentTypes() {}

    static String guess(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return MediaType.TEXT_PLAIN;
        }
        String extension = name.substring(dot + 1);
        String known = LOGS.get(extension);
        if (known != null) {
            return known;
        }
        return MediaType.forExtension(extension).map(MediaType::toString).orElse(MediaType.TEXT_PLAIN);
    }
}
