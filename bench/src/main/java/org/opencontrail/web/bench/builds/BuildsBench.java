package org.opencontrail.web.bench.builds;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.opencontrail.web.bench.AppProcess;
import org.opencontrail.web.bench.BenchOptions;
import org.opencontrail.web.bench.Quantiles;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.fixtures.PostgresServer;
import org.opencontrail.web.shared.io.Trees;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./suite bench builds}: Zuul's builds API on logs-web over a builds database of
 * {@code --builds} (1,000,000) builds, every filter of the API alone and combined, each asked
 * {@code --asks} times with values drawn as people ask them (a common project, a rare job, one
 * change): p50 and p99 of the answer through HTTP, the goal being a p99 under 50 ms on the embedded
 * database; with {@code --postgres}, the same on Debian's PostgreSQL, the engine Zuul's own
 * database runs on, in the same run.
 */
public final class BuildsBench {

    /** The goal of the embedded database, per question. */
    private static final double GOAL_MS = 50;

    private final HttpClient http = Http.builder().build();

    private BuildsBench() {}

    @Command(
            name = "bench builds",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "Zuul's builds API on logs-web over a million builds, on H2 and PostgreSQL.")
    static final class Options {
        @Option(names = "--jar", required = true, description = "logs-web's jar")
        Path jar;

        @Option(
                names = "--builds",
                defaultValue = "1000000",
                description = "builds in the database (default: ${DEFAULT-VALUE})")
        int builds;

        @Option(
                names = "--asks",
                defaultValue = "200",
                description = "times each question is asked (default: ${DEFAULT-VALUE})")
        int asks;

        @Option(names = "--postgres", description = "also on PostgreSQL (Debian's package)")
        boolean postgres;

        @Option(
                names = "--out",
                defaultValue = "target/bench-builds.txt",
                description = "a copy of the report (default: ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--work", defaultValue = "target/bench-builds", description = "where the databases go")
        Path work;
    }

    public static void main(String[] args) throws Exception {
        new BuildsBench().run(BenchOptions.parse(new Options(), args));
    }

    private void run(Options options) throws Exception {
        PrintStream out = System.out;
        Path work = options.work.toAbsolutePath();
        Trees.delete(work);
        Files.createDirectories(work);
        // the same builds on every engine: drawn anew from the same seed for each
        GeneratedBuilds generated = generated(options);
        List<String> report = new ArrayList<>();
        report.add(String.format(
                Locale.ROOT,
                "builds API over %,d builds (%,d buildsets, %d projects, %d jobs), %d asks of each question, %d cores",
                options.builds,
                generated.buildsets(),
                GeneratedBuilds.PROJECTS.size(),
                GeneratedBuilds.JOBS.size(),
                options.asks,
                Runtime.getRuntime().availableProcessors()));

        Path h2 = work.resolve("h2");
        Map<String, List<Double>> embedded =
                measure(options, generated, h2, List.of(), () -> embeddedUrl(h2), "sa", "", out);
        Map<String, List<Double>> postgres = Map.of();
        if (options.postgres) {
            try (PostgresServer server = PostgresServer.start()) {
                server.createDatabase("builds");
                postgres = measure(
                        options,
                        generated(options),
                        work.resolve("postgres"),
                        List.of(
                                "-Ddatasources.default.url=" + server.jdbcUrl("builds"),
                                "-Ddatasources.default.username=" + PostgresServer.USER),
                        () -> server.jdbcUrl("builds"),
                        PostgresServer.USER,
                        "",
                        out);
            }
        }

        report.add(String.format(Locale.ROOT, "%-62s %16s %16s", "question", "H2 p50/p99 ms", "PostgreSQL"));
        int over = 0;
        for (Map.Entry<String, List<Double>> question : embedded.entrySet()) {
            double p99 = Quantiles.of(question.getValue(), 0.99);
            over += p99 > GOAL_MS ? 1 : 0;
            List<Double> pg = postgres.get(question.getKey());
            report.add(String.format(
                    Locale.ROOT,
                    "%-62s %7.1f/%-8.1f %s",
                    question.getKey(),
                    Quantiles.of(question.getValue(), 0.5),
                    p99,
                    pg == null
                            ? ""
                            : String.format(
                                    Locale.ROOT, "%7.1f/%-8.1f", Quantiles.of(pg, 0.5), Quantiles.of(pg, 0.99))));
        }
        report.add(String.format(
                Locale.ROOT,
                "goal: every question's p99 under %.0f ms on the embedded database: %s",
                GOAL_MS,
                over == 0 ? "met" : over + " of " + embedded.size() + " questions over it"));
        out.println();
        report.forEach(out::println);
        Files.createDirectories(options.out.toAbsolutePath().getParent());
        Files.write(options.out, report);
    }

    private static GeneratedBuilds generated(Options options) {
        return new GeneratedBuilds(new Random(20261206), options.builds);
    }

