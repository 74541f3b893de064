package org.opencontrail.web.logs.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.logs.TemporaryLogsDir;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.BuildRecords;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.logs.search.lucene.LogIndex;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.shared.io.Trees;

/**
 * The store is the system of record; the build records and the search index are caches of it. With
 * both deleted (a lost disk), the next start brings back every build's record from the store and
 * rebuilds the index from the logs, and search answers as before.
 */
class LostDiskRecoveryTest {

    @Test
    void recordsAndIndexComeBackFromTheStoreAfterTheyAreDeleted() throws Exception {
        Map<String, Object> properties = new HashMap<>(TemporaryLogsDir.properties("lost-disk"));
        Path dir = Path.of((String) properties.get("logs.dir"));
        List<String[]> files =
                List.<String[]>of(new String[] {"job-output.txt", "zuul-logjuicer-tests/zuul-console-01/console.good"});
        Instant end = Instant.parse("2026-11-24T12:00:00Z");
        List<String> uuids = List.of(
                "0a10000000000000000000000000000a",
                "0b20000000000000000000000000000b",
                "0c30000000000000000000000000000c");
        Map<String, BuildRecord> before = new HashMap<>();
        long hits;
        Path indexPath;
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            LogStore store = context.getBean(LogStore.class);
            LogIndex index = context.getBean(LogIndex.class);
            BuildRecords records = context.getBean(BuildRecords.class);
            for (int i = 0; i < uuids.size(); i++) {
                BuildRecord indexed = IndexedFixtures.index(
                        store,
                        index,
                        IndexedFixtures.build(uuids.get(i), "job-" + i, "FAILURE", true, 2001 + i, end),
                        files);
                BuildRecord done = new BuildRecord(
                        indexed.build(),
                        indexed.root(),
                        "test",
                        IngestState.DONE,
                        "",
                        1,
                        indexed.files(),
                        indexed.received(),
                        indexed.updated());
                records.save(done);
                before.put(uuids.get(i), done);
            }
            hits = context.getBean(SearchService.class)
                    .search(new SearchRequest("build_status:FAILURE", null, null, Severity.NONE, 0, 1))
                    .total();
            assertThat(hits).isPositive();
            indexPath = index.path();
        }

        Trees.delete(dir.resolve("builds"));
        Trees.delete(indexPath);

        try (ApplicationContext again = ApplicationContext.run(properties)) {
            BuildRecords records = again.getBean(BuildRecords.class);
            assertThat(records.all()).hasSize(uuids.size());
            SearchService search = again.getBean(SearchService.class);
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            again.getBean(LogIndex.class).catalog().builds().size() == uuids.size()
                                    && records.all().stream().allMatch(r -> r.state() == IngestState.DONE));
            for (String uuid : uuids) {
                BuildRecord restored = records.get(uuid).orElseThrow();
                assertThat(restored.build()).isEqualTo(before.get(uuid).build());
                assertThat(restored.root()).isEqualTo(before.get(uuid).root());
                assertThat(restored.files()).isEqualTo(before.get(uuid).files());
                assertThat(restored.received()).isEqualTo(before.get(uuid).received());
            }
            assertThat(search.search(new SearchRequest("build_status:FAILURE", null, null, Severity.NONE, 0, 1))
                            .total())
                    .isEqualTo(hits);
        }

        // restored once: a record deleted later is not brought back behind the operator's back...
        java.nio.file.Files.delete(dir.resolve("builds").resolve(uuids.get(0) + ".json"));
        try (ApplicationContext again = ApplicationContext.run(properties)) {
            assertThat(again.getBean(BuildRecords.class).get(uuids.get(0))).isEmpty();
        }
        // ...unless the disk is marked as never restored, as a new one is
        java.nio.file.Files.delete(dir.resolve("builds").resolve("restored-from-store"));
        try (ApplicationContext again = ApplicationContext.run(properties)) {
            assertThat(again.getBean(BuildRecords.class).get(uuids.get(0))).isPresent();
            assertThat(again.getBean(BuildRecords.class).all()).hasSize(uuids.size());
        }

        // records kept only on disk (by a version before the store had them) are copied to the store once
        Trees.delete(dir.resolve("objects").resolve(BuildRecords.STORE_FOLDER));
        Trees.delete(dir.resolve("meta").resolve(BuildRecords.STORE_FOLDER));
        java.nio.file.Files.delete(dir.resolve("builds").resolve("restored-from-store"));
        try (ApplicationContext again = ApplicationContext.run(properties)) {
            LogStore store = again.getBean(LogStore.class);
            for (String uuid : uuids) {
                assertThat(store.head(BuildRecords.STORE_FOLDER + uuid + ".json"))
                        .as(uuid)
                        .isPresent();
            }
        }
    }
}
