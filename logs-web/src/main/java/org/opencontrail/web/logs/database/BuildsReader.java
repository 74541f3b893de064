package org.opencontrail.web.logs.database;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.transaction.TransactionCallback;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opencontrail.web.shared.json.ForeignJson;
import org.opencontrail.web.shared.zuul.builds.Build;

/**
 * Reads builds and buildsets from the builds database, newest first ({@code _id} descending) as
 * Zuul's builds API lists them, a page at a time; build times by when the builds ended.
 */
@Singleton
public final class BuildsReader {

    private static final String BUILD_COLUMNS = "b.id, b.uuid, b.job_name, b.result, b.held, b.start_time,"
            + " b.end_time, b.duration, b.voting, b.log_url, b.nodeset, b.error_detail, b.final, b.pipeline, b.project,"
            + " b.branch, b.change_number, b.patchset, b.ref, b.newrev, b.event_id, s.uuid AS buildset_uuid, b.root,"
            + " b.state, b.files, b.bytes";
    private static final String BUILDS = " FROM builds b JOIN buildsets s ON s.id = b.buildset_id";
    private static final String BUILDSET_COLUMNS = "id, uuid, result, reported, message, pipeline, project, branch,"
            + " change_number, patchset, ref, newrev, event_id, event_timestamp, first_build_start_time,"
            + " last_build_end_time";

    private final TransactionOperations<Connection> transactions;
    private final NewestFirst newestFirst;

    BuildsReader(TransactionOperations<Connection> transactions, NewestFirst newestFirst) {
        this.transactions = transactions;
        this.newestFirst = newestFirst;
    }

    /** The builds the filter matches, newest first, from the {@code offset}th, at most {@code count}. */
    public List<BuildRow> builds(BuildFilter filter, long offset, int count) {
        if (count <= 0) {
            return List.of();
        }
        return read(status -> {
            Connection c = status.getConnection();
            return load(c, newestFirst.ids(c, filter, offset, count));
        });
    }

    /** Finished builds the filter matches, the last to end first (Zuul's build times). */
    public List<BuildRow> buildTimes(BuildFilter filter, long offset, int count) {
        Where where = filter.where().clause("result IS NOT NULL");
        // one job of one project, the usual question: its index is read backwards, nothing sorted
        boolean oneJob = filter.jobs().size() == 1 && filter.projects().size() == 1;
        if (count <= 0) {
            return List.of();
        }
        return read(status -> {
            Connection c = status.getConnection();
            // H2 picks the index of a job's builds by id over the one of its end times, and sorts: it is named
            String from = oneJob && h2(c) ? "builds USE INDEX (builds_job_times)" : "builds";
            return load(
                    c,
                    NewestFirst.ids(
                            c,
                            from,
                            where,
                            oneJob
                                    ? " ORDER BY job_name DESC, project DESC, end_time DESC, id DESC"
                                    : " ORDER BY end_time DESC, id DESC",
                            offset,
                            count));
        });
    }

    public Optional<BuildRow> build(String uuid) {
        return buildsWhere(new Where().equal("uuid", List.of(uuid)), "", 0, 1).stream()
                .findFirst();
    }

    /** The builds of a buildset, first made first, retried ones too. */
    public List<BuildRow> buildsOf(BuildsetRow buildset) {
        return buildsWhere(new Where().equal("buildset_id", List.of(buildset.id())), " ORDER BY id", 0, 10_000);
    }

    /**
     * The page is chosen among the builds' ids first (the filters read the builds table and its
     * indexes alone), then those builds are read with their buildset's uuid and artifacts.
     */
    private List<BuildRow> buildsWhere(Where where, String order, long offset, int count) {
        if (count <= 0) {
            return List.of();
        }
        return read(status -> {
            Connection c = status.getConnection();
            return load(c, NewestFirst.ids(c, "builds", where, order, offset, count));
        });
    }

