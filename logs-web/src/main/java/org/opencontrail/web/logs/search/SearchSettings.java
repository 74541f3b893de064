package org.opencontrail.web.logs.search;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

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
        @Bindable(defaultValue = "2") int contextLines) {

    static final List<String> DEFAULT_EXCLUDE = List.of("zuul-manifest.json", "job-output.json", "inventory.yaml");

    /** The index folder: {@code dir}, or {@code index} in the store's folder. */
    public java.nio.file.Path indexPath(org.opencontrail.web.logs.store.LogsSettings logs) {
        return dir == null || dir.isBlank() ? java.nio.file.Path.of(logs.dir(), "index") : java.nio.file.Path.of(dir);
    }

    public List<String> excluded() {
        return exclude == null ? DEFAULT_EXCLUDE : exclude;
    }
}
