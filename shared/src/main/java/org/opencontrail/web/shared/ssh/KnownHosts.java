package org.opencontrail.web.shared.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.signature.Signature;

/**
 * A known_hosts file exactly as OpenSSH writes it (hashed names, {@code [host]:port}, several keys
 * for one host, {@code @revoked} and {@code @cert-authority} lines; {@code ssh-keyscan} output is one),
 * checked at every connection, so an edited or replaced file needs no restart. Like OpenSSH, a
 * connection asks first for the host key types the file knows for that host, and a refused key says
 * why: not known, changed, or revoked.
 */
public final class KnownHosts {

    private static final String CERT_SUFFIX = "-cert-v01@openssh.com";

    private final Optional<Path> file;
    private final boolean acceptNew;
    private final ServerKeyVerifier verifier;
    private final AtomicReference<String> refusal = new AtomicReference<>();

    /**
     * @param file      the known_hosts file; empty: none
     * @param acceptNew record the key of a host the file does not know yet (a changed key is still refused)
     */
    public KnownHosts(Optional<Path> file, boolean acceptNew) {
        this.file = file;
        this.acceptNew = acceptNew;
        this.verifier = file.<ServerKeyVerifier>map(Verifier::new)
                .orElseGet(() -> acceptNew
                        ? AcceptAllServerKeyVerifier.INSTANCE
                        : (session, remote, key) ->
                                refuse("no known_hosts file is set (gerrit.ssh.known-hosts), so the host key "
                                        + describe(key) + " of " + hostOf(session) + " cannot be checked"));
    }

    public ServerKeyVerifier verifier() {
        return verifier;
    }

    /** Why the last host key was refused, once: the next connection starts with none. */
    public Optional<String> takeRefusal() {
        return Optional.ofNullable(refusal.getAndSet(null));
    }

    /**
     * The client's host key algorithms with those the file knows for this host first (certificates
     * first when a {@code @cert-authority} line names the host), so that a server offering several
     * host keys shows the one that can be checked.
     */
    public List<NamedFactory<Signature>> preferredFor(String host, int port, List<NamedFactory<Signature>> algorithms)
            throws IOException {
        Set<String> known = new HashSet<>();
        boolean authority = false;
        if (file.isPresent() && Files.isRegularFile(file.get())) {
            for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(file.get())) {
                if (entry.getKeyEntry() == null || !entry.isHostMatch(host, port)) {
                    continue;
                }
                String marker = entry.getMarker();
                if ("cert-authority".equals(marker)) {
                    authority = true;
                } else if (marker == null || marker.isEmpty()) {
                    known.addAll(KeyUtils.getAllEquivalentKeyTypes(
                            entry.getKeyEntry().getKeyType()));
                }
            }
        }
        List<NamedFactory<Signature>> first = new ArrayList<>();
        List<NamedFactory<Signature>> plain = new ArrayList<>();
        List<NamedFactory<Signature>> certificates = new ArrayList<>();
        for (NamedFactory<Signature> algorithm : algorithms) {
            boolean certificate = algorithm.getName().endsWith(CERT_SUFFIX);
            if (certificate ? authority : known.contains(algorithm.getName())) {
                first.add(algorithm);
            } else if (certificate) {
                certificates.add(algorithm);
            } else {
                plain.add(algorithm);
            }
        }
        first.addAll(plain);
        first.addAll(certificates);
        return first;
    }

    private boolean refuse(String why) {
        refusal.set(why);
        return false;
    }

    private static String describe(PublicKey key) {
        PublicKey shown = key instanceof OpenSshCertificate certificate ? certificate.getCertPubKey() : key;
        return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(shown);
    }

    /** The host as known_hosts names it: {@code host}, or {@code [host]:port} off port 22. */
    private static String hostOf(ClientSession session) {
        SocketAddress address = session.getConnectAddress();
        if (address instanceof InetSocketAddress inet) {
            return inet.getPort() == 22 ? inet.getHostString() : "[" + inet.getHostString() + "]:" + inet.getPort();
        }
        return String.valueOf(address);
    }

    /** MINA SSHD's reading of the file, with each refusal put in words. */
    private final class Verifier extends KnownHostsServerKeyVerifier {

        private final Path path;

        Verifier(Path path) {
            super(acceptNew ? AcceptAllServerKeyVerifier.INSTANCE : RejectAllServerKeyVerifier.INSTANCE, path);
            this.path = path;
            setModifiedServerKeyAcceptor(this::changed);
        }

        private boolean changed(
                ClientSession session,
                SocketAddress remote,
                KnownHostEntry entry,
                PublicKey expected,
                PublicKey actual) {
            return refuse(
                    "the host key of " + hostOf(session) + " has CHANGED: " + path + " holds " + describe(expected)
                            + ", the server offered " + describe(actual)
                            + ". If the server's key was replaced, replace its line in "
                            + path + "; otherwise someone may be in the middle of the connection");
        }

        @Override
        protected void handleRevokedKey(ClientSession session, SocketAddress remote, PublicKey key) {
            refuse("the host key " + describe(key) + " of " + hostOf(session) + " is marked @revoked in " + path);
        }

        @Override
        protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress remote, PublicKey key) {
            if (super.acceptUnknownHostKey(session, remote, key)) {
                return true;
            }
            return refuse("the host key " + describe(key) + " of " + hostOf(session) + " is not in " + path
                    + (Files.exists(path) ? "" : " (no such file)") + ": add it (ssh-keyscan"
                    + portOption(session) + " HOST >> " + path
                    + ", then check its fingerprint) or set gerrit.ssh.host-key-policy=accept-new");
        }

        @Override
        protected boolean acceptIncompleteHostKeys(
                ClientSession session, SocketAddress remote, PublicKey key, Throwable reason) {
            return refuse(path + " cannot be read (" + reason.getMessage() + "), so the host key " + describe(key)
                    + " of " + hostOf(session) + " cannot be checked");
        }

        private static String portOption(ClientSession session) {
            return session.getConnectAddress() instanceof InetSocketAddress inet && inet.getPort() != 22
                    ? " -p " + inet.getPort()
                    : "";
        }
    }
}
