package org.opencontrail.web.deploy.sandbox.ci;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.opencontrail.web.deploy.sandbox.ci.CiCatalog.JobSpec;
import org.opencontrail.web.deploy.sandbox.ci.CiCatalog.ProjectSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TimeZone;

/**
 * A CI shaped like OpenContrail's, played in simulated time: developers upload and revise
 * changes (some depending on changes in other repositories), Zuul runs check, gate (one shared
 * dependent queue with gate resets), post and nightly pipelines with a job graph, reviewers
 * approve, changes merge into real git repositories, builds write logs, and everything is told
 * through Gerrit events and Zuul's MQTT results. Deterministic for a given seed, up to timing.
 */
public final class SandboxCi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxCi.class);
    private static final String ZERO = ObjectId.zeroId().name();

    /** Where the world reports what happens. */
    public interface Outlets {
        /** A Gerrit stream event (JSON) created at a simulated time. */
        void gerritEvent(Instant createdOn, String type, String json);

        /** A Zuul MQTT reporter message. */
        void zuulResult(SandboxItem item, String action);

        /** The public URL of a build's log folder. */
        String logUrl(String layoutPath);
    }

    private final Random random;
    private final SimClock clock;
    private final SandboxRepos repos;
    private final SandboxLogs logs;
    private final SandboxEvents events;
    private final Outlets outlets;
    private final List<ProjectSpec> projects = CiCatalog.projects();
    private final List<Person> developers = CiCatalog.developers().stream().map(Person::named).toList();
    private final Map<Integer, SandboxChange> changes = new LinkedHashMap<>();
    private final Map<String, List<SandboxItem>> queues = new LinkedHashMap<>();
    private final List<FinishedBuild> finished = new ArrayList<>();
    private final Thread driver;
    private final Instant started;
    private int nextChange = 41000;
    private volatile boolean running;

    /**
     * A finished build with the item it belonged to, as the builds API lists it.
     *
     * @param item  the item
     * @param build the build
     */
    public record FinishedBuild(SandboxItem item, SandboxBuild build) {
    }

    public SandboxCi(long seed, double speed, SandboxRepos repos, SandboxLogs logs, String reviewUrl, Outlets outlets) {
        this.random = new Random(seed);
        this.clock = new SimClock(speed);
        this.started = clock.now();
        this.repos = repos;
        this.logs = logs;
        this.events = new SandboxEvents(reviewUrl);
        this.outlets = outlets;
        this.driver = new Thread(this::drive, "sandbox-ci");
        this.driver.setDaemon(true);
    }

    public void start() {
        synchronized (this) {
            for (ProjectSpec project : projects) {
                for (String branch : List.of("master", "R5.0")) {
                    repos.tip(project.name(), branch, started);
                }
            }
        }
        running = true;
        clock.after(Duration.ofSeconds(20), this::uploadNewChange);
        clock.after(Duration.ofMinutes(3), this::nightly);
        clock.after(Duration.ofHours(2), this::directPush);
        driver.start();
        LOG.info("Sandbox CI started: {} projects", projects.size());
    }

    private void drive() {
        while (running) {
            Runnable due = clock.nextDue();
            if (due == null) {
                try {
                    Thread.sleep(Math.max(5, clock.untilNext().toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                continue;
            }
            synchronized (this) {
                try {
                    due.run();
                } catch (RuntimeException e) {
                    LOG.warn("Sandbox step failed", e);
                }
            }
        }
    }

    // ---- what the HTTP side reads (under the same lock) ----

    public synchronized List<SandboxChange> changes() {
        return List.copyOf(changes.values());
    }

    public synchronized Map<String, List<SandboxItem>> queues() {
        Map<String, List<SandboxItem>> copy = new LinkedHashMap<>();
        queues.forEach((key, items) -> copy.put(key, List.copyOf(items)));
        return copy;
    }

    public synchronized List<FinishedBuild> finishedBuilds() {
        return List.copyOf(finished);
    }

    public List<ProjectSpec> projects() {
        return projects;
    }

    public Instant started() {
        return started;
    }

    public Instant now() {
        return clock.now();
    }

    /** A simulated duration (a job's usual length) as the wall clock sees it. */
    public Duration scaled(Duration simulated) {
        return clock.scaled(simulated);
    }

    // ---- developers ----

    private Duration minutes(int low, int high) {
        return Duration.ofSeconds(60L * low + random.nextInt(Math.max(1, 60 * (high - low))));
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private void uploadNewChange() {
        clock.after(minutes(2, 10), this::uploadNewChange);
        ProjectSpec project = pick(projects);
        String branch = pick(CiCatalog.branches());
        Person owner = pick(developers);
        List<String> dependsOn = new ArrayList<>();
        String topic = null;
        if (random.nextInt(5) == 0) {
            Optional<SandboxChange> other = changes.values().stream()
                    .filter(c -> c.open() && !c.project().equals(project.name()) && c.branch().equals(branch))
                    .reduce((a, b) -> b);
            if (other.isPresent()) {
                dependsOn.add(other.get().changeId());
                topic = other.get().topic().orElse("feature-" + other.get().number());
            }
        }
        String changeId = "I" + HexFormat.of().formatHex(randomBytes(20));
        SandboxChange change = new SandboxChange(nextChange++, project, branch, changeId, pick(CiCatalog.subjects()), owner,
                clock.now(), dependsOn, topic);
        changes.put(change.number(), change);
        uploadPatchSet(change);
        if (random.nextInt(3) == 0) {
            Person reviewer = pick(developers);
            outlets.gerritEvent(clock.now(), "reviewer-added", events.reviewerAdded(change, reviewer, clock.now()));
        }
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private PersonIdent ident(Person person, Instant at) {
        return new PersonIdent(person.name(), person.email(), Date.from(at), TimeZone.getTimeZone(ZoneOffset.UTC));
    }

    private void uploadPatchSet(SandboxChange change) {
        Instant now = clock.now();
        ObjectId parent = repos.tip(change.project(), change.branch(), now);
        int number = change.patchSets().size() + 1;
        String file = "changes/" + change.number() + ".txt";
        ObjectId commit = repos.commit(change.project(), parent, file, change.subject() + "\npatch set " + number + "\n",
                change.commitMessage(), ident(change.owner(), now));
        SandboxChange.PatchSet patchSet = new SandboxChange.PatchSet(number, commit.name(), parent.name(), now, change.owner());
        change.addPatchSet(patchSet);
        change.addMessage(new SandboxChange.Message(now, change.owner(), "Uploaded patch set " + number + ".", number,
                "autogenerated:gerrit:newPatchSet"));
        String ref = patchSet.ref(change.number());
        repos.setRef(change.project(), ref, commit);
        outlets.gerritEvent(now, "ref-updated", events.refUpdated(change.project(), ref, ZERO, commit.name(), change.owner(), now));
        outlets.gerritEvent(now, "ref-updated", events.refUpdated(change.project(),
                "refs/changes/" + String.format("%02d", change.number() % 100) + "/" + change.number() + "/meta", ZERO,
                HexFormat.of().formatHex(randomBytes(20)), change.owner(), now));
        outlets.gerritEvent(now, "patchset-created", events.patchSetCreated(change, now));
        clock.after(Duration.ofSeconds(5 + random.nextInt(20)), () -> enqueueChange("check", change));
    }

    private void comment(SandboxChange change, Person author, String text, Object... votes) {
        Instant now = clock.now();
        for (int i = 0; i + 1 < votes.length; i += 2) {
            change.vote((String) votes[i], (Integer) votes[i + 1]);
        }
        change.addMessage(new SandboxChange.Message(now, author, text, change.current().number(),
                author.equals(Person.ZUUL) ? "autogenerated:zuul:" + text.split("[ (]")[0].toLowerCase() : ""));
        outlets.gerritEvent(now, "comment-added", events.commentAdded(change, author, text, now, votes));
    }

    private void afterCheck(SandboxChange change, boolean passed) {
        if (!change.open()) {
            return;
        }
        int patchset = change.current().number();
        if (passed) {
            if (change.workflow() > 0) {
                clock.after(Duration.ofSeconds(30), () -> enqueueGate(change));
            } else if (random.nextInt(4) != 0) {
                clock.after(minutes(5, 40), () -> {
                    if (change.open() && change.current().number() == patchset) {
                        Person core = pick(developers.stream().filter(d -> !d.equals(change.owner())).toList());
                        comment(change, core, "Patch Set " + patchset + ": Code-Review+2 Workflow+1\n\nLooks good, approved.",
                                "Code-Review", 2, "Workflow", 1);
                        clock.after(Duration.ofSeconds(20), () -> enqueueGate(change));
                    }
                });
            }
            return;
        }
        int choice = random.nextInt(20);
        if (choice < 9) {
            clock.after(minutes(5, 25), () -> {
                if (change.open() && change.current().number() == patchset) {
                    comment(change, change.owner(), "Patch Set " + patchset + ":\n\nrecheck");
                    clock.after(Duration.ofSeconds(10), () -> enqueueChange("check", change));
                }
            });
        } else if (choice < 18) {
            clock.after(minutes(15, 60), () -> {
                if (change.open() && change.current().number() == patchset) {
                    uploadPatchSet(change);
                }
            });
        } else {
            clock.after(minutes(30, 120), () -> {
                if (change.open()) {
                    change.abandoned(clock.now());
                    change.addMessage(new SandboxChange.Message(clock.now(), change.owner(), "Abandoned\n\nSuperseded",
                            change.current().number(), "autogenerated:gerrit:abandon"));
                    outlets.gerritEvent(clock.now(), "change-abandoned", events.changeAbandoned(change, "Superseded", clock.now()));
                }
            });
        }
    }

    private void directPush() {
        clock.after(minutes(240, 480), this::directPush);
        pushStraightToMaster();
    }

    /**
     * A commit pushed straight to master of contrail-build, bypassing review (it happened), with
     * Gerrit's ref-updated event; returns the project and the commit's id.
     */
    public synchronized Map.Entry<String, String> pushStraightToMaster() {
        ProjectSpec project = projects.stream().filter(p -> p.name().endsWith("contrail-build")).findFirst().orElse(projects.get(0));
        Instant now = clock.now();
        Person who = pick(developers);
        ObjectId tip = repos.tip(project.name(), "master", now);
        ObjectId commit = repos.commit(project.name(), tip, "HOTFIX", "pushed at " + now + "\n",
                "Hot fix pushed straight to master\n\nThe build was broken for everyone.\n", ident(who, now));
        repos.setRef(project.name(), "refs/heads/master", commit);
        outlets.gerritEvent(now, "ref-updated", events.refUpdated(project.name(), "refs/heads/master", tip.name(), commit.name(), who, now));
        return Map.entry(project.name(), commit.name());
    }

    // ---- Zuul ----

    private String queueKey(String pipeline, String queue) {
        return pipeline + "\u0000" + queue;
    }

    private List<SandboxBuild> buildsFor(List<JobSpec> jobs) {
        List<SandboxBuild> builds = new ArrayList<>();
        for (JobSpec job : jobs) {
            double scale = 0.7 + 0.6 * random.nextDouble();
            Duration planned = clock.scaled(Duration.ofSeconds((long) (job.typical().toSeconds() * scale)));
            builds.add(new SandboxBuild(HexFormat.of().formatHex(randomBytes(16)), job, planned, random.nextDouble() < job.failRate()));
        }
        return builds;
    }

    private void enqueueChange(String pipeline, SandboxChange change) {
        if (!change.open()) {
            return;
        }
        boolean already = queues.values().stream().flatMap(List::stream)
                .anyMatch(i -> i.change() == change && i.pipeline().equals(pipeline) && i.patchset() == change.current().number());
        if (already) {
            return;
        }
        ProjectSpec project = change.projectSpec();
        String queue = pipeline.equals("gate") ? project.gateQueue() : project.name();
        SandboxItem item = new SandboxItem(HexFormat.of().formatHex(randomBytes(16)), pipeline, queue, change,
                change.current().number(), change.project(), change.branch(), change.current().revision(), clock.now());
        item.builds().addAll(buildsFor(pipeline.equals("gate") ? project.gate() : project.check()));
        enqueue(item);
    }

    private void enqueueGate(SandboxChange change) {
        if (!change.open() || change.workflow() <= 0 || change.verified() <= 0) {
            return;
        }
        for (String dependency : change.dependsOn()) {
            Optional<SandboxChange> needed = changes.values().stream().filter(c -> c.changeId().equals(dependency)).findFirst();
            boolean ready = needed.map(c -> c.status().equals("MERGED")
                    || queues.getOrDefault(queueKey("gate", c.projectSpec().gateQueue()), List.of()).stream().anyMatch(i -> i.change() == c))
                    .orElse(true);
            if (!ready) {
                clock.after(minutes(5, 15), () -> enqueueGate(change));
                return;
            }
        }
        enqueueChange("gate", change);
    }

    private void enqueue(SandboxItem item) {
        queues.computeIfAbsent(queueKey(item.pipeline(), item.queue()), k -> new ArrayList<>()).add(item);
        outlets.zuulResult(item, "enqueue");
        clock.after(Duration.ofSeconds(5 + random.nextInt(30)), () -> advance(item));
    }

    private List<SandboxItem> queueOf(SandboxItem item) {
        return queues.getOrDefault(queueKey(item.pipeline(), item.queue()), List.of());
    }

    private boolean present(SandboxItem item) {
        return queueOf(item).contains(item);
    }

    private void advance(SandboxItem item) {
        if (!present(item)) {
            return;
        }
        if (item.pipeline().equals("gate") && queueOf(item).indexOf(item) >= CiCatalog.GATE_WINDOW) {
            clock.after(Duration.ofMinutes(1), () -> advance(item));
            return;
        }
        boolean anyStarted = item.builds().stream().anyMatch(SandboxBuild::started);
        for (SandboxBuild build : item.builds()) {
            if (build.started()) {
                continue;
            }
            List<SandboxBuild> required = item.builds().stream().filter(b -> build.job().requires().contains(b.job().name())).toList();
            if (required.stream().anyMatch(b -> b.finished() && !b.result().orElse("").equals("SUCCESS"))) {
                build.finished("SKIPPED", clock.now());
            } else if (required.stream().allMatch(b -> b.result().map("SUCCESS"::equals).orElse(false))) {
                build.started(clock.now().plus(clock.scaled(Duration.ofSeconds(20 + random.nextInt(100)))));
                List<SandboxBuild> generation = item.builds();
                clock.at(build.start().plus(build.planned()), () -> {
                    if (item.builds() == generation && item.builds().contains(build) && present(item)) {
                        finish(item, build);
                    }
                });
            }
        }
        if (!anyStarted && item.builds().stream().anyMatch(SandboxBuild::started)) {
            outlets.zuulResult(item, "start");
        }
        if (item.done()) {
            complete(item);
        }
    }

    private void finish(SandboxItem item, SandboxBuild build) {
        String result = "SUCCESS";
        if (build.willFail()) {
            int kind = random.nextInt(10);
            result = kind < 7 ? "FAILURE" : kind < 9 ? "POST_FAILURE" : "TIMED_OUT";
        }
        build.finished(result, clock.now());
        build.logUrl(outlets.logUrl(SandboxLogs.path(item, build)));
        logs.write(item, build, random);
        finished.add(new FinishedBuild(item, build));
        if (finished.size() > 20_000) {
            finished.subList(0, 1000).clear();
        }
        if (!result.equals("SUCCESS") && build.job().voting() && !item.failing()) {
            item.failing(true);
            if (item.pipeline().equals("gate")) {
                resetBehind(item);
            }
        }
        advance(item);
    }

    /** A gate reset: every item behind a failing one restarts its builds without it. */
    private void resetBehind(SandboxItem failing) {
        List<SandboxItem> queue = queueOf(failing);
        for (SandboxItem behind : queue.subList(queue.indexOf(failing) + 1, queue.size())) {
            behind.reset(buildsFor(behind.change().projectSpec().gate()));
            clock.after(Duration.ofSeconds(10 + random.nextInt(30)), () -> advance(behind));
        }
    }

    private void complete(SandboxItem item) {
        switch (item.pipeline()) {
            case "gate" -> completeGate();
            case "check", "experimental" -> {
                dequeue(item);
                boolean passed = item.succeeded();
                outlets.zuulResult(item, passed ? "success" : "failure");
                comment(item.change(), Person.ZUUL, report(item, passed), "Verified", passed ? 1 : -1);
                afterCheck(item.change(), passed);
            }
            default -> {
                dequeue(item);
                outlets.zuulResult(item, item.succeeded() ? "success" : "failure");
            }
        }
    }

    /** Reports finished gate items from the head: merges succeed in order; failures leave at once. */
    private void completeGate() {
        for (List<SandboxItem> queue : queues.entrySet().stream().filter(e -> e.getKey().startsWith("gate\u0000"))
                .map(Map.Entry::getValue).toList()) {
            for (SandboxItem item : List.copyOf(queue)) {
                if (item.done() && item.failing()) {
                    dequeue(item);
                    outlets.zuulResult(item, "failure");
                    comment(item.change(), Person.ZUUL, report(item, false), "Verified", -2);
                    SandboxChange change = item.change();
                    clock.after(minutes(5, 20), () -> {
                        if (change.open()) {
                            comment(change, change.owner(), "Patch Set " + change.current().number() + ":\n\nrecheck");
                            clock.after(Duration.ofSeconds(10), () -> enqueueChange("check", change));
                        }
                    });
                }
            }
            while (!queue.isEmpty() && queue.get(0).done() && !queue.get(0).failing()) {
                SandboxItem head = queue.get(0);
                dequeue(head);
                outlets.zuulResult(head, "success");
                comment(head.change(), Person.ZUUL, report(head, true), "Verified", 2);
                merge(head.change());
            }
        }
    }

    private void dequeue(SandboxItem item) {
        queueOf(item).remove(item);
        queues.entrySet().removeIf(e -> e.getValue().isEmpty());
    }

    private String report(SandboxItem item, boolean passed) {
        StringBuilder text = new StringBuilder(passed ? "Build succeeded" : "Build failed").append(" (").append(item.pipeline())
                .append(" pipeline).\n\n");
        for (SandboxBuild build : item.builds()) {
            Duration took = build.start() == null || build.end() == null ? Duration.ZERO : Duration.between(build.start(), build.end());
            text.append("- ").append(build.job().name()).append(' ').append(build.logUrl()).append(" : ")
                    .append(build.result().orElse("SKIPPED")).append(" in ").append(took.toMinutes()).append("m ")
                    .append(took.toSecondsPart()).append("s").append(build.job().voting() ? "" : " (non-voting)").append('\n');
        }
        return text.toString();
    }

    private void merge(SandboxChange change) {
        Instant now = clock.now();
        ObjectId tip = repos.tip(change.project(), change.branch(), now);
        String file = "changes/" + change.number() + ".txt";
        String message = change.commitMessage() + "Reviewed-on: " + events.changeUrl(change) + "\n";
        ObjectId merged = repos.commit(change.project(), tip, file, change.subject() + "\nmerged\n", message, ident(change.owner(), now));
        repos.setRef(change.project(), "refs/heads/" + change.branch(), merged);
        change.merged(merged.name(), Person.ZUUL, now);
        change.addMessage(new SandboxChange.Message(now, Person.ZUUL, "Change has been successfully merged by Contrail CI",
                change.current().number(), "autogenerated:gerrit:merged"));
        outlets.gerritEvent(now, "ref-updated", events.refUpdated(change.project(), "refs/heads/" + change.branch(), tip.name(),
                merged.name(), Person.ZUUL, now));
        outlets.gerritEvent(now, "change-merged", events.changeMerged(change, merged.name(), now));
        if (!change.projectSpec().post().isEmpty()) {
            SandboxItem post = new SandboxItem(HexFormat.of().formatHex(randomBytes(16)), "post", change.project(), null, 0,
                    change.project(), change.branch(), merged.name(), now);
            post.builds().addAll(buildsFor(change.projectSpec().post()));
            enqueue(post);
        }
    }

    private void nightly() {
        clock.after(Duration.ofHours(24), this::nightly);
        ProjectSpec controller = projects.get(0);
        Instant now = clock.now();
        ObjectId tip = repos.tip(controller.name(), "master", now);
        SandboxItem item = new SandboxItem(HexFormat.of().formatHex(randomBytes(16)), "periodic-nightly", controller.name(), null, 0,
                controller.name(), "master", tip.name(), now);
        item.builds().addAll(buildsFor(CiCatalog.nightly()));
        enqueue(item);
    }

    /** Runs {@code reader} under the world's lock, for a consistent view. */
    public synchronized <T> T read(java.util.function.Function<SandboxCi, T> reader) {
        return reader.apply(this);
    }

    @Override
    public void close() {
        running = false;
        driver.interrupt();
    }
}
