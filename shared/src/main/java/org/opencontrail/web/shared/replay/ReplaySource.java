package org.opencontrail.web.shared.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.event.GerritEventParser;
import org.opencontrail.web.shared.gerrit.event.ParseOutcome;
import org.opencontrail.web.shared.io.LineReader;
import org.opencontrail.web.shared.json.ForeignJson;
import org.opencontrail.web.shared.source.EventFanout;
import org.opencontrail.web.shared.source.EventListener;
import org.opencontrail.web.shared.source.Source;
import org.opencontrail.web.shared.source.SourceHealth;
import org.opencontrail.web.shared.source.SourceState;
import org.opencontrail.web.shared.text.Excerpts;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResult;
import org.opencontrail.web.shared.zuul.mqtt.BuildsetResultParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a recording to the same listeners the live sources feed, at a chosen speed: a demo, a
 * test or a benchmark gets a real day of CI without a real CI.
 */
public final class ReplaySource implements Source {

    public static final String SOURCE = "replay";
    /** A recorded event is a line; one longer than the stream itself reads is not one. */
    private static final int MAX_LINE_CHARS = 16 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ReplaySource.class);

    private final Path file;
    private final double speed;
    private final boolean loop;
    private final SourceHealth health;
    private final GerritEventParser gerritParser = new GerritEventParser();
    private final BuildsetResultParser resultParser = new BuildsetResultParser();
    private final EventFanout<GerritEvent> gerrit = new EventFanout<>(SOURCE + "-gerrit", 10_000);
    private final EventFanout<BuildsetResult> results = new EventFanout<>(SOURCE + "-zuul-mqtt", 10_000);
    private final Thread player;
    private volatile boolean running;

    public ReplaySource(ReplaySettings config, Clock clock) {
        this.file = Path.of(config.file());
        this.speed = config.speed();
        this.loop = config.loop();
        this.health = new SourceHealth(SOURCE, clock);
        this.health.backlog(() -> gerrit.backlog() + results.backlog());
        this.player = new Thread(this::play, SOURCE + "-player");
        this.player.setDaemon(true);
    }

    public void subscribeGerrit(EventListener<GerritEvent> listener) {
        gerrit.subscribe(listener);
    }

    public void subscribeResults(EventListener<BuildsetResult> listener) {
        results.subscribe(listener);
    }

    public SourceHealth health() {
        return health;
    }

    @Override
    public void start() {
        running = true;
        player.start();
    }

    private void play() {
        health.state(SourceState.CONNECTED);
        do {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                playOnce(new LineReader(in, MAX_LINE_CHARS));
            } catch (IOException e) {
                health.error("cannot read " + file + ": " + e.getMessage());
                health.state(SourceState.STALE);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } while (running && loop);
        // A finished recording is not a failure: the source stays healthy, with nothing more to say.
        LOG.info("Replay of {} finished: {} events", file, health.eventCount());
    }

    private void playOnce(LineReader in) throws IOException, InterruptedException {
        Instant previous = null;
        LineReader.Line next;
        while (running && (next = in.next()) != null) {
            if (next.cut()) {
                health.malformed();
                LOG.warn("Skipped a line of {} longer than {} characters", file, MAX_LINE_CHARS);
                continue;
            }
            String line = next.text();
            if (line.isBlank()) {
                continue;
            }
            RecordedEvent event;
            try {
                event = recorded(line);
            } catch (IOException | DateTimeParseException e) {
                health.malformed();
                LOG.warn("Skipped a line of {} that is not a recorded event: {}", file, Excerpts.of(line));
                continue;
            }
            if (previous != null && speed > 0 && event.at().isAfter(previous)) {
                Thread.sleep((long) (Duration.between(previous, event.at()).toMillis() / speed));
            }
            previous = event.at();
            dispatch(event);
        }
    }

    private RecordedEvent recorded(String line) throws IOException {
        JsonNode node = ForeignJson.tree(line);
        if (node == null || !node.has("at") || !node.has("event")) {
            throw new IOException("no at or event");
        }
        JsonNode event = node.get("event");
        return new RecordedEvent(
                Instant.parse(node.get("at").asText()),
                node.path("source").asText(RecordedEvent.GERRIT),
                event.isTextual() ? event.asText() : event.toString());
    }

    private void dispatch(RecordedEvent event) {
        switch (event.source()) {
            case RecordedEvent.GERRIT -> {
                ParseOutcome outcome = gerritParser.parseLine(event.json());
                if (outcome instanceof ParseOutcome.Parsed parsed) {
                    health.event();
                    gerrit.publish(parsed.event());
                } else if (outcome instanceof ParseOutcome.Malformed) {
                    health.malformed();
                }
            }
            case RecordedEvent.ZUUL_MQTT -> {
                try {
                    results.publish(resultParser.parse(event.json().getBytes(StandardCharsets.UTF_8)));
                    health.event();
                } catch (IOException e) {
                    health.malformed();
                }
            }
            default -> health.malformed();
        }
    }

    @Override
    public void close() {
        running = false;
        player.interrupt();
        gerrit.close();
        results.close();
    }
}
