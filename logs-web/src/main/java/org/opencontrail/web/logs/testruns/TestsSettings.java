package org.opencontrail.web.logs.testruns;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Every test's history, read from the builds' own result files.
 *
 * @param enabled     read the builds' test results
 * @param catchUp     how often builds whose results were not read yet (stored before, or while another
 *                    replica was down) are looked for
 * @param catchUpSize the most such builds read each time
 * @param window      how far back the pages look by default
 * @param changesADay a test failing on at least this many unrelated changes in one day is flaky
 */
@ConfigurationProperties("logs.tests")
public record TestsSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "1m") Duration catchUp,
        @Bindable(defaultValue = "50") int catchUpSize,
        @Bindable(defaultValue = "30d") Duration window,
        @Bindable(defaultValue = "3") int changesADay) {}
