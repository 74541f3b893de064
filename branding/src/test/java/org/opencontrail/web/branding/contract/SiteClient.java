package org.opencontrail.web.branding.contract;

import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.opencontrail.web.fixtures.Http;

/** One running site as a browser or curl asks it: fixtures' {@link Http} at the site, asked with an Accept header. */
public final class SiteClient {

    private final Http http;

    public SiteClient(URL base) {
        this.http = Http.at(base).timeout(Duration.ofSeconds(20));
    }

    /** GET as a browser asks for a page. */
    public HttpResponse<String> page(String path) {
        return get(path, Http.BROWSER_ACCEPT);
    }

    /** GET with the given Accept header. */
    public HttpResponse<String> get(String path, String accept) {
        return http.get(path, "Accept", accept);
    }
}
