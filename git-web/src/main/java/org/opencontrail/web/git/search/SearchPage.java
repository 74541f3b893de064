package org.opencontrail.web.git.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencontrail.web.git.location.GitLocation;

/**
 * The results page's model: files grouped by project, each file's matches cut into chunks of
 * lines (a match with the lines around it; chunks that touch are one), each line cut into text
 * marked or not; facets and pages as links. Templates only loop over it.
 */
public record SearchPage(
        String query,
        String problem,
        List<ProjectFiles> projects,
        String summary,
        String stoppedEarly,
        List<FacetLink> projectFacets,
        List<FacetLink> refFacets,
        List<FacetLink> languageFacets,
        List<PageLink> pages,
        String jsonUrl) {

    public record ProjectFiles(String name, String url, List<FileView> files) {}

    /**
     * A file listed, with its chunks of lines.
     *
     * @param more    what of its matched lines is not listed, e.g. "12 more matched lines in this file"; empty when none
     * @param moreUrl the same search narrowed to this file, every matched line listed; empty when none
     */
    public record FileView(
            String path,
            String url,
            String blameUrl,
            List<String> refs,
            String language,
            List<Chunk> chunks,
            String more,
            String moreUrl) {}

    public record Chunk(List<LineView> lines) {}

    public record LineView(int number, String url, boolean matched, List<Segment> segments) {}

    public record Segment(String text, boolean marked) {}

    public record FacetLink(String name, int files, String url) {}

    public record PageLink(String label, String url, boolean current) {}

    /** An empty page: the box alone, or with what is wrong with the query. */
    static SearchPage empty(String query, String problem) {
        return new SearchPage(query, problem, List.of(), "", "", List.of(), List.of(), List.of(), List.of(), "");
    }

    /** The page of a query's results, {@code maxLines} being the most lines a search lists. */
    static SearchPage of(String query, CodeResults results, int pageSize, int maxLines) {
        int page = results.firstFile() / pageSize + 1;
        Map<String, List<FileView>> byProject = new LinkedHashMap<>();
        for (CodeResults.FileMatch file : results.files()) {
            byProject.computeIfAbsent(file.project(), p -> new ArrayList<>()).add(view(query, file, maxLines));
        }
        List<ProjectFiles> projects = new ArrayList<>();
        byProject.forEach((name, list) ->
                projects.add(new ProjectFiles(name, GitLocation.summary(name).toUrl(), list)));
        String summary = results.filesMatched() + (results.filesMatched() == 1 ? " file, " : " files, ")
                + results.linesMatched() + (results.linesMatched() == 1 ? " line" : " lines") + " in "
                + results.millis() + " ms";
        return new SearchPage(
                query,
                "",
                projects,
                summary,
                results.stoppedEarly(),
                facets(query, results.projects(), "r:"),
                facets(query, results.refs(), "b:"),
                facets(query, results.languages(), "lang:"),
                pages(query, results.filesMatched(), page, pageSize),
                url(query, "&format=JSON"));
    }

    private static FileView view(String query, CodeResults.FileMatch file, int maxLines) {
        String url = file.url();
        List<Chunk> chunks = new ArrayList<>();
        List<LineView> chunk = new ArrayList<>();
        int lastNumber = -1;
        for (CodeResults.LineMatch match : file.lines()) {
            int firstNumber = match.number() - match.before().size();
            if (!chunk.isEmpty() && firstNumber > lastNumber + 1) {
                chunks.add(new Chunk(List.copyOf(chunk)));
                chunk.clear();
            }
            for (int i = 0; i < match.before().size(); i++) {
                int number = firstNumber + i;
                if (number > lastNumber) {
                    chunk.add(plain(url, number, match.before().get(i)));
                }
            }
            if (match.number() > lastNumber) {
                chunk.add(new LineView(match.number(), url + "#L" + match.number(), true, segments(match)));
            } else {
                // shown as context of the match before: marked now
                chunk.set(
                        chunk.size() - 1 - (lastNumber - match.number()),
                        new LineView(match.number(), url + "#L" + match.number(), true, segments(match)));
            }
            lastNumber = Math.max(lastNumber, match.number());
            for (int i = 0; i < match.after().size(); i++) {
                int number = match.number() + 1 + i;
                if (number > lastNumber) {
                    chunk.add(plain(url, number, match.after().get(i)));
                    lastNumber = number;
                }
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(new Chunk(List.copyOf(chunk)));
        }
        int unlisted = file.matched() - file.lines().size();
        String more = unlisted <= 0 || file.lines().isEmpty()
                ? ""
                : unlisted + (unlisted == 1 ? " more matched line" : " more matched lines") + " in this file";
        String moreUrl = more.isEmpty()
                ? ""
                : url(
                        "(" + query + ") r:" + narrowing("r:", file.project()) + " f:" + narrowing("f:", file.path()),
                        "&lines=" + maxLines);
        return new FileView(file.path(), url, file.blameUrl(), file.refs(), file.language(), chunks, more, moreUrl);
    }

    private static LineView plain(String url, int number, String text) {
        return new LineView(number, url + "#L" + number, false, List.of(new Segment(text, false)));
    }

    private static List<Segment> segments(CodeResults.LineMatch match) {
        List<Segment> segments = new ArrayList<>();
        String text = match.text();
        int at = 0;
        for (CodeResults.Range range : match.ranges()) {
            int start = Math.min(range.start(), text.length());
            int end = Math.min(range.end(), text.length());
            if (start > at) {
                segments.add(new Segment(text.substring(at, start), false));
            }
            if (end > start) {
                segments.add(new Segment(text.substring(start, end), true));
            }
            at = Math.max(at, end);
        }
        if (at < text.length() || segments.isEmpty()) {
            segments.add(new Segment(text.substring(Math.min(at, text.length())), false));
        }
        return segments;
    }

    private static List<FacetLink> facets(String query, List<CodeResults.Facet> facets, String field) {
        return facets.stream()
                .limit(20)
                .map(f -> new FacetLink(f.name(), f.files(), url(query + " " + field + narrowing(field, f.name()), "")))
                .toList();
    }

    /** A facet's value as a term that keeps it: a repository or path by its whole name. */
    private static String narrowing(String field, String value) {
        boolean whole = field.equals("r:") || field.equals("f:");
        String exact = whole ? "^" + com.google.re2j.Pattern.quote(value) + "$" : value;
        return exact.chars().anyMatch(Character::isWhitespace) || exact.contains("\"")
                ? "\"" + exact.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                : exact;
    }

    private static List<PageLink> pages(String query, int files, int page, int pageSize) {
        int count = (files + pageSize - 1) / pageSize;
        if (count <= 1) {
            return List.of();
        }
        List<PageLink> links = new ArrayList<>();
        for (int p = 1; p <= count; p++) {
            links.add(new PageLink(Integer.toString(p), url(query, p == 1 ? "" : "&page=" + p), p == page));
        }
        return links;
    }

    static String url(String query, String more) {
        return "/+search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + more;
    }
}
