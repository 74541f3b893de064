package org.opencontrail.web.shared.gerrit.event;

/** What one line or one JSON value of Gerrit's stream turned out to be. */
public sealed interface ParseOutcome {

    /** A well-formed event (of a known type or kept as {@link GerritEvent.Unknown}). */
    record Parsed(GerritEvent event) implements ParseOutcome {}

    /**
     * Text that is not a JSON object.
     *
     * @param reason  what is wrong, with the position (line and column) where it is
     * @param excerpt the start of the offending text, bounded
     */
    record Malformed(String reason, String excerpt) implements ParseOutcome {}

    /** An empty line (servers send none, but proxies and recordings may). */
    record Blank() implements ParseOutcome {}
}
