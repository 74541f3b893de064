package org.opencontrail.web.logs.database;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A test that looks flaky over a window.
 *
 * @param testId     the test
 * @param patchSets  patch sets on which it both failed and passed (nothing changed, yet it flipped)
 * @param worstDay   the most unrelated changes it failed on in one day
 * @param lastFailed its newest failure
 */
@Serdeable
public record FlakyTestRow(String testId, long patchSets, long worstDay, Instant lastFailed) {}
