package org.opencontrail.web.branding;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/** Links to the suite's other sites start from their {@code branding.*-url}, however the operator wrote it. */
@MicronautTest(startApplication = false)
@Property(name = "suite.site", value = "logs")
@Property(name = "branding.status-url", value = "https://status.example.org/")
public class BrandLinksTest {

    @Inject
    Pages pages;

    /** A problem as an app puts it in every page's model. */
    public record Problem(String title, String detail) {}

    private static Brand brand(String statusUrl, String reviewUrl) {
        return new Brand("Project", "tagline", reviewUrl, statusUrl, "", "", "", "", "/logo.svg", "/favicon.svg", "");
    }

    @Test
    void aSitesAddressWithOrWithoutItsLastSlashGivesOneLink() {
        assertThat(brand("https://status.example.org/", "").link(Site.STATUS, "/change/41234"))
                .isEqualTo("https://status.example.org/change/41234");
        assertThat(brand("https://status.example.org", "").link(Site.STATUS, "/change/41234"))
                .isEqualTo("https://status.example.org/change/41234");
        assertThat(brand("", "https://review.example.org/").reviewLink("/c/41234/3"))
                .isEqualTo("https://review.example.org/c/41234/3");
        assertThat(Brand.under("https://git.example.org/", "/Juniper/contrail-controller"))
                .isEqualTo("https://git.example.org/Juniper/contrail-controller");
    }

    @Test
    void theCisHealthIsLinkedWithinStatusWebAndByItsAddressFromTheOtherSites() {
        Brand brand = brand("https://status.example.org/", "");

        assertThat(BrandDialect.health(brand, Site.STATUS)).isEqualTo(new NavLink("CI health", "/infra", true));
        assertThat(BrandDialect.health(brand, Site.LOGS))
                .isEqualTo(new NavLink("CI health", "https://status.example.org/infra", false));
        assertThat(BrandDialect.health(brand, Site.GIT).url()).isEqualTo("https://status.example.org/infra");
    }

    @Test
    void theBannerOfProblemsLinksToTheCisHealthOnStatusWeb() {
        String html = pages.render(
                "layout-test",
                Map.of("siteProblems", List.of(new Problem("The CI feed is down", "last event 3 min ago"))),
                HttpRequest.GET("/"));

        assertThat(Jsoup.parse(html).select(".site-problems a")).singleElement().satisfies(a -> {
            assertThat(a.attr("href")).isEqualTo("https://status.example.org/infra");
            assertThat(a.text()).isEqualTo("CI health");
        });
    }
}
