package org.opencontrail.web.shared.zuul.builds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.shared.zuul.ZuulSettings;

class ZuulBuildsClientTest {

    private static final String BUILDS = """
            [{"uuid":"9d1f6c2b7a3e4f","job_name":"contrail-vnc-build-unittest-ubuntu-trusty","result":"SUCCESS",
              "start_time":"2026-11-24T09:00:00","end_time":"2026-11-24T09:42:30","duration":2550.0,"voting":true,
              "log_url":"https://logs.opencontrail.org/34/41234/3/check/contrail-vnc-build-unittest-ubuntu-trusty/9d1f6c2/",
              "nodeset":"ubuntu-trusty-builder","error_detail":null,"final":true,"artifacts":[],
              "ref":{"project":"Juniper/contrail-controller","branch":"master","change":41234,"patchset":"3",
                     "ref":"refs/changes/34/41234/3","oldrev":null,"newrev":null,"ref_url":"https://review.opencontrail.org/41234"},
              "pipeline":"check","event_id":"e1","buildset":{"uuid":"bs9"}},
             {"uuid":"0b","job_name":"publish-third-party-packages","result":null,"voting":true,"pipeline":"post",
              "ref":{"project":"Juniper/contrail-third-party-packages","branch":"master","ref":"refs/heads/master","newrev":"c0ffee"}}]
            """;

    private HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private volatile String body = BUILDS;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/tenant/opencontrail/builds", exchange -> {
            queries.add(exchange.getRequestURI().getRawQuery());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ZuulBuildsClient client() {
        return new ZuulBuildsClient(new ZuulSettings(
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "opencontrail",
                Duration.ofSeconds(2),
                Duration.ofSeconds(5)));
    }

    @Test
    void readsBuildsWithTheirRefsAndSendsOnlyTheGivenFilters() throws Exception {
        List<Build> builds = client().builds(new ZuulBuildsClient.Query(
                "Juniper/contrail-controller", "check", Optional.of(41234), "", "", "", 50));

        assertThat(queries)
                .containsExactly("project=Juniper%2Fcontrail-controller&pipeline=check&change=41234&limit=50");
        Build unit = builds.get(0);
        assertThat(unit.job()).isEqualTo("contrail-vnc-build-unittest-ubuntu-trusty");
        assertThat(unit.shortUuid()).isEqualTo("9d1f6c2");
        assertThat(unit.result()).hasValue("SUCCESS");
        assertThat(unit.change()).hasValue(41234);
        assertThat(unit.patchSet()).hasValue(3);
        assertThat(unit.startTime()).hasValue(Instant.parse("2026-11-24T09:00:00Z"));
        assertThat(unit.duration()).hasValue(Duration.ofSeconds(2550));
        assertThat(unit.errorDetail()).isEmpty();
        assertThat(unit.buildsetUuid()).isEqualTo("bs9");

        Build post = builds.get(1);
        assertThat(post.result()).isEmpty();
        assertThat(post.change()).isEmpty();
        assertThat(post.newrev()).isEqualTo("c0ffee");
    }

    @Test
    void anAnswerThatIsNotAListIsAnError() {
        body = "{\"error\":\"no such tenant\"}";
        assertThatThrownBy(() -> client().builds(ZuulBuildsClient.Query.latest(10)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not answer a list");
    }
}
