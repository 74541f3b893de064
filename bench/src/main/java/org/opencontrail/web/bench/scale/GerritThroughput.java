package org.opencontrail.web.bench.scale;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.opencontrail.web.fixtures.KafkaBroker;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.kafka.GerritKafkaSettings;
import org.opencontrail.web.shared.gerrit.kafka.GerritKafkaSource;
import org.opencontrail.web.shared.gerrit.stream.GerritBackfill;
import org.opencontrail.web.shared.kafka.KafkaSettings;

/**
 * Gerrit's events through a real Kafka broker as the relay puts them there (each written by a
 * producer that waits for every copy, acks=all) and as a replica hears them (its reader, parser and
 * duplicate check): how many a second, and how long one takes from written to heard.
 */
final class GerritThroughput {

    record Result(double perSecond, double latencyP50Ms, double latencyP99Ms) {}

    private GerritThroughput() {}

    static Result measure(int events) throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start()) {
            String topic = "gerrit-bench";
            long[] sent = new long[events];
            long[] heard = new long[events];
            CountDownLatch all = new CountDownLatch(events);
            GerritKafkaSource reader = new GerritKafkaSource(
                    new KafkaSettings(kafka.bootstrapServers(), Map.of()),
                    new GerritKafkaSettings(topic, "", Duration.ofHours(1), 1, (short) 0, Duration.ofSeconds(30)),
                    "bench-replica",
                    GerritBackfill.NONE,
                    events + 1,
                    Clock.systemUTC(),
                    new SplittableRandom(1));
            reader.subscribe((GerritEvent event) -> {
                if (event instanceof GerritEvent.RefUpdated ref) {
                    int i = Integer.parseInt(ref.refUpdate().newRev().substring(32), 16);
                    heard[i] = System.nanoTime();
                    all.countDown();
                }
            });
            kafka.send(topic, "warm", line(0, 0).replace("refs/heads/master", "refs/heads/warm"));
            reader.start();
            if (!reader.awaitCaughtUp(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the reader did not join the topic");
            }
            Properties settings = new Properties();
            settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            long start = System.nanoTime();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings)) {
                for (int i = 0; i < events; i++) {
                    sent[i] = System.nanoTime();
                    var unused = producer.send(
                            new ProducerRecord<>(topic, "Juniper/contrail-controller", line(i, 1_700_000_000L + i)));
                }
            }
            if (!all.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException(all.getCount() + " events were not heard");
            }
            double seconds = (Arrays.stream(heard).max().orElse(start) - start) / 1e9;
            reader.close();
            double[] latencies = new double[events];
            for (int i = 0; i < events; i++) {
                latencies[i] = (heard[i] - sent[i]) / 1e6;
            }
            Arrays.sort(latencies);
            return new Result(
                    events / seconds, latencies[events / 2], latencies[Math.min(events - 1, (int) (events * 0.99))]);
        }
    }

    /** A merge event of Gerrit's stream; its new revision says which it is. */
    private static String line(int i, long createdOn) {
        return """
                {"type":"ref-updated","submitter":{"name":"Zuul","username":"zuul"},"refUpdate":{"oldRev":"%040x","newRev":"%040x","refName":"refs/heads/master","project":"Juniper/contrail-controller"},"eventCreatedOn":%d}""".formatted(i, i, createdOn);
    }
}
