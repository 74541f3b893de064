package org.opencontrail.web.shared.gerrit.stream;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.opencontrail.web.shared.gerrit.event.GerritEvent;
import org.opencontrail.web.shared.gerrit.event.GerritEventParser;
import org.opencontrail.web.shared.gerrit.event.ParseOutcome;
import org.opencontrail.web.shared.text.Excerpts;

/**
 * Fills a gap from the events-log plugin ({@code GET /plugins/events-log/events/?t1=...}), which
 * replays the very events the stream carried: the best backfill there is.
 */
public final class EventsLogBackfill implements GerritBackfill {

    private static final DateTimeFormatter T1 =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final GerritHttp http;
    private final GerritEventParser parser = new GerritEventParser();
    /** The plugin keeps events of a time, not the state of changes: open changes come from REST. */
    private final RestChangesBackfill rest;

    public EventsLogBackfill(String gerritUrl, Duration timeout) {
        this.http = new GerritHttp(gerritUrl, timeout);
        this.rest = new RestChangesBackfill(http);
    }

    @Override
    public List<GerritEvent> openChanges() throws IOException, InterruptedException {
        return rest.openChanges();
    }

    @Override
    public List<GerritEvent> since(Instant from) throws IOException, InterruptedException {
        String body =
                http.get("plugins/events-log/events/?t1=" + URLEncoder.encode(T1.format(from), StandardCharsets.UTF_8));
        List<GerritEvent> events = new ArrayList<>();
        for (String line : GerritHttp.stripXssi(body).split("\n")) {
            if (parser.parseLine(line) instanceof ParseOutcome.Parsed parsed
                    && !parsed.event().createdOn().isBefore(from)) {
                events.add(parsed.event());
            }
        }
        return events;
    }

    @Override
    public String describe() {
        return "events-log at " + Excerpts.withoutCredentials(http.base().toString());
    }
}
