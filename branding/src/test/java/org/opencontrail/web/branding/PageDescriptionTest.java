package org.opencontrail.web.branding;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * Every page says what it is about in its {@code <meta name="description">}, as search engines and
 * link previews read it: its own words where its model has them, its site's description otherwise.
 */
@MicronautTest(startApplication = false)
@Property(name = "suite.site", value = "git")
@Property(name = "branding.name", value = "Acme Cloud")
@Property(name = "branding.tagline", value = "Where Acme's changes are tested")
class PageDescriptionTest {

    @Inject
    Pages pages;

    private String description(Map<String, Object> model) {
        return Jsoup.parse(pages.render("layout-test", model, HttpRequest.GET("/")))
                .select("head meta[name=description]")
                .get(0)
                .attr("content");
    }

    @Test
    void aPageWithoutWordsOfItsOwnIsDescribedByItsSiteAndTheBrand() {
        assertThat(description(Map.of()))
                .isEqualTo("Acme Cloud Git: Source repositories. Where Acme's changes are tested.");
        assertThat(description(Map.of(BrandDialect.PAGE_DESCRIPTION, " ")))
                .as("blank words are no description")
                .startsWith("Acme Cloud Git: ");
    }

    @Test
    void aPageWithWordsOfItsOwnIsDescribedByThem() {
        assertThat(description(Map.of(BrandDialect.PAGE_DESCRIPTION, "Juniper/contrail-controller: the controller")))
                .isEqualTo("Juniper/contrail-controller: the controller");
    }

    @Test
    void aTaglineThatEndsItsSentenceIsNotEndedTwice() {
        Brand brand = new Brand("P", "Tested in the open.", "", "", "", "", "", "", "", "", "");

        assertThat(brand.description(Site.STATUS)).isEqualTo("P Status: Live pipelines. Tested in the open.");
    }
}
