package org.opencontrail.web.logs.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.opencontrail.web.logs.TemporaryLogsDir;
import org.opencontrail.web.logs.lines.Severity;
import org.opencontrail.web.logs.search.lucene.LogIndex;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.shared.testing.Mutations;

/**
 * Whatever is typed into the search box (half a query, a leading wildcard, a runaway regular
 * expression, a thousand clauses), the search over real logs answers hits or says what is wrong
 * with the query, within its time budget: never another exception, never a hang.
 */
class QueryFuzzTest {

    private static ApplicationContext context;
    private static SearchService search;

    @BeforeContainer
    static void indexFixtures() throws Exception {
        Map<String, Object> properties = new HashMap<>(TemporaryLogsDir.properties("query-fuzz"));
        properties.put("logs.search.query-timeout", "1s");
        properties.put("suite.limits.search.concurrent", "4");
        context = ApplicationContext.run(properties);
        search = context.getBean(SearchService.class);
        IndexedFixtures.index(
                context.getBean(LogStore.class),
                context.getBean(LogIndex.class),
                IndexedFixtures.build(
                        "f0220e1", "contrail-vnc-build", "FAILURE", true, 4242, Instant.parse("2026-11-24T10:00:00Z")),
                List.of(
                        new String[] {"job-output.txt", "zuul-logjuicer-tests/zuul-console-pep8/console.fail"},
                        new String[] {"logs/syslog.txt", "openstack-os-loganalyze/syslog.txt"}));
    }

    @AfterContainer
    static void stop() {
        context.close();
    }

    @Provide
    Arbitrary<String> queries() throws Exception {
        List<String> samples;
        try (Stream<Path> signatures = Files.list(
                Path.of(QueryFuzzTest.class.getResource("/elastic-recheck").toURI()))) {
            samples = signatures
                    .filter(p -> p.toString().endsWith(".yaml"))
                    .map(p -> {
                        String yaml = Mutations.resource("/elastic-recheck/" + p.getFileName());
                        int at = yaml.indexOf("query:");
                        return at < 0
                                ? yaml
                                : yaml.substring(at + "query:".length())
                                        .replace(">", "")
                                        .strip();
                    })
                    .toList();
        }
        List<String> expensive = List.of(
                "*error*",
                "message:/.*(a|b)*c{1,500}.*/",
                "message:/[a-z]{0,1000}x/",
                "?????????*",
                String.join(
                        " OR ",
                        Stream.iterate(0, i -> i + 1)
                                .limit(2000)
                                .map(i -> "w" + i)
                                .toList()),
                "message:\"" + "a ".repeat(500) + "\"~100",
                "build_name:* AND NOT message:x",
                "message:[a TO zzzzz]");
        return Arbitraries.oneOf(
                Mutations.ofText(samples), Arbitraries.of(expensive), Mutations.ofText(expensive), Mutations.anyText());
    }

    @Property
    void everyQueryGivesHitsOrSaysWhatIsWrongWithinItsBudget(@ForAll("queries") String query) {
        Object outcome = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                return search.search(new SearchRequest(query, null, null, Severity.NONE, 0, 10));
            } catch (BadQuery bad) {
                return bad;
            }
        });

        if (outcome instanceof SearchResult result) {
            assertThat(result.hits().size()).isLessThanOrEqualTo(10);
        } else {
            assertThat(((BadQuery) outcome).getMessage()).isNotBlank();
        }
    }
}
