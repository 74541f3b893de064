package org.opencontrail.web.logs.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.opencontrail.web.logs.builds.BuildSaved;
import org.opencontrail.web.logs.builds.IngestState;
import org.opencontrail.web.shared.http.TurnedAway;
import org.opencontrail.web.shared.retry.Backoff;
import org.opencontrail.web.shared.zuul.ZuulSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * The live consoles being followed, one per build and one upstream connection each, whatever the
 * number of viewers: the first viewer connects it, the last one leaving lets it go after
 * {@code logs.console.linger}. A console connects once Zuul's status shows its build started, and
 * again (with backoff) while the build runs and its stream breaks; when the build has left the
 * status and its stream ends or breaks, the console ends. When the build's logs are stored, its
 * viewers are sent there.
 */
@Singleton
public final class LiveConsoles {

    private static final Logger LOG = LoggerFactory.getLogger(LiveConsoles.class);

    private final ConsoleSettings settings;
    private final ZuulSettings zuul;
    private final RunningBuilds running;
    private final StoredConsoles storedConsoles;
    private final JsonMapper json;
    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final Map<String, LiveConsole> consoles = new ConcurrentHashMap<>();
    private final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();
    /** Consoles whose build left the status while their stream was open: ended after the grace time. */
    private final java.util.Set<String> ending = ConcurrentHashMap.newKeySet();

