package dev.pacer.goal.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.events.PaceStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReviewExportTest {
    private final UUID goal = UUID.randomUUID();

    private Review review() {
        ReviewContent.GoalLine line = new ReviewContent.GoalLine(goal, null, "=新增|客户数", "市场部", "zhang.wei",
                List.of(), new BigDecimal("100"), PaceStatus.AT_RISK, LocalDate.parse("2026-09-30"),
                new BigDecimal("900"), new BigDecimal("1000"), new BigDecimal("1200"), new BigDecimal("0.9"),
                new BigDecimal("0.75"), new BigDecimal("-100"), new BigDecimal("-300"));
        ReviewContent.StatusChange change = new ReviewContent.StatusChange(goal, "=新增|客户数",
                LocalDate.parse("2026-09-30"), PaceStatus.ON_TRACK, PaceStatus.AT_RISK);
        ReviewContent.Laggard laggard = new ReviewContent.Laggard(goal, "=新增|客户数", PaceStatus.AT_RISK,
                new BigDecimal("0.9"), List.of());
        Action action = new Action(UUID.randomUUID(), "加推渠道活动", "li.na", LocalDate.parse("2026-10-31"),
                ActionStatus.OPEN, 1, OffsetDateTime.parse("2026-10-02T08:00:00Z"), "boss",
                OffsetDateTime.parse("2026-10-02T08:00:00Z"), "boss");
        return new Review(UUID.randomUUID(), "FY2026-Q3", LocalDate.parse("2026-07-01"), LocalDate.parse("2026-09-30"),
                null, "市场部", OffsetDateTime.parse("2026-10-01T08:00:00Z"), "boss", List.of(line), List.of(change),
                List.of(laggard), new ReviewContent.CheckInSummary(2, new BigDecimal("6.5"), List.of()),
                List.of(action));
    }

    @Test
    void theCsvHasAByteOrderMarkAndALinePerGoalWithTextFormulasNeutralised() {
        String csv = ReviewExport.csv(review());

        assertThat(csv).startsWith("\uFEFFperiod,goal_id,");
        assertThat(csv.substring(1).split("\r\n")).hasSize(2);
        assertThat(csv).contains("FY2026-Q3," + goal + ",,'=新增|客户数,市场部,zhang.wei,100,AT_RISK,2026-09-30,900,"
                + "1000,1200,0.9,0.75,-100,-300,1,true\r\n");
    }

    @Test
    void theMarkdownHasEverySectionAndEscapesTableCells() {
        String md = ReviewExport.markdown(review());

        assertThat(md).startsWith("# 复盘 Review FY2026-Q3\n");
        assertThat(md).contains("| =新增\\|客户数 | 市场部 | AT_RISK | 900 | 1000 | 1200 | 0.9 | -100 | -300 |");
        assertThat(md).contains("## Status changes", "| 2026-09-30 | =新增\\|客户数 | ON_TRACK | AT_RISK |");
        assertThat(md).contains("- **=新增\\|客户数** AT_RISK, attainment to date 0.9");
        assertThat(md).contains("- Average confidence: 6.5");
        assertThat(md).contains("| 加推渠道活动 | li.na | 2026-10-31 | OPEN |");
    }
}
