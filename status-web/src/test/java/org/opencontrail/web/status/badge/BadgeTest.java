package org.opencontrail.web.status.badge;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.branding.contract.SiteClient;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResultParser;

@MicronautTest
class BadgeTest {

    @Inject
    EmbeddedServer server;

    @Inject
    LastResults results;

    private void result(String pipeline, String project, String branch, String result, double at) throws IOException {
        String json = "{\"action\":\"x\",\"pipeline\":\"" + pipeline + "\",\"project\":\"" + project
                + "\",\"branch\":\"" + branch + "\",\"timestamp\":" + at + ",\"buildset\":{\"uuid\":\"b\",\"result\":\""
                + result + "\",\"builds\":[]}}";
        results.onEvent(new BuildsetResultParser().parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> badge(String path) {
        return new SiteClient(server.getURL()).get(path, "image/svg+xml,*/*");
    }

    @Test
    void showsTheLastGateOrPostResultOfABranchInWordsAndColour() throws IOException {
        result("gate", "Juniper/contrail-controller", "master", "SUCCESS", 100);
        result("post", "Juniper/contrail-controller", "master", "POST_FAILURE", 200);
        result("check", "Juniper/contrail-controller", "master", "FAILURE", 300);
        result("gate", "Juniper/contrail-controller", "R5.0", "SUCCESS", 100);

        HttpResponse<String> master = badge("/badge/Juniper/contrail-controller.svg");
        assertThat(master.statusCode()).isEqualTo(200);
        assertThat(master.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
        assertThat(master.body()).contains("<title>post: post failure</title>").contains("#b3261e");
        assertThat(badge("/badge/Juniper/contrail-controller.svg?branch=R5.0").body())
                .contains("gate: passing")
                .contains("#17692f");
        assertThat(badge("/badge/Juniper/unknown.svg").body()).contains("gate: unknown");
    }

    @Test
    void whatAFeedSendsAsAResultNeverReachesTheSvg() throws IOException {
        result("gate", "evil/project", "master", "<script>alert(1)</script>", 100);

        String svg = badge("/badge/evil/project.svg").body();
        assertThat(svg).doesNotContain("<script").contains("gate: failing");
        assertThat(badge("/badge/evil/project.png").statusCode()).isEqualTo(404);
    }
}
