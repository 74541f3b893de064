package org.opencontrail.web.logs.testruns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JUnitXmlTest {

    private static List<TestResult> read(String xml, ReadCounts[] counts) {
        List<TestResult> results = new ArrayList<>();
        counts[0] = new JUnitXml("results.xml")
                .read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), results::add);
        return results;
    }

    @Test
    void surefireReportsAreRead() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="3.0.2" name="org.acme.StoreTest"
                    time="0.52" tests="3" errors="0" skipped="1" failures="1">
                  <properties><property name="java.version" value="17"/></properties>
                  <testcase name="putsAFile" classname="org.acme.StoreTest" time="0.25"/>
                  <testcase name="refusesAnOddPath" classname="org.acme.StoreTest" time="0.125">
                    <failure message="expected 400" type="org.opentest4j.AssertionFailedError">at org.acme.StoreTest</failure>
                    <system-out><![CDATA[<script>alert(1)</script>]]></system-out>
                  </testcase>
                  <testcase name="onWindows" classname="org.acme.StoreTest" time="0"><skipped message="not here"/></testcase>
                </testsuite>
                """;
        ReadCounts[] counts = {null};

        List<TestResult> results = read(xml, counts);

        assertThat(results)
                .extracting(TestResult::testId, TestResult::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("org.acme.StoreTest.putsAFile", TestStatus.SUCCESS),
                        org.assertj.core.groups.Tuple.tuple("org.acme.StoreTest.refusesAnOddPath", TestStatus.FAIL),
                        org.assertj.core.groups.Tuple.tuple("org.acme.StoreTest.onWindows", TestStatus.SKIP));
        assertThat(results.get(0).duration()).contains(0.25);
        assertThat(counts[0].damaged()).isZero();
    }

    @Test
    void pytestSuitesGiveTimesFromTheirTimestamp() {
        String xml = """
                <?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="1" failures="0"
                skipped="0" tests="2" time="1.5" timestamp="2026-12-01T10:00:00.000000" hostname="node">
                <testcase classname="tests.test_api" name="test_get[one]" time="0.500"/>
                <testcase classname="tests.test_api" name="test_get[two]" time="1.000"><error message="boom">E</error></testcase>
                </testsuite></testsuites>
                """;
        ReadCounts[] counts = {null};

        List<TestResult> results = read(xml, counts);

        assertThat(results)
                .extracting(TestResult::testId)
                .containsExactly("tests.test_api.test_get[one]", "tests.test_api.test_get[two]");
        assertThat(results.get(1).status()).isEqualTo(TestStatus.FAIL);
        assertThat(results.get(1).start()).contains(Instant.parse("2026-12-01T10:00:00.500Z"));
        assertThat(results.get(1).stop()).contains(Instant.parse("2026-12-01T10:00:01.500Z"));
    }

    @Test
    void externalEntitiesAreNeitherFetchedNorExpanded(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "the-secret");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE testsuite [<!ENTITY e SYSTEM \"" + secret.toUri()
                + "\"><!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
                + "<testsuite><testcase classname=\"a\" name=\"first\"/><testcase classname=\"a\" name=\"&e;&lol2;\"/>"
                + "</testsuite>";
        ReadCounts[] counts = {null};

        List<TestResult> results = read(xml, counts);

        assertThat(results)
                .extracting(TestResult::testId)
                .noneMatch(id -> id.contains("the-secret") || id.contains("lol"));
        assertThat(counts[0].damaged()).isPositive();
    }

    @Test
    void otherXmlGivesNoTests() {
        ReadCounts[] counts = {null};

        assertThat(read("<domain type='kvm'><name>vm</name><testcase name='x'/></domain>", counts))
                .isEmpty();
        assertThat(counts[0]).isEqualTo(ReadCounts.NONE);
    }

    @Test
    void aFileCutShortKeepsTheTestsBeforeTheCut() {
        ReadCounts[] counts = {null};

        List<TestResult> results = read(
                "<testsuite><testcase classname=\"a\" name=\"one\"/><testcase classname=\"a\" name=\"two\"><fail",
                counts);

        assertThat(results).extracting(TestResult::testId).containsExactly("a.one");
        assertThat(counts[0].damaged()).isEqualTo(1);
        assertThat(counts[0].problem()).startsWith("not well-formed XML");
    }
}
