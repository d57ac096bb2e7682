package dev.pacer.goal.review;

import dev.pacer.events.PaceStatus;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Composes a review (复盘) of a period from the goals' progress history and check-ins, plain Java:
 * <ul>
 *   <li>each goal's standing at the end of the period — the last progress point dated before the period ends (for a
 *       period still running, the latest) — with its variance to plan ({@code actual − expected}) and to the base
 *       target ({@code actual − base target}); NO_DATA when it had no progress by then;</li>
 *   <li>the pace status changes dated within the period, oldest first;</li>
 *   <li>the laggards: goals OFF_TRACK or AT_RISK at the end, each with the sub-goals below plan that pull it down,
 *       the largest shortfall in the weighted roll-up first;</li>
 *   <li>the check-ins written within the period: count, mean confidence (2 decimals) and the blockers each goal's
 *       latest check-in of the period still names.</li>
 * </ul>
 */
public final class ReviewComposer {
    private static final MathContext MC = new MathContext(20, RoundingMode.HALF_EVEN);
    private static final int SCALE = 6;

    private ReviewComposer() {
    }

    /** A goal of the review. */
    public record GoalInput(UUID id, UUID parentId, String title, String ownerDepartment, String ownerPerson,
            List<String> contributors, BigDecimal weight) {
        public GoalInput {
            Objects.requireNonNull(id, "id");
            contributors = contributors == null ? List.of() : List.copyOf(contributors);
            weight = weight == null ? BigDecimal.ZERO : weight;
        }
    }

    /** One point of a goal's progress history. */
    public record Point(UUID goalId, LocalDate asOf, PaceStatus status, PaceStatus previousStatus,
            BigDecimal attainmentToDate, BigDecimal attainmentBase, BigDecimal actual, BigDecimal expectedBase,
            BigDecimal baseTarget) {
    }

    /** One check-in, with the business date it was written on. */
    public record CheckInInput(UUID goalId, String author, int confidence, String blockers, LocalDate date,
            OffsetDateTime at) {
    }

    /**
     * @param start    first day of the period
     * @param end      the day after the period's last day
     * @param goals    the goals reviewed, in the order the review lists them
     * @param history  their progress points, oldest first
     * @param checkIns their check-ins (any dates; those outside the period are ignored)
     */
    public static ReviewContent compose(LocalDate start, LocalDate end, List<GoalInput> goals, List<Point> history,
            List<CheckInInput> checkIns) {
        Map<UUID, GoalInput> byId = new LinkedHashMap<>();
        goals.forEach(g -> byId.put(g.id(), g));
        Map<UUID, Point> last = new HashMap<>();
        List<ReviewContent.StatusChange> changes = new ArrayList<>();
        for (Point p : history) {
            GoalInput g = byId.get(p.goalId());
            if (g == null || !p.asOf().isBefore(end)) {
                continue;
            }
            last.put(p.goalId(), p);
            if (!p.asOf().isBefore(start) && p.previousStatus() != null && p.previousStatus() != p.status()) {
                changes.add(new ReviewContent.StatusChange(g.id(), g.title(), p.asOf(), p.previousStatus(),
                        p.status()));
            }
        }
        changes.sort(Comparator.comparing(ReviewContent.StatusChange::asOf));

        List<ReviewContent.GoalLine> lines = new ArrayList<>();
        for (GoalInput g : goals) {
            lines.add(line(g, last.get(g.id())));
        }
        List<ReviewContent.Laggard> laggards = new ArrayList<>();
        for (ReviewContent.GoalLine l : lines) {
            if (l.status() == PaceStatus.OFF_TRACK || l.status() == PaceStatus.AT_RISK) {
                laggards.add(new ReviewContent.Laggard(l.goalId(), l.title(), l.status(), l.attainmentToDate(),
                        drags(l.goalId(), lines)));
            }
        }
        return new ReviewContent(lines, changes, laggards, summary(start, end, byId, checkIns));
    }

    private static ReviewContent.GoalLine line(GoalInput g, Point p) {
        if (p == null) {
            return new ReviewContent.GoalLine(g.id(), g.parentId(), g.title(), g.ownerDepartment(), g.ownerPerson(),
                    g.contributors(), g.weight(), PaceStatus.NO_DATA, null, null, null, null, null, null, null, null);
        }
        BigDecimal toExpected = p.actual() == null || p.expectedBase() == null ? null
                : p.actual().subtract(p.expectedBase());
        BigDecimal toBase = p.actual() == null || p.baseTarget() == null ? null : p.actual().subtract(p.baseTarget());
        return new ReviewContent.GoalLine(g.id(), g.parentId(), g.title(), g.ownerDepartment(), g.ownerPerson(),
                g.contributors(), g.weight(), p.status(), p.asOf(), p.actual(), p.expectedBase(), p.baseTarget(),
                p.attainmentToDate(), p.attainmentBase(), toExpected, toBase);
    }

    /** The sub-goals of {@code parent} below plan, largest shortfall first. */
    private static List<ReviewContent.Drag> drags(UUID parent, List<ReviewContent.GoalLine> lines) {
        List<ReviewContent.GoalLine> children = lines.stream()
                .filter(l -> parent.equals(l.parentId()) && l.status() != PaceStatus.NO_DATA
                        && l.attainmentToDate() != null)
                .toList();
        BigDecimal total = children.stream().map(ReviewContent.GoalLine::weight).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        if (total.signum() == 0) {
            return List.of();
        }
        List<ReviewContent.Drag> drags = new ArrayList<>();
        for (ReviewContent.GoalLine c : children) {
            BigDecimal share = c.weight().divide(total, MC);
            BigDecimal shortfall = share.multiply(BigDecimal.ONE.subtract(c.attainmentToDate()), MC);
            if (shortfall.signum() > 0) {
                drags.add(new ReviewContent.Drag(c.goalId(), c.title(), c.status(), c.weight(), c.attainmentToDate(),
                        round(share.multiply(c.attainmentToDate(), MC)), round(shortfall)));
            }
        }
        drags.sort(Comparator.comparing(ReviewContent.Drag::shortfall).reversed()
                .thenComparing(ReviewContent.Drag::title));
        return drags;
    }

    private static ReviewContent.CheckInSummary summary(LocalDate start, LocalDate end, Map<UUID, GoalInput> goals,
            List<CheckInInput> checkIns) {
        int count = 0;
        long confidence = 0;
        Map<UUID, CheckInInput> latest = new LinkedHashMap<>();
        for (CheckInInput c : checkIns) {
            if (!goals.containsKey(c.goalId()) || c.date().isBefore(start) || !c.date().isBefore(end)) {
                continue;
            }
            count++;
            confidence += c.confidence();
            latest.merge(c.goalId(), c, (a, b) -> b.at().isAfter(a.at()) ? b : a);
        }
        List<ReviewContent.Blocker> blockers = new ArrayList<>();
        for (CheckInInput c : latest.values()) {
            if (c.blockers() != null && !c.blockers().isBlank()) {
                blockers.add(new ReviewContent.Blocker(c.goalId(), goals.get(c.goalId()).title(), c.author(),
                        c.blockers(), c.at()));
            }
        }
        blockers.sort(Comparator.comparing(ReviewContent.Blocker::at));
        BigDecimal average = count == 0 ? null
                : BigDecimal.valueOf(confidence).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
        return new ReviewContent.CheckInSummary(count, average, blockers);
    }

    private static BigDecimal round(BigDecimal v) {
        return v.setScale(SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
