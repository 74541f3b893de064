package org.opencontrail.web.git.browse;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class MarkdownTest {

    private final Markdown markdown = new Markdown();

    private String render(String text) {
        return markdown.render(text, link -> "/page/" + link, src -> "/raw/" + src);
    }

    @Test
    void imagesOfTheRepositoryAreShownFromTheRawAddress() {
        assertThat(render("![diagram](docs/arch.png)")).contains("<img src=\"/raw/docs/arch.png\" alt=\"diagram\" />");
    }

    @Test
    void imagesOfOtherSitesBecomeLinksSoThePageLoadsNothingFromElsewhere() {
        Document html = Jsoup.parseBodyFragment(
                render(
                        "![arch](https://example.org/arch.png) and ![](//cdn.example.org/x.png)"
                                + " and [![build](https://ci.example.org/badge.svg)](https://ci.example.org) and ![dot](data:image/png;base64,iVBORw0KGgo=)"));

        assertThat(html.select("img")).isEmpty();
        assertThat(html.select("a"))
                .extracting(a -> a.attr("href") + " " + a.text())
                .containsExactly(
                        "https://example.org/arch.png arch",
                        "//cdn.example.org/x.png //cdn.example.org/x.png",
                        "https://ci.example.org build");
        assertThat(html.text()).contains("and dot");
    }

    @Test
    void rawHtmlAndScriptLinksAreNeverPassedThrough() {
        String html = render("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>");

        assertThat(html).doesNotContain("<script").doesNotContain("javascript:").doesNotContain("<img");
        assertThat(html).contains("&lt;script&gt;");
    }
}
