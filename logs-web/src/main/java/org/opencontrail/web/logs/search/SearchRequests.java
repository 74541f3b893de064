package org.opencontrail.web.logs.search;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.opencontrail.web.logs.lines.Severity;

/**
 * A {@link SearchRequest} from what people and tools write: the query, a time range ({@code
 * range=24h|7d|30d|all}, or {@code from} and {@code to}), a lowest level, the hits skipped and how
 * many to give. What cannot be read is a {@link BadQuery} that says why.
 */
@Singleton
final class SearchRequests {

    /** Hits on a page, and in an answer that does not say how many. */
    static final int PAGE = 50;

    private final Clock clock;

    SearchRequests(Clock clock) {
        this.clock = clock;
    }

    SearchRequest of(String q, String range, String from, String to, String level, int offset, int size)
            throws BadQuery {
        Instant start = null;
        Instant end = null;
        if (range != null && !range.isBlank() && !range.equals("all")) {
            start = clock.instant()
                    .minus(span(range)
                            .orElseThrow(() ->
                                    new BadQuery(-1, "unknown range " + range + ": write 24h, 7d, 30d or all", q)));
        }
        if (from != null && !from.isBlank()) {
            start = Times.parse(from, false).orElseThrow(() -> notATime("from", from, q));
        }
        if (to != null && !to.isBlank()) {
            end = Times.parse(to, true).orElseThrow(() -> notATime("to", to, q));
        }
        Severity severity = level == null || level.isBlank()
                ? Severity.NONE
                : Severity.parse(level)
                        .orElseThrow(() -> new BadQuery(
                                -1, "unknown level " + level + ": DEBUG INFO AUDIT TRACE WARNING ERROR CRITICAL", q));
        return new SearchRequest(q == null ? "" : q, start, end, severity, offset, size);
    }

    private static Optional<Duration> span(String range) {
        String r = range.strip().toLowerCase(Locale.ROOT);
        try {
            if (r.endsWith("h")) {
                return Optional.of(Duration.ofHours(Long.parseLong(r.substring(0, r.length() - 1))));
            }
            if (r.endsWith("d")) {
                return Optional.of(Duration.ofDays(Long.parseLong(r.substring(0, r.length() - 1))));
            }
            if (r.endsWith("m")) {
                return Optional.of(Duration.ofMinutes(Long.parseLong(r.substring(0, r.length() - 1))));
            }
        } catch (NumberFormatException e) {
            // not a range: the caller says so
        }
        return Optional.empty();
    }

    private static BadQuery notATime(String name, String text, String query) {
        return new BadQuery(-1, name + " is not a time: " + text + " (" + Times.FORMS + ")", query);
    }
}
