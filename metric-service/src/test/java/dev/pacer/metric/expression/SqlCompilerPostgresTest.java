package dev.pacer.metric.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs compiled expressions on the real PostgreSQL server (no Quarkus): results, and that injection stays inert. */
class SqlCompilerPostgresTest {
    private static Connection db;
    private static final SqlCompiler COMPILER = new SqlCompiler(FieldAccess.jsonb("f.fields",
            name -> Optional.ofNullable(SqlCompilerTest.ORDER_LINES.get(name))));

    @BeforeAll
    static void connect() throws Exception {
        String host = System.getenv().getOrDefault("PACER_DB_HOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("PACER_DB_PORT", "5432");
        db = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
                System.getenv().getOrDefault("PACER_DB_USER", "postgres"),
                System.getenv().getOrDefault("PACER_DB_PASSWORD", ""));
        try (Statement s = db.createStatement()) {
            s.execute("create temporary table fact (fields jsonb not null)");
            s.execute("""
                    insert into fact values
                     ('{"unit_price": "14", "quantity": 12, "discount": 0, "ship_country": "France",
                        "order_date": "1996-07-04", "required_date": "1996-08-01", "shipped_date": "1996-07-16"}'),
                     ('{"unit_price": "18.6", "quantity": 9, "discount": 0.15, "ship_country": "Germany",
                        "order_date": "1996-07-05", "required_date": "1996-08-16", "shipped_date": "1996-08-20"}'),
                     ('{"unit_price": "10", "quantity": 1, "discount": 0, "ship_country": "x''); drop table fact; --",
                        "order_date": "1996-07-06", "required_date": "1996-08-01", "shipped_date": null}')""");
        }
    }

    @AfterAll
    static void close() throws Exception {
        db.close();
    }

    private static BigDecimal sum(String measure, String filter) throws Exception {
        Sql m = COMPILER.compileNumber(measure);
        Sql f = filter == null ? new Sql("true", java.util.List.of(), ValueType.BOOLEAN) : COMPILER.compileCondition(filter);
        try (PreparedStatement ps = db.prepareStatement("select sum(" + m.text() + ") from fact f where " + f.text())) {
            int i = 1;
            for (Object p : m.params()) {
                ps.setObject(i++, p);
            }
            for (Object p : f.params()) {
                ps.setObject(i++, p);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }

    @Test
    void revenueIsExactDecimalArithmetic() throws Exception {
        // 14 × 12 + 18.6 × 9 × 0.85 + 10 × 1 = 168 + 142.29 + 10
        assertThat(sum("unit_price * quantity * (1 - discount)", null)).isEqualByComparingTo("320.29");
    }

    @Test
    void lateShipmentsAmongShippedOrders() throws Exception {
        assertThat(sum("1", "shipped_date is not null and shipped_date > required_date")).isEqualByComparingTo("1");
        assertThat(sum("1", "shipped_date is not null")).isEqualByComparingTo("2");
    }

    @Test
    void aValueThatLooksLikeSqlIsJustAValue() throws Exception {
        assertThat(sum("quantity", "ship_country = 'x''); drop table fact; --'")).isEqualByComparingTo("1");
        assertThat(sum("quantity", "ship_country in ('France', 'Germany')")).isEqualByComparingTo("21");
        assertThat(sum("quantity / 0", null)).isNull();
    }
}
