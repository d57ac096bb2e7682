package dev.pacer.ingest.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceSqlTest {
    @Test
    void tableNamesAreIdentifiersOnly() {
        assertThat(SourceSql.tableProblem("order_details")).isNull();
        assertThat(SourceSql.tableProblem("erp.order_details")).isNull();
        assertThat(SourceSql.tableProblem("orders; drop table orders")).contains("must be a table name");
        assertThat(SourceSql.tableProblem("orders o join x")).isNotNull();
        assertThat(SourceSql.tableProblem("\"orders\"")).isNotNull();
    }

    @Test
    void aQueryIsOneSelect() {
        assertThat(SourceSql.queryProblem("select * from orders;")).isNull();
        assertThat(SourceSql.queryProblem("with x as (select 1) select * from x")).isNull();
        assertThat(SourceSql.queryProblem("delete from orders")).contains("one SELECT");
        assertThat(SourceSql.queryProblem("select 1; drop table orders")).contains("one statement");
        assertThat(SourceSql.queryProblem("select 'a;b' as \"x;y\" -- ;\nfrom t /* ; */")).isNull();
        assertThat(SourceSql.queryProblem("select 'it''s' as a; delete from t")).contains("one statement");
    }

    @Test
    void quotingDoublesEmbeddedQuotes() {
        assertThat(SourceSql.quote("modified_at", "\"")).isEqualTo("\"modified_at\"");
        assertThat(SourceSql.quote("a\"; drop table t; --", "\"")).isEqualTo("\"a\"\"; drop table t; --\"");
        assertThat(SourceSql.quote("x", " ")).isEqualTo("\"x\"");
    }
}
