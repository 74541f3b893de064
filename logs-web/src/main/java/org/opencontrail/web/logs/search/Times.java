package org.opencontrail.web.logs.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * A time as people write it in a query or a form: a day ({@code 2026-11-24}, its first or last
 * millisecond), epoch seconds or milliseconds, or an ISO time with or without zone (UTC if none).
 */
final class Times {

    static final String FORMS = "write 2026-11-24, 2026-11-24T10:00:00Z or epoch seconds";

    private Times() {}

    /** The instant, or empty when the text is not a time. */
    static Optional<Instant> parse(String text, boolean endOfDay) {
        String value = text.strip();
        try {
            if (value.matches("\\d{4}-\\d\\d-\\d\\d")) {
                LocalDate day = LocalDate.parse(value);
                return Optional.of((endOfDay ? day.plusDays(1) : day)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .minusMillis(endOfDay ? 1 : 0));
            }
            if (value.matches("\\d{10,13}")) {
                long n = Long.parseLong(value);
                return Optional.of(value.length() <= 10 ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n));
            }
            long millis = LineFacts.isoMillis(value.replace('T', ' '));
            if (millis >= 0) {
                return Optional.of(Instant.ofEpochMilli(millis));
            }
            return Optional.of(Instant.parse(value.toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
