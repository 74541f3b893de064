package org.opencontrail.web.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencontrail.web.deploy.LocalSuite.App;
import org.opencontrail.web.deploy.SiteWalk.Visit;

/**
 * Every kind of page of every site, reached from the home pages as a visitor does, has one title
 * that names what it shows and the site: "WHAT · OpenContrail SITE", never template source, never
 * the placeholder a template carries for previews.
 */
@ExtendWith(SandboxedSuite.class)
@Tag("suite")
class PageTitlesTest {

    private static final Map<App, String> SITE = Map.of(App.STATUS, "Status", App.LOGS, "Logs", App.GIT, "Git");

    @Test
    void everyKindOfPageHasARightTitle(SandboxedSuite.Running running) throws Exception {
        LocalSuite suite = running.suite();
        Set<URI> start = new LinkedHashSet<>();
        Set<Integer> ports = new LinkedHashSet<>();
        Map<Integer, App> apps = new LinkedHashMap<>();
        for (App app : App.values()) {
            start.add(suite.url(app));
            start.add(suite.url(app).resolve("/no/such/page"));
            ports.add(suite.url(app).getPort());
            apps.put(suite.url(app).getPort(), app);
        }
        start.add(suite.url(App.GIT).resolve("/Juniper/contrail-controller/"));

        List<Visit> pages = SiteWalk.walk(start, ports, 1, 200).stream()
                .filter(v -> v.contentType().startsWith("text/html"))
                .toList();

        assertThat(pages).hasSizeGreaterThan(25);
        List<String> wrong = new ArrayList<>();
        for (Visit page : pages) {
            Document document = Jsoup.parse(page.body());
            List<String> titles = document.select("head > title").eachText();
            String title = titles.isEmpty() ? "" : titles.get(0);
            String site = "OpenContrail " + SITE.get(apps.get(page.uri().getPort()));
            boolean right = titles.size() == 1
                    && title.contains(site)
                    && !title.contains("${")
                    && !title.contains("th:")
                    && !title.contains("|")
                    && !title.contains("<")
                    && title.length() > site.length() + 2;
            if (!right) {
                wrong.add(page.uri() + " -> " + titles);
            }
        }
        assertThat(wrong).as("pages whose title is wrong").isEmpty();
    }
}
