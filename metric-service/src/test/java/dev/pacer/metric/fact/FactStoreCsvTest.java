package dev.pacer.metric.fact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FactStoreCsvTest {
    @Test
    void fieldsAreQuotedWithInnerQuotesDoubledAndDeletesHaveNoDateOrFields() {
        String csv = FactStore.csv(List.of(
                new FactChange("orders", "10248|11", 3, LocalDate.of(1996, 7, 4), false,
                        "{\"note\":\"say \\\"hi\\\", then\\nleave\",\"q\":\"\\\"\"}"),
                new FactChange("orders", "a\"b", 4, null, true, null),
                new FactChange("orders", "", 5, LocalDate.of(2024, 2, 29), false, "{}")));

        assertThat(csv).isEqualTo("\"orders\",\"10248|11\",3,1996-07-04,false,"
                + "\"{\"\"note\"\":\"\"say \\\"\"hi\\\"\", then\\nleave\"\",\"\"q\"\":\"\"\\\"\"\"\"}\"\n"
                + "\"orders\",\"a\"\"b\",4,,true,\n"
                + "\"orders\",\"\",5,2024-02-29,false,\"{}\"\n");
    }

    @Test
    void withinABatchOnlyTheNewestVersionOfARecordIsStored() {
        FactChange v2 = new FactChange("orders", "1", 2, LocalDate.of(2024, 1, 2), false, "{}");
        FactChange v1 = new FactChange("orders", "1", 1, LocalDate.of(2024, 1, 1), false, "{}");
        FactChange other = new FactChange("returns", "1", 1, LocalDate.of(2024, 1, 1), false, "{}");

        assertThat(FactStore.latestPerRecord(List.of(v2, other, v1))).containsExactly(v2, other);
    }
}
