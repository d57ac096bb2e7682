package dev.pacer.goal.matrix;

import dev.pacer.goal.tree.GoalStatus;
import dev.pacer.goal.tree.Quarter;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Builds the responsibility matrix from the goals of one fiscal year, plain Java: one row per goal and department
 * (the owner first, then the contributors in their order), goals in tree order — each objective followed by its
 * sub-goals, depth first, siblings by creation time, then title, then id.
 */
public final class ResponsibilityMatrix {

    /** What the matrix needs of a goal. */
    public record Node(UUID id, UUID parentId, String title, String ownerDepartment, String ownerPerson,
            List<String> contributors, String period, Quarter fromQuarter, Quarter toQuarter, GoalStatus status,
            OffsetDateTime createdAt) {
        public Node {
            contributors = List.copyOf(contributors);
        }

        boolean measuredIn(Quarter q) {
            return fromQuarter.compareTo(q) <= 0 && toQuarter.compareTo(q) >= 0;
        }
    }

    private static final Comparator<Node> SIBLINGS = Comparator.comparing(Node::createdAt,
            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Node::title).thenComparing(Node::id);

    private ResponsibilityMatrix() {
    }

    /**
     * @param goals      every goal of the fiscal year (the tree is built from all of them)
     * @param visible    which goals the caller may see; rows of other goals are left out
     * @param department only rows of this department; null for all
     * @param quarter    only goals whose window includes this quarter; null for all
     */
    public static List<MatrixRow> rows(List<Node> goals, Predicate<Node> visible, String department, Quarter quarter) {
        Map<UUID, Node> byId = new HashMap<>();
        goals.forEach(g -> byId.put(g.id(), g));
        Map<UUID, List<Node>> children = new HashMap<>();
        List<Node> roots = new ArrayList<>();
        for (Node g : goals) {
            if (g.parentId() != null && byId.containsKey(g.parentId())) {
                children.computeIfAbsent(g.parentId(), k -> new ArrayList<>()).add(g);
            } else {
                roots.add(g);
            }
        }
        List<MatrixRow> rows = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        roots.sort(SIBLINGS);
        for (Node root : roots) {
            walk(root, 0, children, seen, rows, visible, department, quarter);
        }
        return rows;
    }

    private static void walk(Node g, int level, Map<UUID, List<Node>> children, Set<UUID> seen, List<MatrixRow> rows,
            Predicate<Node> visible, String department, Quarter quarter) {
        if (!seen.add(g.id())) {
            return;
        }
        if (visible.test(g) && (quarter == null || g.measuredIn(quarter))) {
            String window = g.fromQuarter() == g.toQuarter() ? g.fromQuarter().name()
                    : g.fromQuarter() + "–" + g.toQuarter();
            if (department == null || department.equals(g.ownerDepartment())) {
                rows.add(new MatrixRow(g.id(), g.parentId(), level, g.title(), g.ownerDepartment(), Role.OWNER,
                        g.ownerPerson(), g.period(), g.fromQuarter(), g.toQuarter(), window, g.status()));
            }
            for (String c : g.contributors()) {
                if (department == null || department.equals(c)) {
                    rows.add(new MatrixRow(g.id(), g.parentId(), level, g.title(), c, Role.CONTRIBUTOR, null,
                            g.period(), g.fromQuarter(), g.toQuarter(), window, g.status()));
                }
            }
        }
        List<Node> kids = new ArrayList<>(children.getOrDefault(g.id(), List.of()));
        kids.sort(SIBLINGS);
        for (Node child : kids) {
            walk(child, level + 1, children, seen, rows, visible, department, quarter);
        }
    }

    /**
     * The matrix as CSV (RFC 4180, CRLF line ends) with a UTF-8 byte order mark, so that spreadsheet programs show
     * Chinese titles as they are.
     */
    public static String csv(List<MatrixRow> rows) {
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append("goal_id,parent_id,level,title,department,role,owner_person,period,window,from_quarter,"
                + "to_quarter,status\r\n");
        for (MatrixRow r : rows) {
            List<Object> cells = List.of(r.goalId(), r.parentId() == null ? "" : r.parentId(), r.level(), r.title(),
                    r.department(), r.role(), r.ownerPerson() == null ? "" : r.ownerPerson(), r.period(), r.window(),
                    r.fromQuarter(), r.toQuarter(), r.status());
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(cell(String.valueOf(cells.get(i))));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /** A CSV cell (see {@link Csv#cell}). */
    static String cell(String value) {
        return Csv.cell(value);
    }
}
