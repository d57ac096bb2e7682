package dev.pacer.metric.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The period condition of the stored-value and distinct-count reads (plain unit test, no database). */
class PeriodsInTest {
    @Test
    void periodStartsAreBoundedByTheFirstAndTheLastBesidesTheList() {
        List<Object> params = new ArrayList<>();
        Set<LocalDate> starts = new TreeSet<>(List.of(LocalDate.of(2024, 3, 9), LocalDate.of(2024, 3, 1),
                LocalDate.of(2024, 3, 5)));

        String sql = DatasetQueries.periodsIn("period_start", starts, params, "revenue", "DAY");

        assertThat(sql).isEqualTo("period_start between ? and ? and period_start = any (?)");
        assertThat(params).containsExactly("revenue", "DAY", LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 9),
                starts);
    }

    @Test
    void noPeriodsMatchNothingAndKeepTheLeadingParameters() {
        List<Object> params = new ArrayList<>();

        assertThat(DatasetQueries.periodsIn("period_start", Set.of(), params, 7L, "MONTH")).isEqualTo("false");
        assertThat(params).containsExactly(7L, "MONTH");
    }
}
