package org.opencontrail.web.deploy.sandbox.gerrit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.session.ServerSession;
import org.opencontrail.web.deploy.sandbox.SshKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's Gerrit SSH endpoint: a real SSH server (Apache MINA SSHD) that answers
 * {@code gerrit stream-events [-s TYPE]...} with the events it is given, one JSON object a line, to
 * every client authenticated with an authorized key. It keeps its Ed25519 host key in a state
 * folder, so that a restart on the same port looks like the same server.
 */
public final class StreamEventsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamEventsServer.class);

    private final Path hostKey;
    private final Set<PublicKey> authorized = new CopyOnWriteArraySet<>();
    private final Set<EventStreamCommand> streams = new CopyOnWriteArraySet<>();
    private SshServer server;

    public StreamEventsServer(Path stateDir) {
        this.hostKey = stateDir.resolve("ssh_host_ed25519_key");
    }

    /** Lets a client in with this key. */
    public void authorize(PublicKey key) {
        authorized.add(key);
    }

    /** Listens on 127.0.0.1 at the port (0: any free port). */
    public synchronized void start(int port) throws IOException, GeneralSecurityException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        SshServer ssh = SshServer.setUpDefaultServer();
        ssh.setHost("127.0.0.1");
        ssh.setPort(port);
        if (!Files.exists(hostKey)) {
            SshKeys.generate(hostKey, "sandbox-gerrit-host");
        }
        FileKeyPairProvider hostKeys = new FileKeyPairProvider(hostKey);
        ssh.setKeyPairProvider(hostKeys);
        ssh.setPublickeyAuthenticator(this::authenticate);
        ssh.setPasswordAuthenticator(null);
        ssh.setKeyboardInteractiveAuthenticator(null);
        ssh.setCommandFactory((channel, command) -> {
            List<String> args = List.of(command.trim().split("\\s+"));
            if (args.size() >= 2 && args.get(0).equals("gerrit") && args.get(1).equals("stream-events")) {
                return new EventStreamCommand(streams, EventStreamCommand.typesOf(args));
            }
            return new UnknownCommand(command);
        });
        ssh.start();
        server = ssh;
        writeKnownHosts(hostKeys, ssh.getPort());
        LOG.info("Gerrit stream-events over SSH on 127.0.0.1:{}", ssh.getPort());
    }

    /** known_hosts for this server beside its host key, so clients can check the host key strictly, as they should a real Gerrit's. */
    private void writeKnownHosts(FileKeyPairProvider hostKeys, int port) throws IOException, GeneralSecurityException {
        StringBuilder lines = new StringBuilder();
        for (KeyPair pair : hostKeys.loadKeys(null)) {
            lines.append("[127.0.0.1]:")
                    .append(port)
                    .append(' ')
                    .append(PublicKeyEntry.toString(pair.getPublic()))
                    .append('\n');
        }
        Path file = hostKey.resolveSibling("known_hosts");
        Path temp = hostKey.resolveSibling("known_hosts.tmp");
        Files.writeString(temp, lines);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getPort();
    }

    /** Sends one event line (JSON, no newline) to every connected stream that wants its type. */
    public void publish(String type, String jsonLine) {
        for (EventStreamCommand stream : streams) {
            stream.send(type, jsonLine);
        }
    }

    /** Sends bytes exactly as given (a line terminator included) to every stream: for fault drills. */
    public void publishRaw(byte[] bytes) {
        for (EventStreamCommand stream : streams) {
            stream.sendBytes(bytes);
        }
    }

    /** How many clients are streaming now. */
    public int streams() {
        return streams.size();
    }

    /** Stops at once, dropping every connection, like a server killed mid-stream. */
    public synchronized void stop() throws IOException {
        if (server != null) {
            server.stop(true);
            server = null;
        }
        streams.clear();
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private boolean authenticate(String user, PublicKey key, ServerSession session) {
        return authorized.stream().anyMatch(known -> known.equals(key));
    }
}
