package dev.pacer.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import dev.pacer.dev.kafka.KafkaBroker;

class PostgresResourceTest {

    @Test
    void createsTheTestDatabaseIfMissingAndReturnsDatasourceConfig() throws Exception {
        String db = "pacer_testing_selftest_" + ProcessHandle.current().pid();
        PostgresResource resource = new PostgresResource();
        resource.init(Map.of("database", db));
        try {
            Map<String, String> config = resource.start();
            assertTrue(config.get("quarkus.datasource.jdbc.url").endsWith("/" + db), config.toString());
            assertEquals(resource.start(), config, "second start finds the database and answers the same");
            try (Connection c = connect(config.get("quarkus.datasource.jdbc.url"), config);
                    ResultSet rs = c.createStatement().executeQuery("SELECT current_database()")) {
                rs.next();
                assertEquals(db, rs.getString(1));
            }
        } finally {
            String maintenance = resource.start().get("quarkus.datasource.jdbc.url").replace("/" + db, "/postgres");
            try (Connection c = connect(maintenance, resource.start()); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS \"" + db + "\"");
            }
        }
    }

    @Test
    void saysHowToStartPostgresWhenNothingAnswers() {
        int closedPort = KafkaBroker.freePort();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PostgresResource.createDatabaseIfMissing(
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/", "127.0.0.1", String.valueOf(closedPort),
                "postgres", "", "pacer_test"));
        assertTrue(e.getMessage().startsWith("PostgreSQL is not answering at 127.0.0.1:" + closedPort), e.getMessage());
        assertTrue(e.getMessage().contains("pg_ctlcluster 15 main start"), e.getMessage());
    }

    private static Connection connect(String url, Map<String, String> config) throws Exception {
        Properties props = new Properties();
        props.setProperty("user", config.get("quarkus.datasource.username"));
        props.setProperty("password", config.get("quarkus.datasource.password"));
        return new org.postgresql.Driver().connect(url, props);
    }
}
