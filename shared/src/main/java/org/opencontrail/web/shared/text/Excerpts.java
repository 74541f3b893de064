package org.opencontrail.web.shared.text;

import java.net.URI;

/** Text from outside made safe to log or show: bounded, without control characters, without credentials. */
public final class Excerpts {

    /** How much of a bad line a report quotes. */
    public static final int LIMIT = 160;

    private Excerpts() {}

    /** The bounded start of a text, control characters shown as '?'. */
    public static String of(String text) {
        String head = text.length() > LIMIT ? text.substring(0, LIMIT) + "..." : text;
        StringBuilder clean = new StringBuilder(head.length());
        head.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return clean.toString();
    }

    /** A URL without the user and password it may carry, for health pages and logs. */
    public static String withoutCredentials(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getRawUserInfo() == null) {
                return url;
            }
            return new URI(
                            uri.getScheme(),
                            null,
                            uri.getHost(),
                            uri.getPort(),
                            uri.getPath(),
                            uri.getQuery(),
                            uri.getFragment())
                    .toString();
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return url.replaceAll("//[^/@]*@", "//");
        }
    }
}
