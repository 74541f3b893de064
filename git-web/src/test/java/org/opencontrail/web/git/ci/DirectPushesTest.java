package org.opencontrail.web.git.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.revwalk.RevCommit;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.git.mirror.Mirror;
import org.opencontrail.web.git.mirror.Mirrors;
import org.opencontrail.web.git.support.SourceRepository;
import org.opencontrail.web.shared.gerrit.event.Account;
import org.opencontrail.web.shared.gerrit.event.Change;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.event.RefUpdate;
import org.opencontrail.web.shared.testing.HandClock;

class DirectPushesTest {

    private static final String P = "Juniper/contrail-controller";
    private static final String ZERO = "0".repeat(40);
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private static GerritEvent.RefUpdated moved(String ref, String oldRev, String newRev, int second) {
        return new GerritEvent.RefUpdated(
                new RefUpdate(P, ref, oldRev, newRev),
                new Account("Eve Pusher", "eve@example.org", "eve"),
                T0.plusSeconds(second));
    }

    private static GerritEvent merged(String newRev, int second) {
        return new GerritEvent.ChangeMerged(change(), Optional.empty(), Account.NONE, newRev, T0.plusSeconds(second));
    }

    private static Change change() {
        return new Change(
                P,
                "master",
                Optional.empty(),
                "I" + "a".repeat(40),
                4242,
                "Fix",
                Account.NONE,
                "",
                "",
                T0,
                "MERGED",
                java.util.List.of(),
                false,
                false);
    }

    @Test
    void aBranchMoveNoMergeExplainsIsAPushPastReview() {
        HandClock clock = new HandClock(T0);
        DirectPushes pushes = new DirectPushes(clock, Duration.ofSeconds(30));
        pushes.onEvent(moved("refs/heads/master", "1".repeat(40), "2".repeat(40), 0)); // a merge, explained after
        pushes.onEvent(merged("2".repeat(40), 1));
        pushes.onEvent(merged("3".repeat(40), 2)); // explained before
        pushes.onEvent(moved("refs/heads/master", "2".repeat(40), "3".repeat(40), 3));
        pushes.onEvent(moved("refs/heads/master", "3".repeat(40), "4".repeat(40), 4)); // never explained
        pushes.onEvent(moved("refs/heads/R5.0", ZERO, "5".repeat(40), 5)); // a new branch
        pushes.onEvent(moved("refs/heads/old", "6".repeat(40), ZERO, 6)); // a deleted one
        pushes.onEvent(moved("refs/tags/v1", "6".repeat(40), "7".repeat(40), 7)); // a tag
        clock.set(T0.plusSeconds(20));
        assertThat(pushes.of(P)).isEmpty(); // still within the grace period
        clock.set(T0.plusSeconds(40));
        assertThat(pushes.of(P))
                .extracting(
                        s -> s.push().newRev(),
                        s -> s.push().branch(),
                        s -> s.push().who())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("4".repeat(40), "master", "Eve Pusher"));
        assertThat(pushes.of(P).get(0).compareUrl())
                .isEqualTo("/" + P + "/+/" + "3".repeat(40) + ".." + "4".repeat(40) + "/");
    }

    @Test
    void theSummaryPageListsThem(@TempDir Path temp) {
        try (SourceRepository source = SourceRepository.create(temp.resolve("source"))) {
            RevCommit first = source.commit("First\n", Map.of("a.c", "int a;\n"));
            RevCommit pushed = source.commit("Hot fix\n", Map.of("a.c", "int b;\n"));
            Map<String, Object> properties = new HashMap<>();
            properties.put("micronaut.server.port", -1);
            properties.put("git.dir", temp.resolve("mirrors").toString());
            properties.put("git.projects[0].name", P);
            properties.put("git.projects[0].url", source.url());
            properties.put("git.merge-grace", "50ms");
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
                Mirrors mirrors = server.getApplicationContext().getBean(Mirrors.class);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> mirrors.find(P).map(Mirror::ready).orElse(false));
                server.getApplicationContext()
                        .getBean(DirectPushes.class)
                        .onEvent(new GerritEvent.RefUpdated(
                                new RefUpdate(P, "refs/heads/master", first.name(), pushed.name()),
                                new Account("Eve <b>Pusher</b>", "", "eve"),
                                Instant.now()));
                Http http = Http.at(server.getURI()).asBrowser();
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                    var page = Jsoup.parse(http.get("/" + P + "/").body());
                    assertThat(page.select("ul.pushes li").text())
                            .contains(pushed.name().substring(0, 10))
                            .contains("Eve <b>Pusher</b>");
                    assertThat(page.select("ul.pushes b")).isEmpty();
                });
                await().atMost(Duration.ofSeconds(15))
                        .untilAsserted(
                                () -> assertThat(Jsoup.parse(http.get("/").body())
                                                .select("tr.project a.badge")
                                                .text())
                                        .isEqualTo("1 pushed past review"));
                // and in the summary's JSON, its time as ISO-8601 text
                var json = http.get("/" + P + "/?format=JSON");
                assertThat(json.statusCode()).isEqualTo(200);
                assertThat(json.body())
                        .contains("\"pushed_past_review\"")
                        .contains("\"newRev\" : \"" + pushed.name() + "\"")
                        .containsPattern("\"at\" : \"\\d{4}-\\d{2}-\\d{2}T[^\"]+Z\"");
            }
        }
    }
}
