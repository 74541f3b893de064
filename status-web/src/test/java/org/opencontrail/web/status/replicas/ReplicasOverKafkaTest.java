package org.opencontrail.web.status.replicas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.branding.contract.SiteClient;
import org.opencontrail.web.fixtures.KafkaBroker;

/**
 * Two replicas of status-web read Gerrit's events from a real Kafka broker, written there as Gerrit's
 * events-kafka plugin writes them (a real Gerrit 3.11 session): each reads every event in a consumer
 * group of its own, and both show the same changes; /infra names every consumer group and its lag.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("kafka")
class ReplicasOverKafkaTest {

    private KafkaBroker kafka;
    private List<String> session;
    private EmbeddedServer first;
    private EmbeddedServer second;

    @BeforeAll
    void start() throws Exception {
        kafka = KafkaBroker.start();
        try (InputStream in =
                getClass().getResourceAsStream("/gerrit/real-gerrit-3.11.0/stream/session-demo-hello.jsonl")) {
            session = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        }
        // what Gerrit wrote before the replicas started: each reads it back (gerrit.kafka.replay)
        kafka.send(
                "gerrit", "demo/hello", session.subList(0, session.size() / 2).toArray(String[]::new));
        first = replica("status-web-0");
        second = replica("status-web-1");
    }

    private EmbeddedServer replica(String id) {
        return ApplicationContext.run(
                EmbeddedServer.class,
                Map.of("kafka.bootstrap-servers", kafka.bootstrapServers(), "suite.replica.id", id),
                "test");
    }

    @AfterAll
    void stop() throws Exception {
        first.close();
        second.close();
        kafka.close();
    }

    @Test
    void bothReplicasShowEveryChangeTheSameAndInfraNamesEachConsumer() throws Exception {
        kafka.send(
                "gerrit",
                "demo/hello",
                session.subList(session.size() / 2, session.size()).toArray(String[]::new));
        SiteClient a = new SiteClient(first.getURL());
        SiteClient b = new SiteClient(second.getURL());
        for (int change = 1; change <= 3; change++) {
            String path = "/change/" + change;
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> a.page(path).statusCode() == 200
                            && b.page(path).statusCode() == 200
                            && main(a, path).equals(main(b, path)));
        }
        assertThat(main(a, "/change/3")).contains("Add c");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> main(a, "/change/1").equals(main(b, "/change/1"))
                        && main(a, "/change/1").contains("MERGED"));

        ObjectMapper json = new ObjectMapper();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode topic = json.readTree(a.page("/api/infra").body()).path("gerritTopic");
            return topic.path("consumers").size() == 2;
        });
        JsonNode topic = json.readTree(a.page("/api/infra").body()).path("gerritTopic");
        assertThat(topic.path("topic").asText()).isEqualTo("gerrit");
        assertThat(topic.path("relayed").asBoolean())
                .as("the events-kafka plugin writes it, no relay")
                .isFalse();
        assertThat(topic.path("consumers").findValuesAsText("group"))
                .containsExactlyInAnyOrder("status-web-status-web-0", "status-web-status-web-1");
        JsonNode health =
                json.readTree(b.page("/health").body()).path("details").path("gerrit-kafka");
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("details").path("group").asText()).isEqualTo("status-web-status-web-1");
        assertThat(Jsoup.parse(a.page("/infra").body())
                        .select("table.consumer-lags td")
                        .eachText())
                .contains("status-web-status-web-0", "status-web-status-web-1");
    }

    private static String main(SiteClient site, String path) throws Exception {
        return Jsoup.parse(site.page(path).body()).select("main").text();
    }
}
