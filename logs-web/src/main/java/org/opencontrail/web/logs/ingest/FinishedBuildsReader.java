package org.opencontrail.web.logs.ingest;

import io.micronaut.context.BeanProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.search.SearchIndex;
import org.opencontrail.web.shared.kafka.KafkaSettings;
import org.opencontrail.web.shared.kafka.TopicReader;
import org.opencontrail.web.shared.retry.Backoff;
import org.opencontrail.web.shared.source.Source;
import org.opencontrail.web.shared.source.SourceHealth;
import org.opencontrail.web.shared.text.Excerpts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every replica reads every finished build's record (in a consumer group of its own, from the start
 * of the compacted topic), keeps it, and has its index adopt the build (an index of its own indexes it
 * from the shared store; a shared OpenSearch index only tells its catalog): so every replica serves
 * every build's pages and finds it in a search, though one replica fetched it.
 */
public final class FinishedBuildsReader implements Source, TopicReader.Handler {

    public static final String SOURCE = "finished-builds";
    private static final Logger LOG = LoggerFactory.getLogger(FinishedBuildsReader.class);
    private static final int INDEX_TRIES = 3;

    private final IngestQueue queue;
    private final BuildRecords records;
    private final BeanProvider<SearchIndex> index;
    private final ExecutorService workers;
    private final SourceHealth health;
    private final TopicReader reader;
    private final AtomicLong adopted = new AtomicLong();
    private final AtomicLong indexFailures = new AtomicLong();

    FinishedBuildsReader(
            KafkaSettings kafka,
            IngestTopic topic,
            String groupId,
            IngestQueue queue,
            BuildRecords records,
            BeanProvider<SearchIndex> index,
            ExecutorService workers,
            Clock clock) {
        this.queue = queue;
        this.records = records;
        this.index = index;
        this.workers = workers;
        this.health = new SourceHealth(SOURCE, clock);
        this.reader = new TopicReader(
                kafka,
                topic.settings().finishedTopic(),
                groupId,
                Map.of(
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "true"),
                this,
                health,
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom()));
    }

    public SourceHealth health() {
        return health;
    }

    public long lag() {
        return reader.lag();
    }

    /** Records of builds another replica finished, kept here. */
    public long adopted() {
        return adopted.get();
    }

    @Override
    public void start() {
        if (queue.working()) {
            reader.start();
        }
    }

    @Override
    public void close() {
        reader.close();
    }

    @Override
    public void records(KafkaConsumer<String, String> consumer, ConsumerRecords<String, String> batch) {
        for (ConsumerRecord<String, String> value : batch) {
            BuildRecord record;
            try {
                record = records.json().read(String.valueOf(value.value()).getBytes(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                health.malformed();
                LOG.warn(
                        "Skipped a value on {} (offset {}) that is not a build record: {}",
                        value.topic(),
                        value.offset(),
                        Excerpts.of(String.valueOf(e.getMessage())));
                continue;
            }
            health.event();
            if (records.adopt(record)) {
                adopted.incrementAndGet();
                if (record.state() == IngestState.DONE) {
                    indexLater(record, 1);
                }
            }
        }
    }

    /** Indexes the build from the store on the ingest workers, beside the builds fetched here. */
    private void indexLater(BuildRecord record, int attempt) {
        try {
            workers.execute(() -> {
                try {
                    index.get().adopt(record);
                } catch (IOException | RuntimeException e) {
                    indexFailures.incrementAndGet();
                    LOG.warn(
                            "Indexing build {}, finished by another replica, failed (try {} of {}): {}",
                            record.build().uuid(),
                            attempt,
                            INDEX_TRIES,
                            e.toString());
                    if (attempt < INDEX_TRIES) {
                        indexLater(record, attempt + 1);
                    }
                }
            });
        } catch (RejectedExecutionException stopping) {
            // the app stops: a fresh index at the next start indexes every stored build again
        }
    }

    public long indexFailures() {
        return indexFailures.get();
    }
}
