package org.opencontrail.web.logs.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.FreePort;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.fixtures.SseEvents;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.shared.json.ForeignJson;
import org.opencontrail.web.shared.zuul.builds.Build;
import org.opencontrail.web.shared.zuul.status.QueueItem;
import org.opencontrail.web.shared.zuul.status.ZuulSnapshot;

/**
 * A running build's console on {@code /stream/{uuid}}, read from Zuul's console-stream websocket and
 * from Jenkins' progressive text as both speak at the wire (played in this site's own server by the
 * test's stubs): every viewer gets every line once, numbered and escaped, from one upstream
 * connection; a broken stream is connected again without a line lost or repeated; a viewer resumes
 * from its Last-Event-ID; the end sends viewers to the stored log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveConsoleSiteTest {

    @TempDir
    static Path temp;

    private EmbeddedServer server;
    private Http site;
    private ConsoleScripts scripts;
    private RunningBuilds running;
    private final Map<String, QueueItem.Job> jobs = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    void start() {
        int port = FreePort.next();
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", port);
        properties.put("logs.dir", temp.resolve("logs-web").toString());
        properties.put("test.console-upstream", "true");
        properties.put("logs.console.stream-url", "ws://127.0.0.1:" + port + "/zuul/api/tenant/t/console-stream");
        properties.put("logs.console.poll", "20ms");
        properties.put("logs.console.linger", "1s");
        properties.put("logs.console.end-grace", "2s");
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        site = Http.at(server.getURL());
        scripts = server.getApplicationContext().getBean(ConsoleScripts.class);
        running = server.getApplicationContext().getBean(RunningBuilds.class);
    }

    @AfterAll
    void stop() {
        server.getApplicationContext().close();
    }

    private SseEvents follow(String uuid, String... headers) {
        return SseEvents.open(site.client(), site.uri("/stream/" + uuid + "/events"), headers);
    }

    private SseEvents followAfter(String uuid, long after) {
        return SseEvents.open(site.client(), site.uri("/stream/" + uuid + "/events?after=" + after));
    }

    /** Zuul's status with these builds running ({@code url} empty: on Zuul's executors) or queued. */
    private void status() {
        QueueItem.ItemRef ref = new QueueItem.ItemRef(
                "300001,1",
                "Juniper/contrail-controller",
                "https://review.example/c/300001",
                "refs/changes/01/300001/1",
                "",
                Optional.of(300001),
                Optional.of(1));
        QueueItem item = new QueueItem(
                "item-1",
                List.of(ref),
                true,
                true,
                Optional.empty(),
                List.of(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                "",
                List.copyOf(jobs.values()));
        running.onEvent(new ZuulSnapshot(
                "10.0.0",
                Optional.empty(),
                Optional.empty(),
                0,
                0,
                0,
                false,
                false,
                List.of(new ZuulSnapshot.Pipeline(
                        "check",
                        "",
                        "independent",
                        List.of(new ZuulSnapshot.ChangeQueue(
                                "controller", Optional.empty(), Optional.empty(), List.of(List.of(item))))))));
    }

    private void run(String uuid, String job, String url, boolean started) {
        jobs.put(
                uuid,
                new QueueItem.Job(
                        job,
                        uuid,
                        Optional.empty(),
                        true,
                        url,
                        "",
                        started ? Optional.of(Duration.ofSeconds(10)) : Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        started ? Optional.of(Instant.now()) : Optional.empty(),
                        Optional.empty(),
                        false,
                        !started,
                        1,
                        "",
                        List.of(),
                        ""));
        status();
    }

    private void finish(String uuid) {
        jobs.remove(uuid);
        status();
    }

    /** The lines the viewer has, by number, from its {@code lines} events' rows. */
    private static Map<Long, String> lines(SseEvents viewer) {
        Map<Long, String> lines = new java.util.TreeMap<>();
        for (SseEvents.Event event : viewer.named("lines")) {
            JsonNode data = json(event.data());
            Document rows = Jsoup.parseBodyFragment(data.get("html").asText());
            rows.select("span.line")
                    .forEach(row -> lines.put(
                            Long.parseLong(row.id().substring(1)), row.text().replaceFirst("^\\d+", "")));
        }
        return lines;
    }

    private static JsonNode json(String text) {
        try {
            return ForeignJson.tree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void manyViewersOfAZuulConsoleShareOneUpstreamAndGetEveryLineOnceNumberedAndEscaped() {
        String uuid = "aaaa0000000000000000000000000001";
        ConsoleScripts.Script script = scripts.of(uuid);
        StringBuilder first = new StringBuilder();
        for (int i = 1; i <= 300; i++) {
            first.append("2026-12-07 10:00:00.000000 | primary | step ")
                    .append(i)
                    .append(" of a long build\n");
        }
        script.write(first.toString());
        script.write(
                "2026-12-07 10:00:01.000000 | primary | <script>alert(1)</script> \u001b[31mERROR\u001b[0m: make failed\n");
        script.write("2026-12-07 10:00:02.000000 | primary | half a ");
        run(uuid, "contrail-unittest", "finger://ze01.example/" + uuid, true);

        List<SseEvents> viewers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            viewers.add(follow(uuid));
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() ->
                        viewers.forEach(viewer -> assertThat(lines(viewer)).hasSize(301)));
        script.write("line\n2026-12-07 10:00:03.000000 | primary | the end\n");
        script.end();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> viewers.forEach(
                        viewer -> assertThat(viewer.named("end")).hasSize(1)));

        assertThat(script.connections).hasValue(1);
        for (SseEvents viewer : viewers) {
            Map<Long, String> lines = lines(viewer);
            assertThat(lines).hasSize(303);
            assertThat(lines.get(1L)).contains("step 1 of a long build");
            assertThat(lines.get(301L)).contains("<script>alert(1)</script> ERROR: make failed");
            assertThat(lines.get(302L)).endsWith("half a line");
            assertThat(lines.get(303L)).endsWith("the end");
            String html = String.join(
                    "",
                    viewer.named("lines").stream()
                            .map(event -> json(event.data()).get("html").asText())
                            .toList());
            assertThat(html)
                    .doesNotContain("<script>")
                    .contains("&lt;script&gt;")
                    .contains("id=\"L301\"")
                    .contains("lvl-error");
            viewer.close();
        }
    }

    @Test
    void aBrokenStreamIsConnectedAgainWithoutALineLostOrRepeated() {
        String uuid = "bbbb0000000000000000000000000002";
        ConsoleScripts.Script script = scripts.of(uuid);
        script.breakAfter = 25;
        script.write("first line of the log\nsecond line of the log\nthird line\n");
        run(uuid, "contrail-sanity", "", true);
        try (SseEvents viewer = follow(uuid)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> lines(viewer).size() == 3);
            script.write("fourth line\n");
            script.end();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !viewer.named("end").isEmpty());
            assertThat(lines(viewer))
                    .containsExactly(
                            Map.entry(1L, "first line of the log"),
                            Map.entry(2L, "second line of the log"),
                            Map.entry(3L, "third line"),
                            Map.entry(4L, "fourth line"));
            assertThat(script.connections).hasValue(2);
            assertThat(viewer.named("state"))
                    .anySatisfy(event ->
                            assertThat(event.data()).contains("reconnecting").contains("4011"));
        }
    }

    @Test
    void aStreamLeftOpenAfterItsBuildEndedIsClosedAndTheConsoleEnds() {
        String uuid = "acac0000000000000000000000000008";
        ConsoleScripts.Script script = scripts.of(uuid);
        script.write("the last line Zuul will send\n");
        run(uuid, "contrail-unittest", "", true);
        try (SseEvents viewer = follow(uuid)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> lines(viewer).size() == 1);
            finish(uuid); // gone from Zuul's status; the stream never closes
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !viewer.named("end").isEmpty());
            assertThat(json(viewer.named("end").get(0).data()).get("last").asLong())
                    .isEqualTo(1);
        }
    }

    @Test
    void aViewerThatComesBackResumesAfterTheLastLineItHad() {
        String uuid = "cccc0000000000000000000000000003";
        ConsoleScripts.Script script = scripts.of(uuid);
        script.write("one\ntwo\nthree\n");
        run(uuid, "contrail-unittest", "", true);
        try (SseEvents first = follow(uuid)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> lines(first).size() == 3);
        }
        script.write("four\nfive\n");
        try (SseEvents back = follow(uuid, "Last-Event-ID", "3")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> lines(back).size() == 2);
            assertThat(lines(back)).containsOnlyKeys(4L, 5L);
            assertThat(back.named("lines").get(back.named("lines").size() - 1).id())
                    .isEqualTo("5");
        }
        try (SseEvents page = followAfter(uuid, 4)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> lines(page).size() == 1);
            assertThat(lines(page)).containsOnlyKeys(5L);
        }
    }

    @Test
    void aJenkinsBuildIsReadFromItsProgressiveTextThroughCutCharactersToItsEnd() {
        String uuid = "dddd0000000000000000000000000004";
        ConsoleScripts.Script script = scripts.of(uuid);
        script.write("Started by Zuul\nBuilding remotely on centos7 — naïve ☃ snow\n");
        run(
                uuid,
                "contrail-vnc-build",
                site.uri("/jenkins/job/" + uuid + "/7/consoleFull").toString(),
                true);
        try (SseEvents viewer = follow(uuid)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> lines(viewer).size() == 2);
            script.write("Finished: SUCCESS");
            script.end();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !viewer.named("end").isEmpty());
            assertThat(lines(viewer))
                    .containsExactly(
                            Map.entry(1L, "Started by Zuul"),
                            Map.entry(2L, "Building remotely on centos7 — naïve ☃ snow"),
                            Map.entry(3L, "Finished: SUCCESS"));
            assertThat(script.connections).hasValue(1);
        }
    }

    @Test
    void aQueuedBuildWaitsAndConnectsOnceItStarts() {
        String uuid = "eeee0000000000000000000000000005";
        ConsoleScripts.Script script = scripts.of(uuid);
        script.write("now running\n");
        run(uuid, "contrail-unittest", "", false);
        try (SseEvents viewer = follow(uuid)) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !viewer.named("state").isEmpty());
            assertThat(viewer.named("state").get(0).data()).contains("waiting");
            assertThat(script.connections).hasValue(0);
            run(uuid, "contrail-unittest", "", true);
            await().atMost(Duration.ofSeconds(20)).until(() -> lines(viewer).size() == 1);
            assertThat(script.connections).hasValue(1);
        }
    }

    @Test
    void theEndSendsViewersToTheStoredLogAndTheConsoleLeadsThereOnceStored() throws Exception {
        String uuid = "ffff0000000000000000000000000006";
        ConsoleScripts.Script script = scripts.of(uuid);
        script.write("building\n");
        run(uuid, "contrail-unittest", "", true);
        try (SseEvents viewer = follow(uuid)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> lines(viewer).size() == 1);
            script.end();
            finish(uuid);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !viewer.named("end").isEmpty());
            assertThat(json(viewer.named("end").get(0).data()).path("stored").asText())
                    .isEmpty();

            Build build = build(uuid);
            String root = BuildRecord.rootOf(build);
            server.getApplicationContext()
                    .getBean(LogStore.class)
                    .put(
                            root + "job-output.txt",
                            new java.io.ByteArrayInputStream("building\n".getBytes(StandardCharsets.UTF_8)),
                            "text/plain");
            server.getApplicationContext()
                    .getBean(BuildRecords.class)
                    .save(new BuildRecord(
                            build,
                            root,
                            "mqtt",
                            IngestState.DONE,
                            "",
                            1,
                            List.of(new BuildRecord.StoredFile("job-output.txt", 9, 9)),
                            Instant.now(),
                            Instant.now()));
            await().atMost(Duration.ofSeconds(20)).until(viewer::ended);
            assertThat(json(viewer.named("stored").get(0).data()).get("url").asText())
                    .isEqualTo("/" + root + "job-output.txt");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var page = site.get("/stream/" + uuid);
            assertThat(page.statusCode()).isEqualTo(303);
            assertThat(page.headers().firstValue("Location"))
                    .hasValue("/" + BuildRecord.rootOf(build(uuid)) + "job-output.txt");
        });
    }

    private static Build build(String uuid) {
        Instant start = Instant.parse("2026-12-07T10:00:00Z");
        return new Build(
                uuid,
                "contrail-unittest",
                Optional.of("SUCCESS"),
                true,
                "check",
                "Juniper/contrail-controller",
                "master",
                Optional.of(300001),
                Optional.of(1),
                "refs/changes/01/300001/1",
                "",
                "",
                Optional.of(start),
                Optional.of(start.plusSeconds(60)),
                Optional.empty(),
                "",
                "",
                "set-" + uuid);
    }

    @Test
    void thePageShowsTheLinesSoFarAsTheStoredLogDoesAndUnknownBuildsAreNotFound() {
        String uuid = "abab0000000000000000000000000007";
        ConsoleScripts.Script script = scripts.of(uuid);
        script.write("2026-12-07 10:00:00.000000 | primary | compiling <b>bold</b>\n");
        run(uuid, "contrail-unittest", "", true);
        try (SseEvents viewer = follow(uuid)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> lines(viewer).size() == 1);
            var page = site.get("/stream/" + uuid, "Accept", Http.BROWSER_ACCEPT);
            assertThat(page.statusCode()).isEqualTo(200);
            Document html = Jsoup.parse(page.body());
            assertThat(html.select("pre.log.live").attr("data-last")).isEqualTo("1");
            assertThat(html.select("pre.log.live").attr("data-events")).isEqualTo("/stream/" + uuid + "/events");
            assertThat(html.select("#L1 a.ln").attr("href")).isEqualTo("#L1");
            assertThat(html.select("#L1").text()).contains("compiling <b>bold</b>");
            assertThat(html.select("h1").text()).isEqualTo("Live console of contrail-unittest");
            assertThat(html.select(".live-state").attr("data-phase")).isEqualTo("streaming");
        }
        assertThat(site.get("/stream/0123456789abcdef0123456789abcdef", "Accept", Http.BROWSER_ACCEPT)
                        .statusCode())
                .isEqualTo(404);
        assertThat(site.get("/stream/0123456789abcdef0123456789abcdef/events").statusCode())
                .isEqualTo(404);
        assertThat(site.get("/stream/..%2F..%2Fetc/events").statusCode()).isEqualTo(404);
    }
}
