package dev.pacer.goal.scorecard;

import dev.pacer.goal.progress.GoalProgressEntity;
import dev.pacer.goal.tree.Actor;
import dev.pacer.goal.tree.GoalEntity;
import dev.pacer.goal.tree.GoalPermissions;
import dev.pacer.goal.tree.GoalService;
import dev.pacer.goal.tree.GoalStatus;
import dev.pacer.goal.tree.Period;
import dev.pacer.platform.problem.ProblemException;
import dev.pacer.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Scorecards of departments and persons: the tracked (active or closed) goals they own whose period is exactly the
 * period asked (a fiscal year's goals for {@code FY2026}, a quarter's for {@code FY2026-Q3}), each scored from its
 * current progress by the configured {@link ScoringRule}, weighted by the goal's weight. Goals of weight 0 carry
 * nothing and are left out.
 */
@ApplicationScoped
public class ScorecardService {
    private final Caller caller;
    private final ScoringRule rule;

    public ScorecardService(Caller caller, ScoringRule rule) {
        this.caller = caller;
        this.rule = rule;
    }

    @Transactional
    public ScorecardView scorecard(String period, String department, String person) {
        if (period == null || period.isBlank()) {
            throw ProblemException.invalid("period", "is required: a fiscal year like FY2026 or a quarter like FY2026-Q3");
        }
        Period p = Period.parse(period).orElseThrow(() -> ProblemException.invalid("period",
                "must be a fiscal year like FY2026 or a quarter like FY2026-Q3"));
        String dept = blankToNull(department);
        String who = blankToNull(person);
        if ((dept == null) == (who == null)) {
            throw ProblemException.invalid(dept == null ? "department" : "person",
                    "give exactly one of department and person");
        }
        Actor actor = Actor.of(caller);
        if (dept != null && !actor.admin() && !(actor.reader() && actor.departments().contains(dept))) {
            throw ProblemException.forbidden("The scorecard of " + dept + " is readable within that department; "
                    + "your token lists " + List.copyOf(actor.departments()));
        }
        String query = "fiscalYear = :year and " + (p.isQuarter() ? "periodQuarter = :quarter" : "periodQuarter is null")
                + " and " + (dept != null ? "ownerDepartment" : "ownerPerson") + " = :owner and status in :tracked";
        io.quarkus.panache.common.Parameters params = io.quarkus.panache.common.Parameters.with("year", p.fiscalYear())
                .and("owner", dept != null ? dept : who).and("tracked", List.of(GoalStatus.ACTIVE, GoalStatus.CLOSED));
        if (p.isQuarter()) {
            params = params.and("quarter", p.quarter().number());
        }
        List<GoalEntity> goals = GoalEntity.list(query, params);
        List<GoalEntity> scored = goals.stream()
                .filter(g -> g.weight != null && g.weight.signum() > 0)
                .filter(g -> GoalPermissions.canRead(actor, g.ownerDepartment, g.contributingDepartments))
                .sorted(Comparator.comparing((GoalEntity g) -> g.createdAt).thenComparing(g -> g.id))
                .toList();
        Map<UUID, GoalProgressEntity> progress = new HashMap<>();
        if (!scored.isEmpty()) {
            GoalProgressEntity.<GoalProgressEntity>list("goalId in ?1", scored.stream().map(g -> g.id).toList())
                    .forEach(e -> progress.put(e.goalId, e));
        }
        List<Scorecard.Entry> entries = new ArrayList<>();
        for (GoalEntity g : scored) {
            GoalProgressEntity e = progress.get(g.id);
            ScoreInput.Progress in = e == null ? null : new ScoreInput.Progress(e.measured, e.actual, e.baseTarget,
                    e.challengeTarget, e.attainmentBase, e.attainmentChallenge);
            entries.add(ScoreInput.entry(g.id.toString(), g.title, g.weight, g.direction, g.baseTarget,
                    g.challengeTarget, in));
        }
        Scorecard card = Scorecard.of(entries, rule);
        List<ScorecardView.Line> lines = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            GoalEntity g = scored.get(i);
            Scorecard.Line line = card.lines().get(i);
            GoalProgressEntity e = progress.get(g.id);
            Scorecard.Entry in = line.entry();
            lines.add(new ScorecardView.Line(g.id, g.title, g.ownerDepartment, g.ownerPerson, plain(g.weight),
                    g.direction, plain(in.actual()), plain(in.baseTarget()), plain(in.challengeTarget()),
                    e == null ? null : e.status,
                    line.score()));
        }
        return new ScorecardView(p.label(), dept, who, card.score(), plain(card.weightScored()),
                plain(card.weightTotal()), new ScorecardView.Rule(rule.baseScore(), rule.challengeScore(), rule.cap(),
                        rule.floorAttainment()), lines);
    }

    private static BigDecimal plain(BigDecimal value) {
        return value == null ? null : GoalService.plain(value);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
