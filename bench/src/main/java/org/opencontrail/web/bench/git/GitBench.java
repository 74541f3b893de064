package org.opencontrail.web.bench.git;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.opencontrail.web.bench.AppProcess;
import org.opencontrail.web.bench.BenchOptions;
import org.opencontrail.web.fixtures.GeneratedRepository;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.shared.io.Trees;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./suite bench git}: git-web side by side with Debian's cgit (under lighttpd CGI, with and
 * without its cache) on the same repository in the same run, page by page with wrk; first views
 * (pages never asked before) against cgit without cache; and clone (protocol v2) against
 * {@code git http-backend}.
 */
public final class GitBench {

    private static final String NAME = "contrail-controller";
    private static final String PROJECT = "Juniper/contrail-controller";

    /**
     * A page measured on both sides.
     *
     * @param name  what it is
     * @param cgit  its address under cgit's root
     * @param ours  its address on git-web
     */
    record Page(String name, String cgit, String ours) {}

    // HTTP/1.1 as wrk and curl speak it (an h2c upgrade attempt was once answered with GOAWAY)
    private final HttpClient http =
            Http.builder().version(HttpClient.Version.HTTP_1_1).build();

    private GitBench() {}

    @Command(
            name = "bench git",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "git-web's pages and clones beside cgit behind lighttpd, on the same repository.")
    static final class Options {
        @Option(names = "--jar", required = true, description = "git-web's jar")
        Path jar;

        @Option(names = "--repo", description = "a repository to use instead of a generated one")
        Path repo;

        @Option(
                names = "--commits",
                defaultValue = "34000",
                description = "commits of the generated repository (default: ${DEFAULT-VALUE})")
        int commits;

        @Option(
                names = "--seconds",
                defaultValue = "5",
                description = "seconds of load per page and side (default: ${DEFAULT-VALUE})")
        int seconds;

        @Option(
                names = "--connections",
                defaultValue = "8",
                description = "wrk's connections (default: ${DEFAULT-VALUE})")
        int connections;

        @Option(
                names = "--work",
                defaultValue = "target/bench-git",
                description = "where the repository and apps' data go")
        Path work;
    }

    public static void main(String[] args) throws Exception {
        new GitBench().run(BenchOptions.parse(new Options(), args));
    }

