package org.opencontrail.web.logs.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.opencontrail.web.fixtures.PostgresServer;

/**
 * One PostgreSQL server for every test of this module that needs one, started at the first that
 * asks and stopped when the tests' JVM ends; each test class takes a database of its own.
 */
public final class OnePostgres {

    private OnePostgres() {}

    private static final class Server {
        static final PostgresServer SERVER = start();

        private static PostgresServer start() {
            try {
                PostgresServer server = PostgresServer.start();
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-stop"));
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The settings of logs-web's datasource on a new database of that name. */
    public static Map<String, Object> datasource(String database) {
        try {
            Server.SERVER.createDatabase(database);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Map.of(
                "datasources.default.url",
                Server.SERVER.jdbcUrl(database),
                "datasources.default.username",
                PostgresServer.USER,
                "datasources.default.password",
                "");
    }
}
