package org.opencontrail.web.logs.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.logs.TemporaryLogsDir;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.search.IndexedFixtures;
import org.opencontrail.web.logs.store.LogStore;

/**
 * An index another version wrote (or one that is damaged) is rebuilt from the store at start, never read wrongly; a
 * stored build it lacks is indexed.
 */
class IndexFormatUpgradeTest {

    private static final List<String[]> FILES =
            List.<String[]>of(new String[] {"job-output.txt", "zuul-logjuicer-tests/zuul-console-01/console.good"});

    @Test
    void anIndexOfAnotherFormatIsRebuiltFromTheStoreAndStampedWithThisOne() throws Exception {
        Map<String, Object> properties = new HashMap<>(TemporaryLogsDir.properties("index-format"));
        Path indexPath = storeOneBuild(properties);
        try (Directory directory = FSDirectory.open(indexPath);
                IndexWriter older = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
            older.setLiveCommitData(
                    Map.of("opencontrail.index-format", "0").entrySet()); // as a past version would have written
            older.commit();
        }
        assertReadable(properties, indexPath);
    }

    @Test
    void aDamagedIndexIsRebuiltFromTheStore() throws Exception {
        Map<String, Object> properties = new HashMap<>(TemporaryLogsDir.properties("index-damaged"));
        Path indexPath = storeOneBuild(properties);
        try (var files = Files.list(indexPath)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segments_"))
                    .toList()) {
                Files.write(file, new byte[] {1, 2, 3, 4}); // its commit point is garbage now
            }
        }
        assertReadable(properties, indexPath);
    }

    @Test
    void aStoredBuildTheIndexLacksIsIndexedAtTheNextStartUnlessRetentionRemovedIt() throws Exception {
        Map<String, Object> properties = new HashMap<>(TemporaryLogsDir.properties("index-lacking"));
        properties.put("logs.retention", "7d");
        String old = "0f40000000000000000000000000000e";
        storeOneBuild(properties);
        storeOneBuild(properties, old, Instant.now().minus(Duration.ofDays(8)));
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            // as when the app stops between keeping the record of a build another replica finished and committing its
            // lines
            context.getBean(LogIndex.class).remove("0f40000000000000000000000000000d");
            // as the retention sweep does
            context.getBean(LogIndex.class).remove(old);
        }
        try (ApplicationContext again = ApplicationContext.run(properties)) {
            LogIndex index = again.getBean(LogIndex.class);
            assertThat(index.fresh()).as("the same index").isFalse();
            BuildRecords records = again.getBean(BuildRecords.class);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> index.catalog()
                                    .build("0f40000000000000000000000000000d")
                                    .isPresent()
                            && records.get("0f40000000000000000000000000000d")
                                            .orElseThrow()
                                            .state()
                                    == IngestState.DONE);
            assertThat(index.catalog().build(old))
                    .as("a build past the retention stays out")
                    .isEmpty();
            assertThat(records.get(old).orElseThrow().state()).isEqualTo(IngestState.DONE);
        }
    }

    private static Path storeOneBuild(Map<String, Object> properties) throws Exception {
        return storeOneBuild(properties, "0f40000000000000000000000000000d", Instant.now());
    }

    private static Path storeOneBuild(Map<String, Object> properties, String uuid, Instant time) throws Exception {
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            LogIndex index = context.getBean(LogIndex.class);
            BuildRecord indexed = IndexedFixtures.index(
                    context.getBean(LogStore.class),
                    index,
                    IndexedFixtures.build(uuid, "upgrade-job", "FAILURE", true, 3001, time),
                    FILES);
            context.getBean(BuildRecords.class)
                    .save(new BuildRecord(
                            indexed.build(),
                            indexed.root(),
                            "test",
                            IngestState.DONE,
                            "",
                            1,
                            indexed.files(),
                            indexed.received(),
                            indexed.updated()));
            return index.path();
        }
    }

    private static void assertReadable(Map<String, Object> properties, Path indexPath) throws Exception {
        try (ApplicationContext again = ApplicationContext.run(properties)) {
            LogIndex index = again.getBean(LogIndex.class);
            assertThat(index.fresh()).as("the index was made anew").isTrue();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> index.catalog().builds().size() == 1);
        }
        try (Directory directory = FSDirectory.open(indexPath)) {
            assertThat(SegmentInfos.readLatestCommit(directory).getUserData())
                    .containsEntry("opencontrail.index-format", IndexFormat.CURRENT);
        }
    }
}
