package org.opencontrail.web.status.checks;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.opencontrail.web.branding.Brand;
import org.opencontrail.web.branding.Site;
import org.opencontrail.web.shared.json.ForeignJson;

/**
 * {@code GET /gerrit/opencontrail-checks.js}: the Gerrit plugin of the Checks tab, with this site's
 * public address ({@code branding.status-url}) written in, ready for a Gerrit site's
 * {@code plugins/} folder.
 */
@Controller("/gerrit")
final class GerritPluginController {

    static final String FILE = "opencontrail-checks.js";
    private static final String ADDRESS = "'__OPENCONTRAIL_STATUS_URL__'";

    private final String plugin;

    GerritPluginController(Brand brand) {
        try (InputStream in = GerritPluginController.class.getResourceAsStream("/gerrit/" + FILE)) {
            if (in == null) {
                throw new IllegalStateException("the Gerrit plugin " + FILE + " is not in this build");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String url = brand.urlOf(Site.STATUS);
            plugin = text.replace(
                    ADDRESS, ForeignJson.write(url.endsWith("/") ? url.substring(0, url.length() - 1) : url));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(uri = "/" + FILE, produces = "text/javascript;charset=utf-8")
    HttpResponse<String> plugin() {
        return HttpResponse.ok(plugin).header(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
    }
}
