package org.opencontrail.web.git.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What a query found.
 *
 * @param files        the files of the page asked, by project then path, with their lines
 * @param firstFile    where the page starts among the files matched (from 0)
 * @param filesMatched how many files matched (at least, when it stopped early)
 * @param linesMatched how many lines matched in them
 * @param stoppedEarly why it stopped before it had looked at every candidate (empty when it did not)
 * @param candidates   files the index gave as candidates, each then checked against its text
 * @param projects     matched files per project
 * @param refs         matched files per ref (a file on several refs counts on each)
 * @param languages    matched files per language
 * @param millis       how long it took
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CodeResults(
        List<FileMatch> files,
        int firstFile,
        int filesMatched,
        int linesMatched,
        String stoppedEarly,
        long candidates,
        List<Facet> projects,
        List<Facet> refs,
        List<Facet> languages,
        long millis) {

    /**
     * A file that matched.
     *
     * @param project  its project
     * @param path     its path (decoded as the site shows paths: UTF-8, or Latin-1 when it is not)
     * @param url      its page, on the ref its links name
     * @param blameUrl its blame
     * @param refs     the refs it is on, as people name them ({@code master}, {@code tags/R5.0})
     * @param revision the ref its links name
     * @param language its language, empty when none is known
     * @param matched  how many of its lines matched
     * @param lines    its matched lines (none when the query only named files)
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FileMatch(
            String project,
            String path,
            String url,
            String blameUrl,
            List<String> refs,
            String revision,
            String language,
            int matched,
            List<LineMatch> lines) {}

    /**
     * A matched line.
     *
     * @param number its number, from 1
     * @param text   the line
     * @param ranges what matched in it
     * @param before the lines before it (as many as asked)
     * @param after  the lines after it
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record LineMatch(int number, String text, List<Range> ranges, List<String> before, List<String> after) {}

    /** Characters [start, end) of a line. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Range(int start, int end) {}

    /** A value and how many matched files have it. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Facet(String name, int files) {}
}
