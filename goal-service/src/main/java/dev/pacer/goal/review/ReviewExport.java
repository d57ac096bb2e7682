package dev.pacer.goal.review;

import dev.pacer.goal.matrix.Csv;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A review as CSV (one line per goal) and as Markdown (every section), plain Java. */
public final class ReviewExport {
    private ReviewExport() {
    }

    /** One line per goal with its standing, variances, status changes in the period and whether it lags. */
    public static String csv(Review r) {
        StringBuilder out = new StringBuilder(Csv.BOM);
        out.append(Csv.line(List.of("period", "goal_id", "parent_id", "title", "owner_department", "owner_person",
                "weight", "status", "as_of", "actual", "expected", "base_target", "attainment_to_date",
                "attainment_base", "variance_to_expected", "variance_to_base", "status_changes", "laggard")));
        for (ReviewContent.GoalLine g : r.goals()) {
            long changes = r.statusChanges().stream().filter(c -> c.goalId().equals(g.goalId())).count();
            boolean laggard = r.laggards().stream().anyMatch(l -> l.goalId().equals(g.goalId()));
            out.append(Csv.line(cells(r.period(), g.goalId(), g.parentId(), g.title(), g.ownerDepartment(),
                    g.ownerPerson(), g.weight(), g.status(), g.asOf(), g.actual(), g.expected(), g.baseTarget(),
                    g.attainmentToDate(), g.attainmentBase(), g.varianceToExpected(), g.varianceToBase(), changes,
                    laggard)));
        }
        return out.toString();
    }

    /** The whole review as a Markdown document. */
    public static String markdown(Review r) {
        StringBuilder md = new StringBuilder();
        md.append("# 复盘 Review ").append(r.period()).append("\n\n");
        md.append("- Period: ").append(r.from()).append(" – ").append(r.to()).append('\n');
        if (r.department() != null) {
            md.append("- Department: ").append(text(r.department())).append('\n');
        }
        if (r.rootGoalId() != null) {
            md.append("- Root goal: ").append(r.rootGoalId()).append('\n');
        }
        md.append("- Generated: ").append(r.createdAt()).append(" by ").append(text(r.createdBy())).append("\n\n");

        md.append("## Goals\n\n");
        table(md, List.of("Goal", "Owner", "Status", "Actual", "Expected", "Base target", "Attainment to date",
                "Variance to plan", "Variance to base"), r.goals().stream().map(g -> cells(g.title(),
                        g.ownerDepartment(), g.status(), g.actual(), g.expected(), g.baseTarget(),
                        g.attainmentToDate(), g.varianceToExpected(), g.varianceToBase())).toList());

        md.append("## Status changes\n\n");
        if (r.statusChanges().isEmpty()) {
            md.append("None.\n\n");
        } else {
            table(md, List.of("Date", "Goal", "From", "To"), r.statusChanges().stream()
                    .map(c -> cells(c.asOf(), c.title(), c.from(), c.to())).toList());
        }

        md.append("## Laggards\n\n");
        if (r.laggards().isEmpty()) {
            md.append("None.\n\n");
        } else {
            for (ReviewContent.Laggard l : r.laggards()) {
                md.append("- **").append(text(l.title())).append("** ").append(l.status())
                        .append(", attainment to date ").append(value(l.attainmentToDate())).append('\n');
                for (ReviewContent.Drag d : l.pulledDownBy()) {
                    md.append("  - ").append(text(d.title())).append(": attainment to date ")
                            .append(value(d.attainmentToDate())).append(", shortfall ").append(value(d.shortfall()))
                            .append('\n');
                }
            }
            md.append('\n');
        }

        ReviewContent.CheckInSummary c = r.checkIns();
        md.append("## Check-ins\n\n- Count: ").append(c.count()).append("\n- Average confidence: ")
                .append(c.averageConfidence() == null ? "–" : value(c.averageConfidence())).append("\n");
        for (ReviewContent.Blocker b : c.openBlockers()) {
            md.append("- Blocker of ").append(text(b.title())).append(" (").append(text(b.author())).append("): ")
                    .append(text(b.blockers())).append('\n');
        }
        md.append('\n');

        md.append("## Action items\n\n");
        if (r.actions().isEmpty()) {
            md.append("None.\n");
        } else {
            table(md, List.of("Action", "Owner", "Due", "Status"), r.actions().stream()
                    .map(a -> cells(a.title(), a.owner(), a.dueDate(), a.status())).toList());
        }
        return md.toString();
    }

    private static void table(StringBuilder md, List<String> header, List<List<Object>> rows) {
        md.append("| ").append(String.join(" | ", header)).append(" |\n|");
        md.append(" --- |".repeat(header.size())).append('\n');
        for (List<Object> row : rows) {
            md.append('|');
            for (Object cell : row) {
                md.append(' ').append(cell == null ? "" : cell instanceof BigDecimal d ? value(d)
                        : cell instanceof Enum<?> e ? e.name() : text(cell.toString()))
                        .append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    /** Text as it may stand in Markdown: no line breaks, and Markdown's special characters escaped. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (char ch : s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').toCharArray()) {
            if ("\\`*_[]<>|#".indexOf(ch) >= 0) {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }

    private static String value(BigDecimal d) {
        return d == null ? "" : d.toPlainString();
    }

    private static List<Object> cells(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }
}
