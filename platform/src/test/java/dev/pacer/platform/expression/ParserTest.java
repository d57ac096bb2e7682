package dev.pacer.platform.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {
    private static final Parser.Syntax MAPPING = new Parser.Syntax(2000, true, true);

    @Test
    void syntaxErrorsAreExplained() {
        assertThatThrownBy(() -> Parser.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Parser.parse("(quantity + 1")).hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> Parser.parse("'open")).hasMessageContaining("string is not closed");
        assertThatThrownBy(() -> Parser.parse("quantity is 3")).hasMessageContaining("expected 'null'");
        assertThatThrownBy(() -> Parser.parse("1.2.3")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Parser.parse("and")).hasMessageContaining("unexpected keyword");
        assertThatThrownBy(() -> Parser.parse("x".repeat(Parser.MAX_LENGTH + 1))).hasMessageContaining("longer than");
        assertThatThrownBy(() -> Parser.parse("(".repeat(200) + "1" + ")".repeat(200)))
                .hasMessageContaining("nested too deeply");
        assertThatThrownBy(() -> Parser.parse("-".repeat(200) + "1")).hasMessageContaining("nested too deeply");
        assertThatThrownBy(() -> Parser.parse("f(".repeat(100) + "1" + ")".repeat(100)))
                .hasMessageContaining("nested too deeply");
    }

    @Test
    void errorsCarryTheirOneBasedColumn() {
        assertThatThrownBy(() -> Parser.parse("a + * b"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("(at column 5)")
                .extracting(e -> ((ExpressionException) e).position()).isEqualTo(4);
    }

    @Test
    void precedenceFollowsArithmeticAndLogic() {
        Expr e = Parser.parse("a + b * c > 1 and not d or e");
        assertThat(e).isInstanceOf(Expr.Binary.class);
        Expr.Binary or = (Expr.Binary) e;
        assertThat(or.op()).isEqualTo("or");
        Expr.Binary and = (Expr.Binary) or.left();
        assertThat(and.op()).isEqualTo("and");
        Expr.Binary gt = (Expr.Binary) and.left();
        assertThat(gt.op()).isEqualTo(">");
        Expr.Binary plus = (Expr.Binary) gt.left();
        assertThat(plus.op()).isEqualTo("+");
        assertThat(((Expr.Binary) plus.right()).op()).isEqualTo("*");
        assertThat(Parser.parse("x <> 1")).isEqualTo(new Expr.Binary("!=", new Expr.Field("x", 0),
                Expr.Literal.number(BigDecimal.ONE, 5), 2));
    }

    @Test
    void literalsCallsAndListsParse() {
        assertThat(Parser.parse("'it''s'")).isEqualTo(new Expr.Literal("it's", 0));
        assertThat(Parser.parse("NULL")).isEqualTo(new Expr.Literal(null, 0));
        assertThat(Parser.parse("1.5e2")).isEqualTo(Expr.Literal.number(new BigDecimal("1.5e2"), 0));
        assertThat(Parser.parse("Round(x, 2)")).isEqualTo(new Expr.Call("round",
                List.of(new Expr.Field("x", 6), Expr.Literal.number(new BigDecimal("2"), 9)), 0));
        assertThat(Parser.parse("x not in (1, 2)")).isInstanceOf(Expr.In.class)
                .extracting(in -> ((Expr.In) in).negated()).isEqualTo(true);
        assertThat(Parser.parse("x is not null")).isEqualTo(new Expr.IsNull(new Expr.Field("x", 0), true, 2));
    }

    @Test
    void plainSyntaxRefusesQuotedNamesAndPaths() {
        assertThatThrownBy(() -> Parser.parse("\"quantity\"")).hasMessageContaining("unexpected '\"'");
        assertThatThrownBy(() -> Parser.parse("customer.id")).hasMessageContaining("unexpected '.id'");
    }

    @Test
    void quotedNamesNameAnyColumn() {
        assertThat(Parser.parse("\"Unit Price\" * 2", MAPPING)).isEqualTo(new Expr.Binary("*",
                new Expr.Field("Unit Price", 0), Expr.Literal.number(new BigDecimal("2"), 15), 13));
        assertThat(Parser.parse("\"say \"\"hi\"\"\"", MAPPING)).isEqualTo(new Expr.Field("say \"hi\"", 0));
        assertThat(Parser.parse("订单号", MAPPING)).isEqualTo(new Expr.Field("订单号", 0));
        assertThatThrownBy(() -> Parser.parse("\"open", MAPPING)).hasMessageContaining("quoted name is not closed");
        assertThatThrownBy(() -> Parser.parse("\"\"", MAPPING)).hasMessageContaining("empty");
    }

    @Test
    void pathsNameJsonMembersAndArrayElements() {
        assertThat(Parser.parse("customer.id", MAPPING)).isEqualTo(new Expr.Field("customer.id", 0));
        assertThat(Parser.parse("upper(lines[0].sku)", MAPPING)).isEqualTo(new Expr.Call("upper",
                List.of(new Expr.Field("lines[0].sku", 6)), 0));
        assertThat(Parser.parse("a.b[1][2] + 1", MAPPING)).isInstanceOf(Expr.Binary.class);
        assertThatThrownBy(() -> Parser.parse("lines[x]", MAPPING)).hasMessageContaining("path index");
        assertThatThrownBy(() -> Parser.parse("lines[1", MAPPING)).hasMessageContaining("path index");
    }

    @Test
    void aSyntaxBoundsTheLength() {
        assertThatThrownBy(() -> Parser.parse("x".repeat(2001), MAPPING))
                .hasMessageContaining("longer than 2000 characters");
        assertThat(Parser.parse("x".repeat(2000), MAPPING)).isInstanceOf(Expr.Field.class);
    }
}
