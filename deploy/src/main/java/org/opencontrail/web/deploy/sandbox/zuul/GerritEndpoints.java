package org.opencontrail.web.deploy.sandbox.zuul;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.shared.gerrit.stream.GerritHttp;
import org.opencontrail.web.shared.gerrit.stream.GerritSshSettings;
import org.opencontrail.web.shared.io.SecretFiles;

/**
 * The real Gerrit that drives the sandbox in Zuul mode: its event stream over SSH (with the key
 * and known_hosts an operator has) and its REST API (with the account's HTTP password, to vote and
 * submit).
 *
 * @param sshUser          account of the stream (needs the "Stream Events" capability)
 * @param sshHost          Gerrit's SSH host
 * @param sshPort          its port
 * @param keyFile          the account's private key
 * @param passphraseFile   the key's passphrase, if it has one
 * @param knownHosts       known_hosts holding Gerrit's host key
 * @param url              Gerrit's web URL
 * @param httpUser         account of REST calls
 * @param httpPasswordFile its HTTP password
 */
public record GerritEndpoints(
        String sshUser,
        String sshHost,
        int sshPort,
        Path keyFile,
        Optional<Path> passphraseFile,
        Path knownHosts,
        String url,
        String httpUser,
        Path httpPasswordFile) {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** {@code USER@HOST[:PORT]} (port 29418 unless given) as {@code ./suite} and OpenSSH's users write it. */
    public static GerritEndpoints of(
            String userAtHost,
            Path keyFile,
            Optional<Path> passphraseFile,
            Path knownHosts,
            String url,
            Optional<String> httpUser,
            Path httpPasswordFile) {
        String target = userAtHost.startsWith("ssh://") ? userAtHost.substring("ssh://".length()) : userAtHost;
        int at = target.indexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException("--gerrit-ssh wants USER@HOST[:PORT], not " + userAtHost);
        }
        String user = target.substring(0, at);
        String host = target.substring(at + 1);
        int port = 29418;
        int colon = host.lastIndexOf(':');
        if (colon > 0 && !host.endsWith("]")) {
            port = Integer.parseInt(host.substring(colon + 1));
            host = host.substring(0, colon);
        }
        return new GerritEndpoints(
                user, host, port, keyFile, passphraseFile, knownHosts, url, httpUser.orElse(user), httpPasswordFile);
    }

    /** The stream's settings: the shared defaults for keepalive and watchdog, and a short backoff (a CI wants to be back soon after a restart). */
    public GerritSshSettings ssh() {
        return new GerritSshSettings(
                sshHost,
                sshPort,
                sshUser,
                keyFile.toString(),
                passphraseFile.map(Path::toString).orElse(""),
                knownHosts.toString(),
                GerritSshSettings.HostKeyPolicy.STRICT,
                Duration.ofSeconds(15),
                Duration.ofSeconds(60),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10),
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                List.of(),
                10_000);
    }

    /** REST as the account, with the password read from its file now (so a rotated one is taken at the next start). */
    public GerritHttp rest() throws IOException {
        String password = SecretFiles.read(httpPasswordFile);
        return new GerritHttp(url, TIMEOUT, Optional.of(new GerritHttp.Credentials(httpUser, password)));
    }
}
