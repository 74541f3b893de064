package org.opencontrail.web.logs.testruns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleTestsTest {

    private static List<TestResult> read(String console) {
        List<TestResult> results = new ArrayList<>();
        new ConsoleTests("job-output.txt")
                .read(new ByteArrayInputStream(console.getBytes(StandardCharsets.UTF_8)), results::add);
        return results;
    }

    @Test
    void theRunnersLinesAreReadWithTheirLine() {
        List<TestResult> results = read("""
                2026-12-01 10:00:00.000000 | controller | {0} tempest.api.compute.servers.test_create_server.ServersTestJSON.test_list_servers[id-9a438d88-10c5-4bcd-8b6c-0d7a1b1ef9cd,smoke] [1.234567s] ... ok
                2026-12-01 10:00:01.000000 | controller | {1} setUpClass (tempest.api.network.test_ports.PortsTestJSON) ... SKIPPED: no network
                2026-12-01 10:00:02.000000 | test_random_words (test_utils.TokenizerTests) ... FAIL
                test_parse (pkg.tests.test_a.ParseTest.test_parse) ... ok
                tests/unit/test_api.py::TestApi::test_get[one] PASSED                     [ 50%]
                tests/unit/test_api.py::TestApi::test_get[two] FAILED                     [100%]
                {2} nova.tests.unit.test_x.XTest.test_y [0.5s] ... FAILED
                Ran 6 tests in 2.000s ... and nothing else
                """);

        assertThat(results)
                .extracting(TestResult::testId)
                .containsExactly(
                        "tempest.api.compute.servers.test_create_server.ServersTestJSON.test_list_servers[id-9a438d88-10c5-4bcd-8b6c-0d7a1b1ef9cd,smoke]",
                        "test_utils.TokenizerTests.test_random_words",
                        "pkg.tests.test_a.ParseTest.test_parse",
                        "tests/unit/test_api.py::TestApi::test_get[one]",
                        "tests/unit/test_api.py::TestApi::test_get[two]",
                        "nova.tests.unit.test_x.XTest.test_y");
        assertThat(results.get(0).duration()).contains(1.234567);
        assertThat(results.get(0).line()).isEqualTo(1);
        assertThat(results.get(1).status()).isEqualTo(TestStatus.FAIL);
        assertThat(results.get(1).line()).isEqualTo(3);
        assertThat(results.get(4).status()).isEqualTo(TestStatus.FAIL);
        assertThat(results.get(5).line()).isEqualTo(7);
    }

    @Test
    void binaryAndHugeLinesAreSkipped() {
        String huge = "x".repeat(100_000) + " ... ok\n";
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\n'};
        List<TestResult> results = new ArrayList<>();
        byte[] text = (huge + "{0} a.b.C.test_d [0.1s] ... ok\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[binary.length + text.length];
        System.arraycopy(binary, 0, all, 0, binary.length);
        System.arraycopy(text, 0, all, binary.length, text.length);

        ReadCounts counts = new ConsoleTests("console").read(new ByteArrayInputStream(all), results::add);

        assertThat(results).extracting(TestResult::testId).containsExactly("a.b.C.test_d");
        assertThat(results.get(0).line()).isEqualTo(3);
        assertThat(counts.damaged()).isZero();
    }
}
