package org.opencontrail.web.git.browse;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.opencontrail.web.git.ci.CommitCi;
import org.opencontrail.web.git.ci.CommitCiLookup;
import org.opencontrail.web.git.ci.DirectPushes;
import org.opencontrail.web.git.ci.Replication;
import org.opencontrail.web.git.http.PipedBody;
import org.opencontrail.web.git.mirror.Mirror;
import org.opencontrail.web.git.mirror.Mirrors;
import org.opencontrail.web.shared.http.SecurityHeaders;
import org.opencontrail.web.shared.http.WorkLimits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every page of a repository, at Gitiles' addresses: {@code /PROJECT/} (summary),
 * {@code /PROJECT/+/REV} (commit), {@code /PROJECT/+/REV/PATH} (folder or file),
 * {@code /PROJECT/+/REV^!/} (diff), {@code /PROJECT/+/A..B/} (compare), {@code /PROJECT/+log/REV[/PATH]},
 * {@code /PROJECT/+blame/REV/PATH}, {@code /PROJECT/+refs}, {@code /PROJECT/+archive/REV.tar.gz},
 * and ours: {@code /PROJECT/+raw/REV/PATH}, {@code /PROJECT/+atom/BRANCH} and {@code /PROJECT/+ci/ID}. cgit's addresses
 * redirect here. Pages named by a full commit id are immutable and say so to caches.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class BrowseController {

    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String REVALIDATE = "public, max-age=0, must-revalidate";
    private static final MediaType HTML = MediaType.of("text/html;charset=utf-8");
    private static final long RAW_IN_MEMORY = 4L * 1024 * 1024;

    private final Mirrors mirrors;
    private final PageCache cache;
    private final SummaryView summaries;
    private final LogView logs;
    private final CommitView commits;
    private final TreeView trees;
    private final BlameView blames;
    private final RefsView refs;
    private final FeedView feeds;
    private final GitJson json;
    private final PipedBody bodies;
    private final WorkLimits limits;
    private final SiteLinks links;
    private final HtmlPages pages;
    private final CommitCiLookup ci;
    private final Replication replication;
    private final DirectPushes pushes;
    private final LastChangesView lastChanges;

    BrowseController(Mirrors mirrors, PageCache cache, SummaryView summaries, LogView logs, CommitView commits, TreeView trees,
                     BlameView blames, RefsView refs, FeedView feeds, GitJson json, PipedBody bodies, SiteLinks links, HtmlPages pages,
                     CommitCiLookup ci, Replication replication, DirectPushes pushes, LastChangesView lastChanges, WorkLimits limits) {
        this.mirrors = mirrors;
        this.cache = cache;
        this.summaries = summaries;
        this.logs = logs;
        this.commits = commits;
        this.trees = trees;
        this.blames = blames;
        this.refs = refs;
        this.feeds = feeds;
        this.json = json;
        this.bodies = bodies;
        this.links = links;
        this.pages = pages;
        this.ci = ci;
        this.replication = replication;
        this.pushes = pushes;
        this.lastChanges = lastChanges;
        this.limits = limits;
    }

    /**
     * Everything but the site's own folders and endpoints (a project cannot be called {@code assets}
     * or {@code health}) and the clone service's {@code info/refs}.
     */
    @Get(uri = "/{path:(?!assets/|webjars/|branding/|health$|health/|prometheus$|merges\\.atom$|.*/info/refs$).+}", produces = MediaType.ALL)
    HttpResponse<?> browse(HttpRequest<?> request, String path) throws IOException {
        Map<String, String> params = new HashMap<>();
        request.getParameters().forEach((key, values) -> params.put(key, values.isEmpty() ? "" : values.get(0)));
        GitRequest git = GitRequest.parse(request.getUri().getRawPath(), name -> mirrors.find(name).isPresent())
                .orElseThrow(() -> notFound("No public project or page at this address."));
        Mirror mirror = mirrors.find(git.project()).orElseThrow(() -> notFound("No public project is called " + git.project() + "."));
        if (!mirror.ready()) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "10")
                    .contentType(MediaType.TEXT_PLAIN_TYPE).body(git.project() + " is being mirrored for the first time: try again in a moment.\n");
        }
        Page page = new Page(request, mirror, git, params);
        if (git.view().equals("+archive")) {
            return page.archive(); // takes its own turn, held while the archive is written
        }
        try (WorkLimits.Permit turn = limits.enter("browse")) {
            return switch (git.view()) {
                case "" -> page.plain();
                case "+" -> page.show();
                case "+log" -> page.log();
                case "+blame" -> page.blame();
                case "+raw" -> page.raw();
                case "+refs" -> page.refs();
                case "+atom" -> page.atom();
                case "+ci" -> page.ci();
                case "+lastchanges" -> page.lastChanges();
                default -> throw notFound("No such view: " + git.view());
            };
        }
    }

    static HttpStatusException notFound(String message) {
        return new HttpStatusException(HttpStatus.NOT_FOUND, message);
    }

    /** One request's work: its project, its parsed address and its parameters. */
    private final class Page {

        private final HttpRequest<?> request;
        private final Mirror mirror;
        private final GitRequest git;
        private final Map<String, String> params;
        private final String project;
        private String defaultBranch;

        Page(HttpRequest<?> request, Mirror mirror, GitRequest git, Map<String, String> params) {
            this.request = request;
            this.mirror = mirror;
            this.git = git;
            this.params = params;
            this.project = mirror.name();
        }

        private String format() {
            return params.getOrDefault("format", "").toUpperCase(Locale.ROOT);
        }

        private boolean all() {
            return params.containsKey("all");
        }

        /** Read once a request: the page's cache key and its header both name it. */
        private String defaultBranch() throws IOException {
            if (defaultBranch == null) {
                defaultBranch = SummaryView.defaultBranch(mirror.repository()).orElse(Constants.HEAD);
            }
            return defaultBranch;
        }

        /** An HTML page in the layout, with the project's header, rendered to text. */
        private String html(String view, String tab, String title, Map<String, Object> model) throws IOException {
            Map<String, Object> full = new LinkedHashMap<>(model);
            full.put("header", ProjectHeader.of(mirror, defaultBranch(), links, tab));
            full.put("title", title);
            return pages.render("git/" + view, full, request);
        }

        /**
         * A page that shows one state of the repository: 304 when the client has this version,
         * otherwise the rendered page, from the cache when it was rendered before.
         */
        private MutableHttpResponse<?> cached(PageCache.Key key, boolean immutable, PageCache.Loader render) throws IOException {
            PageCache.Key page = key.with("html", defaultBranch());
            String etag = "\"" + ETags.of(page.toString()) + "\"";
            String seen = request.getHeaders().get(HttpHeaders.IF_NONE_MATCH);
            if (etag.equals(seen)) {
                return HttpResponse.notModified().header(HttpHeaders.ETAG, etag);
            }
            return HttpResponse.ok(cache.text(page, render)).contentType(HTML).header(HttpHeaders.ETAG, etag)
                    .header(HttpHeaders.CACHE_CONTROL, immutable ? IMMUTABLE : REVALIDATE);
        }

        /** A page that follows refs (summary, refs): rendered at most every few seconds and after each fetch. */
        private MutableHttpResponse<?> moving(PageCache.Key key, PageCache.Loader render) throws IOException {
            return HttpResponse.ok(cache.text(key.with("html", defaultBranch()), render)).contentType(HTML)
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache");
        }

        private PageCache.Key key(String view, Revision revision, byte[] path, String options) {
            return new PageCache.Key(project, view, revision == null ? "" : revision.commit().name(),
                    new String(path, StandardCharsets.ISO_8859_1), (revision == null ? "" : revision.name()) + "|" + options);
        }

        /** {@code /PROJECT/}: the summary; cgit's addresses under the project redirect to ours. */
        HttpResponse<?> plain() throws IOException {
            if (!git.rest().isEmpty()) {
                return CgitAddresses.redirect(project, git, params).<HttpResponse<?>>map(url -> HttpResponse.status(HttpStatus.MOVED_PERMANENTLY)
                        .header(HttpHeaders.LOCATION, url)).orElseThrow(() -> notFound("No such page of " + project + "."));
            }
            if (!git.trailingSlash()) {
                return HttpResponse.status(HttpStatus.MOVED_PERMANENTLY).header(HttpHeaders.LOCATION, GitUrls.project(project));
            }
            if (format().equals("JSON")) {
                return jsonBody(Map.of("name", project, "clone_url", links.cloneUrl(project), "description", mirror.project().description(),
                        "replication", replication.of(project), "pushed_past_review", pushes.of(project).stream().map(p -> p.push()).toList()));
            }
            PageCache.Key key = key("summary", null, new byte[0], "");
            return moving(key, () -> html("summary", "summary", project,
                    Map.of("page", (SummaryView.Page) cache.get(key, () -> summaries.summary(mirror)), "replication", replication.of(project), "pushes", pushes.of(project))));
        }

        /** {@code /+/REV}, {@code /+/REV/PATH}, {@code /+/REV^!/} and {@code /+/A..B/}. */
        HttpResponse<?> show() throws IOException {
            if (git.rest().isEmpty()) {
                return HttpResponse.status(HttpStatus.MOVED_PERMANENTLY).header(HttpHeaders.LOCATION, GitUrls.project(project));
            }
            String text = git.restText(0);
            int range = text.indexOf("..");
            if (range > 0 && !text.substring(0, range).endsWith("/")) {
                return compare(text.substring(0, range), stripSlash(text.substring(range + 2)));
            }
            byte[] first = git.rest().get(git.rest().size() - 1);
            String last = new String(first, StandardCharsets.UTF_8);
            if (last.endsWith("^!")) {
                List<byte[]> segments = new ArrayList<>(git.rest());
                segments.set(segments.size() - 1, last.substring(0, last.length() - 2).getBytes(StandardCharsets.UTF_8));
                Revision revision = Revisions.resolve(mirror.repository(), joinText(segments))
                        .orElseThrow(() -> notFound("No such revision in " + project + "."));
                return commit(revision, true);
            }
            Revisions.Found found = Revisions.find(mirror.repository(), git.rest()).orElseThrow(() -> notFound("No such revision in " + project + "."));
            Revision revision = found.revision();
            if (found.pathFrom() == git.rest().size() && !git.trailingSlash()) {
                return commit(revision, false);
            }
            byte[] path = git.restBytes(found.pathFrom());
            if (format().equals("TEXT")) {
                return blobText(revision, path);
            }
            if (format().equals("JSON")) {
                return treeJson(revision, path);
            }
            PageCache.Key key = key("tree", revision, path, "");
            return cached(key, revision.byId(), () -> {
                Optional<?> shown = (Optional<?>) cache.get(key, () -> trees.show(mirror, revision, path));
                Object model = shown.orElseThrow(() -> notFound("No such path at " + revision.name() + "."));
                String title = project + ": " + (path.length == 0 ? "/" : new String(path, StandardCharsets.UTF_8));
                return model instanceof TreeView.Folder folder
                        ? html("tree", "tree", title, Map.of("page", folder))
                        : html("blob", "tree", title, Map.of("page", model));
            });
        }

        private HttpResponse<?> commit(Revision revision, boolean diffOnly) throws IOException {
            if (format().equals("TEXT")) {
                byte[] patch = commits.patch(mirror, revision.commit());
                return HttpResponse.ok(Base64.getEncoder().encodeToString(patch)).contentType(MediaType.TEXT_PLAIN_TYPE)
                        .header(HttpHeaders.CACHE_CONTROL, revision.byId() ? IMMUTABLE : REVALIDATE);
            }
            boolean split = "split".equals(params.get("view"));
            PageCache.Key key = key("commit", revision, new byte[0], (all() ? "all" : ""));
            CommitView.Page page = (CommitView.Page) cache.get(key, () -> commits.commit(mirror, revision.commit(), all()));
            if (format().equals("JSON")) {
                try (RevWalk walk = new RevWalk(mirror.repository())) {
                    return jsonBody(GitJson.commit(page, walk.parseCommit(revision.commit()).getTree().name()));
                }
            }
            String here = diffOnly ? GitUrls.diff(project, page.id()) : GitUrls.commit(project, revision.name());
            return cached(new PageCache.Key(project, "commit", page.id(), "", revision.name() + "|" + all() + split), revision.byId(),
                    () -> html("commit", "log", project + ": " + page.subject(), Map.of("page", page, "split", split,
                            "unifiedUrl", here + (all() ? "?all" : ""), "splitUrl", here + "?view=split" + (all() ? "&all" : ""),
                            "allUrl", here + (split ? "?view=split&all" : "?all"))));
        }

        private HttpResponse<?> compare(String from, String to) throws IOException {
            Revision a = Revisions.resolve(mirror.repository(), from).orElseThrow(() -> notFound("No such revision: " + from));
            Revision b = Revisions.resolve(mirror.repository(), to).orElseThrow(() -> notFound("No such revision: " + to));
            PageCache.Key key = new PageCache.Key(project, "compare", a.commit().name() + ".." + b.commit().name(), "", from + ".." + to + all());
            CommitView.Compare compare = (CommitView.Compare) cache.get(key, () -> commits.compare(mirror, a, b, all()));
            return cached(key, a.byId() && b.byId(), () -> html("compare", "log", project + ": " + from + ".." + to,
                    Map.of("page", compare, "allUrl", GitUrls.compare(project, from, to) + "?all")));
        }

        /** {@code /+log/REV[/PATH]}, {@code /+log/A..B}, or the default branch's log. */
        HttpResponse<?> log() throws IOException {
            LogQuery query = LogQuery.of(params);
            Revision revision;
            Optional<ObjectId> exclude = Optional.empty();
            byte[] path = new byte[0];
            if (git.rest().isEmpty()) {
                revision = Revisions.resolve(mirror.repository(), defaultBranch()).orElseThrow(() -> notFound(project + " has no commits."));
            } else {
                String text = git.restText(0);
                int range = text.indexOf("..");
                if (range > 0) {
                    Revision a = Revisions.resolve(mirror.repository(), text.substring(0, range)).orElseThrow(() -> notFound("No such revision."));
                    revision = Revisions.resolve(mirror.repository(), stripSlash(text.substring(range + 2)))
                            .orElseThrow(() -> notFound("No such revision."));
                    exclude = Optional.of(a.commit());
                } else {
                    Revisions.Found found = Revisions.find(mirror.repository(), git.rest()).orElseThrow(() -> notFound("No such revision."));
                    revision = found.revision();
                    path = git.restBytes(found.pathFrom());
                }
            }
            Revision start = revision;
            Optional<ObjectId> without = exclude;
            byte[] at = path;
            PageCache.Key key = key("log", revision, path, without.map(ObjectId::name).orElse("") + "|" + query);
            LogView.Page page = (LogView.Page) cache.get(key, () -> logs.log(mirror, start, without, at, query));
            if (format().equals("JSON")) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("log", page.commits().stream().map(GitJson::logEntry).toList());
                if (!page.nextUrl().isEmpty()) {
                    out.put("next", page.nextUrl().substring(3, 43));
                }
                return jsonBody(out);
            }
            String base = GitUrls.log(project, revision.name(), path);
            String nextBase = page.nextPath().equals(page.path()) ? base : GitUrls.log(project, revision.name(), page.nextPath().getBytes(StandardCharsets.UTF_8));
            return cached(key, revision.byId(), () -> html("log", "log", project + ": log of " + start.name()
                            + (at.length == 0 ? "" : " " + new String(at, StandardCharsets.UTF_8)),
                    Map.of("page", page, "baseUrl", base, "nextUrl", page.nextUrl().isEmpty() ? "" : nextBase + page.nextUrl(),
                            "permalink", without.isPresent() ? "" : GitUrls.log(project, start.commit().name(), at),
                            "crumbs", TreeView.crumbs(project, start.name(), at), "atomUrl", GitUrls.atom(project, start.name()))));
        }

        HttpResponse<?> blame() throws IOException {
            Revisions.Found found = Revisions.find(mirror.repository(), git.rest()).orElseThrow(() -> notFound("No such revision."));
            byte[] path = git.restBytes(found.pathFrom());
            if (path.length == 0) {
                throw notFound("Blame needs a file.");
            }
            Revision revision = found.revision();
            PageCache.Key key = key("blame", revision, path, "");
            Optional<?> page = (Optional<?>) cache.get(key, () -> blames.blame(mirror, revision, path));
            Object model = page.orElseThrow(() -> notFound("No such file at " + revision.name() + "."));
            return cached(key, revision.byId(), () -> html("blame", "tree", project + ": blame of " + new String(path, StandardCharsets.UTF_8),
                    Map.of("page", model, "permalink", GitUrls.blame(project, revision.commit().name(), path))));
        }

        /** The bytes of a file, as a type that cannot run in the site's name. */
        HttpResponse<?> raw() throws IOException {
            Revisions.Found found = Revisions.find(mirror.repository(), git.rest()).orElseThrow(() -> notFound("No such revision."));
            byte[] path = git.restBytes(found.pathFrom());
            try (ObjectReader reader = mirror.repository().newObjectReader(); RevWalk walk = new RevWalk(reader)) {
                ObjectId tree = walk.parseCommit(found.revision().commit()).getTree();
                TreePaths.Found file = TreePaths.find(reader, tree, path).filter(f -> !f.tree())
                        .orElseThrow(() -> notFound("No such file at " + found.revision().name() + "."));
                var loader = reader.open(file.id(), Constants.OBJ_BLOB);
                MediaType type;
                try (var head = loader.openStream()) {
                    type = RawTypes.of(new String(path, StandardCharsets.UTF_8), head.readNBytes(8000)); // git's own binary test looks this far
                }
                // small files at once, large ones streamed from the pack as they are read
                Object body = loader.getSize() <= RAW_IN_MEMORY ? loader.getBytes()
                        : bodies.of("raw " + project + " " + found.revision().name(), out -> mirror.repository().open(file.id()).copyTo(out));
                return SecurityHeaders.storedContent(HttpResponse.ok(body).contentType(type)
                        .header(HttpHeaders.CACHE_CONTROL, found.revision().byId() ? IMMUTABLE : REVALIDATE));
            }
        }

        /** Gitiles' {@code ?format=TEXT} of a file: its bytes in base64. */
        private HttpResponse<?> blobText(Revision revision, byte[] path) throws IOException {
            try (ObjectReader reader = mirror.repository().newObjectReader(); RevWalk walk = new RevWalk(reader)) {
                TreePaths.Found file = TreePaths.find(reader, walk.parseCommit(revision.commit()).getTree(), path).filter(f -> !f.tree())
                        .orElseThrow(() -> notFound("No such file at " + revision.name() + "."));
                byte[] bytes = reader.open(file.id(), Constants.OBJ_BLOB).getBytes(Integer.MAX_VALUE - 8);
                return HttpResponse.ok(Base64.getEncoder().encodeToString(bytes)).contentType(MediaType.TEXT_PLAIN_TYPE)
                        .header("X-FYI-Content-Type", RawTypes.of(new String(path, StandardCharsets.UTF_8), bytes).toString());
            }
        }

        /** Gitiles' JSON of a folder: its id and entries. */
        private HttpResponse<?> treeJson(Revision revision, byte[] path) throws IOException {
            try (ObjectReader reader = mirror.repository().newObjectReader(); RevWalk walk = new RevWalk(reader)) {
                TreePaths.Found folder = TreePaths.find(reader, walk.parseCommit(revision.commit()).getTree(), path).filter(TreePaths.Found::tree)
                        .orElseThrow(() -> notFound("No such folder at " + revision.name() + "."));
                List<Map<String, Object>> entries = new ArrayList<>();
                CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, folder.id());
                while (!parser.eof()) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("mode", parser.getEntryRawMode());
                    entry.put("type", Constants.typeString(parser.getEntryFileMode().getObjectType()));
                    entry.put("id", parser.getEntryObjectId().name());
                    entry.put("name", parser.getEntryPathString());
                    entries.add(entry);
                    parser.next();
                }
                return jsonBody(Map.of("id", folder.id().name(), "entries", entries));
            }
        }

        /** {@code /+archive/REV.tar.gz[/PATH]} or {@code .zip}, streamed. */
        HttpResponse<?> archive() throws IOException {
            String text = git.restText(0);
            String format = null;
            int end = -1;
            for (String candidate : List.of(Archives.TAR_GZ, "tgz", Archives.ZIP)) {
                int at = text.indexOf("." + candidate);
                int after = at + candidate.length() + 1;
                if (at > 0 && (after == text.length() || text.charAt(after) == '/') && (end < 0 || at < end)) {
                    format = candidate.equals("tgz") ? Archives.TAR_GZ : candidate;
                    end = at;
                }
            }
            if (format == null) {
                throw notFound("Archives are REV.tar.gz or REV.zip.");
            }
            Revision revision = Revisions.resolve(mirror.repository(), text.substring(0, end)).orElseThrow(() -> notFound("No such revision."));
            String afterName = text.substring(end + format.length() + 1);
            byte[] path = stripSlash(afterName.startsWith("/") ? afterName.substring(1) : afterName).getBytes(StandardCharsets.UTF_8);
            ObjectId folder;
            try (ObjectReader reader = mirror.repository().newObjectReader(); RevWalk walk = new RevWalk(reader)) {
                folder = TreePaths.find(reader, walk.parseCommit(revision.commit()).getTree(), path).filter(TreePaths.Found::tree)
                        .orElseThrow(() -> notFound("No such folder at " + revision.name() + ".")).id();
            }
            String base = project.substring(project.lastIndexOf('/') + 1) + "-" + revision.name().replaceAll("[^A-Za-z0-9._-]+", "-")
                    + (path.length == 0 ? "" : "-" + new String(path, StandardCharsets.UTF_8).replaceAll("[^A-Za-z0-9._-]+", "-"));
            String kind = format;
            var body = bodies.of("archive of " + project + " " + revision.name(), limits.enter("archive"),
                    out -> Archives.write(mirror.repository(), revision.commit(), folder, base + "/", kind, out));
            return HttpResponse.ok(body).contentType(format.equals(Archives.ZIP) ? "application/zip" : "application/gzip")
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + base + "." + format + "\"")
                    .header(HttpHeaders.CACHE_CONTROL, revision.byId() ? IMMUTABLE : REVALIDATE);
        }

        HttpResponse<?> refs() throws IOException {
            PageCache.Key key = key("refs", null, new byte[0], "");
            RefsView.Page page = (RefsView.Page) cache.get(key, () -> refs.refs(mirror));
            if (format().equals("JSON")) {
                Map<String, Object> out = new LinkedHashMap<>();
                page.branches().forEach(r -> out.put(r.fullName(), Map.of("value", r.commit())));
                page.tags().forEach(r -> out.put(r.fullName(), Map.of("value", r.commit())));
                return jsonBody(out);
            }
            return moving(key, () -> html("refs", "refs", project + ": branches and tags", Map.of("page", page)));
        }

        /** {@code /+ci/ID}: the review, gate run and post jobs of a commit (asked at each view, kept two minutes); {@code ?fragment=1} for the commit page. */
        HttpResponse<?> ci() throws IOException {
            Revision revision = Revisions.resolve(mirror.repository(), git.restText(0)).orElseThrow(() -> notFound("No such commit."));
            CommitCi answer;
            try (RevWalk walk = new RevWalk(mirror.repository())) {
                answer = ci.of(CommitCiLookup.Question.of(project, walk.parseCommit(revision.commit())));
            }
            if (format().equals("JSON")) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("commit", revision.commit().name());
                out.put("review", answer.review().orElse(null));
                out.put("unreviewed", answer.unreviewed());
                out.put("gate", answer.gate().orElse(null));
                out.put("post", answer.post());
                out.put("problems", answer.problems());
                return jsonBody(out);
            }
            Map<String, Object> model = Map.of("ci", answer, "commit", revision.commit().name(),
                    "commitUrl", GitUrls.commit(project, revision.commit().name()));
            String body = params.containsKey("fragment") ? pages.render("git/ci", Map.of("ci", answer, "fragment", true), request)
                    : html("ci", "log", project + ": CI of " + revision.commit().name().substring(0, 10), model);
            return HttpResponse.ok(body).contentType(HTML).header(HttpHeaders.CACHE_CONTROL, "no-cache");
        }

        /**
         * {@code /+lastchanges/REV[/PATH]}: the last commit that changed each entry of a folder, as
         * JSON; the folder page fills its "last change" column from it once shown.
         */
        HttpResponse<?> lastChanges() throws IOException {
            Revisions.Found found = Revisions.find(mirror.repository(), git.rest()).orElseThrow(() -> notFound("No such revision in " + project + "."));
            Revision revision = found.revision();
            byte[] path = git.restBytes(found.pathFrom());
            Map<String, CommitInfo> entries = lastChanges.of(mirror, revision, path)
                    .orElseThrow(() -> notFound("No such folder at " + revision.name() + "."));
            return jsonBody(LastChangesView.json(revision, new String(path, StandardCharsets.UTF_8), entries))
                    .header(HttpHeaders.CACHE_CONTROL, revision.byId() ? IMMUTABLE : "no-cache");
        }

        HttpResponse<?> atom() throws IOException {
            String branch = git.rest().isEmpty() ? defaultBranch() : git.restText(0);
            Revision revision = Revisions.resolve(mirror.repository(), branch).orElseThrow(() -> notFound("No such branch."));
            PageCache.Key key = key("atom", null, new byte[0], branch);
            String feed = (String) cache.get(key, () -> feeds.branch(mirror, revision, absolute()));
            return HttpResponse.ok(feed).contentType("application/atom+xml;charset=utf-8");
        }

        private String absolute() {
            return links.cloneUrl("").replaceAll("/$", "");
        }

        private MutableHttpResponse<?> jsonBody(Object value) {
            return HttpResponse.ok(json.write(value)).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
    }

    private static String stripSlash(String text) {
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static String joinText(List<byte[]> segments) {
        List<String> parts = new ArrayList<>();
        segments.forEach(s -> parts.add(new String(s, StandardCharsets.UTF_8)));
        return String.join("/", parts);
    }

    /** Builds an answer, once the client is known not to have it already. */
    @FunctionalInterface
    private interface Builder {
        MutableHttpResponse<?> build() throws IOException;
    }

}
