package org.opencontrail.web.bench.scale;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.opencontrail.web.bench.AppProcess;
import org.opencontrail.web.bench.SandboxProcess;
import org.opencontrail.web.fixtures.KafkaBroker;
import org.opencontrail.web.fixtures.LocalZooKeeper;
import org.opencontrail.web.shared.gerrit.event.EventKey;
import org.opencontrail.web.shared.gerrit.event.GerritEventParser;
import org.opencontrail.web.shared.gerrit.event.ParseOutcome;
import org.opencontrail.web.shared.gerrit.stream.EventGate;
import org.opencontrail.web.shared.json.ForeignJson;
import org.opencontrail.web.shared.json.JsonFields;

/**
 * The relay's handover with a process killed: the sandbox CI's Gerrit (SSH stream and events-log,
 * at ten times its usual speed) relayed onto Kafka by two status-web processes that elect their
 * leader in ZooKeeper. The leader is killed (SIGKILL) mid-stream. Measured on the topic itself, as
 * every replica reads it: how long it stays silent across the handover, beside its longest silence
 * before the kill; how long until the other replica says it leads; and, against the events-log of
 * everything Gerrit sent while the topic was read, the events missing from the topic and those on
 * it twice.
 */
final class RelayHandover {

    private static final String TOPIC = "gerrit";
    private static final Duration BEFORE = Duration.ofSeconds(20);
    private static final Duration AFTER = Duration.ofSeconds(20);
    /** The replicas' ZooKeeper session, set rather than left to the default, so that the report names what the run used. */
    static final Duration SESSION = Duration.ofSeconds(6);

    /**
     * @param killToLeaderMs    from the kill to the other replica's /health saying it leads
     * @param silenceAcrossMs   the longest interval between two events arriving on the topic, from the kill on
     * @param silenceBeforeMs   the same before the kill: the stream's own quiet spells
     * @param eventsPerSecond   the stream's rate before the kill
     * @param sent              events Gerrit sent between the first and the last event on the topic
     * @param missing           of those, events never on the topic (listed in relay-missing.txt of the bench's folder)
     * @param twice             events on the topic more than once, which every reader's duplicate check drops
     */
    record Result(
            long killToLeaderMs,
            long silenceAcrossMs,
            long silenceBeforeMs,
            double eventsPerSecond,
            int sent,
            int missing,
            int twice) {}

    private final GerritEventParser parser = new GerritEventParser();
    private final HttpClient http;

    RelayHandover(HttpClient http) {
        this.http = http;
    }

    Result measure(Path sandboxJar, Path statusJar, Path work) throws Exception {
        try (SandboxProcess sandbox = SandboxProcess.start(sandboxJar, work.resolve("sandbox"));
                KafkaBroker kafka = KafkaBroker.start();
                LocalZooKeeper zooKeeper = LocalZooKeeper.start()) {
            List<AppProcess> replicas = new ArrayList<>();
            try {
                for (String id : List.of("a", "b")) {
                    List<String> properties = new ArrayList<>(sandbox.properties("known_hosts-" + id));
                    properties.addAll(List.of(
                            "-Dkafka.bootstrap-servers=" + kafka.bootstrapServers(),
                            "-Dzookeeper.connect=" + zooKeeper.connect(),
                            "-Dzookeeper.session-timeout=" + SESSION.toSeconds() + "s",
                            "-Dsuite.replica.id=" + id));
                    replicas.add(AppProcess.start(
                            statusJar, List.of("-Xmx384m"), properties, work.resolve("relay-" + id + ".log")));
                }
                for (AppProcess replica : replicas) {
                    replica.awaitReady("/health");
                }
                int leader = awaitLeader(replicas, -1, Duration.ofSeconds(60));
                try (TopicRecorder topic = new TopicRecorder(kafka.bootstrapServers())) {
                    topic.start();
                    Thread.sleep(BEFORE.toMillis());
                    long killed = System.nanoTime();
                    replicas.get(leader).kill();
                    awaitLeader(replicas, leader, Duration.ofSeconds(60));
                    long killToLeader = (System.nanoTime() - killed) / 1_000_000;
                    Thread.sleep(AFTER.toMillis());
                    topic.stopAndJoin();
                    return result(topic.arrivals(), killed, killToLeader, sandbox.endpoint("GERRIT_URL"), work);
                }
            } finally {
                for (AppProcess replica : replicas) {
                    replica.close();
                }
            }
        }
    }

    /** One event as it came off the topic: when, and what. */
    record Arrival(long nanos, EventKey key) {}

