package org.opencontrail.web.logs.testruns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.CRC32;

/** Writes subunit v2 packets as the protocol describes them, for streams no runner would make. */
final class SubunitPackets {

    static final int INPROGRESS = 2;
    static final int SUCCESS = 3;
    static final int FAIL = 6;

    private SubunitPackets() {}

    /** One packet: a test's status at a time. */
    static byte[] packet(String testId, int status, Instant time) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int flags = 0x2000 | 0x0800 | 0x0200 | status;
        long seconds = time.getEpochSecond();
        body.write((int) (seconds >>> 24));
        body.write((int) (seconds >>> 16));
        body.write((int) (seconds >>> 8));
        body.write((int) seconds);
        writeNumber(body, time.getNano());
        byte[] id = testId.getBytes(StandardCharsets.UTF_8);
        writeNumber(body, id.length);
        body.write(id, 0, id.length);
        byte[] fields = body.toByteArray();
        // signature, flags, length (as many bytes as it needs, counting itself), fields, CRC32
        int length = 1 + 2 + 1 + fields.length + 4;
        int lengthBytes = length < 64 ? 1 : length + 1 < 16384 ? 2 : 3;
        length = 1 + 2 + lengthBytes + fields.length + 4;
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0xB3);
        packet.write(flags >>> 8);
        packet.write(flags & 0xFF);
        writeSized(packet, length, lengthBytes);
        packet.write(fields, 0, fields.length);
        CRC32 crc = new CRC32();
        crc.update(packet.toByteArray());
        long value = crc.getValue();
        packet.write((int) (value >>> 24));
        packet.write((int) (value >>> 16));
        packet.write((int) (value >>> 8));
        packet.write((int) value);
        return packet.toByteArray();
    }

    /** A test's two packets: in progress at {@code start}, then its end. */
    static byte[] test(String testId, int status, Instant start, Instant stop) {
        byte[] first = packet(testId, INPROGRESS, start);
        byte[] second = packet(testId, status, stop);
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static void writeNumber(ByteArrayOutputStream out, long value) {
        int bytes = value < 0x40 ? 1 : value < 0x4000 ? 2 : value < 0x400000 ? 3 : 4;
        writeSized(out, value, bytes);
    }

    private static void writeSized(ByteArrayOutputStream out, long value, int bytes) {
        long tagged = value | ((long) (bytes - 1) << (8 * bytes - 2));
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (tagged >>> (8 * i)) & 0xFF);
        }
    }
}