    /** Fills a database through logs-web's own schema, then asks logs-web every question; the times by question. */
    private Map<String, List<Double>> measure(
            Options options,
            GeneratedBuilds generated,
            Path logsDir,
            List<String> datasource,
            java.util.function.Supplier<String> jdbcUrl,
            String user,
            String password,
            PrintStream out)
            throws Exception {
        Files.createDirectories(logsDir);
        List<String> properties = new ArrayList<>(datasource);
        properties.add("-Dlogs.dir=" + logsDir);
        properties.add("-Dlogs.tenant=bench");
        Path log = logsDir.resolve("logs-web.log");
        out.println("Making the schema (logs-web's migrations) in " + logsDir.getFileName() + "...");
        try (AppProcess app = AppProcess.start(options.jar, List.of("-Xmx1g"), properties, log)) {
            app.awaitReady("/health");
        }
        out.printf(Locale.ROOT, "Writing %,d builds...%n", options.builds);
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbcUrl.get(), user, password)) {
            generated.write(c, out);
        }
        out.printf(Locale.ROOT, "  written in %.0f s%n", (System.nanoTime() - started) / 1e9);
        Map<String, List<Double>> times = new LinkedHashMap<>();
        try (AppProcess app = AppProcess.start(options.jar, List.of("-Xmx1g"), properties, log)) {
            app.awaitReady("/health");
            Random random = new Random(7);
            Map<String, Function<Random, String>> questions = questions(generated);
            // a site that has run a while: every question asked a few times before any is timed
            out.println("  warming up");
            for (int warm = 0; warm < 10; warm++) {
                for (Function<Random, String> question : questions.values()) {
                    app.askMillis(http, question.apply(random));
                }
            }
            for (Map.Entry<String, Function<Random, String>> question : questions.entrySet()) {
                out.println("  " + question.getKey());
                List<Double> ms = new ArrayList<>();
                for (int i = 0; i < options.asks; i++) {
                    ms.add(app.askMillis(http, question.getValue().apply(random)));
                }
                times.put(question.getKey(), ms);
            }
        }
        return times;
    }

    /** Every parameter of the builds API alone, the usual combinations, and the lists beside. */
    private static Map<String, Function<Random, String>> questions(GeneratedBuilds g) {
        String builds = "/api/tenant/bench/builds?";
        Map<String, Function<Random, String>> q = new LinkedHashMap<>();
        q.put("builds (newest 50)", r -> builds);
        q.put("builds?project=P", r -> builds + "project=" + enc(g.project(r)));
        q.put(
                "builds?project=P&project=P2",
                r -> builds + "project=" + enc(g.project(r)) + "&project=" + enc(g.project(r)));
        q.put("builds?project=Juniper/contrail-*", r -> builds + "project=Juniper/contrail-*");
        q.put("builds?pipeline=gate", r -> builds + "pipeline=gate");
        q.put("builds?change=C", r -> builds + "change=" + g.change(r));
        q.put("builds?change=C&patchset=S", r -> builds + "change=" + g.change(r) + "&patchset=" + (1 + r.nextInt(3)));
        q.put("builds?branch=R2011", r -> builds + "branch=R2011");
        q.put("builds?ref=REF", r -> builds + "ref=" + enc(g.ref(r)));
        q.put("builds?newrev=SHA", r -> builds + "newrev=" + g.newrev(r));
        q.put("builds?uuid=U", r -> builds + "uuid=" + g.uuid(r));
        q.put("builds?job_name=J (rare job)", r -> builds + "job_name=" + enc(g.rareJob(r)));
        q.put("builds?job_name=*unittest*", r -> builds + "job_name=*unittest*");
        q.put("builds?voting=0", r -> builds + "voting=0");
        q.put("builds?nodeset=N", r -> builds + "nodeset=" + enc(g.nodeset(r)));
        q.put("builds?result=FAILURE", r -> builds + "result=FAILURE");
        q.put("builds?result=NODE_FAILURE (rare)", r -> builds + "result=NODE_FAILURE");
        q.put("builds?final=false", r -> builds + "final=false");
        q.put("builds?held=true (none)", r -> builds + "held=true");
        q.put("builds?complete=false (none)", r -> builds + "complete=false");
        q.put("builds?exclude_result=SUCCESS", r -> builds + "exclude_result=SUCCESS");
        q.put("builds?idx_max=I", r -> builds + "idx_max=" + (1 + r.nextInt(g.size())));
        q.put("builds?skip=5000", r -> builds + "skip=5000");
        q.put(
                "builds?project=P&job_name=J&result=FAILURE",
                r -> builds + "project=" + enc(g.project(r)) + "&job_name=" + enc(g.job(r)) + "&result=FAILURE");
        q.put(
                "builds?job_name=J&branch=B&result=FAILURE&pipeline=gate",
                r -> builds + "job_name=" + enc(g.job(r)) + "&branch=master&result=FAILURE&pipeline=gate");
        q.put(
                "builds?project=P&pipeline=check&voting=1&limit=100",
                r -> builds + "project=" + enc(g.project(r)) + "&pipeline=check&voting=1&limit=100");
        q.put(
                "builds?job_name=J&exclude_result=SUCCESS&complete=true",
                r -> builds + "job_name=" + enc(g.job(r)) + "&exclude_result=SUCCESS&complete=true");
        q.put("buildsets?project=P", r -> "/api/tenant/bench/buildsets?project=" + enc(g.project(r)));
        q.put("buildsets?change=C", r -> "/api/tenant/bench/buildsets?change=" + g.change(r));
        q.put("build/UUID", r -> "/api/tenant/bench/build/" + g.uuid(r));
        q.put("buildset/UUID", r -> "/api/tenant/bench/buildset/" + g.buildsetUuid(r));
        q.put(
                "build-times?job_name=J&project=P",
                r -> "/api/tenant/bench/build-times?job_name=" + enc(g.job(r)) + "&project=" + enc(g.project(r)));
        return q;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String embeddedUrl(Path logsDir) {
        return "jdbc:h2:file:" + logsDir.toAbsolutePath().resolve("database").resolve("builds");
    }
}
