package org.opencontrail.web.branding.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.branding.Site;
import org.opencontrail.web.fixtures.Http;
import org.slf4j.LoggerFactory;

/**
 * What every site of the suite must do, whatever it shows: its home page and its 404 page in the
 * brand layout, the brand's assets, health, metrics and an access log. Each app's test extends
 * this with {@code @MicronautTest}.
 */
public abstract class BrandedSiteContract {

    @Inject
    protected EmbeddedServer server;

    /** The site under test. */
    protected abstract Site site();

    /** The port the site listens on when nothing says otherwise. */
    protected abstract int defaultPort();

    protected SiteClient client() {
        return new SiteClient(server.getURL());
    }

    protected Document homePage() {
        HttpResponse<String> response = client().page("/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        return Jsoup.parse(response.body(), server.getURL().toString());
    }

    @Test
    void listensOnLoopbackAndItsOwnPortByDefault() {
        try (ApplicationContext production =
                ApplicationContext.builder().deduceEnvironment(false).build()) {
            production.getEnvironment().start();
            assertThat(production.getProperty("micronaut.server.port", Integer.class))
                    .hasValue(defaultPort());
            assertThat(production.getProperty("micronaut.server.host", String.class))
                    .hasValue("127.0.0.1");
        }
    }

    @Test
    void homePageIsDrawnInTheBrandLayout() {
        Document page = homePage();

        assertThat(page.title()).contains("OpenContrail").contains(site().label());
        assertThat(page.selectFirst("header .site-name").text()).isEqualTo("OpenContrail");
        assertThat(page.selectFirst("header img.site-logo").attr("src")).isEqualTo("/branding/logo.svg");
        assertThat(page.select("link[rel=stylesheet]").eachAttr("href"))
                .contains("/branding/suite.css", "/branding/brand.css");
        assertThat(page.selectFirst("link[rel=icon]").attr("href")).isEqualTo("/branding/favicon.svg");
        assertThat(page.selectFirst("meta[name=viewport]").attr("content")).contains("width=device-width");
        assertThat(page.selectFirst("meta[name=description]").attr("content")).isNotBlank();
        assertThat(page.selectFirst("footer").text()).contains("OpenContrail", "Documentation", "Code review");
        assertThat(page.selectFirst("main h1").text()).isNotBlank();
        assertThat(page.selectFirst("main").text()).hasSizeGreaterThan(400);
    }

    @Test
    void homePageSaysWhenNoCiFeedIsConfigured() {
        Document page = homePage();

        assertThat(page.selectFirst("section.feeds h2").text()).isEqualTo("CI feeds");
        assertThat(page.selectFirst("section.feeds").text()).contains("No CI feed is configured");
        assertThat(page.select("section.feeds table")).isEmpty();
    }

    @Test
    void navigationLinksTheThreeSitesAndReviewAndMarksThisOne() {
        Document page = homePage();

        List<Element> links = page.select("nav.site-nav a");
        assertThat(links).extracting(Element::text).containsExactly("Status", "Logs", "Git", "Review");
        assertThat(links)
                .extracting(a -> a.attr("href"))
                .containsExactly(
                        "http://127.0.0.1:8081",
                        "http://127.0.0.1:8082",
                        "http://127.0.0.1:8083",
                        "https://review.opencontrail.org");
        assertThat(page.select("nav.site-nav a[aria-current=page]"))
                .extracting(Element::text)
                .containsExactly(site().label());
    }

    @Test
    void pagesNameNoOtherProject() {
        assertThat(client().page("/").body()).doesNotContainIgnoringCase("openstack");
        assertThat(client().page("/no/such/page").body()).doesNotContainIgnoringCase("openstack");
    }

    @Test
    void brandAssetsAreServed() {
        HttpResponse<String> css = client().get("/branding/suite.css", "text/css,*/*;q=0.1");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
        assertThat(css.body()).contains(".site-header").doesNotContainIgnoringCase("openstack");
        assertThat(client().get("/branding/brand.css", "text/css").body())
                .contains("@media (prefers-color-scheme: dark)");

        HttpResponse<String> logo = client().get("/branding/logo.svg", "image/svg+xml,image/*");
        assertThat(logo.statusCode()).isEqualTo(200);
        assertThat(logo.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        assertThat(logo.body()).contains("<svg").contains("OpenContrail");
    }

    @Test
    void brandAssetPathsCannotLeaveTheAssetFolders() {
        for (String path : List.of(
                "/branding/../application.yml",
                "/branding/%2e%2e/application.yml",
                "/branding/..%2fapplication.yml",
                "/branding/.hidden",
                "/branding/nope.css")) {
            assertThat(client().get(path, "*/*").statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void unknownPageAnswers404InTheBrandLayout() {
        HttpResponse<String> response = client().page("/no/such/%3Cb%3Epage%3C/b%3E");
        assertThat(response.statusCode()).isEqualTo(404);
        Document page = Jsoup.parse(response.body());
        assertThat(page.selectFirst("header .site-name").text()).isEqualTo("OpenContrail");
        assertThat(page.selectFirst("main h1").text()).isEqualTo("Nothing here");
        assertThat(page.selectFirst("meta[name=description]").attr("content"))
                .as("a page without words of its own is described by its site")
                .isEqualTo("OpenContrail " + site().label() + ": " + site().description()
                        + ". Continuous integration of the OpenContrail SDN platform, in the open.");
        assertThat(page.selectFirst("main code").text()).contains("/no/such/");
        assertThat(page.select("main b"))
                .as("the path is shown as text, not markup")
                .isEmpty();
    }

    @Test
    void otherErrorsAreShownInTheBrandLayoutToo() throws Exception {
        HttpResponse<String> response = Http.at(server.getURI()).post("/", "x", "Accept", "text/html");
        assertThat(response.statusCode()).isEqualTo(405);
        Document page = Jsoup.parse(response.body());
        assertThat(page.selectFirst("header .site-name").text()).isEqualTo("OpenContrail");
        assertThat(page.selectFirst("main h1").text()).isEqualTo("405 Method Not Allowed");
    }

    @Test
    void unknownPageAnswers404AsJsonForTools() {
        HttpResponse<String> response = client().get("/api/no-such-thing", "application/json");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("/api/no-such-thing");
    }

    @Test
    void healthAnswersUpWithDetails() {
        HttpResponse<String> response = client().get("/health", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"status\":\"UP\"")
                .contains("\"details\"")
                .contains("diskSpace");
    }

    @Test
    void prometheusExposesJvmAndHttpMetrics() {
        client().page("/");
        HttpResponse<String> response = client().get("/prometheus", "text/plain");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("http_server_requests_seconds_count");
    }

    @Test
    void everyRequestIsWrittenToTheAccessLog() {
        Logger accessLog = (Logger) LoggerFactory.getLogger("HTTP_ACCESS_LOGGER");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        accessLog.addAppender(lines);
        try {
            client().page("/?access-log-probe");
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(lines.list)
                            .extracting(ILoggingEvent::getFormattedMessage)
                            .anySatisfy(line -> assertThat(line)
                                    .contains("GET /?access-log-probe")
                                    .contains(" 200 ")));
        } finally {
            accessLog.detachAppender(lines);
        }
    }
}
