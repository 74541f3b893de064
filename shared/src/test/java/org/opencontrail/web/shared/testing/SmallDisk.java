package org.opencontrail.web.shared.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real file system of a few megabytes (a tmpfs mounted for the test) that a test fills to the
 * last byte and frees again, to see what an app does when its disk is full. Mounting needs root
 * and the right to mount, as the suite's CI has; {@link #available()} says whether this machine
 * lets the test mount (where it does not, the full-disk tests are skipped, and say so).
 */
public final class SmallDisk implements AutoCloseable {

    private final Path mountPoint;
    private final Path filler;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve(".filler");
    }

    /** True when this process may mount file systems: it tries, with a disk of one megabyte. */
    public static boolean available() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        try {
            Path probe = Files.createTempDirectory("small-disk-probe");
            try {
                mount(probe, 1).close();
                return true;
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            return false; // a container without the right to mount
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Mounts a tmpfs of {@code megabytes} at {@code mountPoint} (created when missing). */
    public static SmallDisk mount(Path mountPoint, int megabytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", mountPoint.toString());
        return new SmallDisk(mountPoint);
    }

    public Path root() {
        return mountPoint;
    }

    /** Writes until the file system refuses: every later write fails with "No space left on device". */
    public void fill() throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        // the last partial block may have left a few bytes: take them too
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            for (int i = 0; i < 4096; i++) {
                out.write(0);
                out.flush();
            }
        } catch (IOException full) {
            // full to the byte
        }
    }

    /** Gives back what {@link #fill()} took. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", mountPoint.toString());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + said.strip());
        }
    }
}
