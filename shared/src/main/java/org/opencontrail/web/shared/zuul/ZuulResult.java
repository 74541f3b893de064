package org.opencontrail.web.shared.zuul;

import java.util.Locale;
import java.util.Optional;

/**
 * What a result Zuul reports for a build or a buildset means, decided once for every site:
 * whether the change passed, failed for its own fault, failed because of the CI itself, or was
 * not run at all. A result Zuul may add later, unknown here, counts as a failure: a page never
 * shows a run it cannot read as passing.
 */
public enum ZuulResult {
    SUCCESS(Tone.PASSED),
    FAILURE(Tone.FAILED),
    POST_FAILURE(Tone.FAILED),
    TIMED_OUT(Tone.FAILED),
    ERROR(Tone.FAILED),
    NODE_FAILURE(Tone.FAILED),
    LOST(Tone.FAILED),
    MERGE_CONFLICT(Tone.FAILED),
    CONFIG_ERROR(Tone.FAILED),
    /** Retried until Zuul gave up: the CI's trouble more often than the change's. */
    RETRY_LIMIT(Tone.TROUBLE),
    DISK_FULL(Tone.TROUBLE),
    MERGER_FAILURE(Tone.TROUBLE),
    SKIPPED(Tone.NOT_RUN),
    CANCELED(Tone.NOT_RUN),
    ABORTED(Tone.NOT_RUN),
    DEQUEUED(Tone.NOT_RUN),
    NO_JOBS(Tone.NOT_RUN),
    /** A result not known here. */
    OTHER(Tone.FAILED);

    /** The kind of a result, which is also how pages colour it. */
    public enum Tone {
        PASSED,
        FAILED,
        TROUBLE,
        NOT_RUN
    }

    private final Tone tone;

    ZuulResult(Tone tone) {
        this.tone = tone;
    }

    /** The result Zuul named ({@link #OTHER} for a name not known here); a blank name is no result yet. */
    public static Optional<ZuulResult> of(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            ZuulResult result = valueOf(name.strip().toUpperCase(Locale.ROOT));
            return Optional.of(result);
        } catch (IllegalArgumentException e) {
            return Optional.of(OTHER);
        }
    }

    /** Whether Zuul's result name is a pass. */
    public static boolean passed(String name) {
        return of(name).map(ZuulResult::passed).orElse(false);
    }

    /** Whether Zuul's result name is a failure (an unknown name is); a blank one is no result yet. */
    public static boolean failed(String name) {
        return of(name).map(ZuulResult::failed).orElse(false);
    }

    public Tone tone() {
        return tone;
    }

    public boolean passed() {
        return tone == Tone.PASSED;
    }

    /** Whether the run failed, for the change's fault or the CI's. */
    public boolean failed() {
        return tone == Tone.FAILED || tone == Tone.TROUBLE;
    }

    /** Whether it is one of the names Zuul reports, rather than {@link #OTHER}. */
    public boolean known() {
        return this != OTHER;
    }
}
