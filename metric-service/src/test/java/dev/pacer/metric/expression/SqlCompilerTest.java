package dev.pacer.metric.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.platform.expression.ExpressionException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlCompilerTest {
    static final Map<String, ValueType> ORDER_LINES = Map.of(
            "order_id", ValueType.NUMBER,
            "customer_id", ValueType.STRING,
            "ship_country", ValueType.STRING,
            "order_date", ValueType.DATE,
            "required_date", ValueType.DATE,
            "shipped_date", ValueType.DATE,
            "unit_price", ValueType.NUMBER,
            "quantity", ValueType.NUMBER,
            "discount", ValueType.NUMBER,
            "paid", ValueType.BOOLEAN);

    static final SqlCompiler COMPILER = new SqlCompiler(
            FieldAccess.jsonb("f.fields", name -> Optional.ofNullable(ORDER_LINES.get(name))));

    @Test
    void revenueCompilesToArithmeticOverBoundFieldNames() {
        Sql sql = COMPILER.compileNumber("unit_price * quantity * (1 - discount)");
        assertThat(sql.text()).isEqualTo(
                "(((f.fields ->> ?)::numeric * (f.fields ->> ?)::numeric) * (?::numeric - (f.fields ->> ?)::numeric))");
        assertThat(sql.params()).containsExactly("unit_price", "quantity", new BigDecimal("1"), "discount");
        assertThat(sql.type()).isEqualTo(ValueType.NUMBER);
    }

    @Test
    void lateShipmentFilterCombinesDatesAndNullChecks() {
        Sql sql = COMPILER.compileCondition("shipped_date is not null and shipped_date > required_date");
        assertThat(sql.text()).isEqualTo(
                "(((f.fields ->> ?)::date is not null) and ((f.fields ->> ?)::date > (f.fields ->> ?)::date))");
        assertThat(sql.params()).containsExactly("shipped_date", "shipped_date", "required_date");
    }

    @Test
    void stringsAreAlwaysParametersEvenWhenTheyLookLikeSql() {
        Sql sql = COMPILER.compileCondition("ship_country = 'x''); drop table fact; --'");
        assertThat(sql.text()).isEqualTo("((f.fields ->> ?) = ?::text)");
        assertThat(sql.params()).containsExactly("ship_country", "x'); drop table fact; --");
        assertThat(sql.text()).doesNotContain("drop");
    }

    @Test
    void injectionThroughFieldNamesIsRefusedAsUnknownField() {
        assertThatThrownBy(() -> COMPILER.compile("quantity; delete from fact"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("unexpected ';");
        assertThatThrownBy(() -> COMPILER.compile("pg_sleep(10)"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("unknown function 'pg_sleep'");
        assertThatThrownBy(() -> COMPILER.compile("\"quantity\""))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("unexpected '\"'");
        assertThatThrownBy(() -> COMPILER.compile("quantity -- comment"))
                .isInstanceOf(ExpressionException.class);
        assertThatThrownBy(() -> COMPILER.compile("quantity /* x */"))
                .isInstanceOf(ExpressionException.class);
        assertThatThrownBy(() -> COMPILER.compile("fields"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("unknown field 'fields'");
    }

    @Test
    void inListsAndNegationCompile() {
        Sql sql = COMPILER.compileCondition("not ship_country in ('France', 'Germany') or ship_country not in ('UK')");
        assertThat(sql.text()).isEqualTo("((not ((f.fields ->> ?) in (?::text, ?::text))) or ((f.fields ->> ?) not in (?::text)))");
        assertThat(sql.params()).containsExactly("ship_country", "France", "Germany", "ship_country", "UK");
    }

    @Test
    void divisionByZeroYieldsNoValueInsteadOfAnError() {
        assertThat(COMPILER.compileNumber("quantity / 0").text()).contains("nullif(");
    }

    @Test
    void functionsAreTypeChecked() {
        assertThat(COMPILER.compileNumber("round(unit_price * 1.1, 2)").text())
                .isEqualTo("round(((f.fields ->> ?)::numeric * ?::numeric), (?::numeric)::int)");
        assertThat(COMPILER.compileNumber("days_between(order_date, shipped_date)").type()).isEqualTo(ValueType.NUMBER);
        assertThat(COMPILER.compile("if(paid, 'yes', 'no')").type()).isEqualTo(ValueType.STRING);
        assertThat(COMPILER.compileNumber("coalesce(discount, 0)").type()).isEqualTo(ValueType.NUMBER);
        assertThatThrownBy(() -> COMPILER.compile("upper(quantity)"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("'upper' needs a string");
        assertThatThrownBy(() -> COMPILER.compile("round()"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("takes 1 to 2 arguments");
        assertThatThrownBy(() -> COMPILER.compile("year(ship_country)"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("date or timestamp");
    }

    @Test
    void typeErrorsSayWhatAndWhere() {
        assertThatThrownBy(() -> COMPILER.compile("quantity + ship_country"))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("'+' needs a number, not a string").hasMessageContaining("column 12");
        assertThatThrownBy(() -> COMPILER.compile("quantity > 'ten'"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("compares a number with a string");
        assertThatThrownBy(() -> COMPILER.compileCondition("quantity"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("a filter must be a condition");
        assertThatThrownBy(() -> COMPILER.compileNumber("quantity > 1"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("a measure must be a number");
        assertThatThrownBy(() -> COMPILER.compile("paid and 1"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("'and' needs a condition");
    }

    @Test
    void keywordsAreCaseInsensitiveButFieldsMatchExactly() {
        assertThat(COMPILER.compileCondition("paid AND ship_country IS NOT NULL").type()).isEqualTo(ValueType.BOOLEAN);
        assertThatThrownBy(() -> COMPILER.compile("Quantity")).hasMessageContaining("unknown field 'Quantity'");
    }
}
