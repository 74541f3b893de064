package org.opencontrail.web.git.browse;

import io.micronaut.http.MediaType;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.diff.RawText;

/** The type a file's raw bytes are served as: images as themselves, text as plain text (never HTML), the rest as bytes. */
final class RawTypes {

    private static final Map<String, String> IMAGES = Map.of(
            "png",
            "image/png",
            "jpg",
            "image/jpeg",
            "jpeg",
            "image/jpeg",
            "gif",
            "image/gif",
            "webp",
            "image/webp",
            "ico",
            "image/x-icon",
            "svg",
            "image/svg+xml");

    private RawTypes() {}

    static MediaType of(String path, byte[] bytes) {
        String name = path.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String image = dot < 0 ? null : IMAGES.get(name.substring(dot + 1));
        if (image != null) {
            return MediaType.of(image);
        }
        return RawText.isBinary(bytes)
                ? MediaType.APPLICATION_OCTET_STREAM_TYPE
                : MediaType.of("text/plain;charset=utf-8");
    }
}
