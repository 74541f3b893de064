package org.opencontrail.web.logs.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.logs.TemporaryLogsDir;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.logs.store.LogStore;

/** A build older than the retention leaves the index with its files; newer ones stay, and it holds after a restart. */
class IndexRetentionTest {

    /** The app's settings: the embedded index here; the same test runs on OpenSearch in a subclass. */
    Map<String, Object> properties() {
        return new HashMap<>(TemporaryLogsDir.properties("index-retention"));
    }

    @Test
    void oldBuildsLeaveTheIndex() throws Exception {
        Map<String, Object> properties = properties();
        properties.put("logs.retention", "30d");
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            LogStore store = context.getBean(LogStore.class);
            SearchIndex index = context.getBean(SearchIndex.class);
            List<String[]> files = List.<String[]>of(
                    new String[] {"job-output.txt", "zuul-logjuicer-tests/zuul-console-01/console.good"});
            IndexedFixtures.index(
                    store,
                    index,
                    IndexedFixtures.build(
                            "01d0000000000000000000000000000a",
                            "old-job",
                            "FAILURE",
                            true,
                            1001,
                            now.minus(Duration.ofDays(40))),
                    files);
            IndexedFixtures.index(
                    store,
                    index,
                    IndexedFixtures.build(
                            "0e10000000000000000000000000000b",
                            "new-job",
                            "FAILURE",
                            true,
                            1002,
                            now.minus(Duration.ofDays(2))),
                    files);
            SearchService search = context.getBean(SearchService.class);
            assertThat(search.search(new SearchRequest("build_name:old-job", null, null, Severity.NONE, 0, 1))
                            .total())
                    .isPositive();

            assertThat(context.getBean(IndexRetention.class).sweep(now)).isEqualTo(1);
            assertThat(search.search(new SearchRequest("build_name:old-job", null, null, Severity.NONE, 0, 1))
                            .total())
                    .isZero();
            assertThat(search.search(new SearchRequest("build_name:new-job", null, null, Severity.NONE, 0, 1))
                            .total())
                    .isPositive();
            assertThat(index.catalog().build("01d0000000000000000000000000000a"))
                    .isEmpty();
        }
        try (ApplicationContext again = ApplicationContext.run(properties)) {
            SearchService search = again.getBean(SearchService.class);
            assertThat(search.search(new SearchRequest("build_name:old-job", null, null, Severity.NONE, 0, 1))
                            .total())
                    .isZero();
            assertThat(again.getBean(SearchIndex.class).catalog().builds()).hasSize(1);
        }
    }
}
