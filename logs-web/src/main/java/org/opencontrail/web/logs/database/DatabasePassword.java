package org.opencontrail.web.logs.database;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.opencontrail.web.shared.io.ChangingFile;
import org.opencontrail.web.shared.io.SecretFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The builds database's password from a file ({@code logs.database-password-file}), as every secret
 * of the suite: read when the pool is made, and read again when the file changes (a rotated
 * Kubernetes Secret), the pool's new connections then logging in with the new one.
 */
@Singleton
@Requires(property = "logs.database-password-file", pattern = ".+")
final class DatabasePassword implements BeanCreatedEventListener<DatasourceConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabasePassword.class);

    private final ChangingFile<String> file;
    private final Provider<DataSource> dataSource;
    private final DataSourceResolver resolver;
    private volatile String current;

    DatabasePassword(
            @Value("${logs.database-password-file}") String path,
            Provider<DataSource> dataSource,
            DataSourceResolver resolver) {
        this.file = new ChangingFile<>(Path.of(path), SecretFiles::read);
        this.dataSource = dataSource;
        this.resolver = resolver;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        if ("default".equals(config.getName())) {
            try {
                current = file.get();
            } catch (IOException e) {
                throw new UncheckedIOException("the builds database's password file " + file.path(), e);
            }
            config.setPassword(current);
        }
        return config;
    }

    /** The file looked at again; a new password goes to the pool for the connections it makes next. */
    @Scheduled(fixedDelay = "30s", initialDelay = "30s")
    void reread() {
        try {
            String now = file.get();
            if (!now.equals(current)) {
                HikariDataSource pool = resolver.resolve(dataSource.get()).unwrap(HikariDataSource.class);
                pool.getHikariConfigMXBean().setPassword(now);
                current = now;
                LOG.info("The builds database's password changed in {}: new connections use it", file.path());
            }
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.warn("The builds database's password file {} could not be read again: {}", file.path(), e.toString());
        }
    }
}
