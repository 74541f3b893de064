package org.opencontrail.web.branding.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.branding.Site;

/**
 * Re-branding is configuration plus an asset folder: a site started with a second brand shows
 * none of the first brand's names or links, on any page or asset it serves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RebrandedSiteContract implements TestPropertyProvider {

    private static final List<String> FIRST_BRAND = List.of("opencontrail", "open contrail", "contrail");

    @Inject
    protected EmbeddedServer server;

    /** The site under test. */
    protected abstract Site site();

    @Override
    public Map<String, String> getProperties() {
        Path assets = assetsFolder();
        return Map.ofEntries(
                Map.entry("branding.name", "Acme Cloud"),
                Map.entry("branding.tagline", "Where Acme's changes are tested"),
                Map.entry("branding.review-url", "https://review.acme.example"),
                Map.entry("branding.status-url", "https://status.acme.example"),
                Map.entry("branding.logs-url", "https://logs.acme.example"),
                Map.entry("branding.git-url", "https://git.acme.example"),
                Map.entry("branding.home-url", "https://acme.example"),
                Map.entry("branding.docs-url", "https://docs.acme.example"),
                Map.entry("branding.links[0].label", "Acme chat"),
                Map.entry("branding.links[0].url", "https://chat.acme.example"),
                Map.entry("branding.assets-dir", assets.toString()));
    }

    private static Path assetsFolder() {
        try {
            Path dir = Files.createTempDirectory("acme-brand");
            Files.writeString(
                    dir.resolve("logo.svg"),
                    "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>Acme Cloud</title></svg>");
            Files.writeString(
                    dir.resolve("favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>Acme</title></svg>");
            Files.writeString(dir.resolve("brand.css"), ":root { --brand-accent: #a0005a; }");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SiteClient client() {
        return new SiteClient(server.getURL());
    }

    private static void assertNoFirstBrand(String where, String body) {
        for (String name : FIRST_BRAND) {
            assertThat(body).as(where).doesNotContainIgnoringCase(name);
        }
        assertThat(body).as(where).doesNotContainIgnoringCase("openstack");
    }

    @Test
    void homePageShowsOnlyTheSecondBrand() {
        HttpResponse<String> response = client().page("/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertNoFirstBrand("home page", response.body());

        Document page = Jsoup.parse(response.body());
        assertThat(page.title()).contains("Acme Cloud");
        assertThat(page.selectFirst("header .site-name").text()).isEqualTo("Acme Cloud");
        assertThat(page.select("nav.site-nav a"))
                .extracting(a -> a.attr("href"))
                .containsExactly(
                        "https://status.acme.example",
                        "https://logs.acme.example",
                        "https://git.acme.example",
                        "https://review.acme.example");
        assertThat(page.select("nav.site-nav a[aria-current=page]"))
                .extracting(Element::text)
                .containsExactly(site().label());
        assertThat(page.select("footer a"))
                .extracting(a -> a.attr("href"))
                .contains("https://acme.example", "https://docs.acme.example", "https://chat.acme.example");
    }

    @Test
    void notFoundPageShowsOnlyTheSecondBrand() {
        HttpResponse<String> response = client().page("/missing");
        assertThat(response.statusCode()).isEqualTo(404);
        assertNoFirstBrand("404 page", response.body());
        assertThat(response.body()).contains("Acme Cloud");
        assertThat(Jsoup.parse(response.body())
                        .selectFirst("meta[name=description]")
                        .attr("content"))
                .startsWith("Acme Cloud " + site().label() + ": ");
    }

    @Test
    void assetsComeFromTheSecondBrandsFolder() {
        assertThat(client().get("/branding/logo.svg", "image/svg+xml").body()).contains("Acme Cloud");
        assertThat(client().get("/branding/favicon.svg", "image/svg+xml").body())
                .contains("Acme");
        assertThat(client().get("/branding/brand.css", "text/css").body()).contains("#a0005a");
        String layoutCss = client().get("/branding/suite.css", "text/css").body();
        assertThat(layoutCss).as("the built-in layout stays").contains(".site-header");
        assertNoFirstBrand("suite.css", layoutCss);
    }
}
