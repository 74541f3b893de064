package org.opencontrail.web.bench.builds;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Builds as a project's CI makes them over two years, drawn from a seed: popular and rare projects
 * and jobs (a Zipf-like spread), mostly check and gate, mostly master, four in five passing, a few
 * retried or non-voting, eight builds a buildset, each buildset a change's patch set (or a branch's
 * commit in post and periodic). Written straight into logs-web's tables, a batch at a time, ids in
 * the order the builds ran.
 */
final class GeneratedBuilds {

    static final List<String> PROJECTS = names(
            "Juniper/contrail-",
            List.of(
                    "controller",
                    "vrouter",
                    "web-core",
                    "web-controller",
                    "analytics",
                    "api-client",
                    "build",
                    "packages",
                    "third-party",
                    "test",
                    "generateDS",
                    "sandesh",
                    "common",
                    "dpdk",
                    "kubernetes",
                    "ansible-deployer",
                    "helm-deployer",
                    "container-builder",
                    "provisioning",
                    "docs",
                    "specs",
                    "heat",
                    "neutron-plugin",
                    "nova-vif-driver",
                    "vcenter-plugin",
                    "go-api-client",
                    "tripleo",
                    "fabric-utils",
                    "zuul-jobs",
                    "project-config",
                    "infra-doc",
                    "dev-env",
                    "test-ci",
                    "charms",
                    "vro-plugin",
                    "windows-docker-driver",
                    "vrouter-java-api",
                    "server-manager",
                    "puppet",
                    "community-docs"));
    static final List<String> JOBS = jobs();
    private static final List<String> NODESETS =
            List.of("ubuntu-bionic", "ubuntu-focal", "centos-7", "centos-8", "rhel-8", "ubuntu-focal-large");
    private static final Instant START = Instant.parse("2024-12-01T00:00:00Z");
    private static final int PER_BUILDSET = 8;
    private static final int BATCH = 5000;

    private final Random random;
    private final int size;
    private final List<String> sampleUuids = new ArrayList<>();
    private final List<String> sampleBuildsets = new ArrayList<>();
    private final List<Integer> sampleChanges = new ArrayList<>();
    private final List<String> sampleRefs = new ArrayList<>();
    private final List<String> sampleNewrevs = new ArrayList<>();

    GeneratedBuilds(Random random, int size) {
        this.random = random;
        this.size = size;
    }

    int size() {
        return size;
    }

    int buildsets() {
        return (size + PER_BUILDSET - 1) / PER_BUILDSET;
    }

    /** Writes every build and buildset, a batch a transaction, with a line every 100,000. */
    void write(Connection c, PrintStream out) throws SQLException {
        c.setAutoCommit(false);
        HexFormat hex = HexFormat.of();
        Duration spread = Duration.ofDays(730);
        long stepMillis = spread.toMillis() / Math.max(1, size);
        try (PreparedStatement buildset = c.prepareStatement("INSERT INTO buildsets (id, uuid, pipeline, project,"
                        + " branch, change_number, patchset, ref, newrev, result, reported, message, event_id,"
                        + " first_build_start_time, last_build_end_time, updated)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, '', '', ?, ?, ?)");
                PreparedStatement build = c.prepareStatement("INSERT INTO builds (id, uuid, buildset_id, job_name,"
                        + " result, start_time, end_time, duration, voting, log_url, nodeset, error_detail, final,"
                        + " held, event_id, pipeline, project, branch, change_number, patchset, ref, newrev, root,"
                        + " source, state, files, bytes, received, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " '', ?, FALSE, '', ?, ?, ?, ?, ?, ?, ?, ?, 'bench', 'done', 1, 1000, ?, ?)")) {
            long id = 0;
            for (int set = 0; set < buildsets() && id < size; set++) {
                String project = PROJECTS.get(zipf(PROJECTS.size()));
                String pipeline = pick(new String[] {"check", "gate", "post", "periodic"}, new int[] {60, 25, 10, 5});
                String branch =
                        pick(new String[] {"master", "R2011", "R2008", "R1912", "R1910"}, new int[] {80, 8, 5, 4, 3});
                boolean isChange = pipeline.equals("check") || pipeline.equals("gate");
                int change = 100_000 + random.nextInt(150_000);
                int patchSet = 1 + random.nextInt(6);
                String newrev = hex.formatHex(bytes(20));
                String ref = isChange
                        ? "refs/changes/" + change % 100 + "/" + change + "/" + patchSet
                        : "refs/heads/" + branch;
                String setUuid = hex.formatHex(bytes(16));
                Instant setStart = START.plusMillis(stepMillis * id);
                int count = (int) Math.min(PER_BUILDSET, size - id);
                List<Drawn> drawn = new ArrayList<>();
                boolean failed = false;
                for (int i = 0; i < count; i++) {
                    Drawn b = draw(hex, setStart);
                    failed |= b.voting()
                            && b.isFinal()
                            && !b.result().equals("SUCCESS")
                            && !b.result().equals("SKIPPED");
                    drawn.add(b);
                }
                // the buildset first: a batch of builds may be sent before the buildset's batch would be
                int p = 1;
                buildset.setLong(p++, set + 1L);
                buildset.setString(p++, setUuid);
                buildset.setString(p++, pipeline);
                buildset.setString(p++, project);
                buildset.setString(p++, branch);
                integer(buildset, p++, isChange ? change : null);
                integer(buildset, p++, isChange ? patchSet : null);
                buildset.setString(p++, ref);
                buildset.setString(p++, isChange ? "" : newrev);
                buildset.setString(p++, failed ? "FAILURE" : "SUCCESS");
                buildset.setObject(p++, time(setStart));
                buildset.setObject(p++, time(setStart.plusSeconds(8000)));
                buildset.setObject(p++, time(setStart.plusSeconds(8000)));
                buildset.addBatch();
                if (set % 131 == 0) {
                    sampleBuildsets.add(setUuid);
                    sampleRefs.add(ref);
                    if (isChange) {
                        sampleChanges.add(change);
                    } else {
                        sampleNewrevs.add(newrev);
                    }
                }
                for (Drawn b : drawn) {
                    id++;
                    p = 1;
                    build.setLong(p++, id);
                    build.setString(p++, b.uuid());
                    build.setLong(p++, set + 1L);
                    build.setString(p++, b.job());
                    build.setString(p++, b.result());
                    build.setObject(p++, time(b.start()));
                    build.setObject(p++, time(b.end()));
                    build.setDouble(
                            p++, (double) Duration.between(b.start(), b.end()).toSeconds());
                    build.setBoolean(p++, b.voting());
                    build.setString(
                            p++, "https://zuul.example.org/logs/" + b.uuid().substring(0, 7) + "/");
                    build.setString(p++, b.nodeset());
                    build.setBoolean(p++, b.isFinal());
                    build.setString(p++, pipeline);
                    build.setString(p++, project);
                    build.setString(p++, branch);
                    integer(build, p++, isChange ? change : null);
                    integer(build, p++, isChange ? patchSet : null);
                    build.setString(p++, ref);
                    build.setString(p++, isChange ? "" : newrev);
                    build.setString(
                            p++, pipeline + "/" + b.job() + "/" + b.uuid().substring(0, 7));
                    build.setObject(p++, time(b.end()));
                    build.setObject(p++, time(b.end()));
                    build.addBatch();
                    if (id % 997 == 0) {
                        sampleUuids.add(b.uuid());
                    }
                    if (id % BATCH == 0) {
                        buildset.executeBatch();
                        build.executeBatch();
                        c.commit();
                    }
                    if (id % 100_000 == 0) {
                        out.printf(Locale.ROOT, "  %,d of %,d%n", id, size);
                    }
                }
            }
            // buildsets before the builds that name them: a batch of builds may close before its buildset's
            buildset.executeBatch();
            build.executeBatch();
            c.commit();
        }
        try (Statement restart = c.createStatement()) {
            // ids go on after the written ones, as if logs-web had written them
            restart.execute("ALTER TABLE builds ALTER COLUMN id RESTART WITH " + (size + 1L));
            restart.execute("ALTER TABLE buildsets ALTER COLUMN id RESTART WITH " + (buildsets() + 1L));
            // the planner's figures, as a database that has run a while has them
            restart.execute("ANALYZE");
        }
        c.commit();
    }

