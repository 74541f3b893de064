package org.opencontrail.web.shared.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.DiskSpaceMetrics;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Free and total space ({@code disk_free_bytes}, {@code disk_total_bytes}, by {@code path}) of the
 * folders an app writes: its working folder and those its configuration names in
 * {@code suite.disk-paths} (logs-web's store and index, git-web's mirrors), for the "disk nearly
 * full" alert before a full disk stops indexing or fetching.
 */
@Singleton
final class DataDiskMetrics implements MeterBinder {

    private final Set<Path> paths = new LinkedHashSet<>();

    DataDiskMetrics(@Value("${suite.disk-paths:}") List<String> configured) {
        paths.add(Path.of("").toAbsolutePath());
        configured.stream()
                .filter(p -> !p.isBlank())
                .map(p -> Path.of(p).toAbsolutePath().normalize())
                .forEach(paths::add);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Path path : paths) {
            new DiskSpaceMetrics(new File(path.toString())).bindTo(registry);
        }
    }
}
