package org.opencontrail.web.status.stream;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

/**
 * Gzip for a stream that thousands of browsers read at once, compressed once for all of them.
 *
 * <p>Compressing per connection costs each one a deflate state (about 256 KB) and the CPU of
 * compressing every event again; with 5,000 streams that is more than a gigabyte and a busy core.
 * Here every event is compressed twice, once per event and not per client: alone (ending in a full
 * flush, so that it decodes after any byte-aligned point of a deflate stream) and chained (in one
 * shared deflate stream, which compresses far better because each event refers to the ones before).
 * Every {@value #EPOCH} events the shared stream is fully flushed: what follows refers to nothing
 * earlier, so a client that joined at any time sends the alone form until the next epoch starts and
 * the chained form from then on. Every client's bytes are a valid gzip stream: a fixed header, then
 * deflate blocks, none final.
 */
final class SharedGzip {

    /** Events per epoch of the shared stream: longer compresses better, shorter syncs new clients sooner. */
    static final int EPOCH = 32;

    /** The gzip header: deflate, no name or time, unknown system. */
    static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    /**
     * An empty stored block at a byte boundary: bytes on the wire that keep proxies from closing an
     * idle stream, while the decoded text, and so the shared stream's history, is unchanged.
     */
    static final byte[] KEEPALIVE = {0, 0, 0, (byte) 0xff, (byte) 0xff};

    /**
     * One event compressed both ways.
     *
     * @param alone      decodes on its own after any byte-aligned point
     * @param chained    decodes only after every chained event since the epoch began
     * @param epochStart the first event of an epoch: its chained form refers to nothing earlier
     */
    @SuppressWarnings("ArrayRecordComponent") // written to every client as they are, never compared
    record Encoded(byte[] alone, byte[] chained, boolean epochStart) {}

    private final Deflater shared = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Deflater single = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final byte[] buffer = new byte[16 * 1024];
    private long count;

    /** Compresses the next event of the stream; called once per event, in the order clients receive them. */
    synchronized Encoded encode(byte[] event) {
        boolean epochStart = count % EPOCH == 0;
        boolean epochEnd = count % EPOCH == EPOCH - 1;
        count++;
        byte[] chained = deflate(shared, buffer, event, epochEnd ? Deflater.FULL_FLUSH : Deflater.SYNC_FLUSH);
        single.reset();
        byte[] alone = deflate(single, buffer, event, Deflater.FULL_FLUSH);
        return new Encoded(alone, chained, epochStart);
    }

    /** Compresses one event that is no part of the shared stream (an opening, a reset). */
    static byte[] alone(byte[] event) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            return deflate(deflater, new byte[16 * 1024], event, Deflater.FULL_FLUSH);
        } finally {
            deflater.end();
        }
    }

    private static byte[] deflate(Deflater deflater, byte[] buffer, byte[] input, int flush) {
        deflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 2 + 64);
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, flush);
            out.write(buffer, 0, n);
        } while (n == buffer.length || !deflater.needsInput());
        return out.toByteArray();
    }
}
