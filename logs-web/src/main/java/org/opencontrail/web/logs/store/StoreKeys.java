package org.opencontrail.web.logs.store;

import java.util.regex.Pattern;
import org.opencontrail.web.shared.http.BadRequest;

/**
 * What a key of the store may be. Keys come from URLs, uploads and build metadata, so a key that
 * could step out of its folder ({@code ..}, absolute paths, backslashes, control characters) is
 * refused here, once, for every store.
 */
public final class StoreKeys {

    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1f\\x7f]");
    private static final int MAX_LENGTH = 1024;

    private StoreKeys() {}

    /** The key itself when it is safe; else a {@link BadRequest} (400 when answering a request) saying why. */
    public static String check(String key) {
        if (key == null || key.isEmpty()) {
            throw new BadRequest("empty key");
        }
        if (key.length() > MAX_LENGTH) {
            throw new BadRequest("key longer than " + MAX_LENGTH + " characters");
        }
        if (CONTROL.matcher(key).find()) {
            throw new BadRequest("control character in key");
        }
        if (key.startsWith("/") || key.contains("\\")) {
            throw new BadRequest("key must be a relative path with / between its parts: " + key);
        }
        for (String part : key.split("/", -1)) {
            if (part.isEmpty()) {
                throw new BadRequest("empty path part in key: " + key);
            }
            if (part.equals(".") || part.equals("..")) {
                throw new BadRequest("'.' or '..' in key: " + key);
            }
        }
        return key;
    }

    /** A folder prefix: empty (the top) or a checked key ending in {@code /}. */
    public static String folder(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        String folder = prefix.endsWith("/") ? prefix : prefix + "/";
        check(folder.substring(0, folder.length() - 1));
        return folder;
    }

    /**
     * A key as a URL path: each segment percent-encoded as RFC 3986 asks (letters, digits and
     * {@code -._~!$&'()*+,;=:@} kept), the slashes kept.
     */
    public static String urlPath(String key) {
        StringBuilder out = new StringBuilder(key.length() + 16);
        for (byte b : key.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}
