package org.opencontrail.web.deploy.sandbox.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The sandbox's unit-test builds publish what Debian's stestr really made: its stream's totals by
 * subunit-stats are its JUnit file's, passing runs fail no test and failing runs fail some. (logs-web's
 * own readers are checked against the same tools in its StestrResultsTest.)
 */
class SandboxTestRunsTest {

    @TempDir
    Path work;

    private static SandboxTestRuns.Run ready(SandboxTestRuns runs, boolean failed) {
        List<SandboxTestRuns.Run> taken = new ArrayList<>();
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            Optional<SandboxTestRuns.Run> run = runs.take(failed);
            run.ifPresent(taken::add);
            return run.isPresent();
        });
        return taken.get(0);
    }

    /** The JUnit file's test cases by outcome: pass, fail, skip. */
    private static Map<String, String> junitOutcomes(byte[] xml) throws Exception {
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        NodeList cases = document.getElementsByTagName("testcase");
        Map<String, String> outcomes = new TreeMap<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            String outcome = testCase.getElementsByTagName("failure").getLength() > 0
                            || testCase.getElementsByTagName("error").getLength() > 0
                    ? "fail"
                    : testCase.getElementsByTagName("skipped").getLength() > 0 ? "skip" : "pass";
            outcomes.put(testCase.getAttribute("classname") + "." + testCase.getAttribute("name"), outcome);
        }
        return outcomes;
    }

    private static String subunitStats(byte[] stream) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("subunit-stats", "--no-passthrough")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stream);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        return out;
    }

    private static long stat(String stats, String name) {
        Matcher m = Pattern.compile(name + ":\\s+(\\d+)").matcher(stats);
        assertThat(m.find()).as(stats).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void passingAndFailingRunsAreRealAndReadTheSameEveryWay() throws Exception {
        try (SandboxTestRuns runs = new SandboxTestRuns(work, 7)) {
            runs.start();
            for (boolean failed : List.of(false, true)) {
                SandboxTestRuns.Run run = ready(runs, failed);
                Map<String, String> fromJUnit = junitOutcomes(run.junit());
                String stats = subunitStats(run.subunit());

                assertThat(fromJUnit).hasSize((int) stat(stats, "Total tests")).hasSize(8);
                assertThat(fromJUnit.values().stream().filter("skip"::equals))
                        .hasSize((int) stat(stats, "Skipped tests"));
                assertThat(fromJUnit.values().stream().filter("fail"::equals))
                        .hasSize((int) stat(stats, "Failed tests"));
                assertThat(fromJUnit.containsValue("fail"))
                        .as("failed: " + failed)
                        .isEqualTo(failed);
                assertThat(run.console()).anyMatch(line -> line.contains("test_schema_transformer_resync"));
                assertThat(run.console())
                        .as("the slow test")
                        .anyMatch(line ->
                                line.matches(".*test_schema_transformer_resync \\[0\\.[4-9]\\d*s\\] \\.\\.\\. ok"));
            }
        }
    }
}
