package org.opencontrail.web.shared.gerrit.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencontrail.web.shared.source.SourceState;
import org.opencontrail.web.shared.ssh.OpenSshServer;
import org.opencontrail.web.shared.testing.Tool;

/**
 * The Gerrit SSH key and known_hosts rotated while the stream runs, as a Kubernetes Secret update
 * or a pushed file does it: the session open keeps streaming, the next connection uses the new
 * files, the old key or host key stops working, and no restart is needed.
 */
class GerritSshRotationTest {

    @TempDir
    Path dir;

    private Path events;
    private int expected;

    private void events() throws Exception {
        events = Path.of(getClass()
                .getResource("/gerrit/real-gerrit-3.11.0/stream/session-demo-hello.jsonl")
                .toURI());
        expected = (int) Files.readAllLines(events, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.matches(".*\"refName\":\"refs/changes/\\d+/\\d+/meta\".*"))
                .count();
    }

    @Test
    void aRotatedClientKeyIsUsedFromTheNextConnectionAndTheOldOneIsRefused() throws Exception {
        events();
        Path oldKey = OpenSshServer.keygen(dir.resolve("keys/old"), "ed25519", "RFC4716", "");
        Path newKey = OpenSshServer.keygen(dir.resolve("keys/new"), "ed25519", "RFC4716", "");
        Path hostKey = OpenSshServer.keygen(dir.resolve("host/ssh_host_ed25519_key"), "ed25519", "RFC4716", "");
        Path keyFile = dir.resolve("secret/id_ed25519");
        replace(keyFile, Files.readString(oldKey));
        try (OpenSshServer gerrit = OpenSshServer.start(
                dir.resolve("sshd"),
                List.of(hostKey),
                Optional.empty(),
                List.of(Files.readString(Path.of(oldKey + ".pub"))),
                events)) {
            Path knownHosts = dir.resolve("known_hosts");
            Files.writeString(knownHosts, gerrit.keyscan(false));
            try (StreamRun run = stream(gerrit, keyFile, knownHosts)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> run.events().size() == expected);

                // Gerrit's account gets the new key and loses the old one; the secret is replaced
                gerrit.authorize(List.of(Files.readString(Path.of(newKey + ".pub"))));
                replace(keyFile, Files.readString(newKey));
                await("the open session goes on")
                        .during(Duration.ofMillis(500))
                        .atMost(Duration.ofSeconds(2))
                        .until(() -> run.stream().health().state() == SourceState.CONNECTED
                                && run.events().size() == expected);

                long reconnects = run.stream().health().status().reconnects();
                gerrit.dropSessions();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> run.stream().health().status().reconnects() > reconnects
                                && run.stream().health().state() == SourceState.CONNECTED);
                await().atMost(Duration.ofSeconds(10)).until(() -> gerrit.log().contains(fingerprint(newKey)));
                assertThat(run.events())
                        .as("the events replayed after the reconnection are known: none twice, none lost")
                        .hasSize(expected);
            }
            try (StreamRun old = stream(gerrit, oldKey, knownHosts)) {
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> old.stream().health().status().lastError().isPresent());
                assertThat(old.events()).as("the old key stops working").isEmpty();
                assertThat(old.stream().health().state()).isNotEqualTo(SourceState.CONNECTED);
            }
        }
    }

    @Test
    void aReplacedHostKeyIsRefusedUntilKnownHostsIsUpdatedThenTakenWithoutARestart() throws Exception {
        events();
        Path key = OpenSshServer.keygen(dir.resolve("keys/client"), "ed25519", "RFC4716", "");
        Path oldHost = OpenSshServer.keygen(dir.resolve("host-old/ssh_host_ed25519_key"), "ed25519", "RFC4716", "");
        Path newHost = OpenSshServer.keygen(dir.resolve("host-new/ssh_host_ed25519_key"), "ed25519", "RFC4716", "");
        try (OpenSshServer gerrit = OpenSshServer.start(
                dir.resolve("sshd"),
                List.of(oldHost),
                Optional.empty(),
                List.of(Files.readString(Path.of(key + ".pub"))),
                events)) {
            Path knownHosts = dir.resolve("secret/known_hosts");
            replace(knownHosts, gerrit.keyscan(false));
            try (StreamRun run = stream(gerrit, key, knownHosts)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> run.events().size() == expected);

                gerrit.restartWith(List.of(newHost)); // Gerrit moved to a new host key
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> run.stream()
                                .health()
                                .status()
                                .lastError()
                                .filter(error -> error.contains("has CHANGED"))
                                .isPresent());
                assertThat(run.stream().health().state()).isNotEqualTo(SourceState.CONNECTED);

                replace(knownHosts, gerrit.keyscan(false)); // the operator's new known_hosts
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> run.stream().health().state() == SourceState.CONNECTED);
                assertThat(run.events()).as("nothing lost, nothing twice").hasSize(expected);
            }
        }
    }

    /** As the kubelet or an operator replaces a file: a whole new one moved in place. */
    private static void replace(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(temp, content);
        Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String fingerprint(Path key) throws IOException, InterruptedException {
        return Tool.run(Duration.ofSeconds(20), "ssh-keygen", "-l", "-E", "sha256", "-f", key + ".pub")
                .split(" ")[1];
    }

    private static StreamRun stream(OpenSshServer server, Path key, Path knownHosts) {
        return StreamRun.start(
                server.port(), key, Optional.empty(), knownHosts, Duration.ofMillis(200), Duration.ofSeconds(2));
    }
}
