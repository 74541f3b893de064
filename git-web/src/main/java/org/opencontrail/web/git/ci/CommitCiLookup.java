package org.opencontrail.web.git.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opencontrail.web.branding.Brand;
import org.opencontrail.web.shared.gerrit.stream.GerritHttp;
import org.opencontrail.web.shared.gerrit.stream.GerritSettings;
import org.opencontrail.web.shared.json.ForeignJson;
import org.opencontrail.web.shared.text.Durations;
import org.opencontrail.web.shared.zuul.ZuulResult;
import org.opencontrail.web.shared.zuul.ZuulSettings;
import org.opencontrail.web.shared.zuul.builds.Build;
import org.opencontrail.web.shared.zuul.builds.ZuulBuildsClient;

/**
 * Asks the review site which change holds a commit (by its id, then by its Change-Id among merged
 * changes, for cherry-picked submits) and Zuul's builds API for that change's last gate run and
 * the post jobs of the commit. Answers are kept two minutes, so a busy page asks each source once.
 */
@Singleton
public final class CommitCiLookup {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Who makes the merge commits of submitted changes: such a merge has no change of its own. */
    private static final String GERRIT_COMMITTER = "Gerrit Code Review";

    /**
     * A commit to ask about.
     *
     * @param project   its project
     * @param id        its id
     * @param changeId  its Change-Id footer, empty when none
     * @param mergedByGerrit whether it is a merge made by the review site's submit
     */
    public record Question(String project, String id, String changeId, boolean mergedByGerrit) {

        /** The question about a commit of a project (its message and committer parsed). */
        public static Question of(String project, org.eclipse.jgit.revwalk.RevCommit commit) {
            return new Question(
                    project,
                    commit.name(),
                    org.opencontrail.web.shared.gerrit.footer.CommitFooters.of(commit.getFullMessage())
                            .changeId()
                            .orElse(""),
                    commit.getParentCount() > 1
                            && commit.getCommitterIdent().getName().equals(GERRIT_COMMITTER));
        }
    }

    private final Brand brand;
    /** The two sources, when configured (one HTTP client each, for every lookup). */
    private final Optional<GerritHttp> gerrit;

    private final Optional<ZuulBuildsClient> zuul;
    private final Cache<Question, CommitCi> answers = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(2))
            .build();

    CommitCiLookup(GerritSettings gerrit, ZuulSettings zuul, Brand brand) {
        this.brand = brand;
        this.gerrit = gerrit.hasRest() ? Optional.of(new GerritHttp(gerrit.url(), TIMEOUT)) : Optional.empty();
        this.zuul = zuul.url().isBlank() || zuul.tenant().isBlank()
                ? Optional.empty()
                : Optional.of(new ZuulBuildsClient(zuul));
    }

    public CommitCi of(Question question) {
        return answers.get(question, this::ask);
    }

    private CommitCi ask(Question question) {
        List<String> problems = new ArrayList<>();
        Optional<CommitCi.Review> review = Optional.empty();
        boolean asked = false;
        if (gerrit.isPresent()) {
            try {
                review = change("commit:" + question.id());
                if (review.isEmpty() && !question.changeId().isEmpty()) {
                    review = change("change:" + question.changeId() + " status:merged project:" + question.project());
                }
                asked = true;
            } catch (IOException e) {
                problems.add("The review site could not be asked: " + e.getMessage());
            }
        }
        boolean unreviewed = asked && review.isEmpty() && !question.mergedByGerrit();
        Optional<CommitCi.Run> gate = Optional.empty();
        List<CommitCi.Build> post = List.of();
        if (zuul.isPresent()) {
            ZuulBuildsClient builds = zuul.get();
            try {
                if (review.isPresent()) {
                    gate = lastRun(builds.builds(new ZuulBuildsClient.Query(
                            question.project(), "gate", Optional.of(review.get().number()), "", "", "", 100)));
                }
                post = builds
                        .builds(new ZuulBuildsClient.Query(
                                question.project(), "post", Optional.empty(), "", "", question.id(), 50))
                        .stream()
                        .map(CommitCiLookup::job)
                        .toList();
            } catch (IOException e) {
                problems.add("Zuul's builds could not be asked: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add("Interrupted while asking Zuul");
            }
        }
        return new CommitCi(review, unreviewed, gate, post, problems);
    }

    /** The first change the review site finds for a query, when there is one. */
    private Optional<CommitCi.Review> change(String query) throws IOException {
        String body;
        try {
            body = gerrit.orElseThrow().get("changes/?n=1&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        JsonNode changes = ForeignJson.tree(GerritHttp.stripXssi(body));
        if (changes == null || !changes.isArray() || changes.isEmpty()) {
            return Optional.empty();
        }
        JsonNode change = changes.get(0);
        int number = change.path("_number").asInt();
        return Optional.of(new CommitCi.Review(
                number,
                change.path("status").asText(""),
                change.path("subject").asText(""),
                change.path("branch").asText(""),
                brand.reviewLink("/c/" + number)));
    }

    /** The newest buildset among a change's builds of one pipeline. */
    private static Optional<CommitCi.Run> lastRun(List<Build> builds) {
        Map<String, List<Build>> sets = builds.stream().collect(Collectors.groupingBy(Build::buildsetUuid));
        return sets.values().stream()
                .max(Comparator.comparing(set -> set.stream()
                        .map(b -> b.endTime().or(b::startTime).orElse(Instant.EPOCH))
                        .max(Comparator.naturalOrder())
                        .orElse(Instant.EPOCH)))
                .map(set -> new CommitCi.Run(
                        set.get(0).pipeline(),
                        set.stream()
                                .filter(Build::voting)
                                .allMatch(
                                        b -> b.result().map(ZuulResult::passed).orElse(false)),
                        set.stream()
                                .sorted(Comparator.comparing(Build::job))
                                .map(CommitCiLookup::job)
                                .toList()));
    }

    private static CommitCi.Build job(Build build) {
        return new CommitCi.Build(
                build.job(),
                build.result().orElse(""),
                build.voting(),
                build.duration().map(Durations::words).orElse(""),
                build.logUrl());
    }
}
