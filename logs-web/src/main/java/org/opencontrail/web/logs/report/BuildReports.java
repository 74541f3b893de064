package org.opencontrail.web.logs.report;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.logs.store.StoredObject;

/**
 * The report of a stored build, from the {@code job-output.json} (or {@code .json.gz}) at its root,
 * read at most {@value #MAX_BYTES} bytes of it; the last few are kept in memory by key and size, so a
 * build's page read again does not read its file again.
 */
@Singleton
public final class BuildReports {

    /** Bytes of a job-output.json read at most: the rest of a bigger one is said to be there. */
    public static final long MAX_BYTES = 64L << 20;

    private static final List<String> NAMES = List.of("job-output.json", "job-output.json.gz");

    private final LogStore store;
    private final Cache<String, BuildReport> reports =
            Caffeine.newBuilder().maximumSize(64).build();

    BuildReports(LogStore store) {
        this.store = store;
    }

    /** The report of the build whose folder is {@code root} (with or without its trailing slash); none without the file. */
    public Optional<BuildReport> of(String root) throws IOException {
        String folder = root.endsWith("/") ? root : root + "/";
        for (String name : NAMES) {
            Optional<StoredObject> object = store.head(folder + name);
            if (object.isPresent()) {
                String key = object.get().key() + "@" + object.get().size();
                BuildReport known = reports.getIfPresent(key);
                if (known != null) {
                    return Optional.of(known);
                }
                Optional<InputStream> in = store.open(object.get().key());
                if (in.isEmpty()) {
                    return Optional.empty();
                }
                BuildReport report;
                try (InputStream stream = inflated(in.get())) {
                    report = BuildReport.of(JobOutput.read(stream, MAX_BYTES));
                } catch (IOException e) { // a .gz that is not gzip, a store failing mid-way: said on the page
                    report = BuildReport.of(
                            new JobOutput.Read(List.of(), List.of(name + " cannot be read: " + e.getMessage())));
                }
                reports.put(key, report);
                return Optional.of(report);
            }
        }
        return Optional.empty();
    }

    /** The file's text, inflated when it was gzip as written ({@code .json.gz}). */
    public static InputStream inflated(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered) : buffered;
    }
}
