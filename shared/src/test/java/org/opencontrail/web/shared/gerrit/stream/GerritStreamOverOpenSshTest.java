package org.opencontrail.web.shared.gerrit.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencontrail.web.shared.source.SourceState;
import org.opencontrail.web.shared.source.SourceStatus;
import org.opencontrail.web.shared.ssh.OpenSshServer;

/**
 * The stream against Debian's real OpenSSH server, with the keys operators really have: every
 * client key type and format ssh-keygen makes (with and without a passphrase), every host key type,
 * known_hosts as ssh-keyscan writes it (plain and hashed, several keys a host, one type only), a
 * host certificate under {@code @cert-authority}; and the host keys that must be refused (unknown,
 * changed, revoked), each with a message that says which.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GerritStreamOverOpenSshTest {

    private static final String PASSPHRASE = "correct horse battery staple";

    private Path dir;

    private Path events;
    private int expectedEvents;
    /** Client keys by name: the file, and its passphrase file when it has one. */
    private final Map<String, Path> clientKeys = new LinkedHashMap<>();

    private Path passphraseFile;
    private Path otherHostKey;
    private final Map<String, OpenSshServer> servers = new LinkedHashMap<>();

    @BeforeAll
    void startServers(@TempDir Path dir) throws Exception {
        this.dir = dir;
        events = Path.of(getClass()
                .getResource("/gerrit/real-gerrit-3.11.0/stream/session-demo-hello.jsonl")
                .toURI());
        List<String> lines = Files.readAllLines(events, StandardCharsets.UTF_8);
        expectedEvents = (int) lines.stream()
                .filter(line -> !line.matches(".*\"refName\":\"refs/changes/\\d+/\\d+/meta\".*"))
                .count();
        passphraseFile = dir.resolve("passphrase");
        Files.writeString(passphraseFile, PASSPHRASE + "\n");
        Path keys = dir.resolve("client");
        clientKeys.put("ed25519-openssh", OpenSshServer.keygen(keys.resolve("id_ed25519"), "ed25519", "RFC4716", ""));
        clientKeys.put(
                "ed25519-openssh-passphrase",
                OpenSshServer.keygen(keys.resolve("id_ed25519_pass"), "ed25519", "RFC4716", PASSPHRASE));
        clientKeys.put("ecdsa-openssh", OpenSshServer.keygen(keys.resolve("id_ecdsa"), "ecdsa", "RFC4716", ""));
        clientKeys.put("ecdsa-pem", OpenSshServer.keygen(keys.resolve("id_ecdsa_pem"), "ecdsa", "PEM", ""));
        clientKeys.put("ecdsa-pkcs8", OpenSshServer.keygen(keys.resolve("id_ecdsa_pkcs8"), "ecdsa", "PKCS8", ""));
        clientKeys.put("rsa-openssh", OpenSshServer.keygen(keys.resolve("id_rsa"), "rsa", "RFC4716", ""));
        clientKeys.put(
                "rsa-pem-passphrase", OpenSshServer.keygen(keys.resolve("id_rsa_pem_pass"), "rsa", "PEM", PASSPHRASE));
        clientKeys.put(
                "rsa-pkcs8-passphrase",
                OpenSshServer.keygen(keys.resolve("id_rsa_pkcs8_pass"), "rsa", "PKCS8", PASSPHRASE));
        List<String> authorized = new ArrayList<>();
        for (Path key : clientKeys.values()) {
            authorized.add(Files.readString(Path.of(key + ".pub")));
        }
        otherHostKey = OpenSshServer.keygen(dir.resolve("other").resolve("host_ed25519"), "ed25519", "RFC4716", "");

        Path hostKeys = dir.resolve("host");
        Path ed25519 = OpenSshServer.keygen(hostKeys.resolve("ssh_host_ed25519_key"), "ed25519", "RFC4716", "");
        Path ecdsa = OpenSshServer.keygen(hostKeys.resolve("ssh_host_ecdsa_key"), "ecdsa", "RFC4716", "");
        Path rsa = OpenSshServer.keygen(hostKeys.resolve("ssh_host_rsa_key"), "rsa", "RFC4716", "");
        servers.put(
                "all",
                OpenSshServer.start(
                        dir.resolve("sshd-all"), List.of(ed25519, ecdsa, rsa), Optional.empty(), authorized, events));
        servers.put(
                "ed25519",
                OpenSshServer.start(
                        dir.resolve("sshd-ed25519"), List.of(ed25519), Optional.empty(), authorized, events));
        servers.put(
                "ecdsa",
                OpenSshServer.start(dir.resolve("sshd-ecdsa"), List.of(ecdsa), Optional.empty(), authorized, events));
        servers.put(
                "rsa",
                OpenSshServer.start(dir.resolve("sshd-rsa"), List.of(rsa), Optional.empty(), authorized, events));
        Path authority = OpenSshServer.keygen(dir.resolve("ca").resolve("host_ca"), "ed25519", "RFC4716", "");
        Path certified = OpenSshServer.keygen(
                dir.resolve("certified").resolve("ssh_host_ed25519_key"), "ed25519", "RFC4716", "");
        Path certificate = OpenSshServer.certify(authority, certified, "127.0.0.1");
        servers.put(
                "certificate",
                OpenSshServer.start(
                        dir.resolve("sshd-certificate"),
                        List.of(certified),
                        Optional.of(certificate),
                        authorized,
                        events));
    }

    @AfterAll
    void stopServers() throws InterruptedException {
        for (OpenSshServer server : servers.values()) {
            server.close();
        }
    }

    @ParameterizedTest(name = "client key {0}")
    @CsvSource({
        "ed25519-openssh",
        "ed25519-openssh-passphrase",
        "ecdsa-openssh",
        "ecdsa-pem",
        "ecdsa-pkcs8",
        "rsa-openssh",
        "rsa-pem-passphrase",
        "rsa-pkcs8-passphrase"
    })
    void everyClientKeyTypeAndFormatLogsIn(String key) throws Exception {
        OpenSshServer server = servers.get("all");
        Path knownHosts = write("known_hosts-" + key, server.keyscan(false));
        Optional<Path> passphrase = key.contains("passphrase") ? Optional.of(passphraseFile) : Optional.empty();
        assertStreams(server, clientKeys.get(key), passphrase, knownHosts);
    }

    @ParameterizedTest(name = "host key {0}, known_hosts hashed: {1}")
    @CsvSource({"ed25519, true", "ecdsa, true", "rsa, false", "ed25519, false"})
    void everyHostKeyTypeIsChecked(String type, boolean hashed) throws Exception {
        OpenSshServer server = servers.get(type);
        String scanned = server.keyscan(hashed);
        if (hashed) {
            assertThat(scanned)
                    .as("ssh-keyscan -H hashes the names")
                    .startsWith("|1|")
                    .doesNotContain("127.0.0.1");
        }
        assertStreams(
                server,
                clientKeys.get("ed25519-openssh"),
                Optional.empty(),
                write("known_hosts-" + type + hashed, scanned));
    }

    @ParameterizedTest(name = "known_hosts holds only the {0} key of a server with three")
    @CsvSource({"ed25519", "ecdsa", "rsa"})
    void aServerWithSeveralHostKeysShowsTheOneKnown(String type) throws Exception {
        OpenSshServer server = servers.get("all");
        assertStreams(
                server,
                clientKeys.get("ed25519-openssh"),
                Optional.empty(),
                write("known_hosts-only-" + type, server.keyscan(true, type)));
    }

    @Test
    void aHostCertificateSignedByAKnownAuthorityIsAccepted() throws Exception {
        OpenSshServer server = servers.get("certificate");
        String authority =
                Files.readString(dir.resolve("ca").resolve("host_ca.pub")).strip();
        Path knownHosts = write(
                "known_hosts-ca",
                "# the project's host CA\n@cert-authority [127.0.0.1]:" + server.port() + " " + authority + "\n");
        assertStreams(server, clientKeys.get("ed25519-openssh"), Optional.empty(), knownHosts);
    }

    @Test
    void anUnknownHostIsRefusedAndSaysHowToAddIt() throws Exception {
        OpenSshServer server = servers.get("ed25519");
        Path knownHosts =
                write("known_hosts-other", "[127.0.0.1]:1 " + Files.readString(Path.of(otherHostKey + ".pub")));
        assertRefused(server, knownHosts, "is not in " + knownHosts, "ssh-keyscan -p " + server.port());
    }

    @Test
    void aMissingKnownHostsFileRefusesUnderTheStrictPolicy() throws Exception {
        Path missing = dir.resolve("no-such-known_hosts");
        assertRefused(servers.get("ed25519"), missing, "is not in " + missing + " (no such file)");
    }

    @Test
    void aChangedHostKeyIsRefusedAndShowsBothFingerprints() throws Exception {
        OpenSshServer server = servers.get("ed25519");
        Path knownHosts = write(
                "known_hosts-changed",
                "[127.0.0.1]:" + server.port() + " " + Files.readString(Path.of(otherHostKey + ".pub")));
        assertRefused(
                server,
                knownHosts,
                "has CHANGED",
                fingerprint(Path.of(otherHostKey + ".pub")),
                fingerprint(dir.resolve("host").resolve("ssh_host_ed25519_key.pub")));
    }

    @Test
    void aRevokedHostKeyIsRefusedEvenBesideAGoodLine() throws Exception {
        OpenSshServer server = servers.get("ed25519");
        String scanned = server.keyscan(false);
        Path knownHosts = write(
                "known_hosts-revoked",
                scanned + "@revoked "
                        + scanned.lines()
                                .filter(l -> !l.startsWith("#"))
                                .findFirst()
                                .orElseThrow() + "\n");
        assertRefused(server, knownHosts, "is marked @revoked in " + knownHosts);
    }

    @Test
    void aKeyWithAPassphraseAndNoPassphraseFileSaysSo() throws Exception {
        OpenSshServer server = servers.get("ed25519");
        StreamRun run = stream(
                server,
                clientKeys.get("ed25519-openssh-passphrase"),
                Optional.empty(),
                write("kh-nopass", server.keyscan(false)));
        try (run) {
            awaitError(run, "is protected by a passphrase: name a file holding it in gerrit.ssh.key-passphrase-file");
        }
    }

    @Test
    void aWrongPassphraseSaysSo() throws Exception {
        OpenSshServer server = servers.get("ed25519");
        Path wrong = write("wrong-passphrase", "not it\n");
        StreamRun run = stream(
                server,
                clientKeys.get("rsa-pem-passphrase"),
                Optional.of(wrong),
                write("kh-wrong", server.keyscan(false)));
        try (run) {
            awaitError(run, "could not be decrypted with the passphrase in " + wrong);
        }
    }

    private void assertStreams(OpenSshServer server, Path key, Optional<Path> passphrase, Path knownHosts)
            throws Exception {
        try (StreamRun run = stream(server, key, passphrase, knownHosts)) {
            // a slow first connection may time out and be retried: only the end result counts
            await("events over " + server.port())
                    .atMost(Duration.ofSeconds(40))
                    .untilAsserted(() -> assertThat(run.events())
                            .as(() -> "last error: "
                                    + run.stream().health().status().lastError().orElse("none") + "\n" + log(server))
                            .hasSize(expectedEvents));
            assertThat(run.stream().health().state()).isEqualTo(SourceState.CONNECTED);
            assertThat(run.stream().health().status().malformedLines()).isZero();
        }
    }

    private void assertRefused(OpenSshServer server, Path knownHosts, String... message) throws Exception {
        try (StreamRun run = stream(server, clientKeys.get("ed25519-openssh"), Optional.empty(), knownHosts)) {
            awaitError(run, message);
            assertThat(run.events()).as("nothing read from a refused host").isEmpty();
            assertThat(run.stream().health().state()).isNotEqualTo(SourceState.CONNECTED);
        }
    }

    private static String log(OpenSshServer server) {
        try {
            return server.log();
        } catch (IOException e) {
            return "(no sshd log: " + e.getMessage() + ")";
        }
    }

    private static void awaitError(StreamRun run, String... parts) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> run.stream().health().status().lastError().isPresent());
        SourceStatus status = run.stream().health().status();
        assertThat(status.lastError().orElseThrow()).contains(parts);
    }

    private StreamRun stream(OpenSshServer server, Path key, Optional<Path> passphrase, Path knownHosts) {
        return StreamRun.start(
                server.port(), key, passphrase, knownHosts, Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve("known").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static String fingerprint(Path publicKey) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ssh-keygen", "-l", "-E", "sha256", "-f", publicKey.toString()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out.split(" ")[1];
    }
}
