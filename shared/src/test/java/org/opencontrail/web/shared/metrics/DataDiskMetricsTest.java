package org.opencontrail.web.shared.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDiskMetricsTest {

    @TempDir
    Path data;

    @Test
    void theWorkingFolderAndEachConfiguredFolderHaveTheirFreeAndTotalSpace() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new DataDiskMetrics(List.of(data.toString(), "")).bindTo(registry);
        String working = Path.of("").toAbsolutePath().toString();
        for (String path : List.of(working, data.toString())) {
            assertThat(registry.get("disk.free").tag("path", path).gauge().value())
                    .as(path)
                    .isPositive();
            assertThat(registry.get("disk.total").tag("path", path).gauge().value())
                    .as(path)
                    .isPositive();
        }
    }
}
