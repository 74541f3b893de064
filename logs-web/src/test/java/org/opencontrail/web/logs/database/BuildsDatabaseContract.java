package org.opencontrail.web.logs.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencontrail.web.logs.database.TestBuilds.change;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.shared.zuul.builds.Build;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResult;

/**
 * What the builds database keeps and how Zuul's filters select from it, the same on every engine:
 * each engine's test gives the settings of its datasource.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BuildsDatabaseContract {

    private ApplicationContext context;
    private BuildsWriter writer;
    private BuildsReader reader;

    /** The app's settings: a logs.dir, and the datasource of the engine under test. */
    abstract Map<String, Object> properties();

    @BeforeAll
    void start() {
        context = ApplicationContext.run(properties());
        writer = context.getBean(BuildsWriter.class);
        reader = context.getBean(BuildsReader.class);
    }

    @AfterAll
    void stop() {
        context.close();
    }

    @BeforeEach
    void empty() {
        TransactionOperations<Connection> transactions =
                context.getBean(Argument.of(TransactionOperations.class, Connection.class));
        transactions.executeWrite(status -> {
            try (Statement s = status.getConnection().createStatement()) {
                for (String table : List.of(
                        "build_failures",
                        "build_artifacts",
                        "build_files",
                        "builds",
                        "buildsets",
                        "database_state",
                        "rechecks")) {
                    s.executeUpdate("DELETE FROM " + table);
                }
            }
            return null;
        });
    }

    @Test
    void aBuildComesBackWithEveryField() {
        BuildRecord record = change("a1", "Juniper/contrail-controller", "unittest", "FAILURE", 1234, 3, "bs1", 0);
        writer.write(record);

        BuildRow row = reader.build(TestBuilds.uuid("a1")).orElseThrow();
        assertThat(row.job()).isEqualTo("unittest");
        assertThat(row.result()).hasValue("FAILURE");
        assertThat(row.project()).isEqualTo("Juniper/contrail-controller");
        assertThat(row.change()).hasValue(1234);
        assertThat(row.patchSet()).hasValue(3);
        assertThat(row.startTime()).isEqualTo(record.build().startTime());
        assertThat(row.endTime()).isEqualTo(record.build().endTime());
        assertThat(row.duration()).as("from its times").hasValue(600.0);
        assertThat(row.buildsetUuid()).isEqualTo("bs1");
        assertThat(row.eventId()).isEqualTo("event-bs1");
        assertThat(row.isFinal()).isTrue();
        assertThat(row.artifacts())
                .containsExactly(new Build.Artifact(
                        "Zuul Manifest",
                        "https://zuul.example/logs/" + TestBuilds.uuid("a1") + "/zuul-manifest.json",
                        Map.of("type", "zuul_manifest")));
        assertThat(row.root()).isEqualTo(record.root());
        assertThat(row.state()).isEqualTo("done");
        assertThat(row.files()).isEqualTo(2);
        assertThat(row.bytes()).isEqualTo(1200);
        assertThat(reader.build("abcdef0123")).isEmpty();
    }

    @Test
    void aFailedBuildKeepsItsKnownFailuresAsMatchedLast() {
        writer.write(change("f1", "p", "unittest", "FAILURE", 1, 1, "bs1", 0));
        writer.write(change("f2", "p", "unittest", "FAILURE", 2, 1, "bs2", 1));
        writer.write(change("c1", "p", "unittest", "SUCCESS", 3, 1, "bs3", 2));
        String f1 = TestBuilds.uuid("f1");
        String f2 = TestBuilds.uuid("f2");
        String p1 = TestBuilds.uuid("c1");

        writer.knownFailures(
                Map.of(f1, Set.of("1686542", "1253896"), f2, Set.of("1686542"), p1, Set.of("1686542")), true);
        assertThat(reader.knownFailures(f1)).containsExactly("1253896", "1686542");
        assertThat(reader.knownFailures(p1))
                .as("a passing build shows no failure")
                .isEmpty();

        writer.knownFailures(Map.of(f1, Set.of()), false);
        assertThat(reader.knownFailures(f1)).as("matched again: nothing now").isEmpty();
        assertThat(reader.knownFailures(f2)).as("another build's are left").containsExactly("1686542");

        writer.knownFailures(Map.of(f1, Set.of("1253896")), true);
        assertThat(reader.knownFailures(f2))
                .as("every build matched again: what is not there matches nothing")
                .isEmpty();
        assertThat(reader.knownFailures(f1)).containsExactly("1253896");
        writer.knownFailures(Map.of("0123456789abcdef", Set.of("1253896")), false); // no row yet: nothing to attach
    }

    @Test
    void writingABuildAgainReplacesItsRow() {
        BuildRecord queued = TestBuilds.record(TestBuilds.with(
                change("a1", "p", "unittest", null, 1, 1, "bs1", 0).build(), true, false, false, "n"));
        writer.write(queued);
        assertThat(reader.build(TestBuilds.uuid("a1")).orElseThrow().result()).isEmpty();

        writer.write(change("a1", "p", "unittest", "SUCCESS", 1, 1, "bs1", 0));

        assertThat(reader.count()).isEqualTo(1);
        assertThat(reader.build(TestBuilds.uuid("a1")).orElseThrow().result()).hasValue("SUCCESS");
    }

    @Test
    void twoReplicasWritingOneNewBuildLeaveOneRow() throws Exception {
        BuildRecord record = change("a1", "p", "unittest", "SUCCESS", 1, 1, "bs1", 0);
        CyclicBarrier together = new CyclicBarrier(4);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            writes.add(CompletableFuture.runAsync(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                writer.write(record);
            }));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get();

        assertThat(reader.count()).isEqualTo(1);
        assertThat(reader.buildsets(buildsets(), 0, 50)).hasSize(1);
    }

    @Test
    void buildsAreListedNewestFirstAndPaged() {
        for (int i = 1; i <= 7; i++) {
            writer.write(change("b" + i, "p", "unittest", "SUCCESS", i, 1, "bs" + i, i));
        }
        assertThat(uuids(reader.builds(BuildFilter.all(), 0, 3))).containsExactly("b7", "b6", "b5");
        assertThat(uuids(reader.builds(BuildFilter.all(), 3, 3))).containsExactly("b4", "b3", "b2");
        assertThat(uuids(reader.builds(BuildFilter.all(), 6, 3))).containsExactly("b1");
        long idOf4 = reader.build(TestBuilds.uuid("b4")).orElseThrow().id();
        assertThat(builds("idx_min", String.valueOf(idOf4 - 1), "idx_max", String.valueOf(idOf4 + 1)))
                .as("ids within both bounds, inclusive")
                .containsExactly("b5", "b4", "b3");
    }

    @Test
    void repeatedValuesMeanAnyAndAStarIsAWildcard() {
        writer.write(change("c1", "Juniper/contrail-controller", "contrail-unittest", "SUCCESS", 1, 1, "s1", 1));
        writer.write(change("c2", "Juniper/contrail-vrouter", "contrail-build", "FAILURE", 2, 1, "s2", 2));
        writer.write(change("c3", "Juniper/contrail_web", "pep8", "SUCCESS", 3, 1, "s3", 3));
        writer.write(change("c4", "tungsten/docs", "docs", "SUCCESS", 4, 2, "s4", 4));

        assertThat(builds("project", "Juniper/contrail-controller")).containsExactly("c1");
        assertThat(builds("project", "Juniper/*")).containsExactly("c3", "c2", "c1");
        assertThat(builds("project", "*/docs", "project", "Juniper/contrail-vrouter"))
                .containsExactly("c4", "c2");
        assertThat(builds("job_name", "contrail-*")).containsExactly("c2", "c1");
        assertThat(builds("project", "Juniper/contrail_*"))
                .as("_ stands for itself, not for any character")
                .containsExactly("c3");
        assertThat(builds("project", "Juniper/contrail%"))
                .as("% is not a wildcard")
                .isEmpty();
        assertThat(builds("change", "2", "change", "4")).containsExactly("c4", "c2");
        assertThat(builds("change", "4", "patchset", "1")).isEmpty();
        assertThat(builds("result", "FAILURE")).containsExactly("c2");
    }

    @Test
    void completeVotingFinalHeldAndExcludedResults() {
        writer.write(change("d1", "p", "unittest", "SUCCESS", 1, 1, "s1", 1));
        writer.write(TestBuilds.record(TestBuilds.with(
                change("d2", "p", "unittest", "FAILURE", 1, 1, "s1", 2).build(), false, true, true, "big")));
        writer.write(TestBuilds.record(TestBuilds.with(
                change("d3", "p", "unittest", null, 1, 1, "s1", 3).build(), true, false, false, "n")));

        assertThat(builds("complete", "true")).containsExactly("d2", "d1");
        assertThat(builds("complete", "false")).containsExactly("d3");
        assertThat(builds("voting", "0")).containsExactly("d2");
        assertThat(builds("final", "false")).containsExactly("d2");
        assertThat(builds("held", "1")).containsExactly("d2");
        assertThat(builds("nodeset", "big")).containsExactly("d2");
        assertThat(builds("exclude_result", "FAILURE"))
                .as("a build without a result is left out too, as Zuul's SQL does")
                .containsExactly("d1");
    }

    @Test
    void aBuildsetIsMadeFromItsBuildsUntilZuulReportsIt() {
        writer.write(change("e1", "p", "unittest", "SUCCESS", 5, 1, "set", 0));
        BuildsetRow first = reader.buildset("set").orElseThrow();
        assertThat(first.result()).as("every build so far passed").hasValue("SUCCESS");
        assertThat(first.reported()).isFalse();
        assertThat(first.change()).hasValue(5);
        assertThat(first.firstBuildStartTime()).isEqualTo(Optional.of(TestBuilds.T0));

        writer.write(change("e2", "p", "pep8", "FAILURE", 5, 1, "set", 5));
        BuildsetRow failed = reader.buildset("set").orElseThrow();
        assertThat(failed.result()).as("a voting build failed").hasValue("FAILURE");
        assertThat(failed.lastBuildEndTime()).isEqualTo(Optional.of(TestBuilds.T0.plusSeconds(15 * 60)));
        assertThat(uuids(reader.buildsOf(failed))).as("first made first").containsExactly("e1", "e2");

        writer.write(reported("set", "MERGE_CONFLICT", "Merge failed."));
        writer.write(change("e3", "p", "docs", "SUCCESS", 5, 1, "set", 6));
        BuildsetRow reported = reader.buildset("set").orElseThrow();
        assertThat(reported.result()).as("Zuul's word stands").hasValue("MERGE_CONFLICT");
        assertThat(reported.message()).isEqualTo("Merge failed.");
        assertThat(reported.reported()).isTrue();
    }

    @Test
    void aBuildWithoutABuildsetIsAlone() {
        Build lone = change("f1", "p", "unittest", "SUCCESS", 7, 1, "", 0).build();
        writer.write(TestBuilds.record(lone));

        assertThat(reader.build(TestBuilds.uuid("f1")).orElseThrow().buildsetUuid())
                .isEqualTo(TestBuilds.uuid("f1"));
        assertThat(reader.buildset(TestBuilds.uuid("f1")).orElseThrow().result())
                .hasValue("SUCCESS");
    }

    @Test
    void buildsetsAreFilteredByTheirRef() {
        writer.write(change("ab1", "Juniper/a", "unittest", "SUCCESS", 10, 1, "s10", 0));
        writer.write(change("ab2", "Juniper/b", "unittest", "FAILURE", 11, 2, "s11", 1));
        writer.write(change("ab3", "Other/c", "unittest", "SUCCESS", 12, 1, "s12", 2));

        assertThat(reader.buildsets(buildsets(), 0, 50))
                .extracting(BuildsetRow::uuid)
                .containsExactly("s12", "s11", "s10");
        BuildsetFilter juniper =
                ZuulQuery.buildsets(query("project", "Juniper/*", "complete", "true", "exclude_result", "FAILURE"));
        assertThat(reader.buildsets(juniper, 0, 50))
                .extracting(BuildsetRow::uuid)
                .containsExactly("s10");
    }

    @Test
    void buildTimesListFinishedBuildsByWhenTheyEnded() {
        writer.write(change("ac1", "p", "unittest", "SUCCESS", 1, 1, "s1", 30));
        writer.write(change("ac2", "p", "unittest", "SUCCESS", 2, 1, "s2", 10));
        writer.write(TestBuilds.record(TestBuilds.with(
                change("ac3", "p", "unittest", null, 3, 1, "s3", 50).build(), true, false, false, "")));

        assertThat(uuids(reader.buildTimes(BuildFilter.all(), 0, 50))).containsExactly("ac1", "ac2");
        Instant h2Ended = TestBuilds.T0.plusSeconds(20 * 60);
        assertThat(uuids(reader.buildTimes(ZuulQuery.buildTimes(query("end_time", h2Ended.toString())), 0, 50)))
                .containsExactly("ac2");
    }

    @Test
    void theRecordsKeptBeforeAreLoadedOnce() {
        DatabaseLoad load = context.getBean(DatabaseLoad.class);
        org.opencontrail.web.logs.builds.BuildRecords records =
                context.getBean(org.opencontrail.web.logs.builds.BuildRecords.class);
        records.save(
                change("ad1", "p", "unittest", "SUCCESS", 1, 1, "s1", 1).with(IngestState.DONE, "", TestBuilds.T0));
        empty(); // as if the database were new: the record is on disk only

        assertThat(load.loadOnce()).isGreaterThanOrEqualTo(1);
        assertThat(reader.build(TestBuilds.uuid("ad1"))).isPresent();
        assertThat(load.loadOnce()).as("done once").isZero();
    }

    @Test
    void aRecheckHeardFromTheStreamAndFromGerritsRestApiIsOneRow() {
        RecheckRows rechecks = context.getBean(RecheckRows.class);
        Instant streamed = TestBuilds.T0.plusSeconds(600); // the event's time, to the second
        // the message's own time from a backfill: written a moment before its event, across a second
        Instant written = streamed.minusMillis(1_400);

        assertThat(rechecks.add(recheck("alice", streamed, "bare", ""))).isTrue();
        assertThat(rechecks.add(recheck("alice", written, "bare", ""))).isFalse();
        assertThat(rechecks.add(recheck("alice", streamed, "bare", "")))
                .as("heard again")
                .isFalse();

        assertThat(rechecks.since(TestBuilds.T0))
                .singleElement()
                .satisfies(row -> assertThat(row.commented()).isEqualTo(streamed));
    }

    @Test
    void rechecksByOthersOfOtherKindsOrLaterAreEachKept() {
        RecheckRows rechecks = context.getBean(RecheckRows.class);
        Instant at = TestBuilds.T0.plusSeconds(600);

        assertThat(rechecks.add(recheck("alice", at, "bare", ""))).isTrue();
        assertThat(rechecks.add(recheck("bob", at, "bare", ""))).isTrue();
        assertThat(rechecks.add(recheck("alice", at.plusSeconds(1), "bug", "bug 1384373")))
                .isTrue();
        assertThat(rechecks.add(
                        recheck("alice", at.plus(RecheckRows.SAME_COMMENT).plusSeconds(1), "bare", "")))
                .isTrue();

        assertThat(rechecks.since(TestBuilds.T0)).hasSize(4);
    }

    @Test
    void replicasKeepingOneRecheckDatedApartAtOnceLeaveOneRow() throws Exception {
        RecheckRows rechecks = context.getBean(RecheckRows.class);
        int replicas = 4;
        int comments = 10; // a race is lost now and then: each comment is one more chance to lose it
        List<CompletableFuture<Boolean>> adds = new ArrayList<>();
        for (int patchSet = 1; patchSet <= comments; patchSet++) {
            CyclicBarrier together = new CyclicBarrier(replicas);
            for (int i = 0; i < replicas; i++) {
                RecheckRow heard = new RecheckRow(
                        "p", 5, patchSet, "alice", TestBuilds.T0.plusMillis(600_000 + 300L * i), "bare", "");
                adds.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return rechecks.add(heard);
                }));
            }
        }
        CompletableFuture.allOf(adds.toArray(CompletableFuture[]::new)).get();

        assertThat(adds.stream().filter(CompletableFuture::join).count())
                .as("each kept by one")
                .isEqualTo(comments);
        assertThat(rechecks.since(TestBuilds.T0)).hasSize(comments);
    }

    private static RecheckRow recheck(String author, Instant at, String kind, String reason) {
        return new RecheckRow("p", 5, 1, author, at, kind, reason);
    }

    private static BuildsetResult reported(String buildset, String result, String message) {
        return new BuildsetResult(
                "failure",
                "t",
                "check",
                "q",
                "p",
                "master",
                "",
                Optional.of(5),
                Optional.of(1),
                "",
                "",
                "",
                message,
                Optional.empty(),
                Optional.empty(),
                "",
                buildset,
                Optional.of(result),
                List.of(),
                List.of());
    }

    private static BuildsetFilter buildsets() {
        return ZuulQuery.buildsets(Map.of());
    }

    private static List<String> uuids(List<BuildRow> rows) {
        return rows.stream().map(r -> TestBuilds.name(r.uuid())).toList();
    }

    /** The builds a query of Zuul's builds API lists, as {@code name, value, name, value...}. */
    private List<String> builds(String... parameters) {
        return uuids(reader.builds(ZuulQuery.builds(query(parameters)), 0, 50));
    }

    static Map<String, List<String>> query(String... parameters) {
        Map<String, List<String>> query = new java.util.LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            query.computeIfAbsent(parameters[i], k -> new ArrayList<>()).add(parameters[i + 1]);
        }
        return query;
    }
}
