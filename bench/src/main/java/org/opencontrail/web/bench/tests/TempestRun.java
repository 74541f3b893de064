package org.opencontrail.web.bench.tests;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.opencontrail.web.fixtures.SubunitPackets;

/**
 * A tempest-sized run drawn from a seed: 1,500 tests with tempest's ids ({@code
 * tempest.api.AREA.test_MODULE.ClassTest.test_NAME[id-UUID,smoke]}), about 1 in 30 skipped and a
 * few failing, each running from milliseconds to tens of seconds; written as the subunit v2 stream
 * stestr would keep.
 */
final class TempestRun {

    static final int TESTS = 1500;
    private static final String[] AREAS = {"compute", "network", "volume", "identity", "image", "object_storage"};

    private TempestRun() {}

    /** The same {@code count} test ids for every run of the benchmark. */
    static List<String> ids(int count) {
        Random random = new Random(1500);
        HexFormat hex = HexFormat.of();
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String area = AREAS[i % AREAS.length];
            byte[] uuid = new byte[16];
            random.nextBytes(uuid);
            String id = hex.formatHex(uuid);
            ids.add("tempest.api." + area + ".test_" + area + "_" + (i / 40) + "." + capital(area) + (i / 8)
                    + "Test.test_operation_" + i + "[id-" + id.substring(0, 8) + "-" + id.substring(8, 12) + "-"
                    + id.substring(12, 16) + "-" + id.substring(16, 20) + "-" + id.substring(20)
                    + (i % 5 == 0 ? ",smoke" : "") + "]");
        }
        return ids;
    }

    private static String capital(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1).replace("_", "");
    }

    /** One run's stream: tests one after another from {@code start}, the seed choosing times and failures. */
    static byte[] stream(List<String> ids, Instant start, long seed) {
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.size() * 160);
        Instant at = start;
        for (String id : ids) {
            int status = random.nextInt(30) == 0
                    ? 5 // skip
                    : random.nextInt(400) == 0 ? SubunitPackets.FAIL : SubunitPackets.SUCCESS;
            long millis = (long) Math.min(60_000, Math.exp(random.nextGaussian() * 1.5 + 6));
            Instant end = at.plusMillis(millis);
            out.writeBytes(SubunitPackets.test(id, status, at, end));
            at = end;
        }
        return out.toByteArray();
    }
}
