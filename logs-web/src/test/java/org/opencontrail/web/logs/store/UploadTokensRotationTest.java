package org.opencontrail.web.logs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.logs.TemporaryLogsDir;

/** Upload tokens kept in a file (a Kubernetes Secret, a pushed file) are rotated without a restart. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadTokensRotationTest implements TestPropertyProvider {

    private static final String BUILD = "45/91245/3/check/contrail-vnc-build/7a6b5c4/";

    private Path tokens;
    private Path logsDir;

    @Inject
    EmbeddedServer server;

    @Inject
    LogStore store;

    private final Http http = Http.plain();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TemporaryLogsDir.properties("token-rotation"));
        logsDir = Path.of(properties.get("logs.dir"));
        try {
            tokens = Files.createTempDirectory("tokens").resolve("upload-tokens");
            write("# publishers\nold-token\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.put("logs.upload-tokens-file", tokens.toString());
        return properties;
    }

    /** As the kubelet or an operator replaces it: a whole new file moved in place. */
    private void write(String content) throws IOException {
        Path temp = tokens.resolveSibling("upload-tokens.new");
        Files.writeString(temp, content);
        Files.move(temp, tokens, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private HttpResponse<String> put(String name, HttpRequest.BodyPublisher body, String token) throws Exception {
        return http.put(server.getURL() + "/upload/" + BUILD + name, body, "Authorization", "Bearer " + token);
    }

    private HttpResponse<String> put(String name, String token) throws Exception {
        return put(name, HttpRequest.BodyPublishers.ofString("a line\n"), token);
    }

    @Test
    void theNextRequestUsesTheRotatedTokensTheOldOneStopsAndAnUploadInFlightIsKept() throws Exception {
        write("# publishers\nold-token\n");
        assertThat(put("before.txt", "old-token").statusCode()).isEqualTo(201);

        // an upload that began with the old token goes on while the tokens change: half its body is sent,
        // and the store has begun to spool it (its token was checked) before the tokens are rotated
        byte[] first = "first half\n".getBytes(StandardCharsets.UTF_8);
        byte[] second = "second half\n".getBytes(StandardCharsets.UTF_8);
        try (Socket upload = new Socket("127.0.0.1", server.getPort())) {
            OutputStream out = upload.getOutputStream();
            out.write(("PUT /upload/" + BUILD
                            + "in-flight.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer old-token\r\n"
                            + "Content-Length: " + (first.length + second.length) + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(first);
            out.flush();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                try (var spooled = Files.list(logsDir.resolve("spool"))) {
                    return spooled.findAny().isPresent();
                }
            });

            write("new-token\n");
            assertThat(put("old.txt", "old-token").statusCode())
                    .as("the old token stops working")
                    .isEqualTo(401);
            assertThat(put("new.txt", "new-token").statusCode())
                    .as("the new one works at once")
                    .isEqualTo(201);

            out.write(second);
            out.flush();
            String status = new java.io.BufferedReader(
                            new java.io.InputStreamReader(upload.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(status).as("the upload in flight").startsWith("HTTP/1.1 201");
        }
        assertThat(new String(store.open(BUILD + "in-flight.txt").orElseThrow().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("first half\nsecond half\n");
        assertThat(store.open(BUILD + "old.txt")).isEmpty();
    }

    @Test
    void anUnreadableTokensFileRefusesUploadsAsUnavailableNotAsAnUnknownToken() throws Exception {
        Files.deleteIfExists(tokens);
        try {
            HttpResponse<String> refused = put("gone.txt", "old-token");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body())
                    .contains("upload tokens file cannot be read")
                    .doesNotContain("old-token");
        } finally {
            write("old-token\n");
        }
    }
}
