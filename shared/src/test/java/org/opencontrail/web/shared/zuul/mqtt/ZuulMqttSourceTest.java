package org.opencontrail.web.shared.zuul.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.FreePort;
import org.opencontrail.web.shared.source.SourceState;
import org.opencontrail.web.shared.zuul.builds.Build;

/** Zuul-shaped buildset results carried by a real MQTT broker (embedded Moquette) to the subscriber. */
class ZuulMqttSourceTest {

    static final String RESULT = """
            {"timestamp":1795510000.5,"action":"failure","tenant":"opencontrail","pipeline":"gate","queue":"contrail-vnc",
             "project":"Juniper/contrail-controller","branch":"master","change_url":"https://review.opencontrail.org/41234",
             "change":41234,"patchset":"3","commit_id":"a1b2c3","owner":{"name":"Dev One","username":"dev1"},
             "ref":"refs/changes/34/41234/3","message":"Build failed.","enqueue_time":1795509000.0,"uuid":"item-1",
             "buildset":{"uuid":"bs-1","result":"FAILURE","builds":[
               {"job_name":"contrail-vnc-build-package-centos74","job_uuid":"j1","voting":true,"uuid":"3f2a9c1d0e","start_time":1795509100,
                "end_time":1795509700,"log_url":"https://logs.opencontrail.org/34/41234/3/gate/contrail-vnc-build-package-centos74/3f2a9c1/",
                "result":"FAILURE","dependencies":[],"artifacts":[]},
               {"job_name":"contrail-vnc-specs-linter","voting":false,"uuid":"77aa","result":"SUCCESS","start_time":1795509100,"end_time":1795509160}],
             "retry_builds":[]}}
            """;

    @TempDir
    Path dir;

    private Server broker;
    private int port;
    private ZuulMqttSource source;

    @BeforeEach
    void startBroker() throws IOException {
        port = FreePort.next();
        startBrokerOnPort();
    }

    private void startBrokerOnPort() throws IOException {
        Properties properties = new Properties();
        properties.setProperty("host", "127.0.0.1");
        properties.setProperty("port", String.valueOf(port));
        properties.setProperty("websocket_port", "disabled");
        properties.setProperty("allow_anonymous", "true");
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("data_path", dir.toString());
        broker = new Server();
        broker.startServer(new MemoryConfig(properties));
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        broker.stopServer();
    }

    private ZuulMqttSource subscriber() throws Exception {
        ZuulMqttSettings config = new ZuulMqttSettings(
                "tcp://127.0.0.1:" + port,
                "zuul/#",
                "",
                "",
                "",
                // a stopping broker closes its connections, seen at once; a keepalive of a second or two
                // would also drop one now and then on a busy machine, a reconnection more than the test's
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                Duration.ofMillis(300));
        ZuulMqttSource mqtt = new ZuulMqttSource(config, Clock.systemUTC());
        return mqtt;
    }

    private void publish(String topic, byte[] payload) throws Exception {
        MqttClient publisher = new MqttClient("tcp://127.0.0.1:" + port, "zuul-reporter", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        publisher.connect(options);
        publisher.publish(topic, payload, 1, false);
        publisher.disconnect();
        publisher.close();
    }

    @Test
    void buildsetResultsArriveDecoded() throws Exception {
        List<BuildsetResult> results = new CopyOnWriteArrayList<>();
        source = subscriber();
        source.subscribe(results::add);
        source.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> source.health().state() == SourceState.CONNECTED);

        publish(
                "zuul/opencontrail/gate/Juniper/contrail-controller/master/41234/3",
                RESULT.getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(10)).until(() -> results.size() == 1);
        BuildsetResult result = results.get(0);
        assertThat(result.action()).isEqualTo("failure");
        assertThat(result.finished()).isTrue();
        assertThat(result.queue()).isEqualTo("contrail-vnc");
        assertThat(result.change()).hasValue(41234);
        assertThat(result.patchSet()).as("sent as a string").hasValue(3);
        assertThat(result.owner()).isEqualTo("Dev One");
        assertThat(result.timestamp()).hasValue(Instant.ofEpochMilli(1795510000500L));
        assertThat(result.buildsetResult()).hasValue("FAILURE");
        assertThat(result.builds()).hasSize(2);
        Build build = result.builds().get(0);
        assertThat(build.job()).isEqualTo("contrail-vnc-build-package-centos74");
        assertThat(build.shortUuid()).isEqualTo("3f2a9c1");
        assertThat(build.result()).hasValue("FAILURE");
        assertThat(build.project()).isEqualTo("Juniper/contrail-controller");
        assertThat(build.change()).hasValue(41234);
        assertThat(build.duration()).hasValue(Duration.ofMinutes(10));
        assertThat(build.logUrl()).endsWith("/3f2a9c1/");
        assertThat(result.builds().get(1).voting()).isFalse();
    }

