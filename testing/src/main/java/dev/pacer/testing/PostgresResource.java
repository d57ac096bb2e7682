package dev.pacer.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real PostgreSQL server for {@code @QuarkusTest}s, with a test database created if missing.
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
 * class MetricCatalogueTest { ... }
 * }</pre>
 *
 * Server from {@code PACER_DB_HOST} (127.0.0.1), {@code PACER_DB_PORT} (5432), {@code PACER_DB_USER}
 * (postgres), {@code PACER_DB_PASSWORD} (empty). Database: the init argument {@code database}
 * ({@code initArgs = @ResourceArg(name = "database", value = "pacer_goal_test")}), else
 * {@code PACER_TEST_DB}, else {@code pacer_test}. Concurrent JVMs creating the same database are fine.
 *
 * <p>Config returned: {@code quarkus.datasource.jdbc.url}, {@code quarkus.datasource.username},
 * {@code quarkus.datasource.password}.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String DUPLICATE_DATABASE = "42P04";
    /** Two concurrent CREATE DATABASE of one name can also collide on pg_database's unique index. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String CONNECTION_FAILURE_CLASS = "08";

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
    }

    @Override
    public Map<String, String> start() {
        String host = env("PACER_DB_HOST", "127.0.0.1");
        String port = env("PACER_DB_PORT", "5432");
        String user = env("PACER_DB_USER", "postgres");
        String password = env("PACER_DB_PASSWORD", "");
        String db = database != null ? database : env("PACER_TEST_DB", "pacer_test");
        if (!DATABASE_NAME.matcher(db).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + db);
        }
        String server = "jdbc:postgresql://" + host + ":" + port + "/";
        createDatabaseIfMissing(server, host, port, user, password, db);
        return Map.of(
                "quarkus.datasource.jdbc.url", server + db,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password);
    }

    @Override
    public void stop() {
        // the database is kept: migrations and tests make their own data
    }

    static void createDatabaseIfMissing(String server, String host, String port, String user,
            String password, String db) {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "5");
        // the driver directly, not DriverManager: Quarkus tests run in their own class loaders
        try (Connection c = new org.postgresql.Driver().connect(server + "postgres", props)) {
            if (exists(c, db)) {
                return;
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE \"" + db + "\"");
            } catch (SQLException e) {
                if (!DUPLICATE_DATABASE.equals(e.getSQLState()) && !UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            String state = e.getSQLState();
            if (state != null && state.startsWith(CONNECTION_FAILURE_CLASS)) {
                throw new IllegalStateException("PostgreSQL is not answering at " + host + ":" + port
                        + " (" + e.getMessage() + "): start it with `pg_ctlcluster 15 main start`"
                        + " or point PACER_DB_HOST/PACER_DB_PORT at one", e);
            }
            throw new IllegalStateException("Could not create test database " + db + " at " + host + ":" + port
                    + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c, String db) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
