package org.opencontrail.web.deploy.sandbox.ci;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real unit-test runs for the sandbox's unit-test builds: Debian's stestr runs a small real suite
 * (sandbox/unittests: passing, skipped, expected-failure and slow tests, one broken by a failed build's
 * change, one that flips like a race) and its stream ({@code stestr last --subunit}), JUnit XML
 * ({@code subunit2junitxml}) and console are what the build publishes. Runs are made ahead on a
 * thread of their own, a few passing and a few failing, so that the simulation never waits for
 * Python; a build that finds none ready publishes none. Without stestr (not a Debian machine), no
 * build publishes test results, and the sandbox says so once.
 */
public final class SandboxTestRuns implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxTestRuns.class);

    /** The suite's files, copied out of the jar to a folder stestr can run in. */
    private static final List<String> SUITE = List.of(
            ".stestr.conf",
            "contrail_sandbox/__init__.py",
            "contrail_sandbox/tests/__init__.py",
            "contrail_sandbox/tests/test_config.py");
    /** Runs kept ready of each kind. */
    private static final int READY = 2;
    /** Runs kept in stestr's repository before it is made anew. */
    private static final int KEPT_RUNS = 50;

    /**
     * One run.
     *
     * @param subunit its subunit v2 stream
     * @param junit   its JUnit XML
     * @param console the lines stestr printed
     */
    @SuppressWarnings("ArrayRecordComponent") // bytes written to files, never compared
    public record Run(byte[] subunit, byte[] junit, List<String> console) {}

    private final Path work;
    private final BlockingQueue<Run> passing = new ArrayBlockingQueue<>(READY);
    private final BlockingQueue<Run> failing = new ArrayBlockingQueue<>(READY);
    private final Random random;
    private final Thread maker;
    private volatile boolean running = true;
    private int runs;

    public SandboxTestRuns(Path work, long seed) {
        this.work = work;
        this.random = new Random(seed);
        this.maker = new Thread(this::make, "sandbox-test-runs");
        maker.setDaemon(true);
    }

    /** Whether the build's job runs unit tests. */
    public static boolean runsUnitTests(String job) {
        return job.contains("unittest") || job.contains("-ut-");
    }

    /** Starts making runs, when stestr is here. */
    public void start() {
        if (!Files.isExecutable(Path.of("/usr/bin/stestr"))
                || !Files.isExecutable(Path.of("/usr/bin/subunit2junitxml"))) {
            LOG.warn("stestr or subunit2junitxml is not installed (Debian: python3-stestr, subunit, python3-junitxml):"
                    + " the sandbox's unit-test builds publish no test results");
            return;
        }
        try {
            Files.createDirectories(work);
            for (String file : SUITE) {
                Path target = work.resolve(file);
                Files.createDirectories(target.getParent());
                try (InputStream in = SandboxTestRuns.class.getResourceAsStream("/sandbox/unittests/" + file)) {
                    Files.write(target, in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        maker.start();
    }

    /** A ready run whose tests passed, or one where some failed; empty when none is ready yet. */
    public Optional<Run> take(boolean failed) {
        return Optional.ofNullable((failed ? failing : passing).poll());
    }

    private void make() {
        while (running) {
            try {
                if (passing.remainingCapacity() > 0) {
                    passing.put(run(false, false));
                } else if (failing.remainingCapacity() > 0) {
                    // a failed build broke the code, or lost the race the flaky test runs
                    boolean broken = random.nextBoolean();
                    failing.put(run(broken, !broken || random.nextInt(3) == 0));
                } else {
                    TimeUnit.MILLISECONDS.sleep(500);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("A sandbox test run failed, tried again in a minute: {}", e.toString());
                try {
                    TimeUnit.MINUTES.sleep(1);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Run run(boolean broken, boolean flip) throws IOException, InterruptedException {
        if (runs++ % KEPT_RUNS == 0) {
            delete(work.resolve(".stestr"));
            exec(null, Map.of(), "stestr", "init");
        }
        Map<String, String> environment =
                Map.of("SANDBOX_BROKEN", broken ? "1" : "0", "SANDBOX_FLIP", flip ? "1" : "0");
        String console = new String(exec(null, environment, "stestr", "run"), StandardCharsets.UTF_8);
        byte[] subunit = exec(null, Map.of(), "stestr", "last", "--subunit");
        byte[] junit = exec(subunit, Map.of(), "subunit2junitxml");
        List<String> lines = console.lines()
                .filter(l -> l.startsWith("{") || l.startsWith("Totals") || l.startsWith(" - ") || l.startsWith("=="))
                .toList();
        return new Run(subunit, junit, lines);
    }

    private byte[] exec(byte[] input, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(work.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            if (input != null) {
                in.write(input);
            }
        }
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not end in two minutes");
        }
        return out;
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        maker.interrupt();
    }
}
