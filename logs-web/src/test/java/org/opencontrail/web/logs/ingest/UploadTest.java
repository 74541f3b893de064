package org.opencontrail.web.logs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.store.LogStore;

/** Publishers push files and build archives with a token; whatever is hostile in them is refused with the reason. */
@MicronautTest
@Property(name = "logs.upload-tokens", value = "jenkins-publisher")
@Property(name = "logs.ingest.max-files", value = "50")
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class UploadTest implements io.micronaut.test.support.TestPropertyProvider {

    @Override
    public java.util.Map<String, String> getProperties() {
        return org.opencontrail.web.logs.TemporaryLogsDir.properties("upload-test");
    }

    private static final String TOKEN = "jenkins-publisher";
    private static final String ROOT = "45/91245/3/check/contrail-vnc-build/7a6b5c4/";

    @Inject
    EmbeddedServer server;

    @Inject
    LogStore store;

    private final Http http = Http.plain();
    private final ObjectMapper json = new ObjectMapper();

    private HttpResponse<String> send(String method, String path, byte[] body, String token) throws Exception {
        HttpRequest.Builder request = http.request(server.getURL() + path, "Content-Type", "application/octet-stream")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] fixture(String path) throws IOException {
        try (InputStream in = UploadTest.class.getResourceAsStream("/logs/" + path)) {
            return in.readAllBytes();
        }
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    @Test
    void aFilePutAtItsPathIsStoredAndListedOnItsBuild() throws Exception {
        byte[] log = fixture("openstack-os-loganalyze/screen-c-api.txt");
        HttpResponse<String> created = send("PUT", "/upload/" + ROOT + "logs/screen-c-api.txt", log, TOKEN);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode answer = json.readTree(created.body());
        assertThat(answer.path("size").asLong()).isEqualTo(log.length);
        assertThat(answer.path("content_type").asText()).isEqualTo("text/plain");
        try (InputStream in = store.open(ROOT + "logs/screen-c-api.txt").orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(log);
        }
        // indexed for search a moment later (files uploaded one by one are indexed once)
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> json.readTree(http.get(server.getURL() + "/api/builds/7a6b5c4")
                                .body())
                        .path("state")
                        .asText()
                        .equals("done"));
        JsonNode build =
                json.readTree(http.get(server.getURL() + "/api/builds/7a6b5c4").body());
        JsonNode found = json.readTree(http.get(URI.create(server.getURL()
                        + "/api/search?q=build_short_uuid:7a6b5c4+AND+filename:%22logs/screen-c-api.txt%22&size=1"))
                .body());
        assertThat(found.path("total").asLong()).isEqualTo(3695); // every line of it
        assertThat(build.path("job_name").asText()).isEqualTo("contrail-vnc-build");
        assertThat(build.path("ref").path("change").asInt()).isEqualTo(91245);
        assertThat(build.path("files").findValuesAsText("path")).contains("logs/screen-c-api.txt");
    }

    @Test
    void nothingIsUploadedIntoTheSitesOwnFolderOfRecords() throws Exception {
        HttpResponse<String> file =
                send("PUT", "/upload/_records/0123456789abcdef.json", "{}".getBytes(StandardCharsets.UTF_8), TOKEN);
        assertThat(file.statusCode()).isEqualTo(400);
        assertThat(file.body()).contains("holds the site's build records");
        HttpResponse<String> archive = send("POST", "/api/upload/_records", new byte[0], TOKEN);
        assertThat(archive.statusCode()).isEqualTo(400);
        assertThat(store.head(BuildRecords.STORE_FOLDER + "0123456789abcdef.json"))
                .isEmpty();
    }

    @Test
    void withoutTheTokenNothingIsStored() throws Exception {
        assertThat(send("PUT", "/upload/" + ROOT + "x.txt", new byte[] {'x'}, null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("PUT", "/upload/" + ROOT + "x.txt", new byte[] {'x'}, "guess")
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("POST", "/api/upload/" + ROOT, new byte[] {'x'}, null).statusCode())
                .isEqualTo(401);
        assertThat(store.head(ROOT + "x.txt")).isEmpty();
    }

    @Test
    void oddPathsAreRefused() throws Exception {
        for (String path :
                new String[] {"45/%2e%2e/%2e%2e/etc/x.txt", "45//x.txt", "45/%00/x.txt", "45/..%5c..%5cx.txt"}) {
            HttpResponse<String> answer = send("PUT", "/upload/" + path, new byte[] {'x'}, TOKEN);
            assertThat(answer.statusCode()).as(path).isBetween(400, 404);
        }
        assertThat(store.list("").folders()).doesNotContain("etc/");
    }

    @Test
    void anArchiveIsStoredUnderTheBuildAndItsHostileEntriesAreRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            add(tar, "./job-output.txt", "2026-11-24 10:00:00.000000 | ok\n".getBytes(StandardCharsets.UTF_8));
            add(tar, "logs/syslog.txt", fixture("zuul-logjuicer-tests/syslog-01/syslog.fail"));
            add(tar, "logs/screen-n-api.txt.gz", fixture("openstack-os-loganalyze/screen-n-api.txt.gz"));
            add(
                    tar,
                    "logs/<script>alert(1)</script>.txt",
                    "hostile name, harmless content\n".getBytes(StandardCharsets.UTF_8));
            add(tar, "../../outside.txt", "escape\n".getBytes(StandardCharsets.UTF_8));
            add(tar, "/etc/passwd", "root:x:0:0\n".getBytes(StandardCharsets.UTF_8));
            TarArchiveEntry link = new TarArchiveEntry("logs/passwd", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            byte[] gzip = fixture("openstack-os-loganalyze/screen-c-api.txt.gz");
            add(tar, "logs/cut.txt.gz", java.util.Arrays.copyOf(gzip, gzip.length / 3));
        }
        HttpResponse<String> created = send("POST", "/api/upload/" + ROOT, bytes.toByteArray(), TOKEN);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode answer = json.readTree(created.body());
        assertThat(answer.path("files").findValuesAsText("path"))
                .containsExactlyInAnyOrder(
                        "job-output.txt",
                        "logs/syslog.txt",
                        "logs/screen-n-api.txt.gz",
                        "logs/<script>alert(1)</script>.txt",
                        "etc/passwd");
        assertThat(answer.path("refused").findValuesAsText("name"))
                .containsExactlyInAnyOrder("../../outside.txt", "logs/passwd", "logs/cut.txt.gz");
        assertThat(store.head(ROOT + "etc/passwd"))
                .as("an absolute name stays inside the build, as tar does")
                .isPresent();
        assertThat(answer.path("refused").toString()).contains("a link").contains("not a whole gzip file");
        assertThat(store.head("45/91245/3/check/outside.txt")).isEmpty();
        try (InputStream in = store.open(ROOT + "logs/syslog.txt").orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(fixture("zuul-logjuicer-tests/syslog-01/syslog.fail"));
        }
    }

    @Test
    void anArchiveOfTooManyFilesStopsAtTheLimitWithTheReason() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (int i = 0; i < 2000; i++) {
                add(tar, "logs/tiny-" + i + ".txt", new byte[] {'t'});
            }
        }
        HttpResponse<String> refused =
                send("POST", "/api/upload/12/300012/1/check/many-files/1234567/", bytes.toByteArray(), TOKEN);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("more than 50 files");
    }

    @Test
    void whatIsNotAnArchiveIsAClearError() throws Exception {
        HttpResponse<String> answer = send(
                "POST",
                "/api/upload/" + ROOT,
                "just text, no tar\n".repeat(100).getBytes(StandardCharsets.UTF_8),
                TOKEN);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("not a readable tar");
    }
}
