package dev.pacer.goal.matrix;

import dev.pacer.goal.tree.Actor;
import dev.pacer.goal.tree.GoalEntity;
import dev.pacer.goal.tree.GoalPermissions;
import dev.pacer.goal.tree.Period;
import dev.pacer.goal.tree.Quarter;
import dev.pacer.platform.problem.ProblemException;
import dev.pacer.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** The responsibility matrix of the goals the caller may read. */
@ApplicationScoped
public class MatrixService {
    private final Caller caller;

    public MatrixService(Caller caller) {
        this.caller = caller;
    }

    /**
     * @param period     {@code FY2026}, or {@code FY2026-Q3} for the goals measured in that quarter
     * @param department only that department's rows; null for all
     * @param quarter    {@code Q1}…{@code Q4}: only goals measured in that quarter; null for all
     */
    @Transactional
    public Matrix matrix(String period, String department, String quarter) {
        if (period == null || period.isBlank()) {
            throw ProblemException.invalid("period", "is required: a fiscal year like FY2026");
        }
        Period p = Period.parse(period).orElseThrow(() -> ProblemException.invalid("period",
                "must be a fiscal year like FY2026 or a quarter like FY2026-Q3"));
        Quarter q = p.quarter();
        if (quarter != null && !quarter.isBlank()) {
            Quarter asked;
            try {
                asked = Quarter.valueOf(quarter);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("quarter", "must be Q1, Q2, Q3 or Q4");
            }
            if (q != null && q != asked) {
                throw ProblemException.invalid("quarter", "is " + asked + " but the period " + p.label()
                        + " is " + q);
            }
            q = asked;
        }
        String dept = department == null || department.isBlank() ? null : department;
        Actor actor = Actor.of(caller);
        List<ResponsibilityMatrix.Node> nodes = GoalEntity.<GoalEntity>list("fiscalYear", p.fiscalYear()).stream()
                .map(g -> new ResponsibilityMatrix.Node(g.id, g.parentId, g.title, g.ownerDepartment, g.ownerPerson,
                        g.contributingDepartments, g.period().label(), Quarter.of(g.fromQuarter),
                        Quarter.of(g.toQuarter), g.status, g.createdAt))
                .toList();
        List<MatrixRow> rows = ResponsibilityMatrix.rows(nodes,
                n -> GoalPermissions.canRead(actor, n.ownerDepartment(), n.contributors()), dept, q);
        return new Matrix("FY" + p.fiscalYear(), dept, q, rows);
    }
}