    private void run(Options options) throws Exception {
        PrintStream out = System.out;
        Path work = options.work.toAbsolutePath();
        Trees.delete(work);
        Files.createDirectories(work);
        Path repository;
        if (options.repo != null) {
            repository = options.repo.toAbsolutePath();
            out.println("Repository: " + repository);
        } else {
            int commits = options.commits;
            out.format(
                    "Generating a repository of %,d commits and 2,000 files (renames, merges, binaries, long files)...%n",
                    commits);
            repository = GeneratedRepository.create(work.resolve("repos").resolve(NAME + ".git"), commits);
            Targets.git(repository, "gc", "-q");
            Targets.git(repository, "commit-graph", "write", "--reachable", "--changed-paths");
        }
        Targets targets = Targets.find(repository);
        out.format(
                "Pages: commit %s, folder %s, file %s (branch %s)%n",
                targets.commit(), targets.folder(), targets.file(), targets.branch());
        Wrk wrk = new Wrk(options.connections, options.seconds);
        List<String> report = new ArrayList<>();
        long mirrorStarted = System.nanoTime();
        try (Lighttpd cgit = Lighttpd.start(work.resolve("lighttpd"), repository, NAME);
                AppProcess git = AppProcess.start(
                        options.jar,
                        List.of("-Xmx1g"),
                        List.of(
                                "-Dgit.dir=" + work.resolve("git-web"),
                                "-Dgit.projects[0].name=" + PROJECT,
                                "-Dgit.projects[0].url=" + repository.toUri(),
                                "-Dgit.sweep-interval=1h"),
                        work.resolve("git-web.log"))) {
            git.awaitReady("/" + PROJECT + "/");
            double fetched = (System.nanoTime() - mirrorStarted) / 1e9;
            awaitRepacked(work.resolve("git-web"));
            double repacked = (System.nanoTime() - mirrorStarted) / 1e9;
            long count = Long.parseLong(
                    Targets.git(repository, "rev-list", "--all", "--count").strip());
            // what resyncing a lost mirror costs: from git-web's start with no mirror to served, then repacked
            report.add(String.format(
                    java.util.Locale.ROOT,
                    "mirror from nothing (%,d commits): served after %.0f s, repacked after %.0f s"
                            + " = %.0f s per 10,000 commits",
                    count,
                    fetched,
                    repacked,
                    repacked / (count / 10_000.0)));
            String b = targets.branch();
            List<Page> pages = List.of(
                    new Page("index", "/", "/"),
                    new Page("summary", "/" + NAME + "/", "/" + PROJECT + "/"),
                    new Page("log page 1 (50)", "/" + NAME + "/log/", "/" + PROJECT + "/+log/" + b + "?n=50"),
                    new Page(
                            "log at offset 5000",
                            "/" + NAME + "/log/?ofs=5000",
                            "/" + PROJECT + "/+log/" + b + "?n=50&ofs=5000"),
                    new Page(
                            "log of one file",
                            "/" + NAME + "/log/" + targets.file(),
                            "/" + PROJECT + "/+log/" + b + "/" + targets.file() + "?n=50"),
                    new Page(
                            "commit of ~27 files",
                            "/" + NAME + "/commit/?id=" + targets.commit(),
                            "/" + PROJECT + "/+/" + targets.commit()),
                    new Page(
                            "tree of ~140 entries",
                            "/" + NAME + "/tree/" + targets.folder(),
                            "/" + PROJECT + "/+/" + b + "/" + targets.folder() + "/"),
                    new Page(
                            "highlighted blob",
                            "/" + NAME + "/tree/" + targets.file(),
                            "/" + PROJECT + "/+/" + b + "/" + targets.file()),
                    new Page(
                            "blame",
                            "/" + NAME + "/blame/" + targets.file(),
                            "/" + PROJECT + "/+blame/" + b + "/" + targets.file()),
                    new Page(
                            "raw",
                            "/" + NAME + "/plain/" + targets.file(),
                            "/" + PROJECT + "/+raw/" + b + "/" + targets.file()),
                    new Page("atom", "/" + NAME + "/atom/", "/" + PROJECT + "/+atom/" + b));
            report.add(String.format(
                    "%-22s %14s %14s %14s %9s %9s",
                    "page, req/s (p50 ms)", "cgit", "cgit cached", "git-web", "x cgit", "x cached"));
            for (Page page : pages) {
                check(cgit.url("/cgit" + page.cgit()));
                check(git.url(page.ours()).toString());
                Wrk.Result plain = wrk.run(cgit.url("/cgit" + page.cgit()));
                check(cgit.url("/cgitc" + page.cgit()));
                Wrk.Result cached = wrk.run(cgit.url("/cgitc" + page.cgit()));
                Wrk.Result ours = wrk.run(git.url(page.ours()).toString());
                String line = String.format(
                        "%-22s %14s %14s %14s %9s %9s",
                        page.name(),
                        figure(plain),
                        figure(cached),
                        figure(ours),
                        ratio(ours, plain),
                        ratio(ours, cached));
                report.add(line);
                out.println(line);
            }
            report.add("");
            report.add(String.format("%-30s %12s %12s %8s", "first view, median ms", "cgit", "git-web", "x cgit"));
            firstViews(out, report, cgit, git, targets);
            report.add("");
            clone(out, report, cgit, git);
            report.add("");
            report.add(String.format("git-web peak resident memory: %d MB", git.peakRssBytes() >> 20));
        }
        out.println();
        out.println("Results (" + Runtime.getRuntime().availableProcessors() + " cores, wrk -t2 -c"
                + options.connections + " -d" + options.seconds + "s per page and side):");
        report.forEach(out::println);
    }

    /** Requests a second and median latency; a side that answered nothing in time says so. */
    private static String figure(Wrk.Result result) {
        return result.perSecond() > 0
                ? String.format("%.0f (%.1f)", result.perSecond(), result.p50Millis())
                : "timeouts";
    }

    private static String ratio(Wrk.Result ours, Wrk.Result theirs) {
        return theirs.perSecond() > 0 ? String.format("%.1fx", ours.perSecond() / theirs.perSecond()) : "-";
    }

