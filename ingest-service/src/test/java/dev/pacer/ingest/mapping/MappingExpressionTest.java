package dev.pacer.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.ingest.catalog.FailedValue;
import dev.pacer.ingest.catalog.FieldType;
import dev.pacer.platform.expression.ExpressionException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingExpressionTest {
    private static final TextConversions GERMAN = new TextConversions(true, "dd.MM.yyyy", "dd.MM.yyyy HH:mm",
            ZoneId.of("Europe/Berlin"));

    /** A row of named cells; a null value is an empty cell. */
    private static Map<String, Object> row(Object... nameValue) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            row.put((String) nameValue[i], nameValue[i + 1]);
        }
        return row;
    }

    private static Object eval(String expression, Map<String, Object> row) {
        return eval(expression, row, TextConversions.DEFAULT);
    }

    private static Object eval(String expression, Map<String, Object> row, TextConversions conversions) {
        return MappingExpression.compile(expression).evaluate(row::get, conversions);
    }

    private static Object eval(String expression) {
        return eval(expression, Map.of());
    }

    private static String error(String expression, Map<String, Object> row) {
        try {
            Object v = eval(expression, row);
            throw new AssertionError(expression + " evaluated to " + v + " instead of failing");
        } catch (EvaluationException e) {
            return e.getMessage();
        }
    }

    @Test
    void onlyValuesStartingWithAnEqualsSignAreExpressions() {
        assertThat(MappingExpression.isExpression("=unit_price * quantity")).isTrue();
        assertThat(MappingExpression.isExpression("unit_price")).isFalse();
        assertThat(MappingExpression.isExpression("order.customer.id")).isFalse();
        assertThat(MappingExpression.isExpression(" =x")).isFalse();
    }

    @Test
    void revenueIsExactToTheCentFromTextCells() {
        Map<String, Object> line = row("unit_price", "18.60", "quantity", "9", "discount", "0.15");
        BigDecimal revenue = (BigDecimal) eval("=unit_price * quantity * (1 - discount)", line);
        assertThat(revenue).isEqualByComparingTo("142.29");
        assertThat(eval("=0.1 + 0.2")).isEqualTo(new BigDecimal("0.3"));
        assertThat(eval("=round(unit_price * 1.075, 2)", line)).isEqualTo(new BigDecimal("20.00"));
        assertThat(eval("=10 / 4")).isEqualTo(new BigDecimal("2.5"));
        assertThat(eval("=1 / 3")).isEqualTo(new BigDecimal("0.3333333333333333333333333333333333"));
        assertThat(eval("=7 % 3")).isEqualTo(new BigDecimal("1"));
        assertThat(eval("=-unit_price", line)).isEqualTo(new BigDecimal("-18.60"));
    }

    @Test
    void typedCellsOfJdbcXlsxAndJsonAreReadExactly() {
        Map<String, Object> r = row("a", 12, "b", 3L, "c", 0.1d, "d", new java.math.BigInteger("10000000000000000000"),
                "e", new BigDecimal("1.50"));
        assertThat(eval("=a * c", r)).isEqualTo(new BigDecimal("1.2"));
        assertThat(eval("=b + d", r)).isEqualTo(new BigDecimal("10000000000000000003"));
        assertThat(eval("=e * 2", r)).isEqualTo(new BigDecimal("3.00"));
    }

    @Test
    void theDecimalCommaSettingAppliesToTextInArithmeticAndNumber() {
        Map<String, Object> r = row("price", "1.234,50", "qty", "2");
        assertThat(eval("=price * qty", r, GERMAN)).isEqualTo(new BigDecimal("2469.00"));
        assertThat(eval("=number(price)", r, GERMAN)).isEqualTo(new BigDecimal("1234.50"));
        assertThat(eval("=number('12,5')", Map.of(), GERMAN)).isEqualTo(new BigDecimal("12.5"));
    }

    @Test
    void constantsOfEveryKind() {
        assertThat(eval("='CN'")).isEqualTo("CN");
        assertThat(eval("=42")).isEqualTo(new BigDecimal("42"));
        assertThat(eval("=true")).isEqualTo(true);
        assertThat(eval("=null")).isNull();
        assertThat(eval("='it''s'")).isEqualTo("it's");
    }

    @Test
    void nullsPropagateAsInSql() {
        Map<String, Object> r = row("a", "5", "empty", "", "none", null);
        assertThat(eval("=a + missing", r)).as("an absent column is null").isNull();
        assertThat(eval("=a * empty", r)).as("an empty cell is null").isNull();
        assertThat(eval("=none > 1", r)).isNull();
        assertThat(eval("=upper(none)", r)).isNull();
        assertThat(eval("=not none", r)).isNull();
        assertThat(eval("=none is null", r)).isEqualTo(true);
        assertThat(eval("=a is not null", r)).isEqualTo(true);
        assertThat(eval("=false and none", r)).isEqualTo(false);
        assertThat(eval("=true and none", r)).isNull();
        assertThat(eval("=true or none", r)).isEqualTo(true);
        assertThat(eval("=none or false", r)).isNull();
        assertThat(eval("=none in (1, 2)", r)).isNull();
        assertThat(eval("=3 in (1, null)", r)).isNull();
        assertThat(eval("=1 in (1, null)", r)).isEqualTo(true);
        assertThat(eval("=3 not in (1, 2)", r)).isEqualTo(true);
        assertThat(eval("=if(none > 1, 'big', 'small')", r)).as("a null condition takes the else branch")
                .isEqualTo("small");
    }

    @Test
    void everyFunction() {
        Map<String, Object> r = row("customer_id", "  vinet ", "amount", "12000.5", "d", "1996-07-04",
                "shipped", "1996-07-16", "n", "-2.5");
        assertThat(eval("=abs(n)", r)).isEqualTo(new BigDecimal("2.5"));
        assertThat(eval("=round(amount)", r)).isEqualTo(new BigDecimal("12001"));
        assertThat(eval("=round(n)", r)).as("half away from zero, as PostgreSQL").isEqualTo(new BigDecimal("-3"));
        assertThat(eval("=round(1234.5678, -2)", r)).isEqualTo(new BigDecimal("1200"));
        assertThat(eval("=floor(n)", r)).isEqualTo(new BigDecimal("-3"));
        assertThat(eval("=ceil(n)", r)).isEqualTo(new BigDecimal("-2"));
        assertThat(eval("=coalesce(missing, empty, 'none')", r)).isEqualTo("none");
        assertThat(eval("=nullif(amount, 12000.50)", r)).isNull();
        assertThat(eval("=nullif(n, 0)", r)).isEqualTo("-2.5");
        assertThat(eval("=if(amount > 10000, true, false)", r)).isEqualTo(true);
        assertThat(eval("=lower('ABC')", r)).isEqualTo("abc");
        assertThat(eval("=upper(trim(customer_id))", r)).isEqualTo("VINET");
        assertThat(eval("=length(trim(customer_id))", r)).isEqualTo(new BigDecimal("5"));
        assertThat(eval("=length('订单号')", r)).isEqualTo(new BigDecimal("3"));
        assertThat(eval("=concat('A-', 1, '-', true, missing)", r)).isEqualTo("A-1-true");
        assertThat(eval("=substring('Northwind', 6)", r)).isEqualTo("wind");
        assertThat(eval("=substring('Northwind', 1, 5)", r)).isEqualTo("North");
        assertThat(eval("=substring('Northwind', 0, 3)", r)).as("as SQL: positions before 1 count").isEqualTo("No");
        assertThat(eval("=substring('Northwind', 20, 3)", r)).isEqualTo("");
        assertThat(eval("=replace('a.b.c', '.', '')", r)).isEqualTo("abc");
        assertThat(eval("=replace('a.*c', '.*', '-')", r)).as("literal, not a pattern").isEqualTo("a-c");
        assertThat(eval("=year(d)", r)).isEqualTo(new BigDecimal("1996"));
        assertThat(eval("=quarter(d)", r)).isEqualTo(new BigDecimal("3"));
        assertThat(eval("=month(d)", r)).isEqualTo(new BigDecimal("7"));
        assertThat(eval("=day(d)", r)).isEqualTo(new BigDecimal("4"));
        assertThat(eval("=days_between(d, shipped)", r)).isEqualTo(new BigDecimal("12"));
        assertThat(eval("=date('04.07.1996', 'dd.MM.yyyy')", r)).isEqualTo(LocalDate.of(1996, 7, 4));
        assertThat(eval("=date(d)", r)).isEqualTo(LocalDate.of(1996, 7, 4));
        assertThat(eval("=timestamp('2024/5/1 9:30', 'yyyy/M/d H:mm')", r))
                .as("no zone given: a local timestamp, for the schema's zone").isEqualTo(LocalDateTime.of(2024, 5, 1, 9, 30));
        assertThat(eval("=timestamp('2024/5/1 9:30', 'yyyy/M/d H:mm', 'Asia/Shanghai')", r))
                .isEqualTo(OffsetDateTime.parse("2024-05-01T09:30+08:00"));
        assertThat(eval("=timestamp('2024-05-01T09:30:00Z')", r)).isEqualTo(OffsetDateTime.parse("2024-05-01T09:30Z"));
        assertThat(eval("=number(' 12.50 ')", r)).isEqualTo(new BigDecimal("12.50"));
    }

    @Test
    void datesAndTimestampsFollowTheConversionSettings() {
        Map<String, Object> r = row("d", "04.07.1996", "t", "04.07.1996 10:15");
        assertThat(eval("=year(d)", r, GERMAN)).isEqualTo(new BigDecimal("1996"));
        assertThat(eval("=timestamp(t)", r, GERMAN)).isEqualTo(OffsetDateTime.parse("1996-07-04T10:15+02:00"));
        assertThat(eval("=d < '05.07.1996'", r, GERMAN)).as("text compared with text stays text").isEqualTo(true);
        assertThat(eval("=date(d) < date('05.07.1996')", r, GERMAN)).isEqualTo(true);
    }

    @Test
    void comparisonsAreTypedByTheirOtherSide() {
        Map<String, Object> r = row("qty", "12", "flag", "yes", "name", "Alfreds", "d", LocalDate.of(1996, 7, 4));
        assertThat(eval("=qty > 9", r)).as("numerically, not as text").isEqualTo(true);
        assertThat(eval("=qty = 12.00", r)).isEqualTo(true);
        assertThat(eval("=flag = true", r)).isEqualTo(true);
        assertThat(eval("=name > 'Ana'", r)).isEqualTo(false);
        assertThat(eval("=d >= '1996-07-04'", r)).isEqualTo(true);
        assertThat(eval("=qty != 12 or name = 'Alfreds'", r)).isEqualTo(true);
    }

    @Test
    void aCellThatIsNotANumberFailsTheRowNamingTheColumnAndTheCell() {
        assertThat(error("=unit_price * quantity", row("unit_price", "abc", "quantity", "2")))
                .isEqualTo("'unit_price' is not a number: the string \"abc\"");
        assertThat(error("=number(x)", row("x", "12x"))).isEqualTo("'x' is not a number: the string \"12x\"");
        assertThat(error("=x > 1", row("x", "twelve"))).contains("'x' is not a number");
        assertThat(error("=if(x, 1, 2)", row("x", "maybe"))).contains("'x' is not true or false");
        assertThat(error("=year(x)", row("x", "July 4th"))).contains("'x' is not a date");
        assertThat(error("=date(x, 'dd.MM.yyyy')", row("x", "1996-07-04")))
                .isEqualTo("'x' is not a date in the pattern dd.MM.yyyy: the string \"1996-07-04\"");
        assertThat(error("=true + 1", row())).contains("is not a number: true");
        assertThat(error("=true < false", row())).contains("only be compared with = or !=");
        assertThat(error("=upper(o)", row("o", Map.of("a", 1)))).contains("'o' is not a text: an object");
        assertThat(error("=round(1.5, 100)", row())).contains("between -38 and 38");
        assertThat(error("=substring('abc', 1.5)", row())).contains("whole number");
        assertThat(error("=x * 2", row("x", "1e999999999"))).contains("out of range");
    }

    @Test
    void divisionByZeroIsARowErrorAndNullifAvoidsIt() {
        assertThat(error("=amount / qty", row("amount", "10", "qty", "0"))).startsWith("division by zero ('qty' is 0)");
        assertThat(error("=5 % 0", row())).startsWith("division by zero");
        assertThat(eval("=amount / nullif(qty, 0)", row("amount", "10", "qty", "0"))).isNull();
    }

    @Test
    void injectionLookingInputIsJustData() {
        Map<String, Object> r = row("name", "x'); drop table fact; --", "code", "=1+1");
        assertThat(eval("=upper(name)", r)).isEqualTo("X'); DROP TABLE FACT; --");
        assertThat(eval("=code", r)).as("a cell is never evaluated").isEqualTo("=1+1");
        assertThat(eval("=concat(name, '${jndi:ldap://x}')", r)).isEqualTo("x'); drop table fact; --${jndi:ldap://x}");
        assertThat(eval("='x''); drop table fact; --'")).isEqualTo("x'); drop table fact; --");
    }

    @Test
    void badExpressionsAreRefusedWhenCompiledWithThePosition() {
        assertThatThrownBy(() -> MappingExpression.compile("=unit_price * "))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("ends too early");
        assertThatThrownBy(() -> MappingExpression.compile("=a + * b"))
                .hasMessageContaining("unexpected '*").hasMessageContaining("column 6");
        assertThatThrownBy(() -> MappingExpression.compile("=pg_sleep(10)"))
                .hasMessageContaining("unknown function 'pg_sleep'").hasMessageContaining("concat(value, value, …)");
        assertThatThrownBy(() -> MappingExpression.compile("=exec('rm -rf /')"))
                .hasMessageContaining("unknown function 'exec'");
        assertThatThrownBy(() -> MappingExpression.compile("=round()")).hasMessageContaining("takes 1 to 2 arguments");
        assertThatThrownBy(() -> MappingExpression.compile("=date(x, 'qqqqqq')"))
                .hasMessageContaining("not a date-time pattern");
        assertThatThrownBy(() -> MappingExpression.compile("=timestamp(x, 'yyyy', 'Mars/Olympus')"))
                .hasMessageContaining("not a time zone");
        assertThatThrownBy(() -> MappingExpression.compile("=1e999999999")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> MappingExpression.compile("=")).hasMessageContaining("empty");
        assertThatThrownBy(() -> MappingExpression.compile("=" + "x+".repeat(1000) + "x"))
                .hasMessageContaining("longer than 2000");
        assertThatThrownBy(() -> MappingExpression.compile("=" + "abs(".repeat(80) + "1" + ")".repeat(80)))
                .hasMessageContaining("nested too deeply");
    }

    @Test
    void namesAreColumnsOrPathsQuotedWhenNotPlainWords() {
        MappingExpression e = MappingExpression.compile("=\"Unit Price\" * 数量 + order.lines[0].qty");
        assertThat(e.names()).containsExactly("Unit Price", "数量", "order.lines[0].qty");
        assertThat(e.evaluate(row("Unit Price", "2", "数量", "3", "order.lines[0].qty", "1")::get,
                TextConversions.DEFAULT)).isEqualTo(new BigDecimal("7"));
    }

    @Test
    void resultsBecomeFieldInputsAsCellsDoAndFailuresBecomeFailedValues() {
        TextConversions c = TextConversions.DEFAULT;
        Map<String, Object> r = row("p", "14.00", "q", "12", "d", "04.07.1996", "flag", "yes");
        assertThat(MappingExpression.compile("=p * q").input(r::get, FieldType.DECIMAL, c))
                .isEqualTo(new BigDecimal("168.00"));
        assertThat(MappingExpression.compile("=p * q").input(r::get, FieldType.STRING, c)).isEqualTo("168.00");
        assertThat(MappingExpression.compile("=date(d, 'dd.MM.yyyy')").input(r::get, FieldType.DATE, c))
                .isEqualTo("1996-07-04");
        assertThat(MappingExpression.compile("=flag").input(r::get, FieldType.BOOLEAN, c)).isEqualTo(true);
        assertThat(MappingExpression.compile("=concat(q, '0')").input(r::get, FieldType.INTEGER, c)).isEqualTo(120L);
        assertThat(MappingExpression.compile("=missing").input(r::get, FieldType.STRING, c)).isNull();
        assertThat(MappingExpression.compile("=x * x * x").input(row("x", "1e999")::get, FieldType.STRING, c))
                .as("a number too large to write is refused, not written out").isInstanceOf(FailedValue.class);
        assertThat(MappingExpression.compile("=p / 0").input(r::get, FieldType.DECIMAL, c))
                .isEqualTo(new FailedValue("could not be computed: division by zero (the value is 0); divide by "
                        + "nullif(…, 0) to get no value instead"));
        assertThat(MappingExpression.compile("=o").input(row("o", List.of(1))::get, FieldType.STRING, c))
                .isInstanceOf(FailedValue.class);
    }

    @Test
    void producedTextIsBounded() {
        String big = "a".repeat(60_000);
        assertThat(error("=concat(x, x)", row("x", big))).contains("longer than 100000");
        assertThat(error("=replace(x, 'a', 'bb')", row("x", big))).contains("longer than 100000");
    }

    @Test
    void theSyntaxHelpNamesEveryFunction() {
        for (String f : MappingExpression.functions()) {
            assertThat(MappingExpression.SYNTAX_HELP).as(f).containsPattern("[ (]" + f + "[,(.]");
        }
    }
}
