package org.opencontrail.web.logs.flaky;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opencontrail.web.logs.database.DatabaseException;
import org.opencontrail.web.logs.database.RecheckRow;
import org.opencontrail.web.logs.database.RecheckRows;
import org.opencontrail.web.logs.search.BuildFacts;
import org.opencontrail.web.logs.search.SearchIndex;

/**
 * The "recheck" comments per project and week (weeks from Monday, UTC): all of them, the bare ones,
 * those naming a bug and those giving a reason, and the builds they ran again (the patch set's
 * builds that ended after the comment and before its next recheck).
 */
@Singleton
public final class RecheckWeeks {

    static final int WEEKS = 12;

    /**
     * One project's week.
     *
     * @param week         its Monday
     * @param buildsAgain  builds of the rechecked patch sets that ended after the recheck
     */
    @Serdeable
    public record Week(
            String project,
            LocalDate week,
            long rechecks,
            long bare,
            long namingBug,
            long givingReason,
            long buildsAgain) {

        /** The share of bare rechecks, in percent, as OpenStack's TC watched it. */
        public int barePercent() {
            return rechecks == 0 ? 0 : (int) Math.round(100.0 * bare / rechecks);
        }
    }

    /**
     * The weeks, newest first, and why there are none when the database did not answer.
     *
     * @param problem empty when the database answered
     */
    @Serdeable
    public record Weeks(List<Week> weeks, String problem) {}

    private final RecheckRows rows;
    private final SearchIndex index;

    RecheckWeeks(RecheckRows rows, SearchIndex index) {
        this.rows = rows;
        this.index = index;
    }

    Weeks of(Instant now) {
        LocalDate thisWeek =
                LocalDate.ofInstant(now, ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate first = thisWeek.minusWeeks(WEEKS - 1L);
        List<RecheckRow> rechecks;
        try {
            rechecks = rows.since(first.atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DatabaseException e) {
            return new Weeks(List.of(), "the builds database does not answer: " + e.getMessage());
        }
        Map<String, List<Long>> buildTimes = new HashMap<>();
        for (BuildFacts build : index.catalog().builds()) {
            if (!build.change().isEmpty()) {
                buildTimes
                        .computeIfAbsent(build.change() + "," + build.patchSet(), k -> new ArrayList<>())
                        .add(build.time());
            }
        }
        Map<String, List<RecheckRow>> byPatchSet = new HashMap<>();
        rechecks.forEach(r -> byPatchSet
                .computeIfAbsent(r.change() + "," + r.patchSet(), k -> new ArrayList<>())
                .add(r));
        Map<String, long[]> counts = new TreeMap<>();
        for (Map.Entry<String, List<RecheckRow>> patchSet : byPatchSet.entrySet()) {
            List<RecheckRow> ordered = patchSet.getValue();
            List<Long> times = buildTimes.getOrDefault(patchSet.getKey(), List.of());
            for (int i = 0; i < ordered.size(); i++) {
                RecheckRow recheck = ordered.get(i);
                long from = recheck.commented().toEpochMilli();
                long until =
                        i + 1 < ordered.size() ? ordered.get(i + 1).commented().toEpochMilli() : Long.MAX_VALUE;
                LocalDate week = LocalDate.ofInstant(recheck.commented(), ZoneOffset.UTC)
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                long[] c = counts.computeIfAbsent(recheck.project() + "\n" + week, k -> new long[5]);
                c[0]++;
                c[1] += recheck.kind().equals("bare") ? 1 : 0;
                c[2] += recheck.kind().equals("bug") ? 1 : 0;
                c[3] += recheck.kind().equals("reason") ? 1 : 0;
                c[4] += times.stream().filter(t -> t > from && t <= until).count();
            }
        }
        List<Week> weeks = new ArrayList<>();
        counts.forEach((key, c) -> {
            String[] parts = key.split("\n", 2);
            weeks.add(new Week(parts[0], LocalDate.parse(parts[1]), c[0], c[1], c[2], c[3], c[4]));
        });
        weeks.sort(Comparator.comparing(Week::week).reversed().thenComparing(Week::project));
        return new Weeks(weeks, "");
    }
}
