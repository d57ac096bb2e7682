package dev.pacer.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupByTest {
    private static final Map<String, String> REVENUE = Map.of("alertname", "Revenue behind pace", "rule", "r-1",
            "severity", "critical", "department", "sales", "team", "emea", "subject_kind", "goal", "subject", "g-1");
    private static final Map<String, String> CUSTOMERS = Map.of("alertname", "Customers behind pace", "rule", "r-2",
            "severity", "critical", "department", "sales", "team", "emea", "subject_kind", "goal", "subject", "g-1");

    @Test
    void byDefaultEachRuleIsItsOwnGroupKeyedByTheRuleIdAsBefore() {
        assertThat(GroupBy.key(GroupBy.DEFAULT, REVENUE, "r-1")).isEqualTo("r-1");
        assertThat(GroupBy.key(GroupBy.DEFAULT, CUSTOMERS, "r-2")).isEqualTo("r-2");
    }

    @Test
    void alertsOfDifferentRulesSharingTheGroupedLabelsShareAGroup() {
        List<String> byTeam = List.of("team", "department");
        assertThat(GroupBy.key(byTeam, REVENUE, "r-1")).isEqualTo(GroupBy.key(byTeam, CUSTOMERS, "r-2"))
                .isEqualTo("{department=\"sales\",team=\"emea\"}");
        Map<String, String> apac = new java.util.HashMap<>(CUSTOMERS);
        apac.put("team", "apac");
        assertThat(GroupBy.key(byTeam, apac, "r-2")).isNotEqualTo(GroupBy.key(byTeam, REVENUE, "r-1"));
    }

    @Test
    void groupingByRuleWithAnotherLabelUsesTheLabelFormAndSeparatesRules() {
        List<String> by = List.of("rule", "severity");
        assertThat(GroupBy.key(by, REVENUE, "r-1")).isEqualTo("{rule=\"r-1\",severity=\"critical\"}");
        assertThat(GroupBy.key(by, CUSTOMERS, "r-2")).isNotEqualTo(GroupBy.key(by, REVENUE, "r-1"));
    }

    @Test
    void aMissingLabelIsLeftOutSoAlertsWithoutItGroupTogether() {
        Map<String, String> noTeam = Map.of("rule", "r-3", "severity", "warning");
        Map<String, String> alsoNoTeam = Map.of("rule", "r-4", "severity", "critical");
        assertThat(GroupBy.key(List.of("team"), noTeam, "r-3")).isEqualTo("{}")
                .isEqualTo(GroupBy.key(List.of("team"), alsoNoTeam, "r-4"));
    }

    @Test
    void anEmptyListIsOneGroupAndAllLabelsIsOneGroupPerLabelSet() {
        assertThat(GroupBy.key(List.of(), REVENUE, "r-1")).isEqualTo(GroupBy.key(List.of(), CUSTOMERS, "r-2"))
                .isEqualTo("{}");
        List<String> all = List.of(GroupBy.ALL_LABELS);
        assertThat(GroupBy.key(all, REVENUE, "r-1")).isNotEqualTo(GroupBy.key(all, CUSTOMERS, "r-2"))
                .isEqualTo(GroupBy.key(all, new java.util.TreeMap<>(REVENUE), "r-1"));
    }

    @Test
    void quotesInValuesCannotForgeAnotherKey() {
        Map<String, String> tricky = Map.of("team", "emea\",department=\"sales");
        assertThat(GroupBy.key(List.of("team", "department"), tricky, "r-1"))
                .isEqualTo("{team=\"emea\\\",department=\\\"sales\"}")
                .isNotEqualTo(GroupBy.key(List.of("team", "department"), REVENUE, "r-1"));
    }
}
