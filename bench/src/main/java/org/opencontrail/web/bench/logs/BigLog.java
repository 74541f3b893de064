package org.opencontrail.web.bench.logs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The big log: real oslo logs one after another until the size is reached; and its split into builds for ingest. */
public final class BigLog {
    private static final List<String> PARTS = List.of(
            "openstack-os-loganalyze/screen-n-api.txt.gz",
            "openstack-os-loganalyze/screen-q-svc.txt.gz",
            "openstack-os-loganalyze/screen-c-api.txt",
            "openstack-os-loganalyze/screen-neutron-l3.txt.gz");

    public static long write(Path fixtures, Path file, long target) throws IOException {
        Files.createDirectories(file.getParent());
        List<byte[]> parts = new ArrayList<>();
        for (String part : PARTS) {
            try (InputStream in = part.endsWith(".gz")
                    ? new GZIPInputStream(Files.newInputStream(fixtures.resolve(part)))
                    : Files.newInputStream(fixtures.resolve(part))) {
                parts.add(in.readAllBytes());
            }
        }
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; written < target; i++) {
                byte[] part = parts.get(i % parts.size());
                out.write(part);
                written += part.length;
            }
        }
        return written;
    }

    /** Writes {@code builds} builds of equal slices of the big log, each with a manifest; the size of one. */
    public static long split(Path big, Path served, int builds) throws IOException {
        long size = Files.size(big);
        long slice = size / builds;
        try (InputStream in = Files.newInputStream(big)) {
            for (int i = 0; i < builds; i++) {
                Path build = served.resolve("build-" + i);
                Files.createDirectories(build);
                try (OutputStream out = Files.newOutputStream(build.resolve("job-output.txt"))) {
                    out.write(in.readNBytes((int) slice));
                }
                Files.writeString(
                        build.resolve("zuul-manifest.json"),
                        "{\"tree\": [{\"name\": \"job-output.txt\"}]}",
                        StandardCharsets.UTF_8);
            }
        }
        return slice;
    }
}
