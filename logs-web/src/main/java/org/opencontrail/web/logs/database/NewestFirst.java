package org.opencontrail.web.logs.database;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Picks a page of builds, newest first, so that the database reads an index in order and stops at
 * the page's end instead of sorting every match. When a question names a project or a job (each
 * value, or what a wildcard matches among the values kept), the page is read from each of those
 * values' index ({@code (project, job_name, id)}, {@code (job_name, id)}, {@code (project, id)}; one
 * ref's, {@code (ref, id)})
 * backwards, as many as the page needs from each, and the ids merged: ordering by the index's
 * columns, constant within one read, tells H2 and PostgreSQL alike that the index is already in
 * order. Other questions are one query by id.
 */
@Singleton
final class NewestFirst {

    /** Most separate reads one page is made of; above, one query sorts the matches. */
    private static final int MOST_READS = 64;

    /** The kept values of a column, asked of the database at most every half minute. */
    private final Cache<String, List<String>> values = Caffeine.newBuilder()
            .maximumSize(4)
            .expireAfterWrite(Duration.ofSeconds(30))
            .build();

    /** The ids of the page: the {@code offset}th match on, at most {@code count}, newest first. */
    List<Long> ids(Connection c, BuildFilter filter, long offset, int count) throws SQLException {
        List<String> projects = expanded(c, "project", filter.projects());
        List<String> jobs = expanded(c, "job_name", filter.jobs());
        long wanted = offset + count;
        List<BuildFilter> reads = new ArrayList<>();
        String order;
        if (!projects.isEmpty() && !jobs.isEmpty() && projects.size() * jobs.size() <= MOST_READS) {
            for (String project : projects) {
                for (String job : jobs) {
                    reads.add(filter.narrowed(List.of(project), List.of(job)));
                }
            }
            order = " ORDER BY project DESC, job_name DESC, id DESC";
        } else if (!jobs.isEmpty() && jobs.size() <= MOST_READS) {
            jobs.forEach(job -> reads.add(filter.narrowed(filter.projects(), List.of(job))));
            order = " ORDER BY job_name DESC, id DESC";
        } else if (!projects.isEmpty() && projects.size() <= MOST_READS) {
            projects.forEach(project -> reads.add(filter.narrowed(List.of(project), filter.jobs())));
            order = " ORDER BY project DESC, id DESC";
        } else if (filter.refs().size() == 1) {
            // a branch's ref holds every post and periodic build of the branch: many to sort
            return ids(c, "builds", filter.where(), " ORDER BY ref DESC, id DESC", offset, count);
        } else {
            return ids(c, "builds", filter.where(), " ORDER BY id DESC", offset, count);
        }
        // each read asks its one value alone: a list beside it would make the database sort again
        List<Long> merged = new ArrayList<>();
        for (BuildFilter read : reads) {
            merged.addAll(ids(c, "builds", read.where(), order, 0, wanted));
        }
        return merged.stream()
                .sorted(Comparator.reverseOrder())
                .skip(offset)
                .limit(count)
                .toList();
    }

    /** One query's ids. */
    static List<Long> ids(Connection c, String from, Where where, String order, long offset, long count)
            throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement select =
                c.prepareStatement("SELECT id FROM " + from + where.sql() + order + " LIMIT ? OFFSET ?")) {
            int next = where.bind(select);
            select.setLong(next, count);
            select.setLong(next + 1, offset);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getLong(1));
                }
            }
        }
        return ids;
    }

    /** The values asked for, a wildcard replaced by the kept values it matches. */
    private List<String> expanded(Connection c, String column, List<String> asked) throws SQLException {
        Set<String> values = new LinkedHashSet<>();
        for (String value : asked) {
            if (value.contains("*")) {
                Pattern like = Pattern.compile(
                        java.util.Arrays.stream(value.split("\\*", -1))
                                .map(Pattern::quote)
                                .collect(Collectors.joining(".*")),
                        Pattern.DOTALL);
                distinct(c, column).stream()
                        .filter(v -> like.matcher(v).matches())
                        .forEach(values::add);
            } else {
                values.add(value);
            }
        }
        return List.copyOf(values);
    }

    private List<String> distinct(Connection c, String column) throws SQLException {
        List<String> known = values.getIfPresent(column);
        if (known != null) {
            return known;
        }
        List<String> found = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT DISTINCT " + column + " FROM builds");
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                found.add(row.getString(1));
            }
        }
        values.put(column, List.copyOf(found));
        return found;
    }
}
