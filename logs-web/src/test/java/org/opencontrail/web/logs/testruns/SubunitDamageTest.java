package org.opencontrail.web.logs.testruns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencontrail.web.fixtures.SubunitPackets;

/** Streams no runner writes on purpose, but logs hold: floods, stray bytes, odd ids, look-alike output. */
class SubunitDamageTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    private static List<TestResult> v2(byte[] stream, ReadCounts[] counts) {
        List<TestResult> results = new ArrayList<>();
        counts[0] = new SubunitStream("s").read(new ByteArrayInputStream(stream), results::add);
        return results;
    }

    @Test
    @Timeout(10)
    void aFileOfSignaturesIsGivenUpQuickly() {
        byte[] flood = new byte[4 * 1024 * 1024];
        Arrays.fill(flood, (byte) 0xB3);
        ReadCounts[] counts = {null};

        assertThat(v2(flood, counts)).isEmpty();
        assertThat(counts[0].damaged()).isPositive();
    }

    @Test
    void aStraySignatureInLeakedTextLosesNoPacketAfterIt() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(SubunitPackets.test("pkg.A.test_one", SubunitPackets.SUCCESS, T, T.plusSeconds(1)));
        // "ó" is C3 B3 in UTF-8; then a byte a length could start with, then a real packet
        stream.writeBytes("print: ó\u007f".getBytes(StandardCharsets.UTF_8));
        stream.writeBytes(SubunitPackets.test("pkg.A.test_two", SubunitPackets.FAIL, T, T.plusSeconds(2)));
        ReadCounts[] counts = {null};

        assertThat(v2(stream.toByteArray(), counts))
                .extracting(TestResult::testId)
                .containsExactly("pkg.A.test_one", "pkg.A.test_two");
    }

    @Test
    void idsAreKeptAsTheDatabaseCanHoldThem() {
        String huge = "pkg.A.test_" + "x".repeat(5000);
        byte[] stream = SubunitPackets.test(huge + "\u0000", SubunitPackets.SUCCESS, T, T.plusSeconds(1));
        ReadCounts[] counts = {null};

        TestResult result = v2(stream, counts).get(0);

        assertThat(result.testId())
                .hasSizeLessThanOrEqualTo(TestResult.LONGEST_ID)
                .doesNotContain("\u0000");
        assertThat(result.testId()).startsWith("pkg.A.test_xxx");
        assertThat(TestResult.safeId(huge + "y")).isNotEqualTo(TestResult.safeId(huge + "z"));
    }

    @Test
    void textOutputThatLooksLikeAnOutcomeIsNotATest() {
        String v1 = """
                time: 2026-12-01 10:00:00.000000Z
                test: pkg.A.test_param
                error: [Errno 111] Connection refused
                success: pkg.A.test_param [ multipart
                Content-Type: text/plain;charset=utf8
                reason
                5
                hello0
                ]
                test: pkg.A.test_bracket [x]
                success: pkg.A.test_bracket [x]
                test: pkg.A.test_after
                failure: pkg.A.test_after [
                the traceback
                ]
                """;
        List<TestResult> results = new ArrayList<>();

        new SubunitText("s").read(new ByteArrayInputStream(v1.getBytes(StandardCharsets.UTF_8)), results::add);

        assertThat(results)
                .extracting(TestResult::testId, TestResult::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("pkg.A.test_param", TestStatus.SUCCESS),
                        org.assertj.core.groups.Tuple.tuple("pkg.A.test_bracket [x]", TestStatus.SUCCESS),
                        org.assertj.core.groups.Tuple.tuple("pkg.A.test_after", TestStatus.FAIL));
    }
}
