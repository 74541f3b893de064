package org.opencontrail.web.logs.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.jdbc.DataSourceResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builds database's password is a file, as every secret: read when the pool is made, and read
 * again when it changes, the pool's next connections logging in with the new one.
 */
class DatabasePasswordTest {

    @TempDir
    Path temp;

    @Test
    void thePasswordComesFromItsFileAndARotatedOneReachesTheNextConnections() throws Exception {
        String url = "jdbc:h2:file:" + temp.resolve("builds") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (Connection owner = DriverManager.getConnection(url, "builds", "first-password")) {
            // made with its user and password, as a database an operator hands over
        }
        Path file = temp.resolve("password");
        Files.writeString(file, "first-password\n");
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "logs.dir",
                temp.resolve("logs").toString(),
                "datasources.default.url",
                url,
                "datasources.default.username",
                "builds",
                "logs.database-password-file",
                file.toString()))) {
            // the pool itself, not the bean that lends a transaction's connection
            DataSource dataSource =
                    context.getBean(DataSourceResolver.class).resolve(context.getBean(DataSource.class));
            assertThat(count(dataSource)).isZero(); // the schema was made with it: Flyway logged in

            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("ALTER USER builds SET PASSWORD 'second-password'");
            }
            Files.writeString(file, "second-password\n");
            HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
            pool.getHikariPoolMXBean().softEvictConnections();
            context.getBean(DatabasePassword.class).reread();
            assertThat(count(dataSource))
                    .as("a new connection, with the new password")
                    .isZero();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url, "builds", "first-password")
                        .close())
                .isInstanceOf(SQLException.class);
    }

    private static int count(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT COUNT(*) FROM builds")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
