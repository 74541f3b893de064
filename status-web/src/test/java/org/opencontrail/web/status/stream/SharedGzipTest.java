package org.opencontrail.web.status.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** One compression for every client: each client's bytes decode to exactly its events, wherever it joined. */
class SharedGzipTest {

    private static List<byte[]> events(int count) {
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(("id: " + i + "\nevent: diff\ndata: {\"jobs\":[{\"anchor\":\"item-gate-4870" + (i % 7) + "-j"
                            + (i % 13)
                            + "\",\"html\":\"<li class=\\\"job result-success\\\"><span class=\\\"job-mark\\\">ok</span> <a href=\\\"https://logs"
                            + ".example.org/" + i
                            + "/\\\" class=\\\"job-name\\\">gate-tempest-dsvm-full</a> <span class=\\\"job-result\\\">"
                            + "SUCCESS</span></li>\"}],\"id\":" + i + "}\n\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return events;
    }

    /** What a browser does: checks the gzip header, then inflates every block it got. */
    private static String decode(byte[] stream) throws DataFormatException {
        assertThat(stream[0]).isEqualTo((byte) 0x1f);
        assertThat(stream[1]).isEqualTo((byte) 0x8b);
        assertThat(stream[2]).isEqualTo((byte) 8);
        Inflater inflater = new Inflater(true);
        inflater.setInput(stream, SharedGzip.HEADER.length, stream.length - SharedGzip.HEADER.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = inflater.inflate(buffer)) > 0) {
            out.write(buffer, 0, n);
        }
        assertThat(inflater.finished())
                .as("no block is final: the stream goes on")
                .isFalse();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void clientsJoiningAtAnyEventDecodeExactlyWhatTheyWereSent() throws Exception {
        List<byte[]> events = events(SharedGzip.EPOCH * 3 + 5);
        SharedGzip gzip = new SharedGzip();
        List<SharedGzip.Encoded> encoded = events.stream().map(gzip::encode).toList();

        for (int joined :
                List.of(0, 1, SharedGzip.EPOCH - 1, SharedGzip.EPOCH, SharedGzip.EPOCH + 7, 2 * SharedGzip.EPOCH + 3)) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            StringBuilder expected = new StringBuilder();
            stream.write(SharedGzip.HEADER);
            byte[] opening = ": stream open\n\n".getBytes(StandardCharsets.UTF_8);
            stream.write(SharedGzip.alone(opening));
            expected.append(new String(opening, StandardCharsets.UTF_8));
            boolean synced = false;
            int chainedSent = 0;
            for (int i = joined; i < events.size(); i++) {
                synced = synced || encoded.get(i).epochStart();
                stream.write(synced ? encoded.get(i).chained() : encoded.get(i).alone());
                chainedSent += synced ? 1 : 0;
                if (i % 5 == 0) {
                    stream.write(SharedGzip.KEEPALIVE);
                }
                expected.append(new String(events.get(i), StandardCharsets.UTF_8));
            }
            assertThat(decode(stream.toByteArray())).as("joined at %d", joined).isEqualTo(expected.toString());
            int nextEpoch = (joined + SharedGzip.EPOCH - 1) / SharedGzip.EPOCH * SharedGzip.EPOCH;
            assertThat(chainedSent)
                    .as("joined at %d: in sync from the next epoch on", joined)
                    .isEqualTo(events.size() - nextEpoch);
        }
    }

    @Test
    void theChainedFormCompressesFarBetterThanEventsAlone() {
        SharedGzip gzip = new SharedGzip();
        long alone = 0;
        long chained = 0;
        long raw = 0;
        for (byte[] event : events(SharedGzip.EPOCH * 4)) {
            SharedGzip.Encoded encoded = gzip.encode(event);
            alone += encoded.alone().length;
            chained += encoded.chained().length;
            raw += event.length;
        }
        assertThat(alone).isLessThan(raw);
        assertThat(chained).isLessThan(alone / 2);
    }

    @Test
    void gzipIsTakenWhenNamedAndNotRefused() {
        assertThat(StreamController.acceptsGzip("gzip, deflate, br, zstd")).isTrue();
        assertThat(StreamController.acceptsGzip("deflate, GZIP;q=0.5")).isTrue();
        assertThat(StreamController.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(StreamController.acceptsGzip("gzip; q=0.000")).isFalse();
        assertThat(StreamController.acceptsGzip("identity")).isFalse();
        assertThat(StreamController.acceptsGzip("x-gzip2")).isFalse();
        assertThat(StreamController.acceptsGzip(null)).isFalse();
    }
}
