package org.opencontrail.web.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opencontrail.web.deploy.LocalSuite.App;
import org.opencontrail.web.fixtures.Http;

/**
 * Every endpoint that takes a body refuses one past its app's limit with 413 before reading it
 * whole, every app refuses an address or a header no browser sends (414, 431 or 400), and each stays
 * well: the apps as they run, with their shipped configuration.
 */
@ExtendWith(SandboxedSuite.class)
@Tag("suite")
class RequestSizeLimitsTest {

    private static final int MB = 1024 * 1024;

    private final Http http = Http.plain();

    /** One body sent to one endpoint, and the refusal expected: 413, or what the endpoint answers any body (405, 403). */
    private record Oversized(App app, String method, String path, String contentType, int bytes, int expected) {}

    @Test
    void bodiesPastTheLimitAre413AndTheAppsStayWell(SandboxedSuite.Running running) throws Exception {
        LocalSuite suite = running.suite();
        List<Oversized> sent = List.of(
                new Oversized(App.STATUS, "POST", "/", "application/json", 2 * MB, 405),
                new Oversized(App.STATUS, "POST", "/api/status", "application/json", 2 * MB, 405),
                new Oversized(App.LOGS, "POST", "/api/builds", "application/json", 2 * MB, 413),
                new Oversized(App.LOGS, "POST", "/api/search", "application/json", 2 * MB, 413),
                new Oversized(
                        App.LOGS, "POST", "/failures/proposals", "application/x-www-form-urlencoded", 2 * MB, 413),
                new Oversized(
                        App.LOGS,
                        "POST",
                        "/failures/proposals/1/accept",
                        "application/x-www-form-urlencoded",
                        2 * MB,
                        413),
                new Oversized(
                        App.LOGS,
                        "POST",
                        "/failures/proposals/1/reject",
                        "application/x-www-form-urlencoded",
                        2 * MB,
                        413),
                new Oversized(
                        App.GIT,
                        "POST",
                        "/Juniper/contrail-controller/git-upload-pack",
                        "application/x-git-upload-pack-request",
                        17 * MB,
                        413),
                new Oversized(
                        App.GIT,
                        "POST",
                        "/Juniper/contrail-controller/git-receive-pack",
                        "application/x-git-receive-pack-request",
                        17 * MB,
                        403));
        List<String> answers = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (Oversized oversized : sent) {
            URI uri = suite.url(oversized.app()).resolve(oversized.path());
            answers.add(oversized.method() + " " + oversized.path() + " " + rawStatus(uri, oversized));
            expected.add(oversized.method() + " " + oversized.path() + " " + oversized.expected());
        }
        assertThat(answers).containsExactlyElementsOf(expected);
        for (App app : App.values()) {
            assertThat(status(suite.url(app).resolve("/health")))
                    .as(app + " after the bodies")
                    .isEqualTo(200);
        }
    }

    @Test
    void addressesAndHeadersNoBrowserSendsAreRefused(SandboxedSuite.Running running) throws Exception {
        LocalSuite suite = running.suite();
        for (App app : App.values()) {
            URI site = suite.url(app);
            int longAddress = status(site.resolve("/" + "a".repeat(64 * 1024)));
            assertThat(longAddress).as(app + ": a 64 KB address").isIn(400, 413, 414);
            int longHeader = http.get(site.resolve("/"), "X-Padding", "b".repeat(64 * 1024))
                    .statusCode();
            assertThat(longHeader).as(app + ": a 64 KB header").isIn(400, 413, 431);
            assertThat(status(site.resolve("/health"))).as(app + " after them").isEqualTo(200);
        }
    }

    private int status(URI uri) {
        return http.timeout(Duration.ofSeconds(30)).get(uri).statusCode();
    }

    /**
     * Sends the head with the body's length and as much of the body as the server reads, then reads
     * the status line: a server that refuses early closes while the body is still being sent.
     */
    private static int rawStatus(URI uri, Oversized oversized) throws IOException {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String head = oversized.method() + " " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":"
                    + uri.getPort()
                    + "\r\nContent-Type: " + oversized.contentType() + "\r\nContent-Length: " + oversized.bytes()
                    + "\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            try {
                for (int sent = 0; sent < oversized.bytes(); sent += chunk.length) {
                    out.write(chunk, 0, Math.min(chunk.length, oversized.bytes() - sent));
                }
                out.flush();
            } catch (IOException closedEarly) {
                // the server answered and closed before taking the whole body: what a limit should do
            }
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
