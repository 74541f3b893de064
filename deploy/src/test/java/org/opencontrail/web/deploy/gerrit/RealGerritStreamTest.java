package org.opencontrail.web.deploy.gerrit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.deploy.sandbox.SshKeys;
import org.opencontrail.web.shared.gerrit.event.Approval;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.ChangeMerged;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.CommentAdded;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.PatchSetCreated;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.RefUpdated;
import org.opencontrail.web.shared.gerrit.stream.GerritSshConfig;
import org.opencontrail.web.shared.gerrit.stream.GerritStream;
import org.opencontrail.web.shared.gerrit.stream.RestChangesBackfill;
import org.opencontrail.web.shared.source.SourceState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * End to end against a real Gerrit 3.10 (from Maven Central): create a project, push a change,
 * review and submit it; the stream client receives the events with the right fields. If Gerrit
 * cannot start, the test fails: it tolerates nothing.
 */
class RealGerritStreamTest {

    @TempDir
    Path dir;

    @Test
    void pushReviewAndSubmitArriveAsTypedEvents() throws Exception {
        try (RealGerrit gerrit = new RealGerrit(dir)) {
            gerrit.start();
            Path keyFile = dir.resolve("id_ed25519");
            KeyPair key = SshKeys.generate(keyFile, "status-web");
            gerrit.rest("POST", "accounts/self/sshkeys", "text/plain", PublicKeyEntry.toString(key.getPublic()) + " status-web");

            List<GerritEvent> events = new CopyOnWriteArrayList<>();
            GerritSshConfig config = new GerritSshConfig("127.0.0.1", gerrit.sshPort(), "admin", keyFile.toString(), "",
                    dir.resolve("known_hosts").toString(), GerritSshConfig.HostKeyPolicy.ACCEPT_NEW, Duration.ofSeconds(5),
                    Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofSeconds(5),
                    List.of(), 10_000);
            try (GerritStream stream = new GerritStream(config, new RestChangesBackfill(gerrit.url(), Duration.ofSeconds(10)),
                    Clock.systemUTC(), new SplittableRandom(5))) {
                stream.subscribe(events::add);
                stream.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> stream.health().state() == SourceState.CONNECTED);

                gerrit.rest("PUT", "projects/contrail%2Fcontroller", "application/json", "{\"create_empty_commit\":true}");
                UsernamePasswordCredentialsProvider admin = new UsernamePasswordCredentialsProvider("admin", "secret");
                Path work = dir.resolve("work");
                String changeId = "I0123456789abcdef0123456789abcdef01234567";
                try (Git git = Git.cloneRepository().setURI(gerrit.url() + "a/contrail/controller").setCredentialsProvider(admin)
                        .setDirectory(work.toFile()).call()) {
                    Files.writeString(work.resolve("bgp.cc"), "// BGP peer\n");
                    git.add().addFilepattern("bgp.cc").call();
                    PersonIdent dev = new PersonIdent("Administrator", "admin@example.com");
                    git.commit().setAuthor(dev).setCommitter(dev)
                            .setMessage("Fix crash in BGP peer close\n\nChange-Id: " + changeId + "\n").call();
                    git.push().setCredentialsProvider(admin).setRefSpecs(new RefSpec("HEAD:refs/for/master")).call();
                }
                JsonNode change = new ObjectMapper().readTree(gerrit.rest("GET", "changes/?q=change:" + changeId, "application/json", null)).get(0);
                int number = change.get("_number").asInt();
                gerrit.rest("POST", "changes/" + number + "/revisions/current/review", "application/json",
                        "{\"message\":\"Looks good\",\"labels\":{\"Code-Review\":2}}");
                gerrit.rest("POST", "changes/" + number + "/submit", "application/json", "{}");

                await().atMost(Duration.ofSeconds(30)).until(() -> events.stream().anyMatch(e -> e instanceof ChangeMerged));
                PatchSetCreated created = (PatchSetCreated) events.stream().filter(e -> e instanceof PatchSetCreated).findFirst().orElseThrow();
                assertThat(created.change().project()).isEqualTo("contrail/controller");
                assertThat(created.change().number()).isEqualTo(number);
                assertThat(created.change().id()).isEqualTo(changeId);
                assertThat(created.change().subject()).isEqualTo("Fix crash in BGP peer close");
                assertThat(created.patchSet().orElseThrow().ref()).isEqualTo("refs/changes/" + String.format("%02d", number % 100) + "/" + number + "/1");
                assertThat(created.uploader().username()).isEqualTo("admin");

                CommentAdded review = (CommentAdded) events.stream().filter(e -> e instanceof CommentAdded c && !c.approvals().isEmpty())
                        .findFirst().orElseThrow();
                assertThat(review.approvals()).extracting(Approval::type, Approval::value).contains(tuple("Code-Review", 2));
                assertThat(review.comment()).contains("Looks good");

                ChangeMerged merged = (ChangeMerged) events.stream().filter(e -> e instanceof ChangeMerged).findFirst().orElseThrow();
                assertThat(merged.change().status()).isEqualTo("MERGED");
                assertThat(merged.submitter().username()).isEqualTo("admin");
                await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e instanceof RefUpdated r
                        && r.refUpdate().refName().equals("refs/heads/master") && r.refUpdate().newRev().equals(merged.newRev())));
                assertThat(stream.counters().filteredMeta()).as("refs/changes/*/meta noise dropped").isPositive();
                assertThat(stream.health().status().malformedLines()).isZero();
            }
        }
    }
}
