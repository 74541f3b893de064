package org.opencontrail.web.deploy.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.opencontrail.web.shared.testing.Tool;

/**
 * Podman on a test machine with no registry: a JRE base image made from Debian's packages (with
 * mosquitto for the broker), and runc through a wrapper that drops the rlimits the machine refuses.
 */
final class LocalPodman {

    /** The base the tests build the suite's images on: Debian's JRE 17, mosquitto and ca-certificates. */
    static final String BASE = "localhost/opencontrail/test-base:bookworm";

    private final Path runtime;
    private final Path hostNetworkPodman;

    private LocalPodman(Path runtime, Path hostNetworkPodman) {
        this.runtime = runtime;
        this.hostNetworkPodman = hostNetworkPodman;
    }

    /** Podman ready to run containers, with the base image made once per machine. */
    static LocalPodman prepare(Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        LocalPodman podman = new LocalPodman(script(work, "runc-without-rlimits"), script(work, "podman-host-network"));
        if (podman.run("image", "exists", BASE).exitCode() != 0) {
            makeBase(work.resolve("base-root"));
        }
        return podman;
    }

    private static Path script(Path work, String name) throws IOException {
        Path file = work.resolve(name);
        try (InputStream script = LocalPodman.class.getResourceAsStream("/container/" + name)) {
            Files.write(file, script.readAllBytes());
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** podman-compose on this machine's podman, with the given compose arguments. */
    Tool compose(Duration limit, Map<String, String> environment, String project, Path file, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "podman-compose",
                "--podman-path",
                hostNetworkPodman.toString(),
                "--podman-args=--runtime=" + runtime,
                "-p",
                project,
                "-f",
                file.toString()));
        command.addAll(List.of(arguments));
        return Tool.run(limit, environment, command);
    }

    private static void makeBase(Path root) throws IOException, InterruptedException {
        Tool.run(
                Duration.ofMinutes(10),
                "debootstrap",
                "--variant=minbase",
                "--include=openjdk-17-jre-headless,ca-certificates,mosquitto",
                "bookworm",
                root.toString(),
                debianMirror());
        Tool.run(
                Duration.ofMinutes(5),
                "bash",
                "-c",
                "tar -C \"$0\" -c . | podman import - \"$1\"",
                root.toString(),
                BASE);
        Tool.run(Duration.ofMinutes(2), "rm", "-rf", root.toString());
    }

    /** The Debian mirror this machine's apt uses: never a host written into the project. */
    static String debianMirror() throws IOException {
        Pattern uris = Pattern.compile("(?m)^URIs:\\s*(\\S+)");
        Pattern deb = Pattern.compile("(?m)^deb\\s+(?:\\[[^]]*]\\s+)?(\\S+)\\s+\\S+\\s+main");
        List<Path> files = new ArrayList<>();
        Path sources = Path.of("/etc/apt/sources.list.d");
        if (Files.isDirectory(sources)) {
            try (Stream<Path> list = Files.list(sources)) {
                list.sorted().forEach(files::add);
            }
        }
        files.add(Path.of("/etc/apt/sources.list"));
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            String text = Files.readString(file);
            for (Pattern pattern : List.of(uris, deb)) {
                Matcher matcher = pattern.matcher(text);
                while (matcher.find()) {
                    if (!matcher.group(1).contains("security")) {
                        return matcher.group(1);
                    }
                }
            }
        }
        throw new IOException("no Debian mirror in this machine's apt configuration");
    }

    /** podman with the wrapper runtime, whatever its exit status. */
    Tool run(String... arguments) throws IOException, InterruptedException {
        return run(Duration.ofMinutes(5), Map.of(), List.of(arguments));
    }

    Tool run(Duration limit, Map<String, String> environment, List<String> arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("podman", "--runtime", runtime.toString()));
        command.addAll(arguments);
        return Tool.run(limit, environment, command);
    }

    /** podman with the wrapper runtime; fails unless it exits 0. */
    String ok(String... arguments) throws IOException, InterruptedException {
        return run(arguments).orFail(arguments).output().strip();
    }

    /** {@code ./suite images} on the local base, as an operator runs it; its output. */
    static String suiteImages(Path root) throws IOException, InterruptedException {
        return Tool.run(
                        Duration.ofMinutes(15),
                        Map.of(
                                "SUITE_RUN_DIR",
                                root.resolve("deploy/target/images-run").toString()),
                        List.of(root.resolve("suite").toString(), "images", "--base", BASE))
                .orFail("./suite images")
                .output();
    }

    /** Removes containers and volumes, ignoring those already gone. */
    void remove(List<String> containers, List<String> volumes) {
        try {
            for (String container : containers) {
                run("rm", "-f", "-t", "5", container);
            }
            for (String volume : volumes) {
                run("volume", "rm", "-f", volume);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
