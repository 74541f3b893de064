package org.opencontrail.web.git.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.git.support.SourceRepository;
import org.opencontrail.web.shared.testing.SmallDisk;

/**
 * The disk holding git-web's mirrors fills up (a small tmpfs filled to the byte) while the source
 * moves on: what is mirrored stays served, /health names the failing mirror and why, and once there
 * is space again the mirror catches up by itself to exactly the source's refs.
 */
class MirrorDiskFullTest {

    @TempDir
    Path temp;

    @Test
    void aFullDiskDelaysTheMirrorAndLosesNothing() throws Exception {
        Assumptions.assumeTrue(SmallDisk.available(), "mounting a small disk needs root");
        try (SourceRepository source = SourceRepository.create(temp.resolve("source"));
                SmallDisk disk = SmallDisk.mount(temp.resolve("disk"), 16)) {
            RevCommit first = source.commit("First commit\n", Map.of("README.md", "# app\n"));
            Map<String, Object> properties = new HashMap<>();
            properties.put("micronaut.server.port", -1);
            properties.put("git.dir", disk.root().resolve("mirrors").toString());
            properties.put("git.sweep-interval", "2s");
            properties.put("git.retry-delay", "200ms");
            properties.put("git.projects[0].name", "demo/app");
            properties.put("git.projects[0].url", source.url());
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
                Mirrors mirrors = server.getApplicationContext().getBean(Mirrors.class);
                Http http = Http.at(server.getURI()).asBrowser();
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> mirrors.find("demo/app").map(Mirror::ready).orElse(false));

                disk.fill();
                StringBuilder big = new StringBuilder();
                java.util.Random random = new java.util.Random(7);
                for (int i = 0; i < 40_000; i++) {
                    big.append(Long.toHexString(random.nextLong()))
                            .append('\n'); // incompressible: a pack bigger than what is left
                }
                RevCommit second = source.commit("Second, with data\n", Map.of("data.txt", big.toString()));
                source.branch("R5.0", second);
                try {
                    mirrors.request("demo/app").get(20, TimeUnit.SECONDS);
                } catch (Exception expected) {
                    // the fetch fails for want of space
                }
                await("/health names the failing mirror")
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> http.get("/health").body().contains("demo/app")
                                && http.get("/health").body().contains("space"));
                assertThat(http.get("/demo/app/").statusCode())
                        .as("the mirror is served as it was")
                        .isEqualTo(200);
                assertThat(http.get("/demo/app/+/" + first.name()).statusCode()).isEqualTo(200);
                assertThat(refs(mirrors)).doesNotContainKey("refs/heads/R5.0");

                disk.free();
                await("the mirror catches up by itself")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> refs(mirrors).equals(sourceRefs(source)));
                assertThat(mirrors.find("demo/app").orElseThrow().status().failing())
                        .isFalse();
                assertThat(http.get("/demo/app/+/" + second.name()).statusCode())
                        .isEqualTo(200);
                assertThat(http.get("/health").body()).doesNotContain("space");
            }
        }
    }

    private static Map<String, ObjectId> refs(Mirrors mirrors) throws java.io.IOException {
        Map<String, ObjectId> refs = new TreeMap<>();
        for (Ref ref : mirrors.find("demo/app")
                .orElseThrow()
                .repository()
                .getRefDatabase()
                .getRefsByPrefix("refs/")) {
            refs.put(ref.getName(), ref.getObjectId());
        }
        return refs;
    }

    private static Map<String, ObjectId> sourceRefs(SourceRepository source) throws java.io.IOException {
        Map<String, ObjectId> refs = new TreeMap<>();
        for (Ref ref : source.git().getRepository().getRefDatabase().getRefsByPrefix("refs/")) {
            refs.put(ref.getName(), ref.getObjectId());
        }
        return refs;
    }
}
