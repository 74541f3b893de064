package org.opencontrail.web.logs.database;

import java.time.Instant;
import java.util.Optional;

/**
 * One run of a test, with its build.
 *
 * @param testId    the test
 * @param status    success, fail, skip, xfail or uxsuccess
 * @param start     when it started (its build's start when its file gave no time)
 * @param stop      when it ended
 * @param duration  seconds it ran, when known
 * @param buildUuid its build
 * @param root      its build's folder in the store
 * @param newrev    the commit its build ran on, for a ref (empty for a change)
 * @param logFile   the file it was read from, under the build's folder
 * @param logLine   the console line that tells its end, 0 when none is known
 */
public record TestRunRow(
        String testId,
        String status,
        Instant start,
        Instant stop,
        Optional<Double> duration,
        String job,
        String project,
        String branch,
        String pipeline,
        Optional<Integer> change,
        Optional<Integer> patchSet,
        String buildUuid,
        String root,
        String newrev,
        String logFile,
        long logLine) {

    public boolean failed() {
        return "fail".equals(status) || "uxsuccess".equals(status);
    }

    public boolean passed() {
        return "success".equals(status) || "xfail".equals(status);
    }
}
