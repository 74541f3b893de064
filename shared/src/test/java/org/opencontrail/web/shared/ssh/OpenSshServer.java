package org.opencontrail.web.shared.ssh;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;
import org.opencontrail.web.fixtures.FreePort;
import org.opencontrail.web.fixtures.Processes;
import org.opencontrail.web.shared.testing.Tool;

/**
 * Debian's real OpenSSH server ({@code /usr/sbin/sshd}, package openssh-server) on a free loopback
 * port, with the host keys it is given, letting in the listed client keys with a forced command
 * that plays a Gerrit stream: {@code gerrit stream-events} answers with the lines of an events
 * file and then stays open, as Gerrit's does, until the client goes.
 */
public final class OpenSshServer implements AutoCloseable {

    public static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final int port;
    private final Path command;
    private Process process;

    private OpenSshServer(Path dir, int port, Path command) {
        this.dir = dir;
        this.port = port;
        this.command = command;
    }

    /**
     * @param dir         a folder of its own for the server's files
     * @param hostKeys    private host key files ({@link #keygen})
     * @param certificate a host certificate for the first host key, if any
     * @param clientKeys  public key lines ({@code ssh-ed25519 AAAA...}) let in
     * @param events      the lines {@code gerrit stream-events} prints, and every line appended to it later
     */
    public static OpenSshServer start(
            Path dir, List<Path> hostKeys, Optional<Path> certificate, List<String> clientKeys, Path events)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(SSHD)) {
            throw new IllegalStateException(SSHD + " is missing: install Debian's openssh-server (./suite test does)");
        }
        Files.createDirectories(dir);
        if ("root".equals(System.getProperty("user.name"))) {
            Files.createDirectories(
                    Path.of("/run/sshd")); // sshd's privilege separation folder, which a package's service would make
        }
        Path command = dir.resolve("gerrit-command.sh");
        Files.writeString(command, """
                #!/bin/sh
                case "$SSH_ORIGINAL_COMMAND" in
                  "gerrit stream-events"*) exec tail -n +1 -f '%s' ;;
                  *) echo "gerrit: $SSH_ORIGINAL_COMMAND: not found" >&2; exit 127 ;;
                esac
                """.formatted(events.toAbsolutePath()));
        Files.setPosixFilePermissions(command, PosixFilePermissions.fromString("rwxr-xr-x"));
        OpenSshServer server = new OpenSshServer(dir, FreePort.next(), command);
        server.authorize(clientKeys);
        server.launch(hostKeys, certificate);
        return server;
    }

    /** Lets in these client keys from the next connection on, and no others (sshd reads the file at each login). */
    public void authorize(List<String> clientKeys) throws IOException {
        List<String> authorized = new ArrayList<>();
        for (String key : clientKeys) {
            authorized.add("command=\"" + command
                    + "\",no-pty,no-port-forwarding,no-agent-forwarding,no-X11-forwarding " + key.strip());
        }
        Path temp = dir.resolve("authorized_keys.new");
        Files.write(temp, authorized, StandardCharsets.UTF_8);
        Files.move(
                temp,
                dir.resolve("authorized_keys"),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** Stops the server and starts it again on the same port with other host keys: a host key rotation. */
    public void restartWith(List<Path> hostKeys) throws IOException, InterruptedException {
        close();
        launch(hostKeys, Optional.empty());
    }

    /** Ends every open session (the listening server stays), as a Gerrit restart or a network cut would. */
    public void dropSessions() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    private void launch(List<Path> hostKeys, Optional<Path> certificate) throws IOException, InterruptedException {
        List<String> config = new ArrayList<>(List.of(
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                // SHA-1 RSA signatures refused, as OpenSSH does by default: an RSA key must sign with rsa-sha2-256/512
                "PubkeyAcceptedAlgorithms ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256",
                "LogLevel VERBOSE",
                // the account's shell runs the command: it must not read the account's startup files, which
                // may do anything (pyenv's rehash waits a minute on a lock a session cut short left behind)
                "SetEnv HOME=" + dir.toAbsolutePath()));
        for (Path key : hostKeys) {
            config.add("HostKey " + key.toAbsolutePath());
        }
        certificate.ifPresent(cert -> config.add("HostCertificate " + cert.toAbsolutePath()));
        Path configFile = dir.resolve("sshd_config");
        Files.write(configFile, config, StandardCharsets.UTF_8);
        process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", configFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.log").toFile()))
                .start();
        awaitListening();
    }

    /** A key as ssh-keygen makes it: {@code type} rsa, ecdsa or ed25519; {@code format} RFC4716 (OpenSSH's own), PEM or PKCS8. */
    public static Path keygen(Path file, String type, String format, String passphrase)
            throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        run(
                "ssh-keygen",
                "-q",
                "-t",
                type,
                "-m",
                format,
                "-N",
                passphrase,
                "-C",
                type + "-" + format,
                "-f",
                file.toString());
        return file;
    }

    /** ssh-keygen -s: signs a host key with a certificate authority's key, for this host name. */
    public static Path certify(Path authority, Path hostKey, String host) throws IOException, InterruptedException {
        run(
                "ssh-keygen",
                "-q",
                "-s",
                authority.toString(),
                "-I",
                "gerrit-host",
                "-h",
                "-n",
                host,
                "-V",
                "-1d:+1d",
                hostKey + ".pub");
        return Path.of(hostKey + "-cert.pub");
    }

    /** ssh-keyscan's output for this server, as an operator makes known_hosts: {@code hashed} as with -H. */
    public String keyscan(boolean hashed, String... types) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ssh-keyscan", "-T", "20", "-p", String.valueOf(port)));
        if (hashed) {
            command.add("-H");
        }
        if (types.length > 0) {
            command.addAll(List.of("-t", String.join(",", types)));
        }
        command.add("127.0.0.1");
        return run(command.toArray(String[]::new));
    }

    public int port() {
        return port;
    }

    /** What sshd logged, for a failing test's message. */
    public String log() throws IOException {
        return Files.readString(dir.resolve("sshd.log"));
    }

    private void awaitListening() throws IOException {
        try {
            await("sshd listening on " + port)
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("sshd stopped: " + log());
                        }
                        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                            return true;
                        } catch (IOException notYet) {
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("sshd did not listen on " + port + ": " + log(), e);
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        return Tool.run(Duration.ofSeconds(60), command);
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        Processes.stop(process, Duration.ofSeconds(10));
    }
}
