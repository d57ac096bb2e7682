package dev.pacer.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The Northwind sample ERP loaded into a PostgreSQL database of its own ({@code northwind_<random>}) on the test
 * server, as a source system for connectors. Dropped by {@link #close()}.
 */
public final class NorthwindDatabase implements AutoCloseable {
    /** The dump, from the shared datasets (see its SOURCE.md). */
    public static final Path DUMP = Path.of(System.getProperty("pacer.datasets", "/work/shared/datasets"),
            "northwind", "northwind.sql");
    /** The order lines of the dump. */
    public static final int ORDER_LINES = 2155;
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String USER = "postgres";

    private final String name;

    private NorthwindDatabase(String name) {
        this.name = name;
    }

    /** Creates the database and loads the dump into it. */
    public static NorthwindDatabase load() {
        String name = "northwind_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, "");
                Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        NorthwindDatabase db = new NorthwindDatabase(name);
        try {
            db.execute(Files.readString(DUMP, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + DUMP, e);
        }
        return db;
    }

    public String url() {
        return SERVER + name;
    }

    public String user() {
        return USER;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run SQL on " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, "");
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop database " + name, e);
        }
    }
}
