package org.opencontrail.web.deploy.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.shared.testing.Tool;

/**
 * deploy/compose.scaled.yaml laid over compose.yaml, as Debian's docker-compose reads the two: two
 * replicas of every site, each on a port and a volume of its own and probed on its own port, all
 * on the same Kafka, ZooKeeper and OpenSearch, which the operator names or the engines profile runs.
 */
class ScaledComposeTest {

    private static final Path DEPLOY =
            Path.of(System.getProperty("suite.root", "..")).resolve("deploy");
    private static final List<String> APPS = List.of("status-web", "logs-web", "git-web");
    private static final List<String> ENGINES =
            List.of("KAFKA_BOOTSTRAP_SERVERS", "ZOOKEEPER_CONNECT", "LOGS_SEARCH_OPENSEARCH_HOSTS");

    private JsonNode config(Map<String, String> environment, String... profiles) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "docker-compose",
                "-f",
                DEPLOY.resolve("compose.yaml").toString(),
                "-f",
                DEPLOY.resolve("compose.scaled.yaml").toString()));
        for (String profile : profiles) {
            command.addAll(List.of("--profile", profile));
        }
        command.add("config");
        Tool config = Tool.run(Duration.ofMinutes(1), environment, command);
        assertThat(config.exitCode()).as(config.errors()).isZero();
        assertThat(config.errors()).as("warnings").isBlank();
        return new ObjectMapper(new YAMLFactory()).readTree(config.output());
    }

    @Test
    void everySiteRunsTwiceEachReplicaOnItsOwnPortVolumeAndProbe() throws Exception {
        JsonNode services = config(Map.of()).path("services");
        Set<String> ports = new HashSet<>();
        Set<String> volumes = new HashSet<>();
        for (String app : APPS) {
            for (String replica : List.of(app, app + "-2")) {
                JsonNode service = services.path(replica);
                assertThat(service.isMissingNode()).as(replica).isFalse();
                String port = service.at("/environment/MICRONAUT_SERVER_PORT").asText();
                assertThat(ports.add(port))
                        .as(replica + " on a port of its own: " + port)
                        .isTrue();
                String data = dataVolume(service);
                assertThat(volumes.add(data))
                        .as(replica + " with a /data of its own: " + data)
                        .isTrue();
                assertThat(service.at("/healthcheck/test").toString())
                        .as(replica + " probed on its own port")
                        .contains("/" + port + " ");
                assertThat(service.path("image").asText()).as(replica).contains("/" + app + ":");
            }
        }
    }

    private static String dataVolume(JsonNode service) {
        for (JsonNode volume : service.path("volumes")) {
            if (volume.asText().contains(":/data")) {
                return volume.asText().substring(0, volume.asText().indexOf(':'));
            }
        }
        throw new AssertionError("no /data volume in " + service);
    }

    @Test
    void everyReplicaSharesTheOperatorsEnginesOrThoseOfTheEnginesProfile() throws Exception {
        Map<String, String> operators = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                "kafka-1:9092,kafka-2:9092,kafka-3:9092",
                "ZOOKEEPER_CONNECT",
                "zk-1:2181",
                "OPENSEARCH_HOSTS",
                "https://search.example.org:9200",
                "BUILDS_DATABASE_URL",
                "jdbc:postgresql://db.example.org:5432/builds");
        JsonNode operated = config(operators).path("services");
        for (String app : APPS) {
            for (String replica : List.of(app, app + "-2")) {
                JsonNode environment = operated.path(replica).path("environment");
                assertThat(environment.path("KAFKA_BOOTSTRAP_SERVERS").asText())
                        .isEqualTo(operators.get("KAFKA_BOOTSTRAP_SERVERS"));
                assertThat(environment.path("ZOOKEEPER_CONNECT").asText()).isEqualTo("zk-1:2181");
                assertThat(environment.path("LOGS_SEARCH_OPENSEARCH_HOSTS").asText())
                        .isEqualTo("https://search.example.org:9200");
            }
        }
        for (String replica : List.of("logs-web", "logs-web-2")) {
            assertThat(operated.at("/" + replica + "/environment/DATASOURCES_DEFAULT_URL")
                            .asText())
                    .as(replica + " on the one builds database")
                    .isEqualTo("jdbc:postgresql://db.example.org:5432/builds");
        }
        for (String engine : List.of("kafka", "zookeeper", "opensearch", "postgres")) {
            assertThat(operated.at("/" + engine + "/profiles").toString())
                    .as(engine + " runs only when asked for")
                    .isEqualTo("[\"engines\"]");
        }

        JsonNode own = config(Map.of(), "engines").path("services");
        assertThat(own.has("kafka") && own.has("zookeeper") && own.has("opensearch") && own.has("postgres"))
                .isTrue();
        assertThat(own.at("/logs-web/environment/DATASOURCES_DEFAULT_URL").asText())
                .isEqualTo(own.at("/logs-web-2/environment/DATASOURCES_DEFAULT_URL")
                        .asText())
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/"
                        + own.at("/postgres/environment/POSTGRES_DB").asText());
        assertThat(own.at("/logs-web/environment/DATASOURCES_DEFAULT_USERNAME").asText())
                .isEqualTo(own.at("/postgres/environment/POSTGRES_USER").asText());
        assertThat(own.at("/logs-web/environment/LOGS_DATABASE_PASSWORD_FILE").asText())
                .as("the password is a file both read")
                .isEqualTo(
                        own.at("/postgres/environment/POSTGRES_PASSWORD_FILE").asText());
        assertThat(own.at("/logs-web/environment").toString()).doesNotContain("DATASOURCES_DEFAULT_PASSWORD");
        JsonNode environment = own.path("logs-web-2").path("environment");
        for (String engine : ENGINES) {
            assertThat(environment.path(engine).asText()).as(engine).startsWith("127.0.0.1:");
        }
        assertThat(own.at("/kafka/environment/KAFKA_ADVERTISED_LISTENERS").asText())
                .as("the broker the replicas are told of")
                .endsWith("//" + environment.path("KAFKA_BOOTSTRAP_SERVERS").asText());
    }
}
