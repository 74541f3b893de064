package org.opencontrail.web.shared.gerrit.stream;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * How to reach {@code gerrit stream-events} over SSH. The stream runs when {@code gerrit.ssh.host}
 * is set.
 *
 * @param host            the Gerrit server
 * @param port            its SSH port
 * @param user            account to log in as (needs the "Stream Events" capability)
 * @param keyFile         private key file (Ed25519, ECDSA or RSA; OpenSSH or PEM); re-read at each connection, so a rotated key needs no restart
 * @param keyPassphraseFile file holding the key's passphrase, for a key that has one; re-read at each connection
 * @param knownHosts      known_hosts file holding the server's host key (as OpenSSH or ssh-keyscan writes it); re-read when it changes
 * @param hostKeyPolicy   {@code strict}: only a key already in known_hosts; {@code accept-new}: record an unknown host's key (a changed key is always refused)
 * @param keepalive       how often to ask the server for a keepalive reply
 * @param idleTimeout     a connection with neither events nor keepalive replies for this long is declared dead
 * @param connectTimeout  bound on opening the TCP connection and the SSH handshake
 * @param authTimeout     bound on authentication and opening the command's channel
 * @param backoffInitial  first wait before reconnecting
 * @param backoffMax      longest wait before reconnecting
 * @param eventTypes      only these event types ({@code -s TYPE}); empty for all
 * @param queueCapacity   events each subscriber may fall behind before it loses some (and is told)
 */
@ConfigurationProperties("gerrit.ssh")
public record GerritSshSettings(
        String host,
        @Bindable(defaultValue = "29418") int port,
        @Bindable(defaultValue = "") String user,
        @Bindable(defaultValue = "") String keyFile,
        @Bindable(defaultValue = "") String keyPassphraseFile,
        @Bindable(defaultValue = "") String knownHosts,
        @Bindable(defaultValue = "strict") HostKeyPolicy hostKeyPolicy,
        @Bindable(defaultValue = "15s") Duration keepalive,
        @Bindable(defaultValue = "60s") Duration idleTimeout,
        @Bindable(defaultValue = "10s") Duration connectTimeout,
        @Bindable(defaultValue = "10s") Duration authTimeout,
        @Bindable(defaultValue = "1s") Duration backoffInitial,
        @Bindable(defaultValue = "60s") Duration backoffMax,
        @Bindable(defaultValue = "") List<String> eventTypes,
        @Bindable(defaultValue = "10000") int queueCapacity) {

    public GerritSshSettings {
        eventTypes = eventTypes == null
                ? List.of()
                : eventTypes.stream().filter(t -> !t.isBlank()).toList();
    }

    /** How a server's host key is checked. */
    public enum HostKeyPolicy {
        STRICT,
        ACCEPT_NEW
    }
}