    /** One build as drawn, before it is written. */
    private record Drawn(
            String uuid,
            String job,
            String result,
            boolean voting,
            boolean isFinal,
            String nodeset,
            Instant start,
            Instant end) {}

    private Drawn draw(HexFormat hex, Instant setStart) {
        Instant start = setStart.plusSeconds(random.nextInt(600));
        return new Drawn(
                hex.formatHex(bytes(16)),
                JOBS.get(zipf(JOBS.size())),
                pick(
                        new String[] {
                            "SUCCESS", "FAILURE", "POST_FAILURE", "TIMED_OUT", "RETRY_LIMIT", "SKIPPED", "NODE_FAILURE"
                        },
                        new int[] {8000, 1400, 200, 100, 50, 240, 10}),
                random.nextInt(100) < 92,
                random.nextInt(100) < 98,
                NODESETS.get(zipf(NODESETS.size())),
                start,
                start.plusSeconds(300 + random.nextInt(7200)));
    }

    String project(Random r) {
        return PROJECTS.get(Math.min(PROJECTS.size() - 1, (int) (Math.abs(r.nextGaussian()) * 4)));
    }

    String job(Random r) {
        return JOBS.get(Math.min(JOBS.size() - 1, (int) (Math.abs(r.nextGaussian()) * 10)));
    }

    String rareJob(Random r) {
        return JOBS.get(JOBS.size() - 1 - r.nextInt(20));
    }

    String nodeset(Random r) {
        return NODESETS.get(r.nextInt(NODESETS.size()));
    }

    int change(Random r) {
        return sampleChanges.get(r.nextInt(sampleChanges.size()));
    }

    String ref(Random r) {
        return sampleRefs.get(r.nextInt(sampleRefs.size()));
    }

    String newrev(Random r) {
        return sampleNewrevs.get(r.nextInt(sampleNewrevs.size()));
    }

    String uuid(Random r) {
        return sampleUuids.get(r.nextInt(sampleUuids.size()));
    }

    String buildsetUuid(Random r) {
        return sampleBuildsets.get(r.nextInt(sampleBuildsets.size()));
    }

    /** An index from 0, the first ones far likelier than the last (about 1/rank). */
    private int zipf(int n) {
        double u = random.nextDouble();
        return Math.min(n - 1, (int) Math.floor(Math.exp(u * Math.log(n + 1.0)) - 1));
    }

    private String pick(String[] values, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int at = random.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            at -= weights[i];
            if (at < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static LocalDateTime time(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static void integer(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }

    private static List<String> names(String prefix, List<String> names) {
        return names.stream().map(n -> prefix + n).toList();
    }

    private static List<String> jobs() {
        List<String> jobs = new ArrayList<>();
        String[] kinds = {"unittest", "build", "lint", "sanity", "functional", "packaging", "docs", "tempest"};
        String[] targets = {"ubuntu", "centos", "rhel", "go", "py3", "py27", "k8s", "openstack"};
        for (String kind : kinds) {
            for (String target : targets) {
                jobs.add("contrail-" + kind + "-" + target);
            }
        }
        return List.copyOf(jobs);
    }
}
