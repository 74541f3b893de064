package org.opencontrail.web.logs.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.logs.urls.LogsUrls;

/** Every real log of the test data renders: one line on the page for each line of the file, nothing raw from terminals. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FixturesRenderTest implements TestPropertyProvider {

    private static final String BUILD = "12/300012/1/check/fixtures/abcdef0/";

    @Inject
    EmbeddedServer server;

    @Inject
    LogStore store;

    private final Http http = Http.plain();

    @Override
    public java.util.Map<String, String> getProperties() {
        return org.opencontrail.web.logs.TemporaryLogsDir.properties("fixtures-render-test");
    }

    private static Path fixtures() {
        try {
            return Path.of(FixturesRenderTest.class
                            .getResource("/logs/SOURCES.md")
                            .toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long lines(byte[] content) {
        long count = 0;
        for (byte b : content) {
            count += b == '\n' ? 1 : 0;
        }
        return content.length > 0 && content[content.length - 1] != '\n' ? count + 1 : count;
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureRenders() throws IOException {
        Path root = fixtures();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(30);
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(root.relativize(file).toString(), () -> {
                    String key = BUILD + root.relativize(file).toString().replace('\\', '/');
                    byte[] bytes = Files.readAllBytes(file);
                    store.put(key, new ByteArrayInputStream(bytes), null);
                    byte[] text = file.toString().endsWith(".gz")
                            ? new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes()
                            : bytes;
                    HttpResponse<InputStream> response = http.stream(
                            server.getURL() + LogsUrls.file(key), "Accept", "text/html", "User-Agent", "Mozilla/5.0");
                    assertThat(response.statusCode()).isEqualTo(200);
                    String html;
                    try (InputStream in = response.body()) {
                        html = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    }
                    Document page = Jsoup.parse(html);
                    if (page.select(".binary-note").isEmpty()) {
                        boolean utf16 = text.length >= 2 && ((text[0] & 0xff) == 0xfe || (text[0] & 0xff) == 0xff);
                        if (!utf16) {
                            assertThat((long) page.select("pre.log > span.line").size())
                                    .isEqualTo(lines(text));
                        }
                        assertThat(html).doesNotContain("\u001b").doesNotContain("\u0000");
                    }
                }));
    }
}
