package org.opencontrail.web.logs.store;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Turns an incoming file into what the stores keep: gzip bytes in a temporary file (synced to
 * disk), and the size the file has inflated. Gzip input is kept as it came, after inflating it
 * once to measure and check it, so a corrupt or hostile archive is refused before it is stored.
 */
final class GzipSpool {

    /**
     * The spooled file.
     *
     * @param file       the gzip bytes
     * @param size       inflated size
     * @param storedSize gzip size
     */
    record Spooled(Path file, long size, long storedSize) {}

    private final StoreLimits limits;

    GzipSpool(StoreLimits limits) {
        this.limits = limits;
    }

    Spooled spool(InputStream content, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path file = Files.createTempFile(folder, "spool-", ".gz");
        try {
            BufferedInputStream in = new BufferedInputStream(content, 64 * 1024);
            long size = isGzip(in) ? copyGzip(in, file) : compress(in, file);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            return new Spooled(file, size, Files.size(file));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }

    private long compress(InputStream in, Path file) throws IOException {
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                size += n;
                if (size > limits.maxFileBytes()) {
                    throw new StoreLimitException("file larger than " + limits.maxFileBytes() + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        return size;
    }

    private long copyGzip(InputStream in, Path file) throws IOException {
        Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        long stored = Files.size(file);
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream inflated = new GZIPInputStream(Files.newInputStream(file), 64 * 1024)) {
            int n;
            while ((n = inflated.read(buffer)) > 0) {
                size += n;
                if (size > limits.maxFileBytes()) {
                    throw new StoreLimitException("gzip file inflates past " + limits.maxFileBytes() + " bytes");
                }
                if (size > limits.ratioCheckAboveBytes() && size > stored * limits.maxRatio()) {
                    throw new StoreLimitException("gzip file of " + stored + " bytes inflates more than "
                            + limits.maxRatio() + " times (past " + size + " bytes): refused as a gzip bomb");
                }
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new IOException("not a whole gzip file: " + e.getMessage(), e);
        }
        return size;
    }
}