    private Result result(List<Arrival> arrivals, long killed, long killToLeaderMs, String gerritUrl, Path work)
            throws Exception {
        if (arrivals.size() < 2) {
            throw new IllegalStateException("the topic carried " + arrivals.size() + " events: the relay did not run");
        }
        long silenceBefore = 0;
        long silenceAcross = 0;
        int before = 0;
        // the first second replays the topic's backlog in a burst: the stream's own pace is what follows
        long settled = arrivals.get(0).nanos() + 1_000_000_000L;
        for (int i = 1; i < arrivals.size(); i++) {
            long interval = arrivals.get(i).nanos() - arrivals.get(i - 1).nanos();
            if (arrivals.get(i).nanos() < settled) {
                continue;
            }
            if (arrivals.get(i).nanos() < killed) {
                silenceBefore = Math.max(silenceBefore, interval);
                before++;
            } else {
                // the interval that spans the kill counts as across: it is the silence a reader saw
                silenceAcross = Math.max(silenceAcross, interval);
            }
        }
        Map<EventKey, Integer> onTopic = new HashMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Arrival arrival : arrivals) {
            onTopic.merge(arrival.key(), 1, Integer::sum);
            first = Math.min(first, arrival.key().epochSecond());
            last = Math.max(last, arrival.key().epochSecond());
        }
        int twice = (int) onTopic.values().stream().filter(count -> count > 1).count();
        // what Gerrit sent, as a replica's gate admits it: without the refs/changes/.../meta noise every source drops
        EventGate gate = new EventGate();
        Set<EventKey> sent = new HashSet<>();
        for (String line : get(URI.create(gerritUrl + "plugins/events-log/events/?t1=1970-01-01%2000:00:00"))
                .lines()
                .toList()) {
            if (parser.parseLine(line) instanceof ParseOutcome.Parsed parsed && gate.admit(parsed.event())) {
                EventKey key = parsed.event().key();
                // strictly inside the window the topic was read over: its edges may hold events of the same second not
                // yet relayed
                if (key.epochSecond() > first && key.epochSecond() < last) {
                    sent.add(key);
                }
            }
        }
        List<String> missed = sent.stream()
                .filter(key -> !onTopic.containsKey(key))
                .map(EventKey::toString)
                .sorted()
                .toList();
        Files.write(work.resolve("relay-missing.txt"), missed);
        double rate = before / ((killed - settled) / 1e9);
        return new Result(
                killToLeaderMs,
                silenceAcross / 1_000_000,
                silenceBefore / 1_000_000,
                rate,
                sent.size(),
                missed.size(),
                twice);
    }

    private Optional<EventKey> key(String line) {
        return parser.parseLine(line) instanceof ParseOutcome.Parsed parsed
                ? Optional.of(parsed.event().key())
                : Optional.empty();
    }

    /** Waits until exactly one replica other than {@code not} says it leads, and gives its index. */
    private int awaitLeader(List<AppProcess> replicas, int not, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            List<Integer> leading = new ArrayList<>();
            for (int i = 0; i < replicas.size(); i++) {
                if (i != not && leads(replicas.get(i))) {
                    leading.add(i);
                }
            }
            if (leading.size() == 1) {
                return leading.get(0);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no replica led the relay within " + within.toSeconds() + " s");
    }

    private boolean leads(AppProcess replica) throws InterruptedException {
        try {
            return new JsonFields(ForeignJson.tree(get(replica.url("/health"))))
                    .object("details")
                    .object("gerrit-relay")
                    .object("details")
                    .bool("leading");
        } catch (IOException down) {
            return false;
        }
    }

    private String get(URI uri) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** Reads the topic from its start as a replica of its own would, noting when each event arrives. */
    private final class TopicRecorder extends Thread implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final List<Arrival> arrivals = new ArrayList<>();
        private volatile boolean stop;

        TopicRecorder(String bootstrapServers) {
            super("topic-recorder");
            setDaemon(true);
            Properties settings = new Properties();
            settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            settings.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
            settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
            settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            consumer = new KafkaConsumer<>(settings);
        }

        @Override
        public void run() {
            consumer.subscribe(List.of(TOPIC));
            while (!stop) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    key(record.value()).ifPresent(key -> {
                        synchronized (arrivals) {
                            arrivals.add(new Arrival(now, key));
                        }
                    });
                }
            }
            consumer.close();
        }

        void stopAndJoin() throws InterruptedException {
            stop = true;
            join(10_000);
        }

        List<Arrival> arrivals() {
            synchronized (arrivals) {
                return List.copyOf(arrivals);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stopAndJoin();
        }
    }
}
