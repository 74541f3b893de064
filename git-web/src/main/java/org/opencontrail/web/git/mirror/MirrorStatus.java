package org.opencontrail.web.git.mirror;

import java.time.Instant;
import java.util.Optional;

/**
 * How a mirror's fetches go.
 *
 * @param lastSuccess   when a fetch last succeeded (empty: never, the mirror is still being made)
 * @param lastAttempt   when a fetch was last tried
 * @param failures      fetches failed in a row since the last success
 * @param lastError     why the last fetch failed, while it fails
 * @param fetches       fetches done since start
 * @param lastGc        when it was last repacked
 */
public record MirrorStatus(
        Optional<Instant> lastSuccess,
        Optional<Instant> lastAttempt,
        int failures,
        Optional<String> lastError,
        long fetches,
        Optional<Instant> lastGc) {

    static final MirrorStatus NEW =
            new MirrorStatus(Optional.empty(), Optional.empty(), 0, Optional.empty(), 0, Optional.empty());

    public boolean failing() {
        return failures > 0;
    }

    MirrorStatus succeeded(Instant at) {
        return new MirrorStatus(Optional.of(at), Optional.of(at), 0, Optional.empty(), fetches + 1, lastGc);
    }

    MirrorStatus failed(Instant at, String error) {
        return new MirrorStatus(lastSuccess, Optional.of(at), failures + 1, Optional.of(error), fetches + 1, lastGc);
    }

    MirrorStatus collected(Instant at) {
        return new MirrorStatus(lastSuccess, lastAttempt, failures, lastError, fetches, Optional.of(at));
    }
}
