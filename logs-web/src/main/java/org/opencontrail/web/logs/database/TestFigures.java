package org.opencontrail.web.logs.database;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Optional;

/**
 * A test's figures over a window.
 *
 * @param testId   the test
 * @param runs     its runs that passed or failed (skips are apart)
 * @param failures those that failed
 * @param skips    its skips
 * @param mean     its mean run time in seconds, when known
 */
@Serdeable
public record TestFigures(String testId, long runs, long failures, long skips, Optional<Double> mean) {

    /** Its mean run time in seconds as pages show it ("1.234"), empty when unknown. */
    public String meanText() {
        return mean.map(m -> String.format(java.util.Locale.ROOT, "%.3f", m)).orElse("");
    }

    /** Failures per hundred runs. */
    public double failureRate() {
        return runs == 0 ? 0 : Math.round(1000.0 * failures / runs) / 10.0;
    }
}
