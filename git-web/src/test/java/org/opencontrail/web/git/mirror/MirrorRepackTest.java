package org.opencontrail.web.git.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.GeneratedRepository;
import org.opencontrail.web.git.support.GitCli;

/** A mirror's first repack chooses its own deltas: no small file is left at the end of a chain from a large one. */
class MirrorRepackTest {

    @TempDir
    Path tmp;

    @Test
    void theFirstRepackUnchainsSmallFilesFromLargeOnesAndLaterOnesKeepTheirDeltas() throws Exception {
        Path source = GeneratedRepository.create(tmp.resolve("source.git"), 400);
        GitCli.run(source, "gc", "-q").ok();
        // git's own packing chains small files onto the 30,000-line file made 30 commits from the tip
        assertThat(smallBlobsOnLargeBases(source)).isPositive();
        PublicProject project =
                new PublicProject("demo/big", "", "ACTIVE", source.toUri().toString());
        try (Mirror mirror = Mirror.open(tmp.resolve("mirrors"), project, Clock.systemUTC())) {
            mirror.fetch(Duration.ofMinutes(1));
            assertThat(mirror.deltasChosen()).isFalse();
            mirror.collectGarbage();
            assertThat(mirror.deltasChosen()).isTrue();
            Path bare = mirror.repository().getDirectory().toPath();
            assertThat(smallBlobsOnLargeBases(bare)).isZero();
            assertThat(GitCli.run(bare, "fsck", "--strict").exit()).isZero();
            mirror.collectGarbage();
            assertThat(smallBlobsOnLargeBases(bare)).isZero();
            assertThat(mirror.status().lastGc()).isPresent();
        }
    }

    /** Blobs under 1 KiB whose delta chain ends on a blob over 100 KiB, by {@code git verify-pack -v}. */
    private static long smallBlobsOnLargeBases(Path bare) {
        String listing = GitCli.run(bare, "-c", "core.bare=true", "verify-pack", "-v", packIndex(bare))
                .ok()
                .output();
        Map<String, String[]> objects = new HashMap<>();
        for (String line : listing.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 5 && fields[0].matches("[0-9a-f]{40}")) {
                objects.put(fields[0], fields);
            }
        }
        long count = 0;
        for (String[] object : objects.values()) {
            if (!object[1].equals("blob") || object.length < 7 || Long.parseLong(object[2]) >= 1024) {
                continue;
            }
            String[] base = object;
            while (base.length >= 7 && objects.containsKey(base[6])) {
                base = objects.get(base[6]);
            }
            if (Long.parseLong(base[2]) > 100 * 1024) {
                count++;
            }
        }
        return count;
    }

    private static String packIndex(Path bare) {
        try (var packs = java.nio.file.Files.list(bare.resolve("objects/pack"))) {
            return packs.filter(p -> p.toString().endsWith(".idx"))
                    .findFirst()
                    .orElseThrow()
                    .toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
