package org.opencontrail.web.logs.failures;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.opencontrail.web.logs.builds.KnownFailuresMatched;
import org.opencontrail.web.logs.search.BuildFacts;
import org.opencontrail.web.logs.search.BuildIndexed;
import org.opencontrail.web.logs.search.FileFacts;
import org.opencontrail.web.logs.search.SearchIndex;
import org.opencontrail.web.logs.search.SearchService;
import org.opencontrail.web.logs.urls.LogsUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which known failures each build shows: every signature is run on a build as soon as it is
 * indexed (before the build is acknowledged), and on every build when the signatures change.
 * Passing builds are matched too (a signature's graph shows them); a build's classification is
 * the signatures that match it when it failed.
 */
@Context
@Requires(missingProperty = "logs.command") // a command (import, reindex) leaves the index to itself
public final class KnownFailures {

    private static final Logger LOG = LoggerFactory.getLogger(KnownFailures.class);

    private final Signatures signatures;
    private final SearchService search;
    private final SearchIndex index;
    /** One thread, so that matches of every build run one at a time. */
    private final ExecutorService background;

    private volatile Map<String, Set<String>> buildsBySignature = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> signaturesByBuild = new ConcurrentHashMap<>();
    private volatile boolean ready;
    /** Changes whenever a build's known failures may have: what views of them are cached by. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    /** Builds indexed while every build was being matched: matched again after it, so none is missed. */
    private final java.util.Queue<String> indexedMeanwhile = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private final ApplicationEventPublisher<KnownFailuresMatched> announcer;

    KnownFailures(
            Signatures signatures,
            SearchService search,
            SearchIndex index,
            @Named("known-failures") ExecutorService background,
            ApplicationEventPublisher<KnownFailuresMatched> announcer) {
        this.signatures = signatures;
        this.search = search;
        this.index = index;
        this.background = background;
        this.announcer = announcer;
    }

    /** Matches every build once the app is up. */
    @EventListener
    void onStartup(StartupEvent started) {
        background.execute(this::matchAll);
    }

    /** A number that changes whenever a build's known failures may have. */
    public long generation() {
        return generation.get();
    }

    /** Whether every build was matched against the signatures since the last start or change. */
    public boolean ready() {
        return ready;
    }

    @EventListener
    void indexed(BuildIndexed event) {
        if (!ready) {
            indexedMeanwhile.add(event.build().uuid());
        }
        match(event.build(), event.files().stream().map(FileFacts::id).toList());
    }

    private void match(BuildFacts build, List<Long> files) {
        String uuid = build.uuid();
        Set<String> matched = ConcurrentHashMap.newKeySet();
        for (Signatures.Compiled signature : signatures.all()) {
            boolean hit = matches(signature, files);
            Set<String> builds =
                    buildsBySignature.computeIfAbsent(signature.signature().id(), id -> ConcurrentHashMap.newKeySet());
            if (hit) {
                builds.add(uuid);
                matched.add(signature.signature().id());
            } else {
                builds.remove(uuid);
            }
        }
        signaturesByBuild.put(uuid, matched);
        generation.incrementAndGet();
        announcer.publishEvent(new KnownFailuresMatched(Map.of(uuid, Set.copyOf(matched)), false));
        if (build.failed()) {
            LOG.info(
                    "Build {} ({}) failed: {}",
                    uuid,
                    build.job(),
                    matched.isEmpty()
                            ? "no known failure matches"
                            : "known failures "
                                    + String.join(
                                            ", ", matched.stream().sorted().toList()));
        }
    }

    @EventListener
    void changed(SignaturesChanged event) {
        background.execute(this::matchAll);
    }

    private boolean matches(Signatures.Compiled signature, Collection<Long> files) {
        if (files.isEmpty()) {
            return false;
        }
        if (search.buildsMatching(signature.query(), files).isEmpty()) {
            return false;
        }
        return signature.tests() == null
                || !search.buildsMatching(signature.tests(), files).isEmpty();
    }

    /** Runs every signature over the whole index. */
    private void matchAll() {
        ready = false;
        indexedMeanwhile.clear();
        long started = System.nanoTime();
        Map<String, Set<String>> bySignature = new ConcurrentHashMap<>();
        Map<String, Set<String>> byBuild = new ConcurrentHashMap<>();
        for (Signatures.Compiled signature : signatures.all()) {
            try {
                Set<String> builds = search.buildsMatching(signature.query(), null);
                if (signature.tests() != null) {
                    builds.retainAll(search.buildsMatching(signature.tests(), null));
                }
                Set<String> set = ConcurrentHashMap.newKeySet();
                set.addAll(builds);
                bySignature.put(signature.signature().id(), set);
                for (String uuid : builds) {
                    byBuild.computeIfAbsent(uuid, u -> ConcurrentHashMap.newKeySet())
                            .add(signature.signature().id());
                }
            } catch (RuntimeException e) {
                LOG.warn("Signature {} could not run: {}", signature.signature().id(), e.toString());
            }
        }
        Set<String> meanwhile = Set.copyOf(indexedMeanwhile); // matched once this is done
        for (BuildFacts build : index.catalog().builds()) {
            if (!meanwhile.contains(build.uuid())) {
                byBuild.putIfAbsent(build.uuid(), Set.of()); // matched too, by nothing
            }
        }
        buildsBySignature = bySignature;
        signaturesByBuild.clear();
        signaturesByBuild.putAll(byBuild);
        generation.incrementAndGet();
        announcer.publishEvent(new KnownFailuresMatched(byBuild, true));
        ready = true;
        for (String uuid = indexedMeanwhile.poll(); uuid != null; uuid = indexedMeanwhile.poll()) {
            String again = uuid;
            index.catalog()
                    .build(again)
                    .ifPresent(b -> match(
                            b,
                            index.catalog().filesOf(again).stream()
                                    .map(FileFacts::id)
                                    .toList()));
        }
        LOG.info(
                "Matched {} signatures against {} builds in {} ms",
                signatures.all().size(),
                index.catalog().builds().size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** The known failures of a failed build, by id; none for a build that passed. */
    public List<String> of(String uuid) {
        BuildFacts build = index.catalog().build(uuid).orElse(null);
        if (build == null || !build.failed()) {
            return List.of();
        }
        return matching(uuid);
    }

    /**
     * A known failure as a build page shows it.
     *
     * @param id     the signature's id
     * @param bugUrl its bug, empty when its id names none
     * @param lines  the build's first lines that match it
     */
    public record Shown(String id, String bugUrl, List<org.opencontrail.web.logs.search.SearchResult.Hit> lines) {

        /** The signature on the failures page. */
        public String url() {
            return LogsUrls.signature(id);
        }
    }

    /** The known failures of a failed build with the lines that match each. */
    public List<Shown> shown(String uuid) {
        List<Shown> shown = new ArrayList<>();
        List<Long> files =
                index.catalog().filesOf(uuid).stream().map(FileFacts::id).toList();
        for (String id : of(uuid)) {
            signatures
                    .get(id)
                    .ifPresent(signature -> shown.add(
                            new Shown(id, signatures.bugUrl(id), search.firstLines(signature.query(), files, 3))));
        }
        return shown;
    }

    /** Whether the build was matched against the signatures since this site started. */
    public boolean matched(String uuid) {
        return signaturesByBuild.containsKey(uuid);
    }

    /** The signatures that match a build, whatever its result. */
    public List<String> matching(String uuid) {
        return new ArrayList<>(signaturesByBuild.getOrDefault(uuid, Set.of()))
                .stream().sorted().toList();
    }

    /** The builds a signature matches. */
    public Set<String> buildsOf(String id) {
        return buildsBySignature.getOrDefault(id, Set.of());
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
