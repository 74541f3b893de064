package org.opencontrail.web.shared.gerrit.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.event.GerritEvent.DroppedOutput;
import org.opencontrail.web.shared.gerrit.event.GerritEventParser;
import org.opencontrail.web.shared.gerrit.event.ParseOutcome;
import org.opencontrail.web.shared.io.LineReader;
import org.opencontrail.web.shared.retry.Backoff;
import org.opencontrail.web.shared.source.EventFanout;
import org.opencontrail.web.shared.source.EventListener;
import org.opencontrail.web.shared.source.Source;
import org.opencontrail.web.shared.source.SourceHealth;
import org.opencontrail.web.shared.source.SourceState;
import org.opencontrail.web.shared.ssh.ClientKeyFile;
import org.opencontrail.web.shared.ssh.KnownHosts;
import org.opencontrail.web.shared.ssh.SshKeyException;
import org.opencontrail.web.shared.text.Excerpts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gerrit's event stream over SSH ({@code gerrit stream-events}), kept alive for months: bounded
 * connect and auth, keepalive requests, an idle watchdog for connections that stay open but carry
 * nothing, reconnects with capped backoff and jitter, backfill of every gap, duplicates dropped,
 * {@code refs/changes/.../meta} noise dropped early, and events handed to listeners through
 * bounded queues so that no listener can stall the reader.
 */
public final class GerritStream implements Source {

    public static final String SOURCE = "gerrit-stream";
    /** Longest line kept; a longer one is counted as malformed and skipped. */
    static final int MAX_LINE_CHARS = 16 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(GerritStream.class);

    private final GerritSshSettings config;
    private final GerritBackfill backfill;
    private final Clock clock;
    private final SourceHealth health;
    private final GerritEventParser parser = new GerritEventParser();
    private final EventFanout<GerritEvent> fanout;
    private final EventGate gate = new EventGate();
    private final Backoff backoff;
    private final SshClient client = SshClient.setUpDefaultClient();
    private final KnownHosts knownHosts;
    /** The client's host key algorithms before they are put in the order known_hosts asks for. */
    private final List<NamedFactory<Signature>> hostKeyAlgorithms = List.copyOf(client.getSignatureFactories());

    private final ScheduledExecutorService watchdog;
    /** Loads open changes from REST beside the stream, so a long load never holds up live events. */
    private final ScheduledExecutorService catchUp;

    private volatile Optional<Duration> openChangesWindow = Optional.empty();
    private final AtomicLong openChangeEvents = new AtomicLong();
    private volatile Optional<Instant> openChangesLoadedAt = Optional.empty();
    private final AtomicBoolean openChangesRetryPending = new AtomicBoolean();
    /** When the last connection was lost, to measure a gap by. */
    private volatile Instant disconnectedAt = Instant.EPOCH;

    private final AtomicReference<ClientSession> session = new AtomicReference<>();
    private final AtomicLong lastKeepaliveSentNanos = new AtomicLong();
    private final AtomicLong backfilled = new AtomicLong();
    private final Thread reader;
    private volatile boolean gap;
    private volatile Consumer<String> tap = line -> {};
    private volatile boolean running;
    private volatile boolean everConnected;
    /** Why the watchdog closed the current session, if it did. */
    private final AtomicReference<String> closedBecause = new AtomicReference<>();

    public GerritStream(GerritSshSettings config, GerritBackfill backfill, Clock clock, RandomGenerator random) {
        this.config = config;
        this.backfill = backfill;
        this.clock = clock;
        this.health = new SourceHealth(SOURCE, clock);
        this.fanout = new EventFanout<>(SOURCE, config.queueCapacity());
        this.health.backlog(fanout::backlog);
        this.backoff = new Backoff(config.backoffInitial(), config.backoffMax(), random);
        this.reader = new Thread(this::readLoop, SOURCE + "-reader");
        this.reader.setDaemon(true);
        this.watchdog = daemonExecutor(SOURCE + "-watchdog");
        this.catchUp = daemonExecutor(SOURCE + "-open-changes");
        this.knownHosts = new KnownHosts(
                optionalPath(config.knownHosts()),
                config.hostKeyPolicy() == GerritSshSettings.HostKeyPolicy.ACCEPT_NEW);
        client.setServerKeyVerifier(knownHosts.verifier());
    }

