package org.opencontrail.web.logs.search;

import java.io.IOException;
import java.util.Map;
import org.opencontrail.web.logs.builds.BuildRecord;

/**
 * The index of every stored build's lines, whichever engine holds it: the embedded Lucene index on
 * this replica's disk ({@link LogIndex}, the default), or an OpenSearch cluster that every replica
 * shares ({@code logs.search.opensearch.hosts}). What the rest of the site asks of it.
 */
public interface SearchIndex {

    /** The builds and files it holds, in memory. */
    Catalog catalog();

    /** Whether it was made at this start: every stored build is then indexed again. */
    boolean fresh();

    /**
     * Whether it surely lacks a stored build: at start, a finished build it lacks (the app stopped
     * between keeping a build's record and writing its lines) is indexed again. False when it cannot tell.
     */
    default boolean lacks(String uuid) {
        return catalog().build(uuid).isEmpty();
    }

    /** Indexes a build's stored files, replacing what it had of it; returns once searches see them. */
    IndexedBuild index(BuildRecord record) throws IOException;

    /**
     * Indexes a build as one of many that {@link #commit()} ends (an import, a rebuild): an engine
     * may then hold it back from searches until that commit. By default, as {@link #index}.
     */
    default IndexedBuild add(BuildRecord record) throws IOException {
        return index(record);
    }

    /** Makes every build {@link #add}ed so far durable and searchable; returns once it is. */
    default void commit() throws IOException {}

    /**
     * A build another replica finished: an index of this replica's own indexes it from the store; one
     * the replicas share already holds it, and only its catalog here learns of it.
     */
    default void adopt(BuildRecord record) throws IOException {
        index(record);
    }

    /** Removes a build, durably. */
    void remove(String uuid) throws IOException;

    /** Removes the builds of before {@code cutoff}; returns how many. */
    default int expire(java.time.Instant cutoff) throws IOException {
        long before = cutoff.toEpochMilli();
        java.util.List<String> old = catalog().builds().stream()
                .filter(b -> b.time() < before)
                .map(BuildFacts::uuid)
                .toList();
        for (String uuid : old) {
            remove(uuid);
        }
        return old.size();
    }

    /** Why builds cannot be indexed now (a full disk, an unreachable cluster), empty when they can. */
    String writeProblem();

    /** What /health shows of it beyond the catalog's counts: where it is, how many documents it holds. */
    Map<String, Object> describe();
}
