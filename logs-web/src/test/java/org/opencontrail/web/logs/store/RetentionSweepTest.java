package org.opencontrail.web.logs.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opencontrail.web.fixtures.Http;

/** The app's store is the local folder of {@code logs.dir}, and the sweep removes what outlived {@code logs.retention}. */
@MicronautTest
@Property(name = "logs.retention", value = "30d")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionSweepTest implements TestPropertyProvider {

    private final java.nio.file.Path dir = temporary();

    private static java.nio.file.Path temporary() {
        try {
            return java.nio.file.Files.createTempDirectory("retention-test-logs-data");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public java.util.Map<String, String> getProperties() {
        return java.util.Map.of("logs.dir", dir.toString());
    }

    @Inject
    LogStore store;

    @Inject
    RetentionSweep sweep;

    @Inject
    io.micronaut.runtime.server.EmbeddedServer server;

    @Test
    void healthShowsWhereTheStoreIs() throws Exception {
        var response = Http.at(server.getURL()).get("/health");
        var component = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(response.body())
                .path("details")
                .path("log-store");
        assertThat(component.path("status").asText()).isEqualTo("UP");
        assertThat(component.path("details").path("store").asText())
                .isEqualTo(dir.toAbsolutePath().normalize().toString());
    }

    @Test
    void filesOlderThanTheRetentionAreRemovedAndYoungerOnesKept() throws IOException {

        assertThat(store.describe()).isEqualTo(dir.toAbsolutePath().normalize().toString());
        String key = LogLayout.change(91245, 3, "check", "contrail-vnc-build", "0f1e2d3c") + "job-output.txt";
        store.put(key, new ByteArrayInputStream("done".getBytes()), null);

        assertThat(sweep.sweep(Instant.now().plus(29, ChronoUnit.DAYS))).isZero();
        assertThat(store.head(key)).isPresent();
        assertThat(sweep.sweep(Instant.now().plus(31, ChronoUnit.DAYS))).isEqualTo(1);
        assertThat(store.head(key)).isEmpty();
    }
}