    public void subscribe(EventListener<GerritEvent> listener) {
        fanout.subscribe(listener);
    }

    public SourceHealth health() {
        return health;
    }

    /** Also hands every well-formed line, as received, to a recorder. */
    public void tap(Consumer<String> recorder) {
        this.tap = recorder;
    }

    /** Counters beyond the health details, for metrics and tests. */
    public record Counters(
            long filteredMeta,
            long unknownEvents,
            long duplicates,
            long backfilled,
            long dropped,
            long openChangeEvents) {}

    public Counters counters() {
        return new Counters(
                gate.filteredMeta(),
                gate.unknownEvents(),
                gate.duplicates(),
                backfilled.get(),
                fanout.dropped(),
                openChangeEvents.get());
    }

    /** When the open changes were last loaded from REST; empty until they are. */
    public Optional<Instant> openChangesLoadedAt() {
        return openChangesLoadedAt;
    }

    /**
     * At start, and after every gap longer than {@code backfillWindow}, load every open change's
     * history from REST (beside the stream, retried until it succeeds). Call before {@link #start()}.
     */
    public void loadOpenChanges(Duration backfillWindow) {
        this.openChangesWindow = Optional.of(backfillWindow);
    }

    /**
     * Takes up where another stream left off (the relay's previous leader): the first connection
     * backfills from this time. Call before {@link #start()}.
     */
    public void resumeAfter(Instant lastEventCreatedOn) {
        if (!lastEventCreatedOn.equals(Instant.EPOCH)) {
            gate.resumeAfter(lastEventCreatedOn);
            gap = true;
        }
    }

