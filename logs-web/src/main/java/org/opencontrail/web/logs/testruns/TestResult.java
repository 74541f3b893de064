package org.opencontrail.web.logs.testruns;

import java.time.Instant;
import java.util.Optional;

/**
 * One test's run as a result file or a console says it.
 *
 * @param testId  the test's id, as its runner names it ({@code package.module.Class.test_name[tags]})
 * @param status  how it ended
 * @param start   when it started, when the file says
 * @param stop    when it ended, when the file says
 * @param seconds how long it ran, when known (a JUnit file or a console gives it without times)
 * @param file    the file it was read from, under the build's folder
 * @param line    the line of {@code file} that tells its end (consoles), 0 when none does
 */
public record TestResult(
        String testId,
        TestStatus status,
        Optional<Instant> start,
        Optional<Instant> stop,
        Optional<Double> seconds,
        String file,
        long line) {

    /** The longest id kept whole: a longer one keeps its start and a hash of the whole. */
    static final int LONGEST_ID = 1000;

    public TestResult {
        testId = safeId(testId);
    }

    /**
     * An id as the database can keep it: no control characters (PostgreSQL refuses NUL), at most
     * {@value #LONGEST_ID} characters (an index entry has a size limit), still unique.
     */
    static String safeId(String id) {
        String clean = id.strip().replaceAll("\\p{Cntrl}", "");
        if (clean.length() <= LONGEST_ID) {
            return clean;
        }
        return clean.substring(0, LONGEST_ID - 17) + "~"
                + String.format("%016x", (long) clean.hashCode() * 0x9E3779B97F4A7C15L);
    }

    /** Its run time: the file's figure, or its end less its start. */
    public Optional<Double> duration() {
        if (seconds.isPresent()) {
            return seconds;
        }
        if (start.isPresent() && stop.isPresent()) {
            return Optional.of((stop.get().toEpochMilli() - start.get().toEpochMilli()) / 1000.0);
        }
        return Optional.empty();
    }

    public TestResult at(String where, long lineNumber) {
        return new TestResult(testId, status, start, stop, seconds, where, lineNumber);
    }
}
