package org.opencontrail.web.bench.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Load from wrk (Debian's package): requests per second and the median latency of one URL. */
final class Wrk {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P50 = Pattern.compile("^\\s+50%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    /**
     * What wrk measured.
     *
     * @param perSecond requests per second
     * @param p50Millis median latency
     * @param errors    answers that were not 2xx or 3xx
     */
    record Result(double perSecond, double p50Millis, long errors) {}

    private final int connections;
    private final int seconds;

    Wrk(int connections, int seconds) {
        this.connections = connections;
        this.seconds = seconds;
    }

    Result run(String url) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", url));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("wrk failed on " + url + ":\n" + output);
        }
        Matcher rate = RATE.matcher(output);
        Matcher p50 = P50.matcher(output);
        if (!rate.find() || !p50.find()) {
            throw new IOException("cannot read wrk's output:\n" + output);
        }
        double value = Double.parseDouble(p50.group(1));
        double millis = switch (p50.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
        Matcher errors = ERRORS.matcher(output);
        return new Result(
                Double.parseDouble(rate.group(1)), millis, errors.find() ? Long.parseLong(errors.group(1)) : 0);
    }
}
