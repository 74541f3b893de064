package org.opencontrail.web.bench.codesearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.opencontrail.web.bench.AppProcess;
import org.opencontrail.web.bench.BenchOptions;
import org.opencontrail.web.bench.Quantiles;
import org.opencontrail.web.bench.SandboxProcess;
import org.opencontrail.web.fixtures.GeneratedRepository;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.shared.io.Trees;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./suite bench codesearch}: git-web's code search over the sandbox's mirrors, the
 * generated large repository and any repository named, on every branch and tag; against {@code
 * git grep} on the same refs (which must find the same lines, query by query) and against Debian's
 * {@code codesearch} ({@code cindex}/{@code csearch}, the engine Hound wraps) over the same refs
 * checked out, in the same run.
 */
public final class CodeSearchBench {

    private static final int RUNS = 3;

    private final HttpClient http =
            Http.builder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();
    private final PrintStream out = System.out;

    private CodeSearchBench() {}

    @Command(
            name = "bench codesearch",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "git-web's code search beside git grep and csearch, on the same refs.")
    static final class Options {
        @Option(names = "--jar", required = true, description = "git-web's jar")
        Path jar;

        @Option(names = "--sandbox-jar", description = "the sandbox's jar: its repositories are searched too")
        Path sandboxJar;

        @Option(
                names = "--commits",
                defaultValue = "20000",
                description = "commits of the generated repository (default: ${DEFAULT-VALUE})")
        int commits;

        @Option(
                names = "--seed",
                defaultValue = "7",
                description = "which rare words are asked (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--work", defaultValue = "target/bench-codesearch", description = "where the data goes")
        Path work;

        @Parameters(description = "more bare repositories to search")
        List<Path> repositories = new ArrayList<>();
    }

    /** A repository searched, under the name git-web gives it. */
    private record Repo(String project, Path dir) {}

    public static void main(String[] args) throws Exception {
        new CodeSearchBench().run(BenchOptions.parse(new Options(), args));
    }

    private void run(Options options) throws Exception {
        Path work = options.work.toAbsolutePath();
        Trees.delete(work);
        Files.createDirectories(work);
        List<Repo> repos = repositories(options, work);
        out.format(
                "Repositories: %d (%s)%n",
                repos.size(),
                String.join(", ", repos.stream().map(Repo::project).toList()));

        // the same refs checked out, for csearch and for the size of the code
        Path trees = work.resolve("trees");
        Map<Repo, List<String>> refs = new LinkedHashMap<>();
        for (Repo repo : repos) {
            refs.put(repo, refsOf(repo.dir()));
            int n = 0;
            for (String ref : refs.get(repo)) {
                Path tree = trees.resolve(repo.project().replace('/', '_')).resolve("ref" + n++);
                Files.createDirectories(tree);
                shell(work, "git --git-dir='" + repo.dir() + "' archive '" + ref + "' | tar -x -C '" + tree + "'");
            }
        }
        long[] code = textBytes(trees);
        out.format(
                Locale.ROOT,
                "Code: %.1f MB of text on %d refs (%.1f MB of distinct files, %.1f MB of binary files aside)%n",
                code[0] / 1e6,
                refs.values().stream().mapToInt(List::size).sum(),
                code[1] / 1e6,
                code[2] / 1e6);
        List<BenchQuery> queries = BenchQuery.of(trees, options.seed);

        // csearch: index the trees, then every query
        Path csearchIndex = work.resolve("csearchindex");
        long cindexStarted = System.nanoTime();
        long cindexPeak =
                measured(List.of("cindex", trees.toString()), Map.of("CSEARCHINDEX", csearchIndex.toString()));
        double cindexSeconds = (System.nanoTime() - cindexStarted) / 1e9;

        List<String> report = new ArrayList<>();
        Map<String, List<Double>> csearch = new LinkedHashMap<>();
        for (BenchQuery query : queries) {
            for (int r = 0; r < RUNS; r++) {
                long started = System.nanoTime();
                ProcessBuilder builder = new ProcessBuilder("csearch", "-n", query.csearchPattern())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD);
                builder.environment().put("CSEARCHINDEX", csearchIndex.toString());
                Process p = builder.start();
                p.getOutputStream().close();
                p.waitFor(300, TimeUnit.SECONDS);
                csearch.computeIfAbsent(query.kind(), k -> new ArrayList<>()).add((System.nanoTime() - started) / 1e6);
            }
        }
        Path gitDir = work.resolve("git-web");
        List<String> projects = new ArrayList<>();
        for (int i = 0; i < repos.size(); i++) {
            projects.add("-Dgit.projects[" + i + "].name=" + repos.get(i).project());
            projects.add("-Dgit.projects[" + i + "].url=" + repos.get(i).dir().toUri());
        }
        List<String> common = new ArrayList<>(projects);
        common.addAll(List.of(
                "-Dgit.dir=" + gitDir, "-Dgit.sweep-interval=1h", "-Dgit.search.refs=refs/heads/*,refs/tags/*"));

