package org.opencontrail.web.shared.http;

/**
 * Request targets as clients really send them, made into what a URI parser takes. Scripts and
 * {@code curl} send {@code ^} (a git revision's parent) and other characters browsers escape
 * as they are, and Java's URI parser refuses them, so the request would be refused before any
 * page could answer; leading slashes run together ({@code //PROJECT/}) would be read as a host.
 * Only those are changed: nothing is decoded, and a target in any other form is left alone.
 */
public final class RequestTargets {

    private static final String UNSAFE = "\"<>\\^`{|}";

    private RequestTargets() {}

    /** The target with unsafe characters percent-escaped and leading slashes collapsed to one. */
    public static String lenient(String target) {
        if (!target.startsWith("/")) {
            return target;
        }
        int start = 0;
        while (start + 1 < target.length() && target.charAt(start + 1) == '/') {
            start++;
        }
        StringBuilder out = null;
        for (int i = start; i < target.length(); i++) {
            char c = target.charAt(i);
            boolean unsafe = UNSAFE.indexOf(c) >= 0;
            if (unsafe && out == null) {
                out = new StringBuilder(target.length() + 8).append(target, start, i);
            }
            if (out != null) {
                if (unsafe) {
                    out.append('%')
                            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
                } else {
                    out.append(c);
                }
            }
        }
        return out != null ? out.toString() : start == 0 ? target : target.substring(start);
    }
}
