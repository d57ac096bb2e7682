package dev.pacer.goal.scorecard;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pacer.events.PaceStatus;
import dev.pacer.goal.matrix.Csv;
import dev.pacer.goal.tree.Direction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A scorecard as the API answers it. */
@Schema(name = "Scorecard", description = "The weighted scorecard of a department or a person for a period")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScorecardView(
        @Schema(example = "FY2026") String period,
        @Schema(description = "The department scored (absent for a person's card)", example = "市场部")
        String department,
        @Schema(description = "The person scored (absent for a department's card)", example = "zhang.wei")
        String person,
        @Schema(description = "Weighted mean score of the scored goals; absent while none is scored",
                example = "104.5") BigDecimal score,
        @Schema(description = "Sum of the weights of the scored goals", example = "60") BigDecimal weightScored,
        @Schema(description = "Sum of the weights of all goals of the card", example = "100") BigDecimal weightTotal,
        @Schema(description = "The scoring rule applied") Rule rule,
        List<Line> goals) {

    /** The configured scoring rule. */
    @Schema(name = "ScoringRule")
    public record Rule(@Schema(example = "100") BigDecimal baseScore,
            @Schema(example = "120") BigDecimal challengeScore,
            @Schema(example = "120") BigDecimal cap,
            @Schema(example = "0") BigDecimal floorAttainment) {
    }

    /** One goal of the card. */
    @Schema(name = "ScorecardLine")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(
            @Schema(example = "4e0c2a9d-1b7f-4d3e-8a65-0f9e2c7b1d34") UUID goalId,
            @Schema(example = "新增客户数") String title,
            @Schema(example = "市场部") String ownerDepartment,
            @Schema(example = "zhang.wei") String ownerPerson,
            @Schema(description = "The goal's weight in its parent", example = "60") BigDecimal weight,
            @Schema(example = "HIGHER_IS_BETTER") Direction direction,
            @Schema(description = "Actual to date; for a goal judged by its sub-goals, its roll-up attainment "
                    + "against the base target", example = "1250") BigDecimal actual,
            @Schema(example = "1200") BigDecimal baseTarget,
            @Schema(example = "1500") BigDecimal challengeTarget,
            @Schema(description = "Pace status; absent while the goal has no progress", example = "ON_TRACK")
            PaceStatus status,
            @Schema(description = "The goal's score; absent while it cannot be scored (no data)", example = "103.33")
            BigDecimal score) {
    }

    /** The card as CSV: one line per goal, then a total line. */
    public String csv() {
        StringBuilder out = new StringBuilder(Csv.BOM);
        out.append(Csv.line(List.of("goal_id", "title", "owner_department", "owner_person", "weight", "direction",
                "actual", "base_target", "challenge_target", "status", "score")));
        for (Line l : goals) {
            out.append(Csv.line(cells(l.goalId(), l.title(), l.ownerDepartment(), l.ownerPerson(), l.weight(),
                    l.direction(), l.actual(), l.baseTarget(), l.challengeTarget(), l.status(), l.score())));
        }
        out.append(Csv.line(cells("TOTAL", department != null ? department : person, null, null, weightTotal, null,
                null, null, null, null, score)));
        return out.toString();
    }

    private static List<Object> cells(Object... values) {
        List<Object> cells = new ArrayList<>(values.length);
        for (Object v : values) {
            cells.add(v);
        }
        return cells;
    }
}