        // the site as it answers people: its default bounds
        Map<String, List<Double>> bounded = new LinkedHashMap<>();
        Map<String, Integer> stopped = new LinkedHashMap<>();
        Map<String, Double> slowest = new LinkedHashMap<>();
        double indexSeconds;
        double indexCpuSeconds;
        double indexedMb;
        long indexBytes;
        long appPeak;
        try (AppProcess site = AppProcess.start(options.jar, List.of("-Xmx1g"), common, work.resolve("git-web.log"))) {
            long started = System.nanoTime();
            awaitIndexed(site, repos.size());
            double wall = (System.nanoTime() - started) / 1e9;
            String metrics = text(site, "/prometheus");
            site.awaitIdle(Duration.ofMinutes(5)); // the history indexes of the mirrors are made after their fetch
            indexSeconds = metric(metrics, "git_code_search_update_seconds_sum");
            // per core: over the indexer's processor time, not the time it waited for a core the
            // mirrors' fetches had, or for the disk
            indexCpuSeconds = metric(metrics, "git_code_search_update_cpu_seconds_total");
            indexedMb = metric(metrics, "git_code_search_bytes_read_total") / 1e6;
            indexBytes = (long) metric(metrics, "git_code_search_bytes");
            appPeak = site.peakRssBytes();
            out.format(Locale.ROOT, "git-web: mirrored and indexed in %.1f s (indexing %.1f s)%n", wall, indexSeconds);
            // a first pass, not timed: the JVM compiles the hot code (csearch is compiled ahead)
            for (BenchQuery query : queries) {
                ask(site, query);
            }
            for (BenchQuery query : queries) {
                for (int r = 0; r < RUNS; r++) {
                    long at = System.nanoTime();
                    JsonNode answer = ask(site, query);
                    double ms = (System.nanoTime() - at) / 1e6;
                    bounded.computeIfAbsent(query.kind(), k -> new ArrayList<>())
                            .add(ms);
                    slowest.put(query.siteQuery(), Math.max(ms, slowest.getOrDefault(query.siteQuery(), 0.0)));
                    if (r == 0 && !answer.get("stoppedEarly").asText().isEmpty()) {
                        stopped.merge(query.kind(), 1, Integer::sum);
                    }
                }
            }
        }

