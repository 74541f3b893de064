package org.opencontrail.web.deploy.sandbox.gerrit;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Instant;

/**
 * The sandbox's Gerrit as its clients see it: the SSH event stream and the web side, sharing one
 * event log, so that what a client missed while disconnected is there to backfill.
 */
public final class SandboxGerrit implements AutoCloseable {

    private final GerritEventLog log = new GerritEventLog();
    private final StreamEventsServer ssh;
    private final GerritRestServer rest = new GerritRestServer(log);

    public SandboxGerrit(Path stateDir) {
        this.ssh = new StreamEventsServer(stateDir);
    }

    public void authorize(PublicKey key) {
        ssh.authorize(key);
    }

    /** Starts both sides (port 0: any free port). */
    public void start(int sshPort, int httpPort) throws IOException, GeneralSecurityException {
        ssh.start(sshPort);
        rest.start(httpPort);
    }

    /** Emits one event: logged, and streamed to every connected client. */
    public void emit(Instant createdOn, String type, String json) {
        log.append(createdOn, type, json);
        ssh.publish(type, json);
    }

    public StreamEventsServer ssh() {
        return ssh;
    }

    public GerritEventLog log() {
        return log;
    }

    /** What the REST API answers about projects and changes. */
    public void queries(GerritQueries data) {
        rest.queries(data);
    }

    public String restUrl() {
        return rest.url();
    }

    @Override
    public void close() throws IOException {
        ssh.close();
        rest.close();
    }
}
