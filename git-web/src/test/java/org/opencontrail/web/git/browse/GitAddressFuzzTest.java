package org.opencontrail.web.git.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.opencontrail.web.git.location.GitLocation;
import org.opencontrail.web.git.mirror.Mirror;
import org.opencontrail.web.git.mirror.Mirrors;
import org.opencontrail.web.git.support.SourceRepository;
import org.opencontrail.web.shared.testing.Mutations;

/**
 * Any address a visitor, a crawler or a script can send (revisions with {@code ^} and {@code ~},
 * ranges, paths with {@code ..}, encoded slashes and bytes, views that do not exist) is answered
 * with a page, a redirect, 400 or 404: never a server error, and parsing it never throws.
 */
class GitAddressFuzzTest {

    private static final String PROJECT = "Juniper/contrail-controller";
    private static final Set<Integer> ANSWERS = Set.of(200, 301, 302, 303, 304, 400, 404, 405, 406);
    private static Path temp;
    private static SourceRepository source;
    private static EmbeddedServer server;

    @BeforeContainer
    static void start() throws Exception {
        temp = Files.createTempDirectory("git-address-fuzz");
        source = SourceRepository.create(temp.resolve("source"));
        for (int i = 0; i < 6; i++) {
            source.commit(
                    "Change " + i + "\n\nChange-Id: I" + "%040x".formatted(i) + "\n",
                    Map.of("src/file" + (i % 3) + ".c", "int v" + i + ";\n", "docs/read me.md", "# Notes " + i + "\n"));
        }
        source.tag("v1.0", source.git().log().call().iterator().next(), "Release 1.0");
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("git.dir", temp.resolve("mirrors").toString());
        properties.put("git.projects[0].name", PROJECT);
        properties.put("git.projects[0].url", source.url());
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        Mirrors mirrors = server.getApplicationContext().getBean(Mirrors.class);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mirrors.find(PROJECT).map(Mirror::ready).orElse(false));
    }

    @AfterContainer
    static void stop() {
        server.close();
        source.close();
    }

    @Provide
    Arbitrary<String> addresses() {
        List<String> samples = List.of(
                "/" + PROJECT + "/+/master/src/file1.c",
                "/" + PROJECT + "/+log/master~2..master/src",
                "/" + PROJECT + "/+/v1.0%5E%7B%7D/docs/read%20me.md",
                "/" + PROJECT + "/+blame/HEAD~1/src/file0.c",
                "/" + PROJECT + "/+archive/master.tar.gz",
                "/" + PROJECT + "/+refs",
                "/" + PROJECT + "/+atom/master",
                "/" + PROJECT + "/+/master%5E%21/",
                "/" + PROJECT + "/+log/refs/tags/v1.0?n=2&s=HEAD",
                "/" + PROJECT + "/+raw/master/docs/%2e%2e/src/file2.c",
                "/" + PROJECT + "/+ci/master?format=JSON",
                "/" + PROJECT + "/");
        Arbitrary<String> revisions = Arbitraries.strings()
                .withChars("^~{}@:./-_%!0123456789abcdefHEADmastr")
                .ofMaxLength(24);
        Arbitrary<String> withRevision = Combinators.combine(
                        Arbitraries.of("+", "+log", "+blame", "+raw", "+archive", "+diff", "+show", "+x"),
                        revisions,
                        Arbitraries.of("", "/src", "/src/file1.c", "/../..", "/docs/read%20me.md", ".tar.gz", ".zip"))
                .as((view, revision, path) -> "/" + PROJECT + "/" + view + "/" + revision + path);
        return Arbitraries.oneOf(Mutations.ofText(samples), withRevision).map(a -> a.startsWith("/") ? a : "/" + a);
    }

    @Property
    void everyAddressIsAPageARedirectOrAClearRefusal(@ForAll("addresses") String address) throws Exception {
        String target = sendable(address);

        int status = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> statusOf(target));

        assertThat(status).as(target).isIn(ANSWERS);
        assertThat(GitLocation.Address.parse(target.split("\\?")[0], PROJECT::equals))
                .isNotNull();
    }

    /** The address as a client puts it on the wire: bytes as they are (a literal ^ too, as curl sends it), but no space or line break. */
    private static String sendable(String address) {
        StringBuilder target = new StringBuilder();
        for (byte b : address.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            target.append(c <= 0x20 || c >= 0x7f || c == '#' ? "%%%02X".formatted(c) : String.valueOf((char) c));
        }
        return target.toString();
    }

    /** The status line's code for a GET of the target, sent as it is over a plain socket. */
    private static int statusOf(String target) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String status = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
            assertThat(status).as("the status line for " + target).startsWith("HTTP/1.1 ");
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