        // the same index, every match asked for: the same work as csearch and git grep
        List<String> complete = new ArrayList<>(common);
        complete.addAll(List.of(
                "-Dgit.search.max-files=1000000",
                "-Dgit.search.max-lines=5000000",
                "-Dgit.search.page-size=1000000",
                "-Dgit.search.lines-per-file=5000000",
                "-Dgit.search.timeout=300s"));
        Map<String, List<Double>> whole = new LinkedHashMap<>();
        int compared = 0;
        int differing = 0;
        List<String> differences = new ArrayList<>();
        try (AppProcess site =
                AppProcess.start(options.jar, List.of("-Xmx2g"), complete, work.resolve("git-web-complete.log"))) {
            awaitIndexed(site, repos.size());
            site.awaitIdle(Duration.ofMinutes(5));
            Set<String> leftOut = new HashSet<>();
            for (JsonNode file : json.readTree(text(site, "/+search/left-out?format=JSON"))) {
                leftOut.add(
                        file.get("project").asText() + " " + file.get("path").asText());
            }
            for (BenchQuery query : queries) {
                long at = System.nanoTime();
                JsonNode answer = ask(site, query);
                whole.computeIfAbsent(query.kind(), k -> new ArrayList<>()).add((System.nanoTime() - at) / 1e6);
                if (!answer.get("stoppedEarly").asText().isEmpty()) {
                    differences.add(query.text() + ": stopped early ("
                            + answer.get("stoppedEarly").asText() + "), not compared");
                    continue;
                }
                Set<String> ours = hits(answer);
                Set<String> grep = gitGrep(refs, query, leftOut);
                compared++;
                if (!ours.equals(grep)) {
                    differing++;
                    Set<String> onlyOurs = new TreeSet<>(ours);
                    onlyOurs.removeAll(grep);
                    Set<String> onlyGrep = new TreeSet<>(grep);
                    onlyGrep.removeAll(ours);
                    differences.add(String.format(
                            "%s: %d lines only here (%s), %d only in git grep (%s)",
                            query.siteQuery(),
                            onlyOurs.size(),
                            onlyOurs.stream().limit(2).toList(),
                            onlyGrep.size(),
                            onlyGrep.stream().limit(2).toList()));
                }
            }
        }