    @Test
    void badPayloadsAreCountedAndTheNextOneStillArrives() throws Exception {
        List<BuildsetResult> results = new CopyOnWriteArrayList<>();
        source = subscriber();
        source.subscribe(results::add);
        source.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> source.health().state() == SourceState.CONNECTED);

        publish("zuul/x", "<html>not json".getBytes(StandardCharsets.UTF_8));
        publish("zuul/x", new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        publish("zuul/x", RESULT.getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(10)).until(() -> results.size() == 1);
        assertThat(source.health().status().malformedLines()).isEqualTo(2);
    }

    @Test
    void listenersAreToldOfAGapEachTimeTheSubscriptionIsMadeSoThatTheyBackfill() throws Exception {
        // A result published before the subscriber's first connection is never delivered by the broker.
        publish("zuul/early", RESULT.getBytes(StandardCharsets.UTF_8));
        List<BuildsetResult> results = new CopyOnWriteArrayList<>();
        List<Long> gaps = new CopyOnWriteArrayList<>();
        source = subscriber();
        source.subscribe(new ZuulResultListener() {
            @Override
            public void onEvent(BuildsetResult event) {
                results.add(event);
            }

            @Override
            public void onGap(long dropped) {
                gaps.add(dropped);
            }
        });
        source.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> gaps.size() == 1);
        assertThat(gaps).containsExactly(0L);

        // a broker without persistence forgets the session: what it took while the subscriber was away is lost too
        broker.stopServer();
        await().atMost(Duration.ofSeconds(15)).until(() -> source.health().state() == SourceState.RECONNECTING);
        startBrokerOnPort();
        await().atMost(Duration.ofSeconds(30)).until(() -> gaps.size() == 2);
        assertThat(results).isEmpty();
    }

    @Test
    void aBrokerThatIsDownAtStartAndOneThatRestartsAreWaitedFor() throws Exception {
        broker.stopServer();
        List<BuildsetResult> results = new CopyOnWriteArrayList<>();
        source = subscriber();
        source.subscribe(results::add);
        source.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> source.health().state() == SourceState.RECONNECTING);
        assertThat(source.health().status().lastError())
                .hasValueSatisfying(error -> assertThat(error).contains("cannot connect"));

        startBrokerOnPort();
        await().atMost(Duration.ofSeconds(15)).until(() -> source.health().state() == SourceState.CONNECTED);

        broker.stopServer();
        await().atMost(Duration.ofSeconds(15)).until(() -> source.health().state() == SourceState.RECONNECTING);
        startBrokerOnPort();
        await().atMost(Duration.ofSeconds(30)).until(() -> source.health().state() == SourceState.CONNECTED);
        assertThat(source.health().status().reconnects()).isEqualTo(1);

        publish("zuul/y", RESULT.getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(10)).until(() -> results.size() == 1);
        assertThat(results.get(0).buildsetResult()).isEqualTo(Optional.of("FAILURE"));
    }
}
