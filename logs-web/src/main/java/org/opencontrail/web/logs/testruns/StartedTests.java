package org.opencontrail.web.logs.testruns;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tests a stream started and has not ended yet, with when each started: at most
 * {@value #MOST}, the oldest start forgotten past that, so a stream of millions of tests (or of
 * starts never ended) is read in bounded memory.
 */
final class StartedTests {

    static final int MOST = 100_000;

    private final Map<String, Optional<Instant>> started = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<Instant>> eldest) {
            return size() > MOST;
        }
    };

    /** A test started, at {@code at} when the stream said when. */
    void start(String testId, Instant at) {
        started.put(testId, Optional.ofNullable(at));
    }

    boolean running(String testId) {
        return started.containsKey(testId);
    }

    /** The test ended: when it started, if it was seen starting with a time. */
    Optional<Instant> end(String testId) {
        Optional<Instant> start = started.remove(testId);
        return start == null ? Optional.empty() : start;
    }
}
