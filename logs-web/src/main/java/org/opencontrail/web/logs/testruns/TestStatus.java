package org.opencontrail.web.logs.testruns;

import java.util.Locale;

/** How a test ended, in subunit's words: the runner's final statuses. */
public enum TestStatus {
    SUCCESS,
    FAIL,
    SKIP,
    /** Expected to fail, and failed: a pass. */
    XFAIL,
    /** Expected to fail, and passed: a failure. */
    UXSUCCESS;

    /** The word kept in the database and in JSON: {@code success}, {@code fail}... */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean failed() {
        return this == FAIL || this == UXSUCCESS;
    }

    public boolean passed() {
        return this == SUCCESS || this == XFAIL;
    }

    /** The status a word names, as {@link #word()} writes it. */
    public static TestStatus of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
