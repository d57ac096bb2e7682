package dev.pacer.ingest.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.platform.problem.Problem;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JdbcSettingsTest {
    private static JdbcSettings settings(String table, String query, SyncMode mode, String ts, String id, String delay) {
        return new JdbcSettings("jdbc:postgresql://erp/db", "u", "p", table, query, mode, ts, id, delay);
    }

    @Test
    void validSettingsHaveNoProblems() {
        assertThat(settings("order_details", null, SyncMode.INCREMENTAL, "modified_at", null, "PT5M").problems(""))
                .isEmpty();
        assertThat(settings(null, "select 1 as a", SyncMode.FULL_REFRESH, null, null, null).problems("jdbc.")).isEmpty();
        assertThat(settings("t", null, SyncMode.FULL_REFRESH, null, null, "PT5M").delay()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void eachProblemNamesItsField() {
        assertThat(settings("t", "select 1", SyncMode.FULL_REFRESH, null, null, null).problems("jdbc."))
                .extracting(Problem.FieldError::field).containsExactly("jdbc.query");
        assertThat(settings(null, null, SyncMode.FULL_REFRESH, null, null, null).problems("jdbc."))
                .extracting(Problem.FieldError::field).containsExactly("jdbc.table");
        assertThat(settings("orders;drop table x", null, SyncMode.INCREMENTAL, null, null, "5 minutes").problems("jdbc."))
                .extracting(Problem.FieldError::field)
                .containsExactly("jdbc.table", "jdbc.timestampColumn", "jdbc.lateCommitDelay");
        assertThat(settings("t", null, SyncMode.INCREMENTAL, "ts", null, "-PT1M").problems(""))
                .extracting(Problem.FieldError::field).containsExactly("lateCommitDelay");
    }

    @Test
    void thePasswordIsLeftOutOfWhatIsStored() {
        assertThat(settings("t", null, SyncMode.FULL_REFRESH, null, null, null).withoutPassword().password()).isNull();
    }
}
