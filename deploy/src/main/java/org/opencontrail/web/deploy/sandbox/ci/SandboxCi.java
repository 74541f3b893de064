package org.opencontrail.web.deploy.sandbox.ci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.opencontrail.web.deploy.sandbox.ci.CiCatalog.JobSpec;
import org.opencontrail.web.deploy.sandbox.ci.CiCatalog.ProjectSpec;
import org.opencontrail.web.deploy.sandbox.console.ConsoleSource;
import org.opencontrail.web.shared.gerrit.footer.CommitFooters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private final ReviewSite review;
    /** True when the sandbox plays the developers and its own Gerrit; false in Zuul mode, driven by a real Gerrit. */
    private final boolean simulated;

    private final List<ProjectSpec> projects = CiCatalog.projects();
    private final List<Person> developers =
            CiCatalog.developers().stream().map(Person::named).toList();
    private final Map<Integer, SandboxChange> changes = new LinkedHashMap<>();
    private final Map<String, List<SandboxItem>> queues = new LinkedHashMap<>();
    private final List<FinishedBuild> finished = new ArrayList<>();
    private final Thread driver;
    private final Instant started;
    private int nextChange = 41000;
    private static final Pattern FAIL_FOOTER = Pattern.compile("(?m)^Sandbox-Fail(-Unrecognized)?:\\s*(\\S+)\\s*$");
    /** The failure line a signature of {@code deploy/signatures} knows (ansible-meminfo-check). */
    private static final int KNOWN_FAILURE_LINE = 0;
    /** A failure line no signature of {@code deploy/signatures} knows. */
    private static final int UNRECOGNIZED_FAILURE_LINE = 2;
    /** Zuul mode: the builds that failed once as their change asked, so that a recheck passes. */
    private final Set<String> failedOnce = new HashSet<>();
    /** Zuul mode: projects of the real Gerrit the catalog does not know, with the default jobs. */
    private final Map<String, ProjectSpec> otherProjects = new HashMap<>();
    /** Zuul mode: the review site has a Workflow label, so approval means Workflow +1. */
    private boolean workflowLabel;

    private volatile boolean running;

    /**
     * A finished build with the item it belonged to, as the builds API lists it.
     *
     * @param item  the item
     * @param build the build
     */
    public record FinishedBuild(SandboxItem item, SandboxBuild build) {}

    /** The whole simulated project: developers, its Gerrit and git repositories, and Zuul. */
    public SandboxCi(long seed, double speed, SandboxRepos repos, SandboxLogs logs, String reviewUrl, Outlets outlets) {
        this(seed, speed, repos, logs, reviewUrl, outlets, null);
    }

    /**
     * Zuul alone (Zuul mode): a real Gerrit's events drive it through {@link #patchSetUploaded},
     * {@link #votes}, {@link #recheck}, {@link #merged}, {@link #abandoned} and {@link #branchUpdated},
     * and it reports to that Gerrit through {@code review}.
     */
    public SandboxCi(long seed, double speed, SandboxLogs logs, String reviewUrl, Outlets outlets, ReviewSite review) {
        this(seed, speed, null, logs, reviewUrl, outlets, review);
    }

    private SandboxCi(
            long seed,
            double speed,
            SandboxRepos repos,
            SandboxLogs logs,
            String reviewUrl,
            Outlets outlets,
            ReviewSite review) {
        this.random = new Random(seed);
        this.clock = new SimClock(speed);
        this.started = clock.now();
        this.repos = repos;
        this.logs = logs;
        this.events = new SandboxEvents(reviewUrl);
        this.outlets = outlets;
        this.simulated = review == null;
        this.review = simulated ? new SimulatedReview() : review;
        this.driver = new Thread(this::drive, "sandbox-ci");
        this.driver.setDaemon(true);
    }

    public void start() {
        running = true;
        if (simulated) {
            synchronized (this) {
                for (ProjectSpec project : projects) {
                    for (String branch : List.of("master", "R5.0")) {
                        repos.tip(project.name(), branch, started);
                    }
                }
            }
            clock.after(Duration.ofSeconds(20), this::uploadNewChange);
            clock.after(Duration.ofMinutes(3), this::nightly);
            clock.after(Duration.ofHours(2), this::directPush);
        }
        driver.start();
        LOG.info("Sandbox CI started: {} projects{}", projects.size(), simulated ? "" : ", driven by a real Gerrit");
    }

    /** Gerrit as the simulation plays it: reports are review messages of its own, a submit is a merge of its own. */
    private final class SimulatedReview implements ReviewSite {

        @Override
        public void report(SandboxItem item, String message, int verified) {
            comment(item.change(), Person.ZUUL, message, "Verified", verified);
        }

        @Override
        public void submit(SandboxItem item) {
            merge(item.change());
        }
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

    /**
     * A build's console as it stands: what its job has written while it runs, its stored
     * job-output.txt once it has ended; empty for a build not started or not known.
     */
    public synchronized Optional<ConsoleSource.Console> console(String uuid) {
        for (List<SandboxItem> items : queues.values()) {
            for (SandboxItem item : items) {
                for (SandboxBuild build : item.builds()) {
                    if (build.uuid().equals(uuid)
                            && !build.finished()
                            && build.started()
                            && !build.start().isAfter(clock.now())) {
                        return Optional.of(
                                new ConsoleSource.Console(SandboxConsole.sofar(item, build, clock.now()), false));
                    }
                }
            }
        }
        for (int i = finished.size() - 1; i >= 0; i--) {
            FinishedBuild done = finished.get(i);
            if (done.build().uuid().equals(uuid)) {
                Path file = logs.root()
                        .resolve(SandboxLogs.path(done.item(), done.build()))
                        .resolve("job-output.txt");
                try {
                    return Optional.of(new ConsoleSource.Console(Files.readString(file), true));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    public List<ProjectSpec> projects() {
        return projects;
    }

    /** The projects Gerrit lists to anonymous readers: all but {@link CiCatalog#HIDDEN_PROJECT}. */
    public List<ProjectSpec> publicProjects() {
        return projects.stream()
                .filter(p -> !p.name().equals(CiCatalog.HIDDEN_PROJECT))
                .toList();
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
        boolean hidden = project.name().equals(CiCatalog.HIDDEN_PROJECT);
        // Work under embargo is neither needed by public changes nor needs them.
        if (random.nextInt(5) == 0 && !hidden) {
            Optional<SandboxChange> other = changes.values().stream()
                    .filter(c -> c.open()
                            && !c.project().equals(project.name())
                            && c.branch().equals(branch)
                            && !c.project().equals(CiCatalog.HIDDEN_PROJECT))
                    .reduce((a, b) -> b);
            if (other.isPresent()) {
                dependsOn.add(other.get().changeId());
                topic = other.get().topic().orElse("feature-" + other.get().number());
            }
        }
        String changeId = "I" + HexFormat.of().formatHex(randomBytes(20));
        String subject = pick(CiCatalog.subjects()) + (hidden ? " (embargoed fix " + nextChange + ")" : "");
        SandboxChange change = new SandboxChange(
                nextChange++, project, branch, changeId, subject, owner, clock.now(), dependsOn, topic);
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
        ObjectId commit = repos.commit(
                change.project(),
                parent,
                file,
                change.subject() + "\npatch set " + number + "\n",
                change.commitMessage(),
                ident(change.owner(), now));
        SandboxChange.PatchSet patchSet =
                new SandboxChange.PatchSet(number, commit.name(), parent.name(), now, change.owner());
        change.addPatchSet(patchSet);
        change.addMessage(new SandboxChange.Message(
                now, change.owner(), "Uploaded patch set " + number + ".", number, "autogenerated:gerrit:newPatchSet"));
        String ref = patchSet.ref(change.number());
        repos.setRef(change.project(), ref, commit);
        outlets.gerritEvent(
                now, "ref-updated", events.refUpdated(change.project(), ref, ZERO, commit.name(), change.owner(), now));
        outlets.gerritEvent(
                now,
                "ref-updated",
                events.refUpdated(
                        change.project(),
                        "refs/changes/" + String.format("%02d", change.number() % 100) + "/" + change.number()
                                + "/meta",
                        ZERO,
                        HexFormat.of().formatHex(randomBytes(20)),
                        change.owner(),
                        now));
        outlets.gerritEvent(now, "patchset-created", events.patchSetCreated(change, now));
        clock.after(Duration.ofSeconds(5 + random.nextInt(20)), () -> enqueueChange("check", change));
    }

    private void comment(SandboxChange change, Person author, String text, Object... votes) {
        Instant now = clock.now();
        for (int i = 0; i + 1 < votes.length; i += 2) {
            change.vote((String) votes[i], (Integer) votes[i + 1]);
        }
        change.addMessage(new SandboxChange.Message(
                now,
                author,
                text,
                change.current().number(),
                author.equals(Person.ZUUL)
                        ? "autogenerated:zuul:" + text.split("[ (]")[0].toLowerCase(Locale.ROOT)
                        : ""));
        outlets.gerritEvent(now, "comment-added", events.commentAdded(change, author, text, now, votes));
    }

    private void afterCheck(SandboxChange change, boolean passed) {
        if (!change.open()) {
            return;
        }
        int patchSet = change.current().number();
        if (passed) {
            if (change.workflow() > 0) {
                clock.after(Duration.ofSeconds(30), () -> enqueueGate(change));
            } else if (random.nextInt(4) != 0) {
                clock.after(minutes(5, 40), () -> {
                    if (change.open() && change.current().number() == patchSet) {
                        Person core = pick(developers.stream()
                                .filter(d -> !d.equals(change.owner()))
                                .toList());
                        comment(
                                change,
                                core,
                                "Patch Set " + patchSet + ": Code-Review+2 Workflow+1\n\nLooks good, approved.",
                                "Code-Review",
                                2,
                                "Workflow",
                                1);
                        clock.after(Duration.ofSeconds(20), () -> enqueueGate(change));
                    }
                });
            }
            return;
        }
        int choice = random.nextInt(20);
        if (choice < 9) {
            clock.after(minutes(5, 25), () -> {
                if (change.open() && change.current().number() == patchSet) {
                    comment(change, change.owner(), "Patch Set " + patchSet + ":\n\nrecheck");
                    clock.after(Duration.ofSeconds(10), () -> enqueueChange("check", change));
                }
            });
        } else if (choice < 18) {
            clock.after(minutes(15, 60), () -> {
                if (change.open() && change.current().number() == patchSet) {
                    uploadPatchSet(change);
                }
            });
        } else {
            clock.after(minutes(30, 120), () -> {
                if (change.open()) {
                    change.abandoned(clock.now());
                    change.addMessage(new SandboxChange.Message(
                            clock.now(),
                            change.owner(),
                            "Abandoned\n\nSuperseded",
                            change.current().number(),
                            "autogenerated:gerrit:abandon"));
                    outlets.gerritEvent(
                            clock.now(), "change-abandoned", events.changeAbandoned(change, "Superseded", clock.now()));
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
        ProjectSpec project = projects.stream()
                .filter(p -> p.name().endsWith("contrail-build"))
                .findFirst()
                .orElse(projects.get(0));
        Instant now = clock.now();
        Person who = pick(developers);
        ObjectId tip = repos.tip(project.name(), "master", now);
        ObjectId commit = repos.commit(
                project.name(),
                tip,
                "HOTFIX",
                "pushed at " + now + "\n",
                "Hot fix pushed straight to master\n\nThe build was broken for everyone.\n",
                ident(who, now));
        repos.setRef(project.name(), "refs/heads/master", commit);
        outlets.gerritEvent(
                now,
                "ref-updated",
                events.refUpdated(project.name(), "refs/heads/master", tip.name(), commit.name(), who, now));
        return Map.entry(project.name(), commit.name());
    }

    // ---- Zuul mode: what a real Gerrit tells ----

    /**
     * A patch set uploaded to the real Gerrit: the change is learned (or revised) from the event,
     * and the patch set enters check.
     */
    public synchronized void patchSetUploaded(
            ObservedChange seen, int patchSet, String revision, String parent, Person uploader, Instant at) {
        SandboxChange change = changes.computeIfAbsent(
                seen.number(),
                n -> new SandboxChange(
                        n,
                        projectSpec(seen.project()),
                        seen.branch(),
                        seen.changeId(),
                        seen.subject(),
                        seen.owner(),
                        at,
                        seen.dependsOn(),
                        seen.topic().orElse(null)));
        if (change.patchSet(patchSet).isPresent()) {
            return;
        }
        change.revised(seen.subject(), seen.commitMessage(), seen.dependsOn());
        change.addPatchSet(new SandboxChange.PatchSet(patchSet, revision, parent, at, uploader));
        clock.after(Duration.ofSeconds(5), () -> enqueueChange("check", change));
    }

    /**
     * Votes cast on a change's patch set (label to value), among the labels the review site listed;
     * when they {@code trigger} the gate (a new approval, or the CI's Verified +1), an approved,
     * verified change enters it. Votes on a patch set that is no longer current are ignored.
     */
    public synchronized void votes(
            int number, int patchSet, Set<String> labels, Map<String, Integer> votes, boolean trigger) {
        workflowLabel |= labels.contains("Workflow");
        SandboxChange change = changes.get(number);
        if (change == null || patchSet != change.current().number()) {
            return;
        }
        LOG.info("Zuul: votes on {},{}: {}{}", number, patchSet, votes, trigger ? " (a gate trigger)" : "");
        votes.forEach((label, value) -> {
            if (List.of("Verified", "Code-Review", "Workflow").contains(label)) {
                change.vote(label, value);
            }
        });
        if (trigger) {
            clock.after(Duration.ofSeconds(5), () -> enqueueGate(change));
        }
    }

    /** A "recheck" comment: the current patch set runs check again. */
    public synchronized void recheck(int number) {
        Optional.ofNullable(changes.get(number))
                .filter(SandboxChange::open)
                .ifPresent(change -> clock.after(Duration.ofSeconds(5), () -> enqueueChange("check", change)));
    }

    /** The review site merged the change (Zuul submitted it, or someone did by hand): it leaves every queue. */
    public synchronized void merged(int number, String revision, Person by, Instant at) {
        Optional.ofNullable(changes.get(number)).filter(SandboxChange::open).ifPresent(change -> {
            change.merged(revision, by, at);
            dequeueAll(change);
        });
    }

    /** The change was abandoned: it leaves every queue, as in Zuul. */
    public synchronized void abandoned(int number, Instant at) {
        Optional.ofNullable(changes.get(number)).filter(SandboxChange::open).ifPresent(change -> {
            change.abandoned(at);
            dequeueAll(change);
        });
    }

    /** An abandoned change restored: open again, for the next patch set, recheck or approval. */
    public synchronized void restored(int number, Instant at) {
        Optional.ofNullable(changes.get(number))
                .filter(c -> c.status().equals("ABANDONED"))
                .ifPresent(change -> change.restored(at));
    }

    private void dequeueAll(SandboxChange change) {
        for (List<SandboxItem> queue : queues.values()) {
            queue.removeIf(item -> item.change() == change);
        }
        queues.entrySet().removeIf(e -> e.getValue().isEmpty());
    }

    /** A branch moved on the review site (a merge or a direct push): its post jobs run, where the project has any. */
    public synchronized void branchUpdated(String project, String branch, String newrev, Instant at) {
        ProjectSpec spec = projectSpec(project);
        if (spec.post().isEmpty()) {
            return;
        }
        SandboxItem post = new SandboxItem(
                HexFormat.of().formatHex(randomBytes(16)), "post", project, null, 0, project, branch, newrev, at);
        post.builds().addAll(buildsFor(spec.post(), null, 0));
        enqueue(post);
    }

    /** A real project's jobs: the catalog's where it knows the project, the default ones otherwise. */
    private ProjectSpec projectSpec(String name) {
        return projects.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseGet(() -> otherProjects.computeIfAbsent(name, CiCatalog::defaultProject));
    }

    // ---- Zuul ----

    private String queueKey(String pipeline, String queue) {
        return pipeline + "\u0000" + queue;
    }

    private List<SandboxBuild> buildsFor(List<JobSpec> jobs, SandboxChange change, int patchSet) {
        List<SandboxBuild> builds = new ArrayList<>();
        for (JobSpec job : jobs) {
            double scale = 0.7 + 0.6 * random.nextDouble();
            Duration planned =
                    clock.scaled(Duration.ofSeconds((long) (job.typical().toSeconds() * scale)));
            boolean fails = random.nextDouble() < job.failRate();
            java.util.OptionalInt asked = simulated ? java.util.OptionalInt.empty() : failsOnce(change, patchSet, job);
            SandboxBuild build = new SandboxBuild(
                    HexFormat.of().formatHex(randomBytes(16)), job, planned, simulated ? fails : asked.isPresent());
            asked.ifPresent(build::failureLine);
            builds.add(build);
        }
        return builds;
    }

    /**
     * In Zuul mode a job fails only when the change asks for it, with a {@code Sandbox-Fail: JOB}
     * footer (or {@code Sandbox-Fail: *}), on its first run for that patch set: a failure that a
     * recheck mends, as a flaky test's does. Its log then says what a known signature matches;
     * with {@code Sandbox-Fail-Unrecognized: JOB}, what none does. The failure line, when it fails.
     */
    private java.util.OptionalInt failsOnce(SandboxChange change, int patchSet, JobSpec job) {
        if (change == null) {
            return java.util.OptionalInt.empty();
        }
        Matcher footer = FAIL_FOOTER.matcher(change.commitMessage());
        while (footer.find()) {
            String named = footer.group(2);
            if ((named.equals("*") || named.equals(job.name()))
                    && failedOnce.add(change.number() + "/" + patchSet + "/" + job.name())) {
                return java.util.OptionalInt.of(
                        footer.group(1) == null ? KNOWN_FAILURE_LINE : UNRECOGNIZED_FAILURE_LINE);
            }
        }
        return java.util.OptionalInt.empty();
    }

    /** Whether reviewers let a change into the gate: Workflow +1 (and Code-Review +2 where there is no Workflow label). */
    private boolean approved(SandboxChange change) {
        if (simulated || workflowLabel) {
            return change.workflow() > 0 && (simulated || change.codeReview() >= 2);
        }
        return change.codeReview() >= 2;
    }

    /** The change a Depends-On footer names: by Change-Id (Zuul v2) or by its review URL (v3+). */
    private Optional<SandboxChange> dependency(String footer) {
        OptionalInt number = CommitFooters.changeNumber(footer);
        return changes.values().stream()
                .filter(c -> c.changeId().equals(footer) || (number.isPresent() && number.getAsInt() == c.number()))
                .findFirst();
    }

    private void enqueueChange(String pipeline, SandboxChange change) {
        if (!change.open()) {
            return;
        }
        boolean already = queues.values().stream()
                .flatMap(List::stream)
                .anyMatch(i -> i.change() == change
                        && i.pipeline().equals(pipeline)
                        && i.patchSet() == change.current().number());
        if (already) {
            return;
        }
        ProjectSpec project = change.projectSpec();
        String queue = pipeline.equals("gate") ? project.gateQueue() : project.name();
        SandboxItem item = new SandboxItem(
                HexFormat.of().formatHex(randomBytes(16)),
                pipeline,
                queue,
                change,
                change.current().number(),
                change.project(),
                change.branch(),
                change.current().revision(),
                clock.now());
        item.builds()
                .addAll(buildsFor(
                        pipeline.equals("gate") ? project.gate() : project.check(),
                        change,
                        change.current().number()));
        enqueue(item);
    }

    private void enqueueGate(SandboxChange change) {
        if (!change.open() || !approved(change) || change.verified() <= 0) {
            return;
        }
        for (String dependency : change.dependsOn()) {
            Optional<SandboxChange> needed = dependency(dependency);
            boolean ready = needed.map(c -> c.status().equals("MERGED")
                            || queues
                                    .getOrDefault(
                                            queueKey("gate", c.projectSpec().gateQueue()), List.of())
                                    .stream()
                                    .anyMatch(i -> i.change() == c))
                    .orElse(true);
            if (!ready) {
                clock.after(minutes(5, 15), () -> enqueueGate(change));
                return;
            }
        }
        enqueueChange("gate", change);
    }

    private void enqueue(SandboxItem item) {
        if (!simulated) {
            LOG.info(
                    "Zuul: {} enters {} ({} jobs)",
                    item.change() == null
                            ? item.project() + " " + item.newrev()
                            : item.change().number() + "," + item.patchSet(),
                    item.pipeline(),
                    item.builds().size());
        }
        queues.computeIfAbsent(queueKey(item.pipeline(), item.queue()), k -> new ArrayList<>())
                .add(item);
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
            List<SandboxBuild> required = item.builds().stream()
                    .filter(b -> build.job().requires().contains(b.job().name()))
                    .toList();
            if (required.stream()
                    .anyMatch(b -> b.finished() && !b.result().orElse("").equals("SUCCESS"))) {
                build.finished("SKIPPED", clock.now());
            } else if (required.stream()
                    .allMatch(b -> b.result().map("SUCCESS"::equals).orElse(false))) {
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
            result = !simulated || kind < 7 ? "FAILURE" : kind < 9 ? "POST_FAILURE" : "TIMED_OUT";
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
            behind.reset(buildsFor(behind.change().projectSpec().gate(), behind.change(), behind.patchSet()));
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
                review.report(item, report(item, passed), passed ? 1 : -1);
                if (simulated) {
                    afterCheck(item.change(), passed);
                }
            }
            default -> {
                dequeue(item);
                outlets.zuulResult(item, item.succeeded() ? "success" : "failure");
            }
        }
    }

    /** Reports finished gate items from the head: merges succeed in order; failures leave at once. */
    private void completeGate() {
        for (List<SandboxItem> queue : queues.entrySet().stream()
                .filter(e -> e.getKey().startsWith("gate\u0000"))
                .map(Map.Entry::getValue)
                .toList()) {
            for (SandboxItem item : List.copyOf(queue)) {
                if (item.done() && item.failing()) {
                    dequeue(item);
                    outlets.zuulResult(item, "failure");
                    review.report(item, report(item, false), -2);
                    SandboxChange change = item.change();
                    if (simulated) {
                        clock.after(minutes(5, 20), () -> {
                            if (change.open()) {
                                comment(
                                        change,
                                        change.owner(),
                                        "Patch Set " + change.current().number() + ":\n\nrecheck");
                                clock.after(Duration.ofSeconds(10), () -> enqueueChange("check", change));
                            }
                        });
                    }
                }
            }
            while (!queue.isEmpty() && queue.get(0).done() && !queue.get(0).failing()) {
                SandboxItem head = queue.get(0);
                dequeue(head);
                outlets.zuulResult(head, "success");
                review.report(head, report(head, true), 2);
                review.submit(head);
            }
        }
    }

    private void dequeue(SandboxItem item) {
        queueOf(item).remove(item);
        queues.entrySet().removeIf(e -> e.getValue().isEmpty());
    }

    private String report(SandboxItem item, boolean passed) {
        StringBuilder text = new StringBuilder(passed ? "Build succeeded" : "Build failed")
                .append(" (")
                .append(item.pipeline())
                .append(" pipeline).\n\n");
        for (SandboxBuild build : item.builds()) {
            Duration took = build.start() == null || build.end() == null
                    ? Duration.ZERO
                    : Duration.between(build.start(), build.end());
            text.append("- ")
                    .append(build.job().name())
                    .append(' ')
                    .append(build.logUrl())
                    .append(" : ")
                    .append(build.result().orElse("SKIPPED"))
                    .append(" in ")
                    .append(took.toMinutes())
                    .append("m ")
                    .append(took.toSecondsPart())
                    .append("s")
                    .append(build.job().voting() ? "" : " (non-voting)")
                    .append('\n');
        }
        return text.toString();
    }

    private void merge(SandboxChange change) {
        Instant now = clock.now();
        ObjectId tip = repos.tip(change.project(), change.branch(), now);
        String file = "changes/" + change.number() + ".txt";
        String message = change.commitMessage() + "Reviewed-on: " + events.changeUrl(change) + "\n";
        ObjectId merged = repos.commit(
                change.project(), tip, file, change.subject() + "\nmerged\n", message, ident(change.owner(), now));
        repos.setRef(change.project(), "refs/heads/" + change.branch(), merged);
        change.merged(merged.name(), Person.ZUUL, now);
        change.addMessage(new SandboxChange.Message(
                now,
                Person.ZUUL,
                "Change has been successfully merged by Contrail CI",
                change.current().number(),
                "autogenerated:gerrit:merged"));
        outlets.gerritEvent(
                now,
                "ref-updated",
                events.refUpdated(
                        change.project(),
                        "refs/heads/" + change.branch(),
                        tip.name(),
                        merged.name(),
                        Person.ZUUL,
                        now));
        outlets.gerritEvent(now, "change-merged", events.changeMerged(change, merged.name(), now));
        if (!change.projectSpec().post().isEmpty()) {
            SandboxItem post = new SandboxItem(
                    HexFormat.of().formatHex(randomBytes(16)),
                    "post",
                    change.project(),
                    null,
                    0,
                    change.project(),
                    change.branch(),
                    merged.name(),
                    now);
            post.builds().addAll(buildsFor(change.projectSpec().post(), null, 0));
            enqueue(post);
        }
    }

    private void nightly() {
        clock.after(Duration.ofHours(24), this::nightly);
        ProjectSpec controller = projects.get(0);
        Instant now = clock.now();
        ObjectId tip = repos.tip(controller.name(), "master", now);
        SandboxItem item = new SandboxItem(
                HexFormat.of().formatHex(randomBytes(16)),
                "periodic-nightly",
                controller.name(),
                null,
                0,
                controller.name(),
                "master",
                tip.name(),
                now);
        item.builds().addAll(buildsFor(CiCatalog.nightly(), null, 0));
        enqueue(item);
    }

    /** A stretch of time in which the sandbox's world stands still; closing it starts the world again. */
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Stops the world until the hold is closed: no change, build or event happens meanwhile, and
     * everything scheduled moves later by as long. A measurement of the sites (a page's load in a
     * browser) is then not shared with a CI running at many times real time on the same processor.
     */
    public Hold hold() {
        clock.hold();
        return clock::release;
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