        long csearchIndexBytes = Files.size(csearchIndex);
        report.add(String.format(
                Locale.ROOT,
                "index: %.1f MB on disk, %.2fx the code (%.2fx its distinct files); csearch's %.1f MB, %.2fx",
                indexBytes / 1e6,
                (double) indexBytes / code[0],
                (double) indexBytes / code[1],
                csearchIndexBytes / 1e6,
                (double) csearchIndexBytes / code[0]));
        report.add(String.format(
                Locale.ROOT,
                "indexing: %.1f MB read in %.1f s on one thread, %.1f s of it on a core: %.1f MB/s per core (of the code"
                        + " on every ref: %.1f MB/s); cindex %.1f MB/s of the checked-out trees (%.1f s, one thread)",
                indexedMb,
                indexSeconds,
                indexCpuSeconds,
                indexedMb / indexCpuSeconds,
                code[0] / 1e6 / indexCpuSeconds,
                code[0] / 1e6 / cindexSeconds,
                cindexSeconds));
        report.add(String.format(
                Locale.ROOT,
                "memory: git-web peak RSS %.0f MB (-Xmx1g), cindex peak RSS %.0f MB",
                appPeak / 1e6,
                cindexPeak / 1e6));
        report.add("queries, p50 / p99 ms over " + RUNS
                + " runs each (site: the site's bounds; complete: every match; csearch: every match):");
        for (String kind : bounded.keySet()) {
            List<Double> site = bounded.get(kind);
            List<Double> all = whole.get(kind);
            List<Double> cs = csearch.get(kind);
            report.add(String.format(
                    Locale.ROOT,
                    "  %-11s site %6.1f / %6.1f   complete %7.1f / %7.1f   csearch %7.1f / %7.1f   csearch p50 / site p50 %.1fx%s",
                    kind,
                    Quantiles.of(site, 0.5),
                    Quantiles.of(site, 0.99),
                    Quantiles.of(all, 0.5),
                    Quantiles.of(all, 0.99),
                    Quantiles.of(cs, 0.5),
                    Quantiles.of(cs, 0.99),
                    Quantiles.of(cs, 0.5) / Quantiles.of(site, 0.5),
                    stopped.containsKey(kind) ? "  (" + stopped.get(kind) + " stopped at the site's bounds)" : ""));
        }
        List<Double> literal = new ArrayList<>();
        List<Double> regex = new ArrayList<>();
        bounded.forEach((kind, samples) ->
                (kind.equals("narrowed") || kind.equals("unnarrowed") ? regex : literal).addAll(samples));
        report.add(String.format(
                Locale.ROOT,
                "  literal (%d) site p50 %.1f ms, p99 %.1f ms; regular expressions (%d) site p50 %.1f ms, p99 %.1f ms",
                literal.size() / RUNS,
                Quantiles.of(literal, 0.5),
                Quantiles.of(literal, 0.99),
                regex.size() / RUNS,
                Quantiles.of(regex, 0.5),
                Quantiles.of(regex, 0.99)));
        report.add("  slowest at the site's bounds: "
                + String.join(
                        ", ",
                        slowest.entrySet().stream()
                                .sorted(Map.Entry.<String, Double>comparingByValue()
                                        .reversed())
                                .limit(6)
                                .map(e -> String.format(Locale.ROOT, "%s %.0f ms", e.getKey(), e.getValue()))
                                .toList()));
        report.add(String.format(
                "matches: %d queries compared with git grep -n on the same refs, %d differ", compared, differing));
        report.addAll(differences.stream().map(d -> "  " + d).toList());
        out.println();
        report.forEach(out::println);
        Files.write(work.resolveSibling("bench-codesearch.txt"), report);
    }

    private List<Repo> repositories(Options options, Path work) throws Exception {
        List<Repo> repos = new ArrayList<>();
        out.format("Generating a repository of %,d commits...%n", options.commits);
        Path generated =
                GeneratedRepository.create(work.resolve("repos").resolve("contrail-controller.git"), options.commits);
        repos.add(new Repo("generated/contrail-controller", generated)); // the sandbox has a contrail-controller
        if (options.sandboxJar != null) {
            Path state = work.resolve("sandbox");
            try (SandboxProcess sandbox = SandboxProcess.start(options.sandboxJar, state)) {
                Path git = state.resolve("git");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (System.nanoTime() < deadline && bare(git).size() < 4) {
                    Thread.sleep(1000); // the sandbox makes a project's repository with its first change
                }
                Thread.sleep(5000); // and a few more changes
            }
            for (Path dir : bare(state.resolve("git"))) {
                String name = state.resolve("git").relativize(dir).toString().replaceAll("\\.git$", "");
                repos.add(new Repo(name, dir));
            }
        }
        for (Path extra : options.repositories) {
            Path dir = extra.toAbsolutePath().normalize();
            // a work tree's .git, or a bare PROJECT.git
            Path named = dir.getFileName().toString().equals(".git") ? dir.getParent() : dir;
            repos.add(new Repo(named.getFileName().toString().replaceAll("\\.git$", ""), dir));
        }
        return repos;
    }

    private static List<Path> bare(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.walk(root, 4)) {
            return dirs.filter(d -> d.getFileName().toString().endsWith(".git") && Files.exists(d.resolve("HEAD")))
                    .sorted()
                    .toList();
        }
    }

    /** Every branch and tag, as git-web is told to index them (git.search.refs). */
    private static List<String> refsOf(Path repository) throws IOException, InterruptedException {
        String listed = git(repository, "for-each-ref", "--format=%(refname)", "refs/heads", "refs/tags");
        List<String> refs = new ArrayList<>();
        for (String ref : listed.split("\n")) {
            if (!ref.isBlank()
                    && git(repository, "cat-file", "-t", ref + "^{commit}")
                            .strip()
                            .equals("commit")) {
                refs.add(ref.strip());
            }
        }
        return refs;
    }

    /** Bytes of the text files under the trees, of the distinct ones among them, and of binary files. */
    private static long[] textBytes(Path trees) throws IOException {
        long[] bytes = new long[3];
        Set<String> seen = new HashSet<>();
        try (Stream<Path> files = Files.walk(trees)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(file);
                if (BenchQuery.binary(content)) {
                    bytes[2] += content.length;
                    continue;
                }
                bytes[0] += content.length;
                // a file the same on several refs: its project, path within the ref and content
                Path relative = trees.relativize(file);
                String key = relative.getName(0) + "/" + relative.subpath(2, relative.getNameCount()) + "/"
                        + java.util.Arrays.hashCode(content) + "/" + content.length;
                if (seen.add(key)) {
                    bytes[1] += content.length;
                }
            }
        }
        return bytes;
    }

    private JsonNode ask(AppProcess site, BenchQuery query) throws IOException, InterruptedException {
        String target = "/+search?format=JSON&ctx=0&q=" + URLEncoder.encode(query.siteQuery(), StandardCharsets.UTF_8);
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(site.url(target))
                        .timeout(Duration.ofMinutes(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(
                    query.siteQuery() + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return json.readTree(answer.body());
    }

    private String text(AppProcess site, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(site.url(path)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** Waits until git-web has mirrored and indexed every project (its /health says so). */
    private void awaitIndexed(AppProcess site, int projects) throws IOException, InterruptedException {
        site.awaitReady("/");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (System.nanoTime() < deadline) {
            JsonNode search = json.readTree(text(site, "/health"))
                    .path("details")
                    .path("code-search")
                    .path("details");
            if (search.path("projects").asInt() >= projects
                    && search.path("behind").asInt() == 0) {
                return;
            }
            Thread.sleep(500); // indexing takes seconds to minutes
        }
        throw new IllegalStateException("git-web did not index every project within 30 minutes");
    }

    private static double metric(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new IllegalStateException("no metric " + name);
    }

    /** Every (project, ref, path, line) of an answer. */
    private static Set<String> hits(JsonNode answer) {
        Set<String> hits = new HashSet<>();
        for (JsonNode file : answer.get("files")) {
            for (JsonNode ref : file.get("refs")) {
                for (JsonNode line : file.get("lines")) {
                    hits.add(file.get("project").asText() + " " + ref.asText() + " "
                            + file.get("path").asText() + ":"
                            + line.get("number").asInt());
                }
            }
        }
        return hits;
    }

    /** What git grep -n -I finds on every ref, the files the site leaves out aside. */
    private static Set<String> gitGrep(Map<Repo, List<String>> refs, BenchQuery query, Set<String> leftOut)
            throws IOException, InterruptedException {
        Set<String> hits = new HashSet<>();
        for (Map.Entry<Repo, List<String>> repo : refs.entrySet()) {
            List<String> command = new ArrayList<>(List.of(
                    "git",
                    "--git-dir",
                    repo.getKey().dir().toString(),
                    "grep",
                    "-n",
                    "-I",
                    "-z",
                    query.regex() ? "-P" : "-F",
                    "-e",
                    // (*UTF): characters, not bytes, as the site's engine reads them (.{100} is 100 characters)
                    query.regex() ? "(*UTF)" + query.text() : query.text()));
            command.addAll(repo.getValue());
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
            // bytes, and PCRE's own character tables: under a UTF-8 locale, git grep -P (matching bytes when the
            // pattern is ASCII) takes the locale's tables, where \S does not match the first byte of a '·'
            builder.environment().put("LC_ALL", "C");
            Process grep = builder.start();
            grep.getOutputStream().close();
            // bytes as they are: a path is decoded below as git-web decodes it
            try (var lines = new java.io.BufferedReader(
                    new java.io.InputStreamReader(grep.getInputStream(), StandardCharsets.ISO_8859_1))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    String[] parts = line.split("\0", 3);
                    if (parts.length < 3) {
                        continue;
                    }
                    int colon = refEnd(parts[0], repo.getValue());
                    String ref = parts[0].substring(0, colon);
                    String path = decoded(parts[0].substring(colon + 1));
                    if (!leftOut.contains(repo.getKey().project() + " " + path)) {
                        hits.add(repo.getKey().project() + " " + shortName(ref) + " " + path + ":" + parts[1]);
                    }
                }
            }
            grep.waitFor(300, TimeUnit.SECONDS);
        }
        return hits;
    }

    /** A path's bytes (one char each) as git-web shows it: UTF-8, or Latin-1 when it is not. */
    private static String decoded(String bytes) {
        byte[] raw = bytes.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(raw))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return bytes;
        }
    }

    private static int refEnd(String prefixed, List<String> refs) {
        for (String ref : refs) {
            if (prefixed.startsWith(ref + ":")) {
                return ref.length();
            }
        }
        return prefixed.indexOf(':');
    }

    private static String shortName(String ref) {
        return ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref.substring("refs/".length());
    }

    /** Runs a command to its end, its output discarded; its peak resident memory. */
    private static long measured(List<String> command, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        Process process = builder.start();
        AppProcess.RssSampler rss = new AppProcess.RssSampler(process.pid());
        rss.start();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
        rss.interrupt();
        return rss.peak();
    }

    private static void shell(Path dir, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command)
                .directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(command + " failed");
        }
    }

    private static String git(Path repository, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "--git-dir", repository.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(300, TimeUnit.SECONDS);
        return out;
    }
}