    /** Pages of each kind asked once each (never asked before), on both sides; the median of each. */
    private void firstViews(PrintStream out, List<String> report, Lighttpd cgit, AppProcess git, Targets t)
            throws Exception {
        String b = t.branch();
        Map<String, List<String[]>> kinds = new LinkedHashMap<>();
        kinds.put(
                "commit, newest",
                t.commits().stream()
                        .map(c -> new String[] {"/" + NAME + "/commit/?id=" + c, "/" + PROJECT + "/+/" + c})
                        .toList());
        kinds.put(
                "commit, older",
                t.olderCommits().stream()
                        .map(c -> new String[] {"/" + NAME + "/commit/?id=" + c, "/" + PROJECT + "/+/" + c})
                        .toList());
        kinds.put(
                "blob",
                t.files().stream()
                        .map(f -> new String[] {"/" + NAME + "/tree/" + f, "/" + PROJECT + "/+/" + b + "/" + f})
                        .toList());
        kinds.put(
                "tree",
                t.folders().stream()
                        .map(f -> new String[] {"/" + NAME + "/tree/" + f, "/" + PROJECT + "/+/" + b + "/" + f + "/"})
                        .toList());
        kinds.put(
                "log of one file",
                t.files().stream()
                        .limit(15)
                        .map(f ->
                                new String[] {"/" + NAME + "/log/" + f, "/" + PROJECT + "/+log/" + b + "/" + f + "?n=50"
                                })
                        .toList());
        kinds.put(
                "blame",
                t.files().stream()
                        .limit(15)
                        .map(f -> new String[] {"/" + NAME + "/blame/" + f, "/" + PROJECT + "/+blame/" + b + "/" + f})
                        .toList());
        kinds.put(
                "log at an offset",
                java.util.stream.IntStream.range(1, 16)
                        .mapToObj(i -> new String[] {
                            "/" + NAME + "/log/?ofs=" + (i * 997),
                            "/" + PROJECT + "/+log/" + b + "?n=50&ofs=" + (i * 997)
                        })
                        .toList());
        for (Map.Entry<String, List<String[]>> kind : kinds.entrySet()) {
            List<Double> theirs = curlTimes(kind.getValue().stream()
                    .map(pair -> cgit.url("/cgit" + pair[0]))
                    .toList());
            List<Double> ours = curlTimes(kind.getValue().stream()
                    .map(pair -> git.url(pair[1]).toString())
                    .toList());
            double a = median(theirs);
            double o = median(ours);
            String line = String.format(
                    "%-30s %12.1f %12.1f %7.1fx", kind.getKey() + " (" + ours.size() + " pages)", a, o, a / o);
            report.add(line);
            out.println(line);
        }
    }

    /**
     * Each page's time to the last byte, asked in turn by one curl over one connection: a client
     * that adds next to nothing (Java's HttpClient adds about 3 ms a request, which hid most of
     * the difference between the sides).
     */
    private static List<Double> curlTimes(List<String> urls) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("curl", "-s", "--max-time", "120", "-w", "%{http_code} %{time_total}\\n"));
        for (String url : urls) {
            command.addAll(List.of("-o", "/dev/null", url));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        process.waitFor(600, TimeUnit.SECONDS);
        List<Double> times = new ArrayList<>();
        for (String line : output.strip().split("\n")) {
            String[] parts = line.strip().split(" ");
            if (!parts[0].equals("200")) {
                throw new IOException("a first view answered " + line + " (curl " + String.join(" ", urls) + ")");
            }
            times.add(Double.parseDouble(parts[1]) * 1000);
        }
        if (times.size() != urls.size()) {
            throw new IOException("curl timed " + times.size() + " of " + urls.size() + " pages: " + output);
        }
        return times;
    }

    private void clone(PrintStream out, List<String> report, Lighttpd cgit, AppProcess git) throws Exception {
        List<Double> backend = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            backend.add(cloneSeconds(cgit.url("/git/" + NAME + ".git"), "backend-" + i));
            ours.add(cloneSeconds(git.url("/" + PROJECT).toString(), "ours-" + i));
        }
        double a = median(backend);
        double o = median(ours);
        String line = String.format(
                "clone (protocol v2, bare, median of 3): git http-backend %.2f s, git-web %.2f s: %.2fx its time (target 1.2x)",
                a, o, o / a);
        report.add(line);
        out.println(line);
    }

    private double cloneSeconds(String url, String name) throws Exception {
        Path target = Files.createTempDirectory("bench-clone-" + name);
        Trees.delete(target);
        long start = System.nanoTime();
        Process process = new ProcessBuilder(
                        "git", "-c", "protocol.version=2", "clone", "--bare", "-q", url, target.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        if (!process.waitFor(600, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("clone of " + url + " failed: " + output);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Trees.delete(target);
        return seconds;
    }

    private double time(String url) throws Exception {
        long start = System.nanoTime();
        HttpResponse<Void> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofMinutes(2))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        return millis;
    }

    private void check(String url) throws Exception {
        time(url);
    }

    /** Waits until the mirror has its first repack (bitmaps, commit-graph), as it will have in service. */
    private static void awaitRepacked(Path mirrors) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.walk(mirrors)) {
                if (files.anyMatch(p -> p.toString().endsWith(".bitmap"))) {
                    return;
                }
            } catch (java.io.UncheckedIOException e) {
                // a file of the repack under way went away while the folder was listed: look again
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the mirror was not repacked in 10 minutes");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
