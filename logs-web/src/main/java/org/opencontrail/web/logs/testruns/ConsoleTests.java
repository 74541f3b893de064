package org.opencontrail.web.logs.testruns;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencontrail.web.logs.lines.LineShape;
import org.opencontrail.web.shared.io.LineReader;

/**
 * Reads the tests a console printed, where a build kept no subunit or JUnit file: stestr's and
 * tempest's {@code {0} package.Class.test_x [1.23s] ... ok}, unittest's and nose's
 * {@code test_x (package.Class) ... FAIL}, and pytest's {@code tests/test_a.py::test_x PASSED}.
 * Each test keeps the line that tells its end, so a failure links to it.
 */
public final class ConsoleTests {

    /** stestr, testr, subunit-trace: an optional worker, the id, an optional time, "...", the status. */
    private static final Pattern STESTR = Pattern.compile(
            "^(?:\\{\\d+\\}\\s+)?([A-Za-z_][\\w.]*\\.[\\w]+(?:\\[[^\\]\\s]*\\])?)(?:\\s+\\[(\\d+(?:\\.\\d+)?)s\\])?"
                    + "\\s+\\.\\.\\.\\s+(ok|OK|FAILED|FAIL|ERROR|SKIPPED|skipped|SKIP|expected failure|unexpected success)\\b");

    /** unittest and nose: "test_name (module.Class) ... ok", on Python 3.11 "(module.Class.test_name)". */
    private static final Pattern UNITTEST = Pattern.compile("^(\\w+) \\(([\\w.]+)\\)(?: \\[(\\d+(?:\\.\\d+)?)s\\])?"
            + " \\.\\.\\. (ok|FAIL|ERROR|skipped|expected failure|unexpected success)\\b");

    /** pytest -v: "path.py::Class::test PASSED". */
    private static final Pattern PYTEST =
            Pattern.compile("^([\\w./-]+\\.py::[^\\s]+) (PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)\\b");

    /** Zuul's console names the node before each line a task printed: "controller | ...". */
    private static final Pattern NODE = Pattern.compile("^[\\w.-]{1,64} \\| ");

    private final String file;

    public ConsoleTests(String file) {
        this.file = file;
    }

    public ReadCounts read(InputStream in, Consumer<TestResult> sink) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        long results = 0;
        // lines end at \n alone, as the viewer numbers them: a progress bar's \r does not shift them
        try (LineReader lines = new LineReader(new InputStreamReader(in, decoder), 4000)) {
            LineReader.Line read;
            while ((read = lines.next()) != null) {
                String line = read.text();
                long number = read.number();
                if (read.cut() || (line.indexOf("...") < 0 && line.indexOf("::") < 0)) {
                    continue;
                }
                String text = LineShape.withoutPrefix(line);
                Matcher node = NODE.matcher(text);
                Optional<TestResult> test = parse(node.lookingAt() ? text.substring(node.end()) : text, number);
                if (test.isPresent()) {
                    sink.accept(test.get());
                    results++;
                }
            }
            return new ReadCounts(results, 0, false, "");
        } catch (IOException e) {
            return new ReadCounts(results, 0, true, "the console could not be read to its end: " + e.getMessage());
        }
    }

    /** The test a console line ends, if it ends one. */
    Optional<TestResult> parse(String text, long number) {
        Matcher m = STESTR.matcher(text);
        if (m.find()) {
            return Optional.of(result(m.group(1), status(m.group(3)), m.group(2), number));
        }
        m = UNITTEST.matcher(text);
        if (m.find()) {
            String className = m.group(2);
            String id = className.endsWith("." + m.group(1)) ? className : className + "." + m.group(1);
            return Optional.of(result(id, status(m.group(4)), m.group(3), number));
        }
        m = PYTEST.matcher(text);
        if (m.find()) {
            return Optional.of(result(m.group(1), status(m.group(2)), null, number));
        }
        return Optional.empty();
    }

    private TestResult result(String id, TestStatus status, String seconds, long number) {
        return new TestResult(
                id,
                status,
                Optional.empty(),
                Optional.empty(),
                Optional.ofNullable(seconds).map(Double::valueOf),
                file,
                number);
    }

    private static TestStatus status(String word) {
        return switch (word) {
            case "ok", "OK", "PASSED" -> TestStatus.SUCCESS;
            case "SKIPPED", "skipped", "SKIP" -> TestStatus.SKIP;
            case "expected failure", "XFAIL" -> TestStatus.XFAIL;
            case "unexpected success", "XPASS" -> TestStatus.UXSUCCESS;
            default -> TestStatus.FAIL;
        };
    }
}
