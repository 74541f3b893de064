package org.opencontrail.web.bench.status;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One browser's stream, as a browser receives it: gzip-encoded on the wire (browsers always ask
 * for it), counted as wire bytes, inflated to note when each marker first shows up. No line
 * splitting or decoding beyond ASCII, so that 5,000 of them cost the driver little.
 */
final class SseClient implements Flow.Subscriber<List<ByteBuffer>> {

    private static final int OVERLAP = 16;
    /** The fixed gzip header a server writes when it sets no name, comment or extra field. */
    private static final int GZIP_HEADER = 10;

    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLongArray seenAt;
    private volatile boolean open;
    private volatile boolean failed;
    private final java.util.function.IntSupplier latestMarker;
    private final Inflater inflater = new Inflater(true);
    private final byte[] inflated = new byte[64 * 1024];
    private int headerLeft = GZIP_HEADER;
    private String tail = "";
    private int nextMarker;

    SseClient(int markers, java.util.function.IntSupplier latestMarker) {
        this.seenAt = new AtomicLongArray(markers);
        this.latestMarker = latestMarker;
    }

    /** Markers below this number are not looked for (they were enqueued before the client counted). */
    void lookFrom(int marker) {
        nextMarker = marker;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        open = true;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        long now = System.nanoTime();
        StringBuilder text = new StringBuilder(tail);
        for (ByteBuffer buffer : buffers) {
            bytes.addAndGet(buffer.remaining());
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            int skip = Math.min(headerLeft, chunk.length);
            headerLeft -= skip;
            inflater.setInput(chunk, skip, chunk.length - skip);
            try {
                int n;
                while ((n = inflater.inflate(inflated)) > 0) {
                    text.append(new String(inflated, 0, n, StandardCharsets.ISO_8859_1));
                }
            } catch (DataFormatException e) {
                failed = true;
                return;
            }
        }
        String received = text.toString();
        // Markers are enqueued in order and stay a few ticks: only the newest few can be new here.
        int latest = Math.min(latestMarker.getAsInt(), seenAt.length() - 1);
        for (int n = Math.max(Math.max(1, nextMarker), latest - 8); n <= latest; n++) {
            if (seenAt.get(n) == 0 && received.contains(EvolvingZuul.markerText(n))) {
                seenAt.set(n, now);
            }
        }
        tail = received.length() > OVERLAP ? received.substring(received.length() - OVERLAP) : received;
    }

    @Override
    public void onError(Throwable throwable) {
        failed = true;
        open = false;
        inflater.end();
    }

    @Override
    public void onComplete() {
        open = false;
        inflater.end();
    }

    boolean open() {
        return open && !failed;
    }

    long bytes() {
        return bytes.get();
    }

    void resetBytes() {
        bytes.set(0);
    }

    /** When marker {@code n} arrived, in {@link System#nanoTime()}; 0 when it did not. */
    long seenAt(int n) {
        return seenAt.get(n);
    }
}
