package org.opencontrail.web.logs.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.logs.TemporaryLogsDir;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.database.BuildsReader;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.logs.search.QueryLanguage;
import org.opencontrail.web.logs.search.SearchIndex;
import org.opencontrail.web.logs.search.SearchRequest;
import org.opencontrail.web.logs.search.SearchResult;
import org.opencontrail.web.logs.search.SearchService;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.shared.zuul.builds.Build;

/**
 * elastic-recheck's real signatures run here as written, and a failed build is classified by the
 * signatures its logs match the moment it is indexed: voting, test ids and negations included.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnownFailuresTest {

    private ApplicationContext context;
    private KnownFailures known;
    private int counter;

    /** The app's settings: the embedded index here; the same tests run on OpenSearch in a subclass. */
    Map<String, Object> properties() {
        return new HashMap<>(TemporaryLogsDir.properties("known-failures"));
    }

    @BeforeAll
    void start() throws Exception {
        Map<String, Object> properties = properties();
        Path signatures = Files.createTempDirectory("signatures");
        for (Path yaml : fixtureSignatures()) {
            Files.copy(yaml, signatures.resolve(yaml.getFileName()));
        }
        properties.put("logs.signatures.dir", signatures.toString());
        properties.put("logs.signatures.reload", "300ms");
        context = ApplicationContext.run(properties);
        known = context.getBean(KnownFailures.class);
        await().until(known::ready);
    }

    @AfterAll
    void stop() {
        context.close();
    }

    private static List<Path> fixtureSignatures() throws IOException, URISyntaxException {
        Path dir =
                Path.of(KnownFailuresTest.class.getResource("/elastic-recheck").toURI());
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static String fixture(String path) throws IOException {
        try (InputStream in = KnownFailuresTest.class.getResourceAsStream("/logs/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A build of {@code job} with the files given (path -> text), stored and indexed. */
    private String build(String job, String result, boolean voting, Map<String, String> files) throws IOException {
        String uuid = String.format("%07x", 0xabc0000 + ++counter) + "0000000000000000000000000";
        Build build = new Build(
                uuid,
                job,
                Optional.of(result),
                voting,
                "check",
                "openstack/nova",
                "master",
                Optional.of(61000 + counter),
                Optional.of(1),
                "refs/changes/00/61000/1",
                "",
                "",
                Optional.of(Instant.now().minusSeconds(900)),
                Optional.of(Instant.now()),
                Optional.empty(),
                "ubuntu-bionic",
                "",
                "");
        String root = BuildRecord.rootOf(build);
        LogStore store = context.getBean(LogStore.class);
        List<BuildRecord.StoredFile> stored = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            var object = store.put(
                    root + file.getKey(),
                    new ByteArrayInputStream(file.getValue().getBytes(StandardCharsets.UTF_8)),
                    null);
            stored.add(new BuildRecord.StoredFile(file.getKey(), object.size(), object.storedSize()));
        }
        BuildRecord record =
                new BuildRecord(build, root, "test", IngestState.INDEXING, "", 0, stored, Instant.now(), Instant.now());
        context.getBean(BuildRecords.class).save(record); // its row in the builds database
        context.getBean(SearchIndex.class).index(record);
        return uuid;
    }

    private static Map<String, String> console(String... lines) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(
                "job-output.txt",
                fixture("zuul-logjuicer-tests/zuul-console-01/console.fail") + String.join("\n", lines) + "\n");
        return files;
    }

    @Test
    void allSixtySignaturesAreReadAndRun() throws Exception {
        Signatures signatures = context.getBean(Signatures.class);
        assertThat(signatures.problems()).isEmpty();
        assertThat(signatures.all()).hasSize(60);
        SearchService search = context.getBean(SearchService.class);
        for (Signatures.Compiled signature : signatures.all()) {
            SearchResult result =
                    search.search(new SearchRequest(signature.signature().query(), null, null, Severity.NONE, 0, 10));
            assertThat(result.warnings()).as(signature.signature().id()).isEmpty();
            assertThat(result.timedOut()).isFalse();
        }
    }

    @Test
    void theRecordedLogstashQueriesParseAndRun() throws Exception {
        Path dir = Path.of(KnownFailuresTest.class
                .getResource("/elastic-recheck/logstash-hits")
                .toURI());
        List<Path> queries;
        try (Stream<Path> list = Files.list(dir)) {
            queries = list.filter(p -> p.toString().endsWith(".yaml")).toList();
        }
        assertThat(queries).hasSize(3);
        for (Path file : queries) {
            Signature signature = Signature.parse("recorded", Files.readString(file));
            QueryLanguage.Parsed parsed = context.getBean(QueryLanguage.class).parse(signature.query());
            assertThat(parsed.warnings()).as(file.toString()).isEmpty();
            context.getBean(SearchService.class)
                    .search(new SearchRequest(signature.query(), null, null, Severity.NONE, 0, 10));
        }
    }

    @Test
    void aFailedBuildIsClassifiedWhenItIsIndexed() throws Exception {
        String uuid = build(
                "tempest-full",
                "FAILURE",
                true,
                console("2019-04-01 10:00:00.000 | fatal: Could not read from remote repository."));
        assertThat(known.of(uuid)).containsExactly("1384373");
        assertThat(context.getBean(BuildsReader.class).knownFailures(uuid))
                .as("its row in the builds database")
                .containsExactly("1384373");
    }

    @Test
    void aFailureOnlyTheJobsReportKeptIsKnownToo() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("job-output.txt", "2019-04-01 10:00:00.000 | TASK [Clone]\n");
        files.put("job-output.json", """
                [{"phase": "run", "playbook": "playbooks/clone.yaml",
                  "plays": [{"play": {"name": "all"}, "tasks": [{"task": {"name": "Clone"},
                    "hosts": {"primary": {"failed": true, "rc": 128,
                      "stdout_lines": ["Cloning into 'nova'...", "[Errno 256] No more mirrors to try"]}}}]}],
                  "stats": {"primary": {"ok": 0, "changed": 0, "failures": 1}}}]
                """);
        String uuid = build("tempest-full", "FAILURE", true, files);
        assertThat(known.of(uuid)).containsExactly("1708704");
    }

    @Test
    void votingIsRequiredUnlessTheSignatureAllowsNonVoting() throws Exception {
        String uuid = build(
                "tempest-full",
                "FAILURE",
                false,
                console(
                        "2019-04-01 10:00:00.000 | fatal: Could not read from remote repository.",
                        "2019-04-01 10:00:01.000 | Error: [Errno 256] No more mirrors to try."));
        assertThat(known.of(uuid)).containsExactly("1708704");
    }

    @Test
    void serviceLogSignaturesMatchOnTheirFile() throws Exception {
        String line =
                "2019-03-01 10:00:00.000 1234 WARNING nova.compute.manager [req-1 - - - - -] [instance: 0d2c] Detach interface failed, "
                        + "port_id=f3a1, reason: Device detach failed for fa:16:3e:00:00:01: Unable to detach from guest transient domain.";
        Map<String, String> inService = new LinkedHashMap<>();
        inService.put("controller/logs/screen-n-cpu.txt", line + "\n");
        assertThat(known.of(build("nova-live-migration", "FAILURE", true, inService)))
                .containsExactly("1696125");
        Map<String, String> elsewhere = new LinkedHashMap<>();
        elsewhere.put("controller/logs/screen-n-api.txt", line + "\n");
        assertThat(known.of(build("nova-live-migration", "FAILURE", true, elsewhere)))
                .isEmpty();
    }

    @Test
    void testIdsMustHaveFailedToo() throws Exception {
        String message = "2019-04-01 10:00:00.000 | Details: Timeout while verifying metadata on server.";
        assertThat(known.of(build("tempest-full", "FAILURE", true, console(message))))
                .isEmpty();
        String failed =
                "2019-04-01 10:00:02.000 | {0} tempest.api.compute.servers.test_device_tagging.TaggedAttachmentsTest."
                        + "test_tagged_attachment [300.1s] ... FAILED";
        assertThat(known.of(build("tempest-full", "FAILURE", true, console(message, failed))))
                .containsExactly("1775947");
    }

    @Test
    void negatedClausesExcludeJobs() throws Exception {
        String timedOut =
                "2019-04-01 10:00:00.000 | RUN END RESULT_TIMED_OUT: [untrusted : git.openstack.org/openstack/tempest/playbooks/"
                        + "devstack-tempest.yaml@master]";
        assertThat(known.of(build("tempest-slow", "TIMED_OUT", true, console(timedOut))))
                .containsExactly("1686542");
        assertThat(known.of(build("tempest-full", "TIMED_OUT", true, console(timedOut))))
                .containsExactly("1686542", "1783405");
    }

    @Test
    void aPassingBuildMatchesButIsNotClassified() throws Exception {
        String uuid = build(
                "tempest-full",
                "SUCCESS",
                true,
                console("2019-04-01 10:00:00.000 | fatal: Could not read from remote repository."));
        assertThat(known.of(uuid)).isEmpty();
        assertThat(known.matching(uuid)).containsExactly("1384373");
        assertThat(known.buildsOf("1384373")).contains(uuid);
    }

    @Test
    void aSignatureAddedToTheFolderIsReadAndRunOnEveryBuild() throws Exception {
        String uuid = build(
                "tempest-full",
                "FAILURE",
                true,
                console("2019-04-01 10:00:00.000 | contrail-vrouter-agent: no route to 10.0.0.9"));
        assertThat(known.of(uuid)).isEmpty();
        Signatures signatures = context.getBean(Signatures.class);
        Files.writeString(
                signatures.dir().resolve("1999999.yaml"), "query: >-\n  message:\"no route to\" AND tags:console\n");
        await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> known.of(uuid).contains("1999999"));
        Files.writeString(signatures.dir().resolve("broken.yaml"), "query: message:\"unbalanced\n");
        await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> !signatures.problems().isEmpty());
        assertThat(signatures.problems().get(0).file()).isEqualTo("broken.yaml");
        Files.delete(signatures.dir().resolve("broken.yaml"));
        Files.delete(signatures.dir().resolve("1999999.yaml"));
        await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> !known.of(uuid).contains("1999999") && known.ready());
    }
}
