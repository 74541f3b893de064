package org.opencontrail.web.logs.search;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;
import org.opencontrail.web.logs.lines.Severity;

/**
 * The search index and its queries.
 *
 * @param dir              the index folder; empty: {@code index} in {@code logs.dir}
 * @param commitInterval   how long indexed builds wait to be committed together (each is acknowledged after its commit)
 * @param ramBufferMb      memory for documents before they are written to a segment
 * @param maxFileBytes     most bytes of one file indexed (the rest is stored and shown, not searchable)
 * @param maxLineChars     longest line indexed whole; the rest of a longer line is cut
 * @param exclude          file names (base names) not indexed
 * @param queryTimeout     longest a query may run before it answers with what it found so far
 * @param maxQueryLength   longest query text accepted
 * @param contextLines     lines shown before and after each hit
 * @param minLevel         lines of a lower level are stored and shown, not indexed (lines with no level are
 *                         indexed whatever it is); empty: every line
 */
@ConfigurationProperties("logs.search")
public record SearchSettings(
        @Nullable String dir,
        @Bindable(defaultValue = "100ms") Duration commitInterval,
        @Bindable(defaultValue = "64") int ramBufferMb,
        @Bindable(defaultValue = "1073741824") long maxFileBytes,
        @Bindable(defaultValue = "8192") int maxLineChars,
        @Nullable List<String> exclude,
        @Bindable(defaultValue = "10s") Duration queryTimeout,
        @Bindable(defaultValue = "20000") int maxQueryLength,
        @Bindable(defaultValue = "2") int contextLines,
        @Bindable(defaultValue = "") String minLevel) {

    public SearchSettings {
        if (minLevel != null
                && !minLevel.isBlank()
                && Severity.parse(minLevel.strip()).isEmpty()) {
            throw new IllegalArgumentException("logs.search.min-level is not a level: " + minLevel
                    + " (DEBUG INFO AUDIT TRACE WARNING ERROR CRITICAL, or empty for every line)");
        }
    }

    static final List<String> DEFAULT_EXCLUDE = List.of("zuul-manifest.json", "job-output.json", "inventory.yaml");

    /** The index folder: {@code dir}, or {@code index} in the store's folder. */
    public java.nio.file.Path indexPath(org.opencontrail.web.logs.store.LogsSettings logs) {
        return dir == null || dir.isBlank() ? java.nio.file.Path.of(logs.dir(), "index") : java.nio.file.Path.of(dir);
    }

    /** The lowest level indexed; NONE: every line. */
    public Severity lowestIndexed() {
        return Severity.filter(minLevel);
    }

    /** The lowest level indexed as results name it: null when every line is. */
    public String minLevelShown() {
        Severity lowest = lowestIndexed();
        return lowest == Severity.NONE ? null : lowest.name();
    }

    /** Whether a line of this level is indexed: it has none, or one at the lowest indexed or above. */
    public boolean indexes(Severity level) {
        return level == Severity.NONE || !level.below(lowestIndexed());
    }

    public List<String> excluded() {
        return exclude == null ? DEFAULT_EXCLUDE : exclude;
    }
}
