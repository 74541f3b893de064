package org.opencontrail.web.logs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.logs.search.SharedOpenSearch;
import org.opencontrail.web.shared.json.ForeignJson;

/** {@code import DIR} with the index on OpenSearch: the builds are stored, then indexed on the cluster. */
@Tag("opensearch")
class ImportCommandOnOpenSearchTest {

    @TempDir
    Path temp;

    @Test
    void importedBuildsAreIndexedOnTheCluster() throws Exception {
        Path tree = temp.resolve("old-log-server");
        Path build = tree.resolve("87/52287/2/gate/gate-tempest-dsvm-full/df70dd4");
        Files.createDirectories(build.resolve("logs"));
        Files.writeString(build.resolve("job-output.txt"), "2024-01-02 03:04:05.678 | importedmarker ok\n");
        Files.writeString(build.resolve("logs/syslog.txt"), "Jan  2 03:04:05 node kernel: booted\n");
        Path store = temp.resolve("store");
        Map<String, String> settings = new HashMap<>();
        SharedOpenSearch.properties("import").forEach((key, value) -> settings.put(key, value.toString()));
        settings.put("logs.dir", store.toString());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        settings.forEach(System::setProperty);
        try {
            int status = ImportCommand.run(
                    new String[] {tree.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
        } finally {
            settings.keySet().forEach(System::clearProperty);
        }

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Stored 2 files")
                .contains("Indexed 1 builds");
        assertThat(Files.readString(store.resolve("builds/df70dd4.json"))).contains("\"state\" : \"done\"");
        String index = settings.get("logs.search.opensearch.index");
        HttpResponse<String> count =
                Http.plain().get(SharedOpenSearch.cluster().url(0) + "/" + index + "/_count?q=importedmarker");
        assertThat(ForeignJson.tree(count.body()).path("count").asLong())
                .as(count.body())
                .isPositive();
    }
}
