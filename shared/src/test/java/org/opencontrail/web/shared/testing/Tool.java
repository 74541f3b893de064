package org.opencontrail.web.shared.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An outside program run to its end within a time limit. Its output goes to files, so a program
 * that hangs or writes a lot can never block the test on a full pipe.
 *
 * @param exitCode the program's exit status
 * @param output   what it wrote on its standard output
 * @param errors   what it wrote on its standard error
 */
public record Tool(int exitCode, String output, String errors) {

    /** Runs a program and fails unless it exits 0. */
    public static String run(Duration limit, String... command) throws IOException, InterruptedException {
        return run(limit, Map.of(), List.of(command)).orFail(command).output();
    }

    /** Runs a program with extra environment variables, whatever its exit status. */
    public static Tool run(Duration limit, Map<String, String> environment, List<String> command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("tool", ".out");
        Path err = Files.createTempFile("tool", ".err");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not end within " + limit.toSeconds() + " s: "
                        + tail(Files.readString(out) + Files.readString(err)));
            }
            return new Tool(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** This result, or an exception naming the command and what it printed when it did not exit 0. */
    public Tool orFail(String... command) throws IOException {
        if (exitCode != 0) {
            throw new IOException(String.join(" ", command) + " exited " + exitCode + ": " + tail(output + errors));
        }
        return this;
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }
}
