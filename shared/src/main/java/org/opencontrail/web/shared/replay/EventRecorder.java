package org.opencontrail.web.shared.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.opencontrail.web.shared.json.ForeignJson;

/**
 * Writes the live streams into a recording that {@link ReplaySource} plays back: one JSON object
 * a line, appended and flushed as events arrive, so that a recording survives a crash.
 */
public final class EventRecorder implements AutoCloseable {

    private final Clock clock;
    private final BufferedWriter out;

    public EventRecorder(Path file, Clock clock) throws IOException {
        this.clock = clock;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Records one event as its source sent it; text that is not JSON is recorded as a string. */
    public void record(String source, String eventJson) {
        ObjectNode line = ForeignJson.object();
        line.put("at", clock.instant().toString());
        line.put("source", source);
        try {
            line.set("event", ForeignJson.tree(eventJson));
        } catch (JsonProcessingException notJson) {
            line.put("event", eventJson);
        }
        try {
            synchronized (out) {
                out.write(ForeignJson.write(line));
                out.newLine();
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (out) {
            out.close();
        }
    }
}
