package org.opencontrail.web.logs.report;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.opencontrail.web.logs.store.LogStore;
import org.opencontrail.web.logs.store.StoredObject;

/**
 * The report of a stored build, from the {@code job-output.json} (or {@code .json.gz}) at its root,
 * read at most {@value #MAX_BYTES} bytes of it; the last few are kept in memory by key and size.
 */
@Singleton
public final class BuildReports {

    /** Bytes of a job-output.json read at most: the rest of a bigger one is said to be there. */
    public static final long MAX_BYTES = 64L << 20;

    private final RootFiles<BuildReport> reports;

    BuildReports(LogStore store) {
        this.reports = new RootFiles<>(store, List.of("job-output.json", "job-output.json.gz"), BuildReports::read);
    }

    /** The report of the build whose folder is {@code root} (with or without its trailing slash); none without the file. */
    public Optional<BuildReport> of(String root) throws IOException {
        return reports.of(root);
    }

    private static BuildReport read(String name, StoredObject object, InputStream in) {
        try (InputStream stream = RootFiles.inflated(in)) {
            return BuildReport.of(JobOutput.read(stream, MAX_BYTES));
        } catch (IOException e) { // a .gz that is not gzip, a store failing mid-way: said on the page
            return BuildReport.of(new JobOutput.Read(List.of(), List.of(name + " cannot be read: " + e.getMessage())));
        }
    }

    /** The file's text, inflated when it was gzip as written ({@code .json.gz}). */
    public static InputStream inflated(InputStream in) throws IOException {
        return RootFiles.inflated(in);
    }
}
