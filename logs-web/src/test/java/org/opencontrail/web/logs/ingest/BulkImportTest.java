package org.opencontrail.web.logs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.FreePort;
import org.opencontrail.web.logs.builds.Progress;

/** {@code import DIR}: a log tree goes into the store with progress and a summary, and running it again stores nothing twice. */
class BulkImportTest {

    @TempDir
    Path temp;

    private static byte[] fixture(String path) throws IOException {
        try (InputStream in = BulkImportTest.class.getResourceAsStream("/logs/" + path)) {
            return in.readAllBytes();
        }
    }

    private Path tree() throws IOException {
        Path tree = temp.resolve("old-log-server");
        Path first = tree.resolve("87/52287/2/gate/gate-tempest-dsvm-full/df70dd4");
        Files.createDirectories(first.resolve("logs"));
        Files.write(first.resolve("console.html.gz"), fixture("openstack-os-loganalyze/console.html.gz"));
        Files.write(first.resolve("logs/screen-n-api.txt.gz"), fixture("openstack-os-loganalyze/screen-n-api.txt.gz"));
        Files.write(first.resolve("logs/syslog.txt"), fixture("openstack-os-loganalyze/syslog.txt"));
        Path second = tree.resolve("3e/3e1f7c0b9a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f/post/publish-docs/0123456");
        Files.createDirectories(second);
        Files.writeString(second.resolve("job-output.txt"), "published\n");
        Files.writeString(tree.resolve("robots.txt"), "User-agent: *\n");
        return tree;
    }

    private String run(Path tree, Path store) {
        return run(tree, store, Map.of());
    }

    /** Runs the command as {@code ./suite import} does, with these settings beside {@code logs.dir}. */
    private String run(Path tree, Path store, Map<String, String> settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> all = new HashMap<>(settings);
        all.put("logs.dir", store.toString());
        Map<String, String> previous = new HashMap<>();
        all.forEach((key, value) -> {
            previous.put(key, System.getProperty(key));
            System.setProperty(key, value);
        });
        try {
            int status = ImportCommand.run(
                    new String[] {tree.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
        } finally {
            previous.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLogTreeIsImportedOnceWithItsBuildsRecorded() throws Exception {
        Path tree = tree();
        Path store = temp.resolve("store");
        String first = run(tree, store);
        assertThat(first)
                .contains("Importing 5 files")
                .contains("import [########################] 100%  5/5 files")
                .contains("Stored 5 files, 0 were already there, 0 refused")
                .contains("2 builds recorded");
        assertThat(Files.readAllBytes(
                        store.resolve("objects/87/52287/2/gate/gate-tempest-dsvm-full/df70dd4/console.html.gz")))
                .isEqualTo(fixture("openstack-os-loganalyze/console.html.gz"));
        assertThat(Files.readString(store.resolve("builds/df70dd4.json")))
                .contains("\"job_name\" : \"gate-tempest-dsvm-full\"")
                .contains("\"source\" : \"import\"")
                .contains("logs/syslog.txt");
        assertThat(Files.readString(store.resolve("builds/0123456.json")))
                .contains("3e1f7c0b9a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f");

        String again = run(tree, store);
        assertThat(again).contains("Stored 0 files, 5 were already there");
    }

    @Test
    void importedBuildsAreIndexedIntoTheEmbeddedIndex() throws Exception {
        String output = run(tree(), temp.resolve("store"));
        assertThat(output).contains("Indexed 2 builds");
        assertThat(Files.readString(temp.resolve("store/builds/df70dd4.json"))).contains("\"state\" : \"done\"");
    }

    @Test
    void withAnOpenSearchClusterThatCannotBeReachedTheBuildsAreStoredAndLeftToIndexClearly() throws Exception {
        Path store = temp.resolve("store");
        String output = run(tree(), store, Map.of("logs.search.opensearch.hosts", "127.0.0.1:" + FreePort.next()));
        assertThat(output)
                .contains("Stored 5 files, 0 were already there, 0 refused")
                .contains("2 builds recorded")
                .contains("The imported builds are stored but not indexed: the OpenSearch cluster cannot be read")
                .contains("logs-web indexes them once it starts");
        assertThat(Files.readString(store.resolve("builds/df70dd4.json"))).contains("\"state\" : \"indexing\"");
        assertThat(Files.readAllBytes(
                        store.resolve("objects/87/52287/2/gate/gate-tempest-dsvm-full/df70dd4/console.html.gz")))
                .isEqualTo(fixture("openstack-os-loganalyze/console.html.gz"));
    }

    @Test
    void theProgressLineSaysRateAndTimeLeft() {
        Progress progress =
                new Progress(new PrintStream(new ByteArrayOutputStream()), true, "import", "files", 200, 100L << 20);
        String line = progress.line(50, 25L << 20, Duration.ofSeconds(10).toNanos());
        assertThat(line)
                .isEqualTo("import [######..................]  25%  50/200 files  25 MB/100 MB  2.5 MB/s  ETA 0:30");
    }

    @Test
    void aWrongCallSaysHow() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImportCommand.run(new String[0], new PrintStream(out, true, StandardCharsets.UTF_8)))
                .isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: import DIR");
        out.reset();
        System.setProperty("logs.dir", temp.resolve("store").toString());
        try {
            assertThat(ImportCommand.run(
                            new String[] {temp.resolve("nothing-here").toString()},
                            new PrintStream(out, true, StandardCharsets.UTF_8)))
                    .isEqualTo(2);
        } finally {
            System.clearProperty("logs.dir");
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("is not a folder");
    }
}
