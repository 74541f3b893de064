package org.opencontrail.web.bench.status;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One browser's stream, as bytes: counts what arrives and notes when each marked item first shows
 * up in it. Reads raw buffers (no line splitting, no decoding beyond ASCII) so that 5,000 of them
 * cost the driver little.
 */
final class SseClient implements Flow.Subscriber<List<ByteBuffer>> {

    private static final int OVERLAP = 16;

    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLongArray seenAt;
    private volatile boolean open;
    private volatile boolean failed;
    private final java.util.function.IntSupplier latestMarker;
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
            text.append(new String(chunk, StandardCharsets.ISO_8859_1));
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
    }

    @Override
    public void onComplete() {
        open = false;
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
