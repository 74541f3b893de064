package org.opencontrail.web.logs.database;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.opencontrail.web.logs.store.LogsSettings;

/**
 * The builds database when no {@code datasources.default.url} names one: H2 in a file under
 * {@code logs.dir} ({@code database/builds.mv.db}). H2 refuses a path relative to the working directory
 * in its URL, and {@code logs.dir} may be one, so the URL is made here from the absolute path.
 */
@Singleton
final class EmbeddedDatabase implements BeanCreatedEventListener<DatasourceConfiguration> {

    private final LogsSettings settings;
    private final boolean urlConfigured;

    EmbeddedDatabase(LogsSettings settings, @Property(name = "datasources.default.url") @Nullable String url) {
        this.settings = settings;
        this.urlConfigured = url != null && !url.isBlank();
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        // the pool's own default (an H2 in memory) is set by now: what the operator set is asked instead
        if ("default".equals(config.getName()) && !urlConfigured) {
            config.setUrl(url(Path.of(settings.dir())));
            config.setDriverClassName("org.h2.Driver");
            config.setUsername("sa");
            config.setPassword("");
        }
        return config;
    }

    /** H2 in a file, many connections at once, waiting for a lock rather than failing at once. */
    static String url(Path logsDir) {
        return "jdbc:h2:file:"
                + logsDir.toAbsolutePath().normalize().resolve("database").resolve("builds")
                + ";LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";
    }
}
