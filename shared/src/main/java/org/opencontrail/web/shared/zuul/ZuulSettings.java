package org.opencontrail.web.shared.zuul;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.time.Duration;

/**
 * Where Zuul is. Status polling runs when {@code zuul.url} is set.
 *
 * @param url          Zuul's web root (e.g. https://zuul.opencontrail.org)
 * @param tenant       the tenant (Zuul v3+); empty for a v2 server ({@code /status.json})
 * @param pollInterval how often to ask for the status (answers that did not change cost one 304)
 * @param timeout      bound on each request
 */
@ConfigurationProperties("zuul")
public record ZuulSettings(
        @Bindable(defaultValue = "") String url,
        @Bindable(defaultValue = "") String tenant,
        @Bindable(defaultValue = "2s") Duration pollInterval,
        @Bindable(defaultValue = "10s") Duration timeout) {

    private String root() {
        return url.endsWith("/") ? url : url + "/";
    }

    /** The status document's address for this server's version. */
    public URI statusUri() {
        return URI.create(tenant.isBlank() ? root() + "status.json" : root() + "api/tenant/" + tenant + "/status");
    }

    /** The builds API of the tenant (v3+). */
    public URI buildsUri() {
        return URI.create(root() + "api/tenant/" + tenant + "/builds");
    }
}
