package org.opencontrail.web.logs.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.opencontrail.web.logs.builds.BuildRecord;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.shared.zuul.builds.Build;

/** Builds made of the real fixture logs, stored and indexed, for the search tests. */
public final class IndexedFixtures {

    private IndexedFixtures() {}

    /** Every fixture log (not the attributions and ground truth files), by its path under /logs/. */
    static List<String> logs() {
        try {
            Path root = Path.of(IndexedFixtures.class.getResource("/logs").toURI());
            try (Stream<Path> walk = Files.walk(root)) {
                return walk.filter(Files::isRegularFile)
                        .map(p -> root.relativize(p).toString().replace('\\', '/'))
                        .filter(p -> !p.endsWith("SOURCES.md") && !p.endsWith("inf.yaml"))
                        .sorted()
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The search settings of a query language made without the app: the defaults. */
    static SearchSettings defaultSettings() {
        return new SearchSettings(
                null,
                java.time.Duration.ofMillis(100),
                16,
                1L << 30,
                8192,
                List.of(),
                java.time.Duration.ofSeconds(5),
                20000,
                2,
                "");
    }

    static byte[] bytes(String fixture) throws IOException {
        try (InputStream in = IndexedFixtures.class.getResourceAsStream("/logs/" + fixture)) {
            return in.readAllBytes();
        }
    }

    public static Build build(String uuid, String job, String result, boolean voting, int change, Instant end) {
        return new Build(
                uuid,
                job,
                Optional.of(result),
                voting,
                "check",
                "opencontrail/contrail-controller",
                "master",
                Optional.of(change),
                Optional.of(1),
                "refs/changes/" + change % 100 + "/" + change + "/1",
                "",
                "",
                Optional.of(end.minusSeconds(600)),
                Optional.of(end),
                Optional.empty(),
                "ubuntu-bionic",
                "",
                "");
    }

    /** Stores files (path in the build -> fixture) as a build's and indexes it. */
    public static BuildRecord index(LogStore store, SearchIndex index, Build build, List<String[]> files)
            throws IOException {
        String root = BuildRecord.rootOf(build);
        List<BuildRecord.StoredFile> stored = new ArrayList<>();
        for (String[] file : files) {
            var object = store.put(root + file[0], new java.io.ByteArrayInputStream(bytes(file[1])), null);
            stored.add(new BuildRecord.StoredFile(file[0], object.size(), object.storedSize()));
        }
        BuildRecord record =
                new BuildRecord(build, root, "test", IngestState.INDEXING, "", 0, stored, Instant.now(), Instant.now());
        index.index(record);
        return record;
    }
}
