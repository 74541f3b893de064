package org.opencontrail.web.git.http;

import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.ExecutorService;
import org.opencontrail.web.shared.http.WorkLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A response body written by another thread as it is read (packs, archives): nothing of it is
 * held in memory beyond the pipe's buffer, however large it is.
 */
@Singleton
public final class PipedBody {

    /** What writes the body. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(PipedBody.class);
    private static final int BUFFER = 256 * 1024;

    private final ExecutorService writers;

    PipedBody(@Named(TaskExecutors.BLOCKING) ExecutorService writers) {
        this.writers = writers;
    }

    /** The body as a stream; {@code what} names it in the log when writing fails (the client sees the body end early). */
    public InputStream of(String what, Writer writer) throws IOException {
        return of(what, () -> {}, writer);
    }

    /** The same, holding {@code turn} at its kind of work until the last byte is written or writing fails. */
    public InputStream of(String what, WorkLimits.Permit turn, Writer writer) throws IOException {
        try {
            PipedInputStream body = new PipedInputStream(BUFFER);
            PipedOutputStream out = new PipedOutputStream(body);
            writers.execute(() -> {
                try (turn;
                        out) {
                    writer.write(out);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("{} ended early: {}", what, e.getMessage());
                }
            });
            return body;
        } catch (IOException | RuntimeException e) {
            turn.close();
            throw e;
        }
    }
}