    /** The builds of these ids, in this order, with their buildset's uuid and artifacts. */
    private static List<BuildRow> load(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, BuildRow> byId = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + BUILD_COLUMNS + BUILDS + " WHERE b.id IN ("
                + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                select.setLong(i + 1, ids.get(i));
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    BuildRow build = build(row);
                    byId.put(build.id(), build);
                }
            }
        }
        Map<Long, List<Build.Artifact>> artifacts = artifacts(c, ids);
        java.util.Set<Long> manifests = manifests(c, ids);
        List<BuildRow> page = new ArrayList<>();
        for (long id : ids) {
            BuildRow build = byId.get(id);
            if (build != null) {
                page.add(build.with(artifacts.getOrDefault(id, List.of()), manifests.contains(id)));
            }
        }
        return page;
    }

    /**
     * The buildsets the filter matches, newest first, from the {@code offset}th, at most {@code count};
     * one project's read from its index backwards.
     */
    public List<BuildsetRow> buildsets(BuildsetFilter filter, long offset, int count) {
        boolean oneProject =
                filter.projects().size() == 1 && !filter.projects().get(0).contains("*");
        return buildsetsWhere(
                filter.where(), oneProject ? " ORDER BY project DESC, id DESC" : " ORDER BY id DESC", offset, count);
    }

    public Optional<BuildsetRow> buildset(String uuid) {
        return buildsetsWhere(new Where().equal("uuid", List.of(uuid)), "", 0, 1).stream()
                .findFirst();
    }

    private List<BuildsetRow> buildsetsWhere(Where where, String order, long offset, int count) {
        if (count <= 0) {
            return List.of();
        }
        return read(status -> {
            List<BuildsetRow> page = new ArrayList<>();
            try (PreparedStatement select = status.getConnection()
                    .prepareStatement("SELECT " + BUILDSET_COLUMNS + " FROM buildsets" + where.sql() + order
                            + " LIMIT ? OFFSET ?")) {
                int next = where.bind(select);
                select.setInt(next, count);
                select.setLong(next + 1, offset);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        page.add(buildset(row));
                    }
                }
            }
            return page;
        });
    }

    /** Every project a build was kept of. */
    public List<String> projects() {
        return read(status -> {
            List<String> projects = new ArrayList<>();
            try (PreparedStatement select =
                            status.getConnection().prepareStatement("SELECT DISTINCT project FROM builds");
                    ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    projects.add(row.getString(1));
                }
            }
            return projects;
        });
    }

    /** How many builds the database holds. */
    public long count() {
        return read(status -> {
            try (PreparedStatement select = status.getConnection().prepareStatement("SELECT COUNT(*) FROM builds");
                    ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    /** The known failures of a failed build, by signature id, in order; none for a build that passed. */
    public List<String> knownFailures(String uuid) {
        return read(status -> {
            try (PreparedStatement query = status.getConnection()
                    .prepareStatement("SELECT f.signature FROM build_failures f JOIN builds b ON b.id = f.build_id"
                            + " WHERE b.uuid = ? ORDER BY f.signature")) {
                query.setString(1, uuid);
                List<String> signatures = new java.util.ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        signatures.add(rows.getString(1));
                    }
                }
                return signatures;
            }
        });
    }

    /** Which of the paths the build stored, in its folder. */
    public java.util.Set<String> storedFiles(BuildRow build, List<String> paths) {
        if (paths.isEmpty()) {
            return java.util.Set.of();
        }
        return read(status -> {
            try (PreparedStatement query = status.getConnection()
                    .prepareStatement("SELECT path FROM build_files WHERE build_id = ? AND path IN ("
                            + String.join(", ", Collections.nCopies(paths.size(), "?")) + ")")) {
                query.setLong(1, build.id());
                for (int i = 0; i < paths.size(); i++) {
                    query.setString(i + 2, paths.get(i));
                }
                java.util.Set<String> found = new java.util.HashSet<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getString(1));
                    }
                }
                return found;
            }
        });
    }

    private static boolean h2(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().equalsIgnoreCase("H2");
    }

    /** A read in a transaction of its own; its failure, of any kind, as a {@link DatabaseException}. */
    private <R> R read(TransactionCallback<Connection, R> work) {
        try {
            return transactions.executeRead(work);
        } catch (Exception e) { // the transaction rethrows the work's SQLException as it is
            throw DatabaseException.of(e);
        }
    }

    private static BuildRow build(ResultSet row) throws SQLException {
        return new BuildRow(
                row.getLong("id"),
                row.getString("uuid"),
                row.getString("job_name"),
                Optional.ofNullable(row.getString("result")),
                row.getBoolean("held"),
                SqlTimes.get(row, "start_time"),
                SqlTimes.get(row, "end_time"),
                SqlOptionals.number(row, "duration"),
                row.getBoolean("voting"),
                row.getString("log_url"),
                row.getString("nodeset"),
                row.getString("error_detail"),
                row.getBoolean("final"),
                List.of(),
                row.getString("pipeline"),
                row.getString("project"),
                row.getString("branch"),
                SqlOptionals.integer(row, "change_number"),
                SqlOptionals.integer(row, "patchset"),
                row.getString("ref"),
                row.getString("newrev"),
                row.getString("event_id"),
                row.getString("buildset_uuid"),
                row.getString("root"),
                row.getString("state"),
                row.getInt("files"),
                row.getLong("bytes"),
                false);
    }

    private static BuildsetRow buildset(ResultSet row) throws SQLException {
        return new BuildsetRow(
                row.getLong("id"),
                row.getString("uuid"),
                Optional.ofNullable(row.getString("result")),
                row.getBoolean("reported"),
                row.getString("message"),
                row.getString("pipeline"),
                row.getString("project"),
                row.getString("branch"),
                SqlOptionals.integer(row, "change_number"),
                SqlOptionals.integer(row, "patchset"),
                row.getString("ref"),
                row.getString("newrev"),
                row.getString("event_id"),
                SqlTimes.get(row, "event_timestamp"),
                SqlTimes.get(row, "first_build_start_time"),
                SqlTimes.get(row, "last_build_end_time"));
    }

    private static Map<Long, List<Build.Artifact>> artifacts(Connection c, List<Long> builds) throws SQLException {
        Map<Long, List<Build.Artifact>> found = new HashMap<>();
        try (PreparedStatement select =
                c.prepareStatement("SELECT build_id, name, url, metadata FROM build_artifacts WHERE build_id IN ("
                        + String.join(", ", Collections.nCopies(builds.size(), "?"))
                        + ") ORDER BY build_id, position")) {
            for (int i = 0; i < builds.size(); i++) {
                select.setLong(i + 1, builds.get(i));
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    found.computeIfAbsent(row.getLong(1), id -> new ArrayList<>())
                            .add(new Build.Artifact(row.getString(2), row.getString(3), metadata(row.getString(4))));
                }
            }
        }
        return found;
    }

    /** Those of the builds that stored Zuul's manifest of their logs at their root. */
    private static java.util.Set<Long> manifests(Connection c, List<Long> builds) throws SQLException {
        java.util.Set<Long> found = new java.util.HashSet<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT build_id FROM build_files WHERE path = 'zuul-manifest.json' AND build_id IN ("
                        + String.join(", ", Collections.nCopies(builds.size(), "?")) + ")")) {
            for (int i = 0; i < builds.size(); i++) {
                select.setLong(i + 1, builds.get(i));
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    found.add(row.getLong(1));
                }
            }
        }
        return found;
    }

    private static Map<String, String> metadata(String json) {
        Map<String, String> metadata = new TreeMap<>();
        try {
            JsonNode node = ForeignJson.tree(json);
            if (node != null) {
                node.fields()
                        .forEachRemaining(field ->
                                metadata.put(field.getKey(), field.getValue().asText()));
            }
        } catch (java.io.IOException | RuntimeException e) {
            // written by the suite itself: unreadable only if someone edited the table by hand
        }
        return metadata;
    }
}
