package dev.pacer.goal.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.events.PaceStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressSnapshotTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 31);

    private static Progress progress(String actual, String attainmentToDate, PaceStatus status) {
        return new Progress(DAY, 90, 365, 3, new BigDecimal(actual), new BigDecimal("295.890411"), null,
                new BigDecimal(attainmentToDate), null, new BigDecimal("0.25"), null, status,
                new BigDecimal("1216.666667"), new BigDecimal("1216.666667"));
    }

    @Test
    void aMeasuredGoalCountsByItsOwnProgressEvenWithSubGoals() {
        RollUp rollUp = new RollUp(new BigDecimal("0.5"), new BigDecimal("0.1"), null, PaceStatus.OFF_TRACK, 1, 1);
        ProgressSnapshot s = new ProgressSnapshot(DAY, progress("300", "1.013889", PaceStatus.ON_TRACK), rollUp,
                new BigDecimal("1200"), null);

        assertThat(s.status()).isEqualTo(PaceStatus.ON_TRACK);
        assertThat(s.contribution(new BigDecimal("60"))).isEqualTo(new Contribution(new BigDecimal("60"),
                PaceStatus.ON_TRACK, new BigDecimal("1.013889"), new BigDecimal("0.25"), null));
    }

    @Test
    void aGoalWithoutMeasureCountsByItsRollUpAndWithNeitherHasNoData() {
        RollUp rollUp = new RollUp(new BigDecimal("0.9"), new BigDecimal("0.2"), null, PaceStatus.AT_RISK, 2, 3);
        assertThat(new ProgressSnapshot(DAY, null, rollUp, null, null).status()).isEqualTo(PaceStatus.AT_RISK);
        assertThat(new ProgressSnapshot(DAY, null, rollUp, null, null).attainmentToDate()).isEqualByComparingTo("0.9");
        ProgressSnapshot none = new ProgressSnapshot(DAY, null, null, null, null);
        assertThat(none.status()).isEqualTo(PaceStatus.NO_DATA);
        assertThat(none.contribution(BigDecimal.TEN).hasData()).isFalse();
    }

    @Test
    void theSameFiguresOnAnotherDayOrWithOtherTrailingZerosAreNoChange() {
        ProgressSnapshot a = new ProgressSnapshot(DAY, progress("300", "1.013889", PaceStatus.ON_TRACK), null,
                new BigDecimal("1200"), null);
        ProgressSnapshot b = new ProgressSnapshot(DAY.plusDays(1), progress("300.000000", "1.0138890",
                PaceStatus.ON_TRACK), null, new BigDecimal("1200.00"), null);
        assertThat(a.sameFiguresAs(b)).isTrue();
    }

    @Test
    void anyChangedFigureIsAChange() {
        ProgressSnapshot a = new ProgressSnapshot(DAY, progress("300", "1.013889", PaceStatus.ON_TRACK), null,
                new BigDecimal("1200"), null);
        assertThat(a.sameFiguresAs(new ProgressSnapshot(DAY, progress("301", "1.013889", PaceStatus.ON_TRACK), null,
                new BigDecimal("1200"), null))).isFalse();
        assertThat(a.sameFiguresAs(new ProgressSnapshot(DAY, progress("300", "1.013889", PaceStatus.ON_TRACK), null,
                new BigDecimal("1000"), null))).isFalse();
        assertThat(a.sameFiguresAs(new ProgressSnapshot(DAY, null, null, new BigDecimal("1200"), null))).isFalse();
        assertThat(a.sameFiguresAs(null)).isFalse();
    }

    @Test
    void aDimensionSliceHasOneKeyWhateverTheOrderOfItsMembers() {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("region", "华东");
        one.put("channel", "web");
        Map<String, String> other = new LinkedHashMap<>();
        other.put("channel", "web");
        other.put("region", "华东");
        assertThat(DimensionSlice.key(one)).isEqualTo(DimensionSlice.key(other))
                .isEqualTo("{\"channel\":\"web\",\"region\":\"华东\"}");
        assertThat(DimensionSlice.key(Map.of())).isEqualTo("{}").isEqualTo(DimensionSlice.key(null));
        assertThat(DimensionSlice.key(Map.of("a", "x\"y"))).isEqualTo("{\"a\":\"x\\\"y\"}");
    }

    @Test
    void aSliceOfFactsWithoutAValueForTheDimensionIsItsOwnSlice() {
        Map<String, String> none = new LinkedHashMap<>();
        none.put("ship_country", null);
        assertThat(DimensionSlice.key(none)).isEqualTo("{\"ship_country\":null}")
                .isNotEqualTo(DimensionSlice.key(Map.of("ship_country", "null")))
                .isNotEqualTo(DimensionSlice.key(Map.of()));
    }
}
