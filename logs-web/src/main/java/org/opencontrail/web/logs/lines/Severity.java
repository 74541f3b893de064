package org.opencontrail.web.logs.lines;

import java.util.Locale;
import java.util.Optional;

/**
 * A log line's severity, in the order os-loganalyze filtered by: NONE < DEBUG < INFO < AUDIT <
 * TRACE < WARNING < ERROR < CRITICAL (TRACE is oslo's traceback lines, which sit between). A filter
 * {@code ?level=WARNING} keeps WARNING and above.
 */
public enum Severity {
    NONE,
    DEBUG,
    INFO,
    AUDIT,
    TRACE,
    WARNING,
    ERROR,
    CRITICAL;

    // made once: the indexer writes it for every line
    private final String term = name().toLowerCase(Locale.ROOT);

    /** The css class of lines of this severity. */
    public String css() {
        return "lvl-" + term;
    }

    /** The severity as the index and the query language write it: its name in lower case. */
    public String term() {
        return term;
    }

    /** Whether this severity is lower than {@code other}, as a {@code ?level=} filter compares them. */
    public boolean below(Severity other) {
        return compareTo(other) < 0;
    }

    /** A level as the logs' many formats write it. */
    public static Optional<Severity> parse(String word) {
        return Optional.ofNullable(
                switch (word.toUpperCase(Locale.ROOT)) {
                    case "DEBUG", "DBG", "FINE", "FINER", "FINEST", "SYS_DEBUG" -> DEBUG;
                    case "INFO", "NOTICE", "INF", "SYS_INFO", "SYS_NOTICE" -> INFO;
                    case "AUDIT" -> AUDIT;
                    case "TRACE" -> TRACE;
                    case "WARNING", "WARN", "WRN", "SYS_WARN" -> WARNING;
                    case "ERROR", "ERR", "SEVERE", "SYS_ERR", "SYS_ERROR" -> ERROR;
                    case "CRITICAL", "CRIT", "FATAL", "EMERG", "ALERT", "SYS_CRIT", "SYS_EMERG", "SYS_ALERT" ->
                        CRITICAL;
                    default -> null;
                });
    }

    /** A {@code ?level=} value, case-insensitive; NONE (keep all) when absent or unknown. */
    public static Severity filter(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        return parse(value.strip()).orElse(NONE);
    }
}
