package org.opencontrail.web.git.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real git client, run in a folder: what a developer's clone does. */
public final class GitCli {

    /**
     * What a run printed and how it ended.
     *
     * @param exit   its exit code
     * @param output stdout and stderr together
     */
    public record Run(int exit, String output) {
        public Run ok() {
            if (exit != 0) {
                throw new AssertionError("git failed (" + exit + "):\n" + output);
            }
            return this;
        }
    }

    private GitCli() {}

    public static Run run(Path dir, String... args) {
        return run(dir, java.util.Map.of(), args);
    }

    /** Runs git with these environment variables set too. */
    public static Run run(Path dir, java.util.Map<String, String> env, String... args) {
        List<String> command =
                new ArrayList<>(List.of("git", "-c", "advice.detachedHead=false", "-c", "init.defaultBranch=master"));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("git " + String.join(" ", args) + " did not end");
            }
            return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run git", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
