package dev.pacer.goal.tree;

/**
 * The filters and order of a goal list, as the query parameters carry them (checked by {@link GoalService}).
 *
 * @param department owner or contributing department
 * @param period     {@code FY2026} (the year's goals, annual and quarterly) or {@code FY2026-Q2} (that quarter's)
 * @param parentId   only the sub-goals of this goal
 * @param root       {@code true}: only annual objectives; {@code false}: only sub-goals
 * @param sort       see {@link GoalOrder#parse(String)}
 */
public record GoalQuery(String department, String period, String parentId, String root, String sort) {
    public static GoalQuery childrenOf(String parentId, String sort) {
        return new GoalQuery(null, null, parentId, null, sort);
    }
}
