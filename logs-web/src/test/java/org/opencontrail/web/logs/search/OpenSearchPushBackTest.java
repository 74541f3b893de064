package org.opencontrail.web.logs.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.logs.TemporaryLogsDir;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.logs.search.opensearch.OpenSearchException;
import org.opencontrail.web.logs.store.LogStore;

/**
 * Bulk indexing when the cluster pushes back. Between logs-web and a real OpenSearch cluster sits a
 * proxy that passes every request on, except the bulk requests it is told to refuse, the way a node
 * whose write queue is full refuses them: the whole request with 429, or each item with
 * {@code es_rejected_execution_exception} in a 200 answer. A build is slowed down and sent again,
 * never lost; a cluster that keeps refusing fails the build with a clear reason instead of waiting
 * for ever.
 */
@Tag("opensearch")
class OpenSearchPushBackTest {

    private static final List<String[]> FILES =
            List.<String[]>of(new String[] {"job-output.txt", "zuul-logjuicer-tests/zuul-console-01/console.good"});

    private final Http http = Http.plain();
    private final AtomicInteger refuseWhole = new AtomicInteger();
    private final AtomicInteger refuseItems = new AtomicInteger();
    private final AtomicInteger bulks = new AtomicInteger();
    private HttpServer proxy;

    @BeforeEach
    void startProxy() throws IOException {
        String node = SharedOpenSearch.cluster().url(0);
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> pass(exchange, node));
        proxy.start();
    }

    @AfterEach
    void stopProxy() {
        proxy.stop(0);
    }

    @Test
    void bulkRequestsRefusedAreSentAgainAndTheBuildIsIndexedWhole() throws Exception {
        try (ApplicationContext context = ApplicationContext.run(properties())) {
            refuseWhole.set(2);
            refuseItems.set(1);
            SearchIndex index = context.getBean(SearchIndex.class);
            IndexedFixtures.index(
                    context.getBean(LogStore.class),
                    index,
                    IndexedFixtures.build(
                            "0b0000000000000000000000000000aa", "pushed-back", "FAILURE", true, 3001, Instant.now()),
                    FILES);

            assertThat(refuseWhole.get()).as("every refusal was met").isZero();
            assertThat(refuseItems.get()).isZero();
            long lines = index.catalog().filesOf("0b0000000000000000000000000000aa").stream()
                    .mapToLong(FileFacts::lines)
                    .sum();
            assertThat(lines).isGreaterThan(200);
            assertThat(bulks.get())
                    .as("several bulk requests, three of them refused")
                    .isGreaterThan(4);
            long found = context.getBean(SearchService.class)
                    .search(new SearchRequest("build_name:pushed-back", null, null, Severity.NONE, 0, 1))
                    .total();
            assertThat(found)
                    .as("every line of the build, though three of its bulk requests were refused")
                    .isEqualTo(lines);
            assertThat(index.writeProblem()).isEmpty();
        }
    }

    @Test
    void aClusterThatKeepsRefusingFailsTheBuildWithItsReason() throws Exception {
        try (ApplicationContext context = ApplicationContext.run(properties())) {
            refuseWhole.set(Integer.MAX_VALUE);
            SearchIndex index = context.getBean(SearchIndex.class);
            int before = bulks.get();
            assertThatThrownBy(() -> IndexedFixtures.index(
                            context.getBean(LogStore.class),
                            index,
                            IndexedFixtures.build(
                                    "0b0000000000000000000000000000bb",
                                    "refused",
                                    "FAILURE",
                                    true,
                                    3002,
                                    Instant.now()),
                            FILES))
                    .isInstanceOf(OpenSearchException.class)
                    .hasMessageContaining("429");
            assertThat(bulks.get() - before)
                    .as("tries, each after a longer wait, then it gives up")
                    .isEqualTo(8);
            assertThat(index.writeProblem()).contains("429").contains("rejected");
        }
    }

    private Map<String, Object> properties() {
        Map<String, Object> properties = new java.util.HashMap<>(TemporaryLogsDir.properties("push-back"));
        properties.putAll(SharedOpenSearch.properties("push-back"));
        properties.put(
                "logs.search.opensearch.hosts",
                "127.0.0.1:" + proxy.getAddress().getPort());
        properties.put("logs.search.opensearch.bulk-bytes", "16384"); // several bulk requests for the build
        return properties;
    }

    /** Passes a request on to the node, unless it is a bulk request to refuse. */
    private void pass(HttpExchange exchange, String node) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            if (path.endsWith("/_bulk")) {
                bulks.incrementAndGet();
                if (refuseWhole.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                    answer(exchange, 429, """
                            {"error":{"root_cause":[{"type":"es_rejected_execution_exception","reason":"rejected execution of coordinating operation"}],\
                            "type":"es_rejected_execution_exception","reason":"rejected execution of coordinating operation"},"status":429}""");
                    return;
                }
                if (refuseItems.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                    answer(exchange, 200, """
                            {"took":1,"errors":true,"items":[{"index":{"_index":"logs","_id":"x","status":429,\
                            "error":{"type":"es_rejected_execution_exception","reason":"rejected execution of primary operation"}}}]}""");
                    return;
                }
            }
            String query = exchange.getRequestURI().getRawQuery();
            HttpRequest.Builder forward = http.request(node + path + (query == null ? "" : "?" + query))
                    .method(
                            exchange.getRequestMethod(),
                            body.length == 0
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null) {
                forward.header("Content-Type", type);
            }
            HttpResponse<byte[]> answer = http.send(forward, HttpResponse.BodyHandlers.ofByteArray());
            answer.headers()
                    .firstValue("Content-Type")
                    .ifPresent(value -> exchange.getResponseHeaders().set("Content-Type", value));
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(
                    answer.statusCode(), head || answer.body().length == 0 ? -1 : answer.body().length);
            if (!head) {
                exchange.getResponseBody().write(answer.body());
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
