package org.opencontrail.web.git.search;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;
import java.time.Duration;
import java.util.List;

/**
 * Code search ({@code git.search}).
 *
 * @param enabled     whether the index is kept and the search answered
 * @param refs        the refs indexed in each project: globs of full ref names ({@code *} matches any
 *                    characters, slashes too), each optionally ending in {@code ~N} to keep only the N
 *                    whose commits are newest
 * @param maxFileSize files larger than this are left out (and listed)
 * @param timeout     longest a query searches before it answers with what it found
 * @param maxFiles    most files a query matches; past them it says it stopped early
 * @param maxLines    most lines a query matches, all files together; past them it says it stopped early
 * @param pageSize    files on one page of results
 * @param linesPerFile most matched lines a page lists for each file (a file's count still counts them all; the
 *                    page links to the rest, and {@code lines=N} on {@code /+search} lists more)
 * @param textCache   memory for the texts of files kept between queries (by content: a file's text never
 *                    changes)
 * @param threads     threads one query checks its candidates on; 0 for one per core
 */
@ConfigurationProperties("git.search")
public record SearchSettings(
        @Bindable(defaultValue = "true") boolean enabled,

        @Bindable(defaultValue = "refs/heads/*,refs/tags/*~5")
        List<String> refs,

        @Bindable(defaultValue = "1MB") @ReadableBytes long maxFileSize,
        @Bindable(defaultValue = "5s") Duration timeout,
        @Bindable(defaultValue = "1000") int maxFiles,
        @Bindable(defaultValue = "5000") int maxLines,
        @Bindable(defaultValue = "25") int pageSize,
        @Bindable(defaultValue = "10") int linesPerFile,
        @Bindable(defaultValue = "256MB") @ReadableBytes long textCache,
        @Bindable(defaultValue = "0") int threads) {}
