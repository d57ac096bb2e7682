package dev.pacer.platform.database;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * First thing at start-up: checks that PostgreSQL answers (and says how to start one if it does not), then
 * creates the service's schema if missing and migrates it with Flyway — before any consumer or relay runs.
 */
@Singleton
public class DatabaseStartup {
    private static final Logger LOG = Logger.getLogger(DatabaseStartup.class);

    void migrate(@Observes @Priority(1) StartupEvent event, AgroalDataSource dataSource, Flyway flyway,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url) {
        try (Connection c = dataSource.getConnection()) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new IllegalStateException(notAnswering(url, e), e);
        }
        var result = flyway.migrate();
        LOG.infof("Database schema %s at version %s (%d migrations applied now)",
                String.join(",", flyway.getConfiguration().getSchemas()),
                result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                result.migrationsExecuted);
    }

    static String notAnswering(String url, SQLException e) {
        return "PostgreSQL is not answering at " + url + " (" + e.getMessage() + "). "
                + "Start it with `pg_ctlcluster 15 main start` (Debian) or `pg_ctl start`, or point PACER_DB_URL, "
                + "PACER_DB_USER and PACER_DB_PASSWORD at a running server; `./pacer up` creates the database.";
    }
}