    public String backfillSource() {
        return backfill.describe();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        client.start();
        reader.start();
        long tick = Math.max(100, Math.min(1000, config.keepalive().toMillis() / 2));
        var unused = watchdog.scheduleWithFixedDelay(this::watch, tick, tick, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        running = false;
        watchdog.shutdownNow();
        catchUp.shutdownNow();
        closeSession("shutting down");
        reader.interrupt();
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fanout.close();
        client.stop();
        health.state(SourceState.STOPPED);
    }

    private void readLoop() {
        health.state(SourceState.CONNECTING);
        // Open changes first, so that their history reaches listeners before the live events that follow it;
        // the first connection then backfills whatever happened meanwhile.
        if (openChangesWindow.isPresent()) {
            gap = loadOpenChanges() || retryOpenChangesLater();
        }
        while (running) {
            try {
                streamOnce();
                if (running) {
                    health.error(Optional.ofNullable(closedBecause.get()).orElse("the server closed the stream"));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                if (running) {
                    // a refused host key surfaces as a bare "did not validate": say which check refused it
                    String why = knownHosts
                            .takeRefusal()
                            .or(() -> Optional.ofNullable(closedBecause.get()))
                            .orElse(describe(e));
                    health.error(why);
                    LOG.warn("Gerrit stream from {}:{} failed: {}", config.host(), config.port(), why);
                }
            }
            if (!running) {
                break;
            }
            gap = true;
            disconnectedAt = clock.instant();
            health.state(SourceState.RECONNECTING);
            Duration wait = backoff.next();
            LOG.info("Reconnecting to Gerrit at {}:{} in {} ms", config.host(), config.port(), wait.toMillis());
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    private void streamOnce() throws Exception {
        closedBecause.set(null);
        knownHosts.takeRefusal();
        List<KeyPair> keys = clientKey().load();
        client.setSignatureFactories(knownHosts.preferredFor(config.host(), config.port(), hostKeyAlgorithms));
        try (ClientSession s = client.connect(config.user(), config.host(), config.port())
                .verify(config.connectTimeout())
                .getSession()) {
            session.set(s);
            keys.forEach(s::addPublicKeyIdentity);
            s.auth().verify(config.authTimeout());
            try (ChannelExec channel = s.createExecChannel(command())) {
                channel.open().verify(config.authTimeout());
                health.activity();
                health.state(SourceState.CONNECTED);
                if (everConnected) {
                    health.reconnected();
                }
                everConnected = true;
                LOG.info("Streaming Gerrit events from {}:{}", config.host(), config.port());
                if (gap) {
                    fillGap(!disconnectedAt.equals(Instant.EPOCH));
                }
                read(channel.getInvertedOut());
            }
        } finally {
            session.set(null);
        }
    }

    private String command() {
        StringBuilder command = new StringBuilder("gerrit stream-events");
        for (String type : config.eventTypes()) {
            if (!type.matches("[a-z-]+")) {
                throw new IllegalArgumentException("Not an event type: " + type);
            }
            command.append(" -s ").append(type);
        }
        return command.toString();
    }

    private ClientKeyFile clientKey() {
        if (config.keyFile().isBlank()) {
            throw new IllegalStateException("gerrit.ssh.key-file is not set");
        }
        return new ClientKeyFile(Path.of(config.keyFile()), optionalPath(config.keyPassphraseFile()));
    }

    private static Optional<Path> optionalPath(String setting) {
        return setting.isBlank() ? Optional.empty() : Optional.of(Path.of(setting));
    }

    private void read(InputStream in) throws IOException {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        LineReader lines = new LineReader(new InputStreamReader(in, decoder), MAX_LINE_CHARS);
        LineReader.Line line;
        while (running && (line = lines.next()) != null) {
            health.activity();
            backoff.reset();
            if (line.cut()) {
                health.malformed();
                LOG.warn(
                        "Skipped a line from Gerrit longer than {} characters: {}",
                        MAX_LINE_CHARS,
                        Excerpts.of(line.text()));
                continue;
            }
            ParseOutcome outcome = parser.parseLine(line.text());
            if (outcome instanceof ParseOutcome.Parsed) {
                tap.accept(line.text());
            }
            accept(outcome);
        }
    }

    private void accept(ParseOutcome outcome) {
        if (outcome instanceof ParseOutcome.Malformed malformed) {
            health.malformed();
            LOG.warn("Malformed line from Gerrit, {}: {}", malformed.reason(), malformed.excerpt());
        } else if (outcome instanceof ParseOutcome.Parsed parsed) {
            health.event();
            if (parsed.event() instanceof DroppedOutput) {
                LOG.warn("Gerrit dropped events for this client; backfilling from {}", gate.lastEventCreatedOn());
                fillGap(true);
            } else {
                deliver(parsed.event());
            }
        }
    }

    /** Hands an event to the listeners unless it was seen already; true when it was new. The reader and a retried load of open changes both call it. */
    private synchronized boolean deliver(GerritEvent event) {
        if (!gate.admit(event)) {
            return false;
        }
        fanout.publish(event);
        return true;
    }

    /** Backfills since the last event; {@code lost}: events were lost (a reconnect, a dropped-output), so listeners hear of the gap. */
    private void fillGap(boolean lost) {
        gap = false;
        if (lost) {
            fanout.gap();
        }
        Duration gapLength = Duration.between(disconnectedAt, clock.instant());
        if (openChangesWindow.isPresent()
                && !disconnectedAt.equals(Instant.EPOCH)
                && gapLength.compareTo(openChangesWindow.get()) > 0) {
            LOG.info(
                    "A gap of {} s is longer than the backfill window ({}): loading open changes again",
                    gapLength.toSeconds(),
                    openChangesWindow.get());
            if (!loadOpenChanges()) {
                retryOpenChangesLater();
            }
        }
        if (gate.lastEventCreatedOn().equals(Instant.EPOCH)) {
            return;
        }
        try {
            List<GerritEvent> missed = backfill.since(gate.lastEventCreatedOn());
            long delivered = missed.stream().filter(this::deliver).count();
            backfilled.addAndGet(delivered);
            LOG.info(
                    "Backfill from {} ({}): {} events, {} new",
                    gate.lastEventCreatedOn(),
                    backfill.describe(),
                    missed.size(),
                    delivered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            health.error("backfill failed: " + describe(e));
            LOG.warn("Backfill from {} failed: {}", backfill.describe(), describe(e));
        }
    }

    /** Every open change's history, handed to the listeners; false when REST could not give it. */
    private boolean loadOpenChanges() {
        try {
            List<GerritEvent> events = backfill.openChanges();
            long delivered = 0;
            for (GerritEvent event : events) {
                awaitRoom();
                delivered += deliver(event) ? 1 : 0;
            }
            openChangeEvents.addAndGet(delivered);
            openChangesLoadedAt = Optional.of(clock.instant());
            LOG.info("Open changes from {}: {} events, {} new", backfill.describe(), events.size(), delivered);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.warn(
                    "Loading open changes from {} failed, trying again in {} s: {}",
                    backfill.describe(),
                    config.backoffMax().toSeconds(),
                    describe(e));
            return false;
        }
    }

    /**
     * Tries the load again after the longest backoff, beside the stream (one retry pending at a
     * time), until it succeeds. Always false: there is nothing loaded yet to backfill after.
     */
    private boolean retryOpenChangesLater() {
        if (running && openChangesRetryPending.compareAndSet(false, true)) {
            var unused = catchUp.schedule(
                    () -> {
                        openChangesRetryPending.set(false);
                        if (!loadOpenChanges()) {
                            retryOpenChangesLater();
                        }
                    },
                    config.backoffMax().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return false;
    }

    /** Waits while listeners are far behind, so that a large load of open changes never overflows their queues. */
    private void awaitRoom() throws InterruptedException {
        while (running && fanout.backlog() > config.queueCapacity() / 2) {
            Thread.sleep(10);
        }
    }

    private static ScheduledExecutorService daemonExecutor(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs on the watchdog thread: keepalives out, and the verdict on a connection gone quiet. */
    private void watch() {
        ClientSession s = session.get();
        if (s == null || health.state() != SourceState.CONNECTED) {
            return;
        }
        Instant lastActivity = health.lastActivityAt().orElse(clock.instant());
        Duration idle = Duration.between(lastActivity, clock.instant());
        if (idle.compareTo(config.idleTimeout()) > 0) {
            String why = "no events or keepalive replies for " + idle.toSeconds() + " s";
            LOG.warn("Gerrit stream from {}:{} is dead: {}; reconnecting", config.host(), config.port(), why);
            health.error(why);
            health.state(SourceState.STALE);
            closedBecause.set(why);
            closeSession(why);
            return;
        }
        long now = System.nanoTime();
        if (now - lastKeepaliveSentNanos.get() >= config.keepalive().toNanos()) {
            lastKeepaliveSentNanos.set(now);
            sendKeepalive(s);
        }
    }

    private void sendKeepalive(ClientSession s) {
        String request = "keepalive@openssh.com";
        try {
            Buffer buffer = s.createBuffer(SshConstants.SSH_MSG_GLOBAL_REQUEST, request.length() + 8);
            buffer.putString(request);
            buffer.putBoolean(true);
            s.request(buffer, request, (command, reply) -> {
                if (command == SshConstants.SSH_MSG_REQUEST_SUCCESS
                        || command == SshConstants.SSH_MSG_REQUEST_FAILURE) {
                    health.activity();
                }
            });
        } catch (IOException | RuntimeException e) {
            LOG.debug("Keepalive to Gerrit failed", e);
        }
    }

    private void closeSession(String why) {
        ClientSession s = session.get();
        if (s != null) {
            LOG.debug("Closing Gerrit session: {}", why);
            s.close(true);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof SshKeyException) {
            return message;
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + Excerpts.of(message));
    }
}
