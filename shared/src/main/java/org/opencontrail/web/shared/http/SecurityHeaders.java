package org.opencontrail.web.shared.http;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/**
 * The headers every answer of every app carries, so that a page can only run the site's own
 * scripts and styles, cannot be framed, and leaks no address to other sites. A route that serves
 * stored content (logs, raw files) sets {@link #STORED_CONTENT} itself; the filter keeps a policy
 * already set.
 *
 * @param contentSecurityPolicy    the pages' policy, without its {@code img-src}
 * @param imageSources             where images may come from besides the site itself (git-web's
 *                                 portal shows status-web's badges)
 * @param referrerPolicy           what a link followed to another site tells it
 * @param crossOriginOpenerPolicy  keeps a page opened from elsewhere from reaching into ours
 */
@ConfigurationProperties("suite.security-headers")
public record SecurityHeaders(
        @Bindable(defaultValue = PAGES) String contentSecurityPolicy,
        @Bindable(defaultValue = "") List<String> imageSources,
        @Bindable(defaultValue = "same-origin") String referrerPolicy,
        @Bindable(defaultValue = "same-origin") String crossOriginOpenerPolicy) {

    public static final String CSP = "Content-Security-Policy";
    public static final String NOSNIFF = "X-Content-Type-Options";

    static final String PAGES =
            "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

    /**
     * Files people stored (HTML logs, SVG, raw blobs) are shown in a sandbox: an opaque origin where
     * no script runs, no form posts and nothing loads but images and styles of our own.
     */
    public static final String STORED_CONTENT =
            "sandbox; default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                    + "font-src 'self'; media-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** The pages' whole policy. */
    String pagePolicy() {
        StringBuilder images = new StringBuilder("img-src 'self'");
        imageSources.stream()
                .filter(source -> !source.isBlank())
                .forEach(source -> images.append(' ').append(source.strip()));
        return contentSecurityPolicy + "; " + images;
    }

    /** Marks an answer as stored content: sandboxed, and never sniffed into something else. */
    public static <T> MutableHttpResponse<T> storedContent(MutableHttpResponse<T> response) {
        response.getHeaders().set(CSP, STORED_CONTENT).set(NOSNIFF, "nosniff");
        return response;
    }
}
