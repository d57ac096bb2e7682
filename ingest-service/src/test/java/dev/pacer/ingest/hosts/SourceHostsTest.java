package dev.pacer.ingest.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.ingest.jdbc.SourceFailure;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class SourceHostsTest {
    private static SourceHosts hosts(String list) {
        return new SourceHosts(HostAllowList.parse(list), name -> {
            throw new UnknownHostException(name);
        });
    }

    @Test
    void everyHostOfAJdbcUrlMustBeAllowed() {
        SourceHosts hosts = hosts("*.example.com");
        assertThat(hosts.jdbcUrlProblem("jdbc:postgresql://erp.example.com:5432/db")).isNull();
        assertThat(hosts.jdbcUrlProblem("jdbc:postgresql://erp.example.com,10.0.0.1:5433/db"))
                .startsWith("names host '10.0.0.1', which is not among");
        assertThat(hosts.jdbcUrlProblem("jdbc:postgresql://erp.example.com/db?host=127.0.0.1"))
                .contains("'127.0.0.1'");
        assertThat(hosts.jdbcUrlProblem("jdbc:postgresql:db")).contains("'localhost'");
        assertThat(hosts.jdbcUrlProblem("jdbc:mysql://erp.example.com/db")).contains("jdbc:postgresql:");
    }

    @Test
    void theProblemNamesNoCredentialOfTheUrl() {
        assertThat(hosts("*.example.com").jdbcUrlProblem("jdbc:postgresql://10.0.0.1/db?user=u&password=hunter2"))
                .doesNotContain("hunter2");
        assertThat(hosts("*.example.com").httpUrlProblem("https://10.0.0.1/api?token=hunter2"))
                .doesNotContain("hunter2");
    }

    @Test
    void httpUrlsAreCheckedByTheirHost() {
        SourceHosts hosts = hosts("crm.example.com, fd00::/8");
        assertThat(hosts.httpUrlProblem("https://CRM.example.com./api/orders")).isNull();
        assertThat(hosts.httpUrlProblem("https://[fd00::5]:8443/api")).isNull();
        assertThat(hosts.httpUrlProblem("http://169.254.169.254/latest/meta-data/"))
                .isEqualTo("names host '169.254.169.254', which is not among the hosts sources may connect to "
                        + "(PACER_INGEST_SOURCE_HOSTS)");
    }

    @Test
    void aRefusedConnectionIsASourceFailure() {
        SourceHosts hosts = hosts("crm.example.com");
        hosts.requireHttp(URI.create("https://crm.example.com/api?page=2"));
        assertThatThrownBy(() -> hosts.requireHttp(URI.create("https://other.example.com/api?page=2")))
                .isInstanceOf(SourceFailure.class).hasMessageContaining("'other.example.com'");
        assertThatThrownBy(() -> hosts.requireJdbc("jdbc:postgresql://127.0.0.1/db"))
                .isInstanceOf(SourceFailure.class).hasMessageContaining("Nothing was read");
    }

    @Test
    void withoutAListEverythingIsAllowedAsBefore() {
        SourceHosts hosts = hosts("");
        assertThat(hosts.jdbcUrlProblem("jdbc:mysql://127.0.0.1/db")).isNull();
        assertThat(hosts.httpUrlProblem("http://169.254.169.254/")).isNull();
        hosts.requireJdbc("jdbc:postgresql://127.0.0.1/db");
    }
}
