package org.opencontrail.web.logs.testruns;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Reads a subunit v2 stream (what stestr keeps in {@code .stestr/N} and testrepository in
 * {@code testrepository.subunit}) packet by packet: signature 0xB3, 16 bits of flags (version 2,
 * which fields follow, the test's status), the packet's length as a variable-length number, the
 * fields, a CRC32. A test's "in progress" packet gives its start and its final status packet its end.
 * Written here because no Java library reads subunit; the format is small and fixed.
 *
 * <p>Memory stays bounded whatever the stream's size: only tests in progress are held. A packet whose
 * checksum or shape is wrong is skipped byte by byte to the next good packet, and those bytes
 * counted; a stream that ends inside a packet keeps what came before.
 */
public final class SubunitStream {

    private static final int SIGNATURE = 0xB3;
    private static final int VERSION_2 = 0x2;
    private static final int FLAG_TEST_ID = 0x0800;
    private static final int FLAG_ROUTE_CODE = 0x0400;
    private static final int FLAG_TIMESTAMP = 0x0200;
    private static final int FLAG_TAGS = 0x0080;
    private static final int FLAG_FILE_CONTENT = 0x0040;
    private static final int FLAG_MIME_TYPE = 0x0020;
    private static final int INPROGRESS = 2;
    /** Status codes 3 to 7, in subunit's order. */
    private static final TestStatus[] FINAL = {
        TestStatus.SUCCESS, TestStatus.UXSUCCESS, TestStatus.SKIP, TestStatus.FAIL, TestStatus.XFAIL
    };
    /** Subunit's packets are at most 4 MiB. */
    private static final int MOST = 4 * 1024 * 1024;
    /**
     * Damaged bytes skipped before the rest of a file is given up: each one may cost a packet's
     * length of reading, so a file of garbage must not keep the reader for long.
     */
    private static final long MOST_DAMAGED = 1024 * 1024;

    private final String file;

    /** A reader for the file of that path (named in what it reads). */
    public SubunitStream(String file) {
        this.file = file;
    }

    /** Reads every packet, giving each test that ended to {@code sink}. */
    public ReadCounts read(InputStream raw, Consumer<TestResult> sink) {
        PushbackInputStream in = new PushbackInputStream(raw, MOST);
        StartedTests started = new StartedTests();
        long results = 0;
        long damaged = 0;
        String problem = "";
        boolean torn = false;
        Instant clock = null;
        try {
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return new ReadCounts(results, damaged, torn, problem);
                }
                if (damaged > MOST_DAMAGED) {
                    return new ReadCounts(
                            results, damaged, true, "more than a MiB could not be read; the rest was left: " + problem);
                }
                if (first != SIGNATURE) {
                    damaged++;
                    problem = problem.isEmpty() ? "bytes that are not subunit v2 packets" : problem;
                    continue;
                }
                byte[] packet;
                try {
                    packet = packet(in);
                } catch (TornPacket e) {
                    // a stray 0xB3 near the end, or a packet cut short: what follows it is scanned still
                    in.unread(e.read, 1, e.read.length - 1);
                    torn = true;
                    damaged++;
                    problem = problem.isEmpty() ? "the stream ends inside a packet" : problem;
                    continue;
                }
                Packet parsed = packet == null ? null : parse(packet);
                if (parsed == null) {
                    // not a packet after all: read on from the byte after the signature
                    if (packet != null && packet.length > 1) {
                        in.unread(packet, 1, packet.length - 1);
                    }
                    damaged++;
                    problem = problem.isEmpty() ? "a packet with a wrong checksum or shape" : problem;
                    continue;
                }
                if (parsed.time != null) {
                    clock = parsed.time;
                }
                if (parsed.testId == null) {
                    continue;
                }
                if (parsed.status == INPROGRESS) {
                    started.start(parsed.testId, clock);
                } else if (parsed.status >= 3) {
                    sink.accept(new TestResult(
                            parsed.testId,
                            FINAL[parsed.status - 3],
                            started.end(parsed.testId),
                            Optional.ofNullable(clock),
                            Optional.empty(),
                            file,
                            0));
                    results++;
                }
            }
        } catch (IOException e) {
            // a gzip cut short, a connection lost: what was read is kept
            return new ReadCounts(results, damaged, true, "the stream could not be read to its end: " + e.getMessage());
        }
    }

    /**
     * The bytes of the packet whose signature was just read (signature included), or null when its
     * length cannot be one.
     */
    private static byte[] packet(PushbackInputStream in) throws IOException {
        byte[] head = new byte[6];
        head[0] = (byte) SIGNATURE;
        readFully(in, head, 1, 1);
        if ((head[1] & 0xF0) >>> 4 != VERSION_2) {
            in.unread(head, 1, 1);
            return null; // not a version 2 packet: no length is read, whatever follows
        }
        readFully(in, head, 2, 2);
        int lengthBytes = 1 + ((head[3] & 0xC0) >>> 6);
        if (lengthBytes > 3) {
            in.unread(head, 1, 3);
            return null; // a packet's length takes at most three bytes
        }
        readFully(in, head, 4, lengthBytes - 1);
        int length = head[3] & 0x3F;
        for (int i = 1; i < lengthBytes; i++) {
            length = (length << 8) | (head[3 + i] & 0xFF);
        }
        int headLength = 3 + lengthBytes;
        if (length < headLength + 4 || length > MOST) {
            in.unread(head, 1, headLength - 1);
            return null;
        }
        byte[] packet = new byte[length];
        System.arraycopy(head, 0, packet, 0, headLength);
        readFully(in, packet, headLength, length - headLength);
        return packet;
    }

    /** The stream ended inside a packet: the bytes read of it, its signature first. */
    private static final class TornPacket extends EOFException {
        private final transient byte[] read;

        TornPacket(byte[] read) {
            super("the stream ends inside a packet");
            this.read = read;
        }
    }

    /** Reads {@code length} bytes into {@code into} at {@code offset}, the packet's bytes before it kept. */
    private static void readFully(InputStream in, byte[] into, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(into, offset + done, length - done);
            if (n < 0) {
                throw new TornPacket(java.util.Arrays.copyOf(into, offset + done));
            }
            done += n;
        }
    }

    /** Whether a whole, well-formed v2 packet (its checksum right) starts at {@code at} in {@code bytes}. */
    static boolean packetAt(byte[] bytes, int at) {
        if (at + 4 > bytes.length || (bytes[at] & 0xFF) != SIGNATURE || (bytes[at + 1] & 0xF0) >>> 4 != VERSION_2) {
            return false;
        }
        int lengthBytes = 1 + ((bytes[at + 3] & 0xC0) >>> 6);
        if (lengthBytes > 3 || at + 3 + lengthBytes > bytes.length) {
            return false;
        }
        int length = bytes[at + 3] & 0x3F;
        for (int i = 1; i < lengthBytes; i++) {
            length = (length << 8) | (bytes[at + 3 + i] & 0xFF);
        }
        return length >= 3 + lengthBytes + 4
                && at + length <= bytes.length
                && parse(java.util.Arrays.copyOfRange(bytes, at, at + length)) != null;
    }

    /** A packet's fields this reader needs. */
    private record Packet(int status, String testId, Instant time) {}

    /** The packet's fields, or null when its checksum, version or fields are wrong. */
    private static Packet parse(byte[] packet) {
        int end = packet.length - 4;
        CRC32 crc = new CRC32();
        crc.update(packet, 0, end);
        long stored = ((packet[end] & 0xFFL) << 24)
                | ((packet[end + 1] & 0xFFL) << 16)
                | ((packet[end + 2] & 0xFFL) << 8)
                | (packet[end + 3] & 0xFFL);
        if (crc.getValue() != stored) {
            return null;
        }
        int flags = ((packet[1] & 0xFF) << 8) | (packet[2] & 0xFF);
        if ((flags >>> 12) != VERSION_2) {
            return null;
        }
        Cursor at = new Cursor(packet, 3 + 1 + ((packet[3] & 0xC0) >>> 6), end);
        try {
            Instant time = null;
            if ((flags & FLAG_TIMESTAMP) != 0) {
                long seconds = at.u32();
                long nanos = at.varint();
                time = Instant.ofEpochSecond(seconds, Math.min(nanos, 999_999_999L));
            }
            String testId = (flags & FLAG_TEST_ID) != 0 ? at.utf8() : null;
            if ((flags & FLAG_TAGS) != 0) {
                long tags = at.varint();
                for (long i = 0; i < tags; i++) {
                    at.utf8();
                }
            }
            if ((flags & FLAG_MIME_TYPE) != 0) {
                at.utf8();
            }
            if ((flags & FLAG_FILE_CONTENT) != 0) {
                at.utf8();
                at.skip(at.varint());
            }
            if ((flags & FLAG_ROUTE_CODE) != 0) {
                at.utf8();
            }
            return new Packet(flags & 0x7, testId, time);
        } catch (IndexOutOfBoundsException e) {
            return null; // a field runs past the packet
        }
    }

    /** Reads fields from a packet's bytes. */
    private static final class Cursor {
        private final byte[] bytes;
        private final int end;
        private int at;

        Cursor(byte[] bytes, int at, int end) {
            this.bytes = bytes;
            this.at = at;
            this.end = end;
        }

        private int next() {
            if (at >= end) {
                throw new IndexOutOfBoundsException(at);
            }
            return bytes[at++] & 0xFF;
        }

        long u32() {
            return ((long) next() << 24) | ((long) next() << 16) | ((long) next() << 8) | next();
        }

        /** Subunit's number: the first byte's top two bits say how many bytes follow (0 to 3). */
        long varint() {
            int first = next();
            long value = first & 0x3F;
            int more = first >>> 6;
            for (int i = 0; i < more; i++) {
                value = (value << 8) | next();
            }
            return value;
        }

        String utf8() {
            long length = varint();
            skipCheck(length);
            String text = new String(bytes, at, (int) length, StandardCharsets.UTF_8);
            at += (int) length;
            return text;
        }

        void skip(long length) {
            skipCheck(length);
            at += (int) length;
        }

        private void skipCheck(long length) {
            if (length < 0 || at + length > end) {
                throw new IndexOutOfBoundsException((int) Math.min(Integer.MAX_VALUE, at + length));
            }
        }
    }
}
