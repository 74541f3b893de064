package org.opencontrail.web.logs.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencontrail.web.logs.TemporaryLogsDir;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.logs.search.lucene.LogIndex;
import org.opencontrail.web.logs.store.LogStore;

/** A query that runs out of its time budget ({@code logs.search.query-timeout}) answers what it found so far, and says so. */
class QueryBudgetTest {

    @Test
    void aQueryOutOfTimeSaysSoInsteadOfRunningOn() throws Exception {
        Map<String, Object> properties = new HashMap<>(TemporaryLogsDir.properties("query-budget"));
        properties.put("logs.search.query-timeout", "0ms"); // out of time at its first check
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            IndexedFixtures.index(
                    context.getBean(LogStore.class),
                    context.getBean(LogIndex.class),
                    IndexedFixtures.build(
                            "b0d9e71a2c",
                            "contrail-vnc-build",
                            "FAILURE",
                            true,
                            4243,
                            Instant.parse("2026-11-24T10:00:00Z")),
                    List.<String[]>of(
                            new String[] {"job-output.txt", "zuul-logjuicer-tests/zuul-console-pep8/console.fail"}));

            SearchResult result = context.getBean(SearchService.class)
                    .search(new SearchRequest("message:/.*e.*/", null, null, Severity.NONE, 0, 10));

            assertThat(result.timedOut()).isTrue();
        }
    }
}
