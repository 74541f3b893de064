package org.opencontrail.web.git.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.opencontrail.web.branding.Pages;
import org.opencontrail.web.git.mirror.Mirror;
import org.opencontrail.web.git.mirror.Mirrors;
import org.opencontrail.web.shared.http.WorkLimits;

/**
 * Code search: {@code /+search} (the page, and its JSON with {@code format=JSON}) and Hound's API,
 * {@code /api/v1/search}, so Hound's clients and editor plugins work against this site. Only
 * public projects are searched (those mirrored); each search takes a {@code search} turn.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class CodeSearchController {

    private final CodeSearcher searcher;
    private final CodeIndexer indexer;
    private final Mirrors mirrors;
    private final SearchSettings settings;
    private final WorkLimits limits;
    private final Pages pages;

    CodeSearchController(
            CodeSearcher searcher,
            CodeIndexer indexer,
            Mirrors mirrors,
            SearchSettings settings,
            WorkLimits limits,
            Pages pages) {
        this.searcher = searcher;
        this.indexer = indexer;
        this.mirrors = mirrors;
        this.settings = settings;
        this.limits = limits;
        this.pages = pages;
    }

    @Get(
            uri = "/+search",
            produces = {MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
    HttpResponse<?> search(
            HttpRequest<?> request,
            @Nullable @QueryValue String q,
            @Nullable @QueryValue Integer page,
            @Nullable @QueryValue Integer ctx,
            @Nullable @QueryValue Integer lines,
            @Nullable @QueryValue String format)
            throws IOException {
        boolean json = "JSON".equalsIgnoreCase(format);
        String query = q == null ? "" : q.strip();
        int pageNumber = page == null ? 1 : page;
        int context = ctx == null ? 2 : ctx;
        int perFile = lines == null ? settings.linesPerFile() : lines;
        if (pageNumber < 1 || context < 0 || context > 20 || perFile < 1) {
            return problem(json, request, query, "page is 1 or more, ctx from 0 to 20, lines 1 or more", -1);
        }
        if (!settings.enabled()) {
            return problem(json, request, query, "Code search is turned off on this site (git.search.enabled)", -1);
        }
        if (query.isEmpty()) {
            return json
                    ? problem(true, request, query, "q: the query is missing", 0)
                    : pages.ok("git/search", model(SearchPage.empty("", "")), request);
        }
        CodeQuery parsed;
        try {
            parsed = CodeQueryParser.parse(query);
        } catch (BadCodeQuery bad) {
            return problem(json, request, query, bad.getMessage(), bad.position());
        }
        int first = (int) Math.min(Integer.MAX_VALUE, (long) (pageNumber - 1) * settings.pageSize());
        CodeResults results = run(parsed, Optional.empty(), context, first, settings.pageSize(), perFile);
        if (json) {
            return HttpResponse.ok(results).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        return pages.ok(
                "git/search", model(SearchPage.of(query, results, settings.pageSize(), settings.maxLines())), request);
    }

    /** The files left out of the search, and why: JSON, or a page. */
    @Get(
            uri = "/+search/left-out",
            produces = {MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
    HttpResponse<?> leftOut(HttpRequest<?> request, @Nullable @QueryValue String format) throws IOException {
        List<CodeSearcher.LeftOutFile> files;
        try (WorkLimits.Permit turn = limits.enter("search")) {
            files = searcher.leftOut(
                    mirrors.all().stream().map(Mirror::name).collect(Collectors.toSet()), settings.maxFiles());
        }
        if ("JSON".equalsIgnoreCase(format)) {
            return HttpResponse.ok(files).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        List<LeftOutRow> rows = files.stream()
                .map(f -> new LeftOutRow(
                        f.project(),
                        f.path(),
                        f.url(),
                        String.join(", ", f.refs()),
                        LeftOut.explain(f.reason(), settings.maxFileSize())))
                .toList();
        Map<String, Object> model = new HashMap<>();
        model.put("files", rows);
        model.put("most", settings.maxFiles());
        return pages.ok("git/left-out", model, request);
    }

    /** A file left out, as the page lists it. */
    public record LeftOutRow(String project, String path, String url, String refs, String why) {}

    private CodeResults run(
            CodeQuery query,
            Optional<Map<String, String>> onlyRefs,
            int context,
            int firstFile,
            int fileCount,
            int linesPerFile)
            throws IOException {
        try (WorkLimits.Permit turn = limits.enter("search")) {
            Set<String> visible = mirrors.all().stream().map(Mirror::name).collect(Collectors.toSet());
            long deadline = System.nanoTime() + settings.timeout().toNanos();
            return searcher.search(
                    query,
                    new CodeSearcher.Ask(
                            visible,
                            onlyRefs,
                            context,
                            firstFile,
                            fileCount,
                            settings.maxFiles(),
                            settings.maxLines(),
                            linesPerFile,
                            deadline));
        }
    }

    private Map<String, Object> model(SearchPage page) {
        Map<String, Object> model = new HashMap<>();
        model.put("search", page);
        model.put("behind", indexer.behind());
        return model;
    }

    private HttpResponse<?> problem(boolean json, HttpRequest<?> request, String query, String message, int position) {
        if (json) {
            return HttpResponse.badRequest(new Problem(message, position)).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        return pages.status(HttpStatus.BAD_REQUEST, "git/search", model(SearchPage.empty(query, message)), request);
    }

    /** A query refused: why, and at which character (from 0; -1 when it is not the query's text). */
    @Serdeable
    record Problem(String error, int position) {}

    // ---- Hound's API

    /**
     * Hound's search: {@code q} a regular expression ({@code literal=true} for text), {@code repos}
     * ({@code *} or names, comma separated), {@code files} and {@code excludeFiles} (regular
     * expressions of paths), {@code i} (ignore case), {@code ctx} (lines around, 0 to 20), {@code
     * rng} ({@code from:to} of the files of each project). Like Hound, one ref per project: its HEAD.
     */
    @Get(uri = "/api/v1/search", produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> hound(
            @Nullable @QueryValue String q,
            @Nullable @QueryValue String repos,
            @Nullable @QueryValue String files,
            @Nullable @QueryValue String excludeFiles,
            @Nullable @QueryValue String i,
            @Nullable @QueryValue String literal,
            @Nullable @QueryValue String ctx,
            @Nullable @QueryValue String rng)
            throws IOException {
        if (q == null || q.isEmpty()) {
            return houndError("q: the query is missing");
        }
        int context;
        int from;
        int to;
        try {
            context = ctx == null || ctx.isEmpty() ? 2 : Math.min(20, Math.max(0, Integer.parseInt(ctx)));
            int colon = rng == null ? -1 : rng.indexOf(':');
            from = colon <= 0 ? 0 : Integer.parseInt(rng.substring(0, colon));
            to = colon < 0 || colon == rng.length() - 1
                    ? Integer.MAX_VALUE
                    : Integer.parseInt(rng.substring(colon + 1));
        } catch (NumberFormatException e) {
            return houndError("ctx is a number, rng is from:to");
        }
        CodeQuery query;
        try {
            query = HoundQuery.of(q, truthy(literal), truthy(i), repos, files, excludeFiles);
        } catch (BadCodeQuery bad) {
            return houndError(bad.getMessage());
        }
        // each project's HEAD, read once: its branch is searched, its commit is the answer's Revision
        Map<String, String> heads = new HashMap<>();
        Map<String, String> revisions = new HashMap<>();
        for (Mirror mirror : mirrors.all()) {
            Ref head = mirror.repository().exactRef(Constants.HEAD);
            if (head != null && head.isSymbolic()) {
                heads.put(mirror.name(), head.getTarget().getName());
                if (head.getObjectId() != null) {
                    revisions.put(mirror.name(), head.getObjectId().name());
                }
            }
        }
        long started = System.nanoTime();
        // Hound's clients get every matched line of each file, as Hound gives them
        CodeResults results = run(query, Optional.of(heads), context, 0, settings.maxFiles(), settings.maxLines());
        Map<String, HoundRepo> answer = new LinkedHashMap<>();
        Map<String, List<CodeResults.FileMatch>> byProject = new LinkedHashMap<>();
        results.files()
                .forEach(f -> byProject
                        .computeIfAbsent(f.project(), p -> new java.util.ArrayList<>())
                        .add(f));
        byProject.forEach((project, matched) -> {
            List<HoundFile> listed = matched.stream()
                    .skip(from)
                    .limit(Math.max(0, (long) to - from))
                    .map(f -> new HoundFile(
                            f.path(),
                            f.lines().stream()
                                    .map(l -> new HoundMatch(l.text(), l.number(), l.before(), l.after()))
                                    .toList()))
                    .toList();
            answer.put(project, new HoundRepo(listed, matched.size(), revisions.getOrDefault(project, "")));
        });
        return HttpResponse.ok(new HoundAnswer(
                        answer, new HoundStats(results.candidates(), (System.nanoTime() - started) / 1_000_000)))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static boolean truthy(String value) {
        return value != null && Set.of("true", "fosho", "1", "yes").contains(value.toLowerCase(java.util.Locale.ROOT));
    }

    private static HttpResponse<?> houndError(String message) {
        return HttpResponse.badRequest(new HoundError(message)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Serdeable
    record HoundError(@JsonProperty("Error") String error) {}

    @Serdeable
    record HoundAnswer(
            @JsonProperty("Results") Map<String, HoundRepo> results,
            @JsonProperty("Stats") HoundStats stats) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record HoundRepo(
            @JsonProperty("Matches") List<HoundFile> matches,
            @JsonProperty("FilesWithMatch") int filesWithMatch,
            @JsonProperty("Revision") String revision) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record HoundFile(
            @JsonProperty("Filename") String filename,
            @JsonProperty("Matches") List<HoundMatch> matches) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record HoundMatch(
            @JsonProperty("Line") String line,
            @JsonProperty("LineNumber") int lineNumber,
            @JsonProperty("Before") List<String> before,
            @JsonProperty("After") List<String> after) {}

    @Serdeable
    record HoundStats(
            @JsonProperty("FilesOpened") long filesOpened,
            @JsonProperty("Duration") long duration) {}
}
