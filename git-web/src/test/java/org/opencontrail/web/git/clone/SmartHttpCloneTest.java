package org.opencontrail.web.git.clone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencontrail.web.fixtures.Http;
import org.opencontrail.web.git.mirror.Mirrors;
import org.opencontrail.web.git.support.GitCli;
import org.opencontrail.web.git.support.MirrorWaits;
import org.opencontrail.web.git.support.SourceRepository;
import org.opencontrail.web.shared.http.WorkLimits;

/** A real git client clones, fetches and pushes through the clone service. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmartHttpCloneTest {

    @TempDir
    static Path temp;

    private SourceRepository source;
    private EmbeddedServer server;
    private Mirrors mirrors;
    private String url;

    @BeforeAll
    void start() throws Exception {
        source = SourceRepository.create(temp.resolve("source"));
        for (int i = 0; i < 30; i++) {
            source.commit(
                    "Change " + i + "\n\nChange-Id: I" + "%040x".formatted(i) + "\n",
                    Map.of(
                            "src/file" + (i % 7) + ".c",
                            "int v" + i + " = " + i + ";\n".repeat(i + 1),
                            "big.bin",
                            "x".repeat(i * 1000)));
        }
        RevCommit head = source.git().log().call().iterator().next();
        source.tag("v1.0", head, "Release 1.0");
        source.branch("R5.0", head.getParent(0));
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("git.dir", temp.resolve("mirrors").toString());
        properties.put("git.sweep-interval", "1h");
        properties.put("suite.limits.clone.queue", 0); // past the limit, turned away at once
        properties.put("suite.limits.archive.queue", 0);
        properties.put("git.projects[0].name", "Juniper/contrail-controller");
        properties.put("git.projects[0].url", source.url());
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        mirrors = server.getApplicationContext().getBean(Mirrors.class);
        MirrorWaits.awaitRepacked(mirrors, "Juniper/contrail-controller", Duration.ofSeconds(20));
        url = server.getURL() + "/Juniper/contrail-controller";
    }

    @AfterAll
    void stop() {
        server.close();
        source.close();
    }

    @Test
    void clonesAndArchivesPastTheirLimitsAreTurnedAwayWith503AndServedOnceTheLoadIsGone() throws Exception {
        WorkLimits limits = server.getApplicationContext().getBean(WorkLimits.class);
        Http http = Http.plain();
        URI archive = URI.create(url + "/+archive/master.tar.gz");
        List<WorkLimits.Permit> busy = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) { // as many clones as run at once
                busy.add(limits.enter("clone"));
            }
            busy.add(limits.enter("archive"));
            busy.add(limits.enter("archive"));

            GitCli.Run refused = GitCli.run(
                    temp, "clone", "--no-checkout", url, temp.resolve("refused").toString());
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.output()).contains("503");
            HttpResponse<byte[]> archiveRefused = http.bytes(archive.toString());
            assertThat(archiveRefused.statusCode()).isEqualTo(503);
            assertThat(archiveRefused.headers().firstValue("Retry-After")).isPresent();
        } finally {
            busy.forEach(WorkLimits.Permit::close);
        }
        GitCli.run(temp, "clone", "--no-checkout", url, temp.resolve("served").toString())
                .ok();
        assertThat(http.bytes(archive.toString()).statusCode()).isEqualTo(200);
        await("the writers gave their turns back")
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> {
                    List<WorkLimits.Permit> all = new ArrayList<>();
                    try {
                        for (int i = 0; i < 8; i++) {
                            all.add(limits.enter("clone"));
                        }
                        all.add(limits.enter("archive"));
                        all.add(limits.enter("archive"));
                    } finally {
                        all.forEach(WorkLimits.Permit::close);
                    }
                });
    }

    private String refs(Path dir, String... args) {
        return GitCli.run(dir, args).ok().output();
    }

    /** The refs of a clone as "id name" lines, sorted. */
    private TreeSet<String> cloneRefs(Path clone) {
        return new TreeSet<>(Arrays.asList(
                refs(clone, "for-each-ref", "--format=%(objectname) %(refname)", "refs/remotes/origin/", "refs/tags/")
                        .replace("refs/remotes/origin/", "refs/heads/")
                        .lines()
                        .filter(l -> !l.endsWith("/HEAD"))
                        .toArray(String[]::new)));
    }

    private TreeSet<String> mirrorRefs() {
        Path mirror = mirrors.find("Juniper/contrail-controller")
                .orElseThrow()
                .repository()
                .getDirectory()
                .toPath();
        return new TreeSet<>(Arrays.asList(refs(mirror, "for-each-ref", "--format=%(objectname) %(refname)")
                .lines()
                .toArray(String[]::new)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "0"})
    void cloneGivesTheMirrorsRefsAndObjects(String version) {
        Path clone = temp.resolve("clone-v" + version);
        String output = GitCli.run(
                        temp,
                        "-c",
                        "protocol.version=" + version,
                        "clone",
                        "--no-checkout",
                        url + (version.equals("0") ? ".git" : ""),
                        clone.toString())
                .ok()
                .output();
        assertThat(cloneRefs(clone)).isEqualTo(mirrorRefs());
        GitCli.run(clone, "fsck", "--full", "--strict").ok();
        assertThat(output).doesNotContain("warning");
    }

    @Test
    void protocolVersion2IsSpokenWhenAsked() {
        String v2 = GitCli.run(
                        temp, Map.of("GIT_TRACE_PACKET", "1"), "-c", "protocol.version=2", "ls-remote", "--symref", url)
                .ok()
                .output();
        assertThat(v2)
                .contains("git< version 2")
                .contains("ref: refs/heads/master\tHEAD")
                .contains("refs/tags/v1.0");
        String v0 = GitCli.run(temp, Map.of("GIT_TRACE_PACKET", "1"), "-c", "protocol.version=0", "ls-remote", url)
                .ok()
                .output();
        assertThat(v0).doesNotContain("git< version 2").contains("refs/heads/R5.0");
    }

    @Test
    void fetchAfterNewCommitsBringsThem() throws Exception {
        Path clone = temp.resolve("clone-fetch");
        GitCli.run(temp, "clone", "--bare", url, clone.toString()).ok();
        RevCommit added = source.commit("Newer\n", Map.of("new.txt", "new\n"));
        mirrors.request("Juniper/contrail-controller").get(20, TimeUnit.SECONDS);
        GitCli.run(clone, "fetch", "origin", "+refs/heads/*:refs/heads/*").ok();
        assertThat(refs(clone, "rev-parse", "refs/heads/master").strip()).isEqualTo(added.name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "0"})
    void shallowAndPartialClonesWork(String version) {
        Path shallow = temp.resolve("shallow-v" + version);
        GitCli.run(temp, "-c", "protocol.version=" + version, "clone", "--depth", "1", url, shallow.toString())
                .ok();
        assertThat(refs(shallow, "rev-list", "--count", "HEAD").strip()).isEqualTo("1");
        GitCli.run(shallow, "fsck").ok();

        Path partial = temp.resolve("partial-v" + version);
        GitCli.run(
                        temp,
                        "-c",
                        "protocol.version=" + version,
                        "clone",
                        "--filter=blob:none",
                        "--no-checkout",
                        url,
                        partial.toString())
                .ok();
        String missing = refs(partial, "rev-list", "--objects", "--missing=print", "HEAD");
        assertThat(missing.lines().filter(l -> l.startsWith("?"))).isNotEmpty(); // blobs left on the server
        GitCli.run(partial, "checkout", "master").ok(); // and fetched on demand
        assertThat(partial.resolve("README.md").toFile().exists()
                        || partial.resolve("src").toFile().exists())
                .isTrue();
    }

    @Test
    void aPushIsRefusedWithAMessage() {
        Path clone = temp.resolve("clone-push");
        GitCli.run(temp, "clone", url, clone.toString()).ok();
        GitCli.run(
                        clone,
                        "-c",
                        "user.name=Eve",
                        "-c",
                        "user.email=eve@example.org",
                        "commit",
                        "--allow-empty",
                        "-m",
                        "sneaky")
                .ok();
        GitCli.Run push = GitCli.run(clone, "push", "origin", "HEAD:refs/heads/master");
        assertThat(push.exit()).isNotZero();
        assertThat(push.output()).containsAnyOf("read-only mirror", "403");
    }

    @Test
    void unknownProjectsAreNotFound() {
        GitCli.Run run = GitCli.run(temp, "ls-remote", server.getURL() + "/Juniper/secret");
        assertThat(run.exit()).isNotZero();
        assertThat(run.output()).contains("not found");
    }
}
