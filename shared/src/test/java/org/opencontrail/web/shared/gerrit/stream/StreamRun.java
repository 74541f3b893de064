package org.opencontrail.web.shared.gerrit.stream;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;

/** A stream client started against a test's SSH server, with every event it delivered. */
record StreamRun(GerritStream stream, List<GerritEvent> events) implements AutoCloseable {

    /** A stream on 127.0.0.1:port as this machine's user, strict about host keys, reconnecting after the given waits. */
    static StreamRun start(
            int port,
            Path key,
            Optional<Path> passphrase,
            Path knownHosts,
            Duration backoffInitial,
            Duration backoffMax) {
        GerritSshSettings config = new GerritSshSettings(
                "127.0.0.1",
                port,
                System.getProperty("user.name"),
                key.toString(),
                passphrase.map(Path::toString).orElse(""),
                knownHosts.toString(),
                GerritSshSettings.HostKeyPolicy.STRICT,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                backoffInitial,
                backoffMax,
                List.of(),
                10_000);
        GerritStream stream = new GerritStream(config, GerritBackfill.NONE, Clock.systemUTC(), new SplittableRandom(7));
        List<GerritEvent> events = new CopyOnWriteArrayList<>();
        stream.subscribe(events::add);
        stream.start();
        return new StreamRun(stream, events);
    }

    @Override
    public void close() {
        stream.close();
    }
}
