package dev.pacer.goal.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.goal.tree.GoalStatus;
import dev.pacer.goal.tree.Quarter;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResponsibilityMatrixTest {
    private static final OffsetDateTime T = OffsetDateTime.parse("2026-01-05T09:00:00Z");

    private static ResponsibilityMatrix.Node node(UUID parent, String title, String owner, List<String> contributors,
            Quarter from, Quarter to, int minute) {
        return new ResponsibilityMatrix.Node(UUID.randomUUID(), parent, title, owner, "p." + owner, contributors,
                "FY2026", from, to, GoalStatus.ACTIVE, T.plusMinutes(minute));
    }

    @Test
    void rowsFollowTheTreeDepthFirstWithTheOwnerBeforeContributors() {
        var root = node(null, "Root", "office", List.of(), Quarter.Q1, Quarter.Q4, 0);
        var late = node(root.id(), "Late", "sales", List.of(), Quarter.Q2, Quarter.Q4, 5);
        var early = node(root.id(), "Early", "marketing", List.of("service", "sales"), Quarter.Q1, Quarter.Q4, 1);
        var leaf = node(early.id(), "Leaf", "marketing", List.of(), Quarter.Q3, Quarter.Q3, 2);

        List<MatrixRow> rows = ResponsibilityMatrix.rows(List.of(leaf, late, root, early), n -> true, null, null);

        assertThat(rows).extracting(r -> r.title() + ":" + r.department() + ":" + r.role() + ":" + r.level())
                .containsExactly("Root:office:OWNER:0", "Early:marketing:OWNER:1", "Early:service:CONTRIBUTOR:1",
                        "Early:sales:CONTRIBUTOR:1", "Leaf:marketing:OWNER:2", "Late:sales:OWNER:1");
        assertThat(rows.get(4).window()).isEqualTo("Q3");
        assertThat(rows.get(0).window()).isEqualTo("Q1–Q4");
        assertThat(rows.get(2).ownerPerson()).isNull();
    }

    @Test
    void filtersByDepartmentQuarterAndVisibilityKeepTheLevelsOfTheWholeTree() {
        var root = node(null, "Root", "office", List.of(), Quarter.Q1, Quarter.Q4, 0);
        var child = node(root.id(), "Child", "sales", List.of("marketing"), Quarter.Q2, Quarter.Q3, 1);
        var q1 = node(root.id(), "Q1 only", "sales", List.of(), Quarter.Q1, Quarter.Q1, 2);

        assertThat(ResponsibilityMatrix.rows(List.of(root, child, q1), n -> true, "sales", Quarter.Q3))
                .extracting(MatrixRow::title, MatrixRow::level).containsExactly(org.assertj.core.groups.Tuple.tuple("Child", 1));
        assertThat(ResponsibilityMatrix.rows(List.of(root, child, q1), n -> !n.title().equals("Root"), null, null))
                .extracting(MatrixRow::title).containsExactly("Child", "Child", "Q1 only");
    }

    @Test
    void csvCellsAreQuotedWhenNeededAndFormulasAreNeutralised() {
        assertThat(ResponsibilityMatrix.cell("新增客户数")).isEqualTo("新增客户数");
        assertThat(ResponsibilityMatrix.cell("a, b")).isEqualTo("\"a, b\"");
        assertThat(ResponsibilityMatrix.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ResponsibilityMatrix.cell("=SUM(A1)")).isEqualTo("'=SUM(A1)");
        assertThat(ResponsibilityMatrix.csv(List.of())).startsWith("\uFEFFgoal_id,").endsWith("status\r\n");
    }
}