    LiveConsoles(
            ConsoleSettings settings,
            ZuulSettings zuul,
            RunningBuilds running,
            StoredConsoles storedConsoles,
            JsonMapper json,
            MeterRegistry registry) {
        this.settings = settings;
        this.zuul = zuul;
        this.running = running;
        this.storedConsoles = storedConsoles;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "live-consoles");
            thread.setDaemon(true);
            return thread;
        });
        running.watch(builds -> consoles.values().forEach(this::review));
        Gauge.builder(
                        "logs_console_upstreams",
                        consoles,
                        map -> map.values().stream()
                                .filter(c -> c.upstream() != null)
                                .count())
                .description("live consoles with an upstream connection")
                .register(registry);
        Gauge.builder(
                        "logs_console_viewers",
                        consoles,
                        map -> map.values().stream()
                                .mapToInt(LiveConsole::viewers)
                                .sum())
                .description("viewers of live consoles")
                .register(registry);
    }

    /** The console being followed, if any. */
    Optional<LiveConsole> existing(String uuid) {
        return Optional.ofNullable(consoles.get(uuid));
    }

    /**
     * A viewer's events for the build's console, from the line after {@code after}; the console is
     * made and connected for its first viewer.
     *
     * @param storedUrl the build's stored console, when it is stored already
     * @throws TurnedAway when {@code logs.console.max-consoles} are followed already
     */
    Flux<byte[]> follow(String uuid, long after, Optional<String> storedUrl) {
        LiveConsole console = consoles.computeIfAbsent(uuid, key -> {
            if (consoles.size() >= settings.maxConsoles()) {
                throw TurnedAway.unavailable(
                        "console", Duration.ofSeconds(30), "Every live console this site follows at once is in use");
            }
            LiveConsole made = new LiveConsole(key, settings.keptBytes(), json);
            storedUrl.ifPresent(made::stored);
            return made;
        });
        return Flux.defer(() -> {
                    console.joined();
                    review(console);
                    return console.follow(after);
                })
                .doFinally(signal -> {
                    if (console.left() == 0) {
                        var unused = timer.schedule(
                                () -> letGo(console), settings.linger().toMillis(), TimeUnit.MILLISECONDS);
                    }
                });
    }

    /**
     * The console's phase put right with what Zuul's status says of its build. The upstream is
     * connected outside the console's lock: its receiver takes that lock on the upstream's thread.
     */
    private void review(LiveConsole console) {
        Optional<RunningBuild> build = running.get(console.uuid());
        ConsoleUpstream made;
        synchronized (console) {
            if (console.phase() == LiveConsole.Phase.ENDED || console.viewers() == 0) {
                return;
            }
            if (build.isEmpty()) {
                if (console.upstream() == null) {
                    console.ended(); // it left the status with no stream open: nothing more will come
                } else if (ending.add(console.uuid())) {
                    var unused = timer.schedule(
                            () -> endWithout(console), settings.endGrace().toMillis(), TimeUnit.MILLISECONDS);
                }
                return;
            }
            if (!build.get().started() || console.upstream() != null) {
                return;
            }
            Optional<ConsoleUpstream> upstream = upstream(console, build.get());
            if (upstream.isEmpty()) {
                console.phase(LiveConsole.Phase.WAITING, "this site has no address for Zuul's console stream");
                return;
            }
            made = upstream.get();
            console.upstream(made);
            console.phase(LiveConsole.Phase.CONNECTING, "");
        }
        made.connect();
    }

    private Optional<ConsoleUpstream> upstream(LiveConsole console, RunningBuild build) {
        ConsoleUpstream.Receiver receiver = new ConsoleUpstream.Receiver() {
            @Override
            public void text(String piece) {
                backoffs.remove(console.uuid());
                console.text(piece);
            }

            @Override
            public void ended() {
                console.ended();
                console.upstream(null);
            }

            @Override
            public void failed(String why) {
                retry(console, why);
            }
        };
        if (build.onJenkins()) {
            return Optional.of(new JenkinsProgressiveText(
                    http, build.jenkinsBuild(), settings.poll(), settings.timeout(), receiver));
        }
        return settings.zuulStream(zuul)
                .map(uri -> new ZuulConsoleStream(
                        http, uri, build.uuid(), settings.logfile(), settings.timeout(), receiver));
    }

    /** After a broken stream: again while the build runs; the end once it has left the status. */
    private void retry(LiveConsole console, String why) {
        LOG.info("live console of build {}: {}", console.uuid(), why);
        if (running.get(console.uuid()).isEmpty()) {
            ConsoleUpstream upstream = console.upstream();
            console.upstream(null);
            if (upstream != null) {
                upstream.close();
            }
            console.ended();
            return;
        }
        console.phase(LiveConsole.Phase.RECONNECTING, why);
        Duration wait = backoffs.computeIfAbsent(
                        console.uuid(),
                        uuid -> new Backoff(
                                Duration.ofSeconds(1), Duration.ofSeconds(30), RandomGenerator.getDefault()))
                .next();
        var unused = timer.schedule(
                () -> {
                    ConsoleUpstream upstream = console.upstream();
                    if (upstream != null && console.phase() != LiveConsole.Phase.ENDED) {
                        upstream.connect();
                    }
                },
                wait.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** A stream still open well after its build left Zuul's status: closed, and the console ended. */
    private void endWithout(LiveConsole console) {
        ending.remove(console.uuid());
        ConsoleUpstream upstream;
        synchronized (console) {
            if (console.phase() == LiveConsole.Phase.ENDED
                    || running.get(console.uuid()).isPresent()) {
                return;
            }
            upstream = console.upstream();
            console.upstream(null);
            console.ended();
        }
        LOG.info(
                "live console of build {}: its stream stayed open {} after the build ended; closed",
                console.uuid(),
                settings.endGrace());
        if (upstream != null) {
            upstream.close();
        }
    }

    /** The console goes when nobody has watched it for the linger time; its upstream is closed outside its lock. */
    private void letGo(LiveConsole console) {
        ConsoleUpstream upstream;
        synchronized (console) {
            if (console.viewers() > 0) {
                return;
            }
            consoles.remove(console.uuid(), console);
            backoffs.remove(console.uuid());
            upstream = console.upstream();
            console.upstream(null);
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    /** A build's logs are in: the viewers of its console go to them. */
    @EventListener
    void onSaved(BuildSaved saved) {
        if (saved.record().state() != IngestState.DONE) {
            return;
        }
        LiveConsole console = consoles.get(saved.record().build().uuid());
        if (console != null) {
            console.stored(storedConsoles.url(saved.record()));
        }
    }

    /** Where a running build's console is read from, for its page. */
    Optional<URI> source(RunningBuild build) {
        return build.onJenkins()
                ? Optional.of(URI.create(build.jenkinsBuild() + "logText/progressiveText"))
                : settings.zuulStream(zuul);
    }

    @PreDestroy
    void close() {
        timer.shutdownNow();
        consoles.values().forEach(console -> {
            ConsoleUpstream upstream = console.upstream();
            if (upstream != null) {
                upstream.close();
            }
        });
        consoles.clear();
    }
}
