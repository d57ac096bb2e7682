package dev.pacer.metric.value;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Plain unit test of when a dataset's next refresh round may start. */
class RoundPacingTest {
    private static final long MS = 1_000_000L;

    @Test
    void aDatasetRestsAsLongAsItsLastRoundTookWhileRecordsKeepArriving() {
        RoundPacing pacing = new RoundPacing();
        pacing.marked("orders", 0);
        pacing.roundRan("orders", 0, 3_000 * MS); // a 3 s round
        pacing.marked("orders", 2_900 * MS);
        assertThat(pacing.resting(3_100 * MS)).containsExactly("orders");
        pacing.marked("orders", 3_800 * MS);
        assertThat(pacing.resting(4_500 * MS)).as("still fed, rest not over").containsExactly("orders");
        assertThat(pacing.resting(6_000 * MS)).as("rest over").isEmpty();
    }

    @Test
    void theRestEndsWhenTheFeedGoesQuiet() {
        RoundPacing pacing = new RoundPacing();
        pacing.marked("orders", 0);
        pacing.roundRan("orders", 0, 5_000 * MS); // rest until 10 s
        pacing.marked("orders", 4_000 * MS); // the last records
        assertThat(pacing.resting(4_900 * MS)).containsExactly("orders");
        assertThat(pacing.untilNextEnd(4_900 * MS, 60_000 * MS)).as("the feed is quiet 1 s after the last mark")
                .isEqualTo(100 * MS);
        assertThat(pacing.resting(5_000 * MS)).as("no mark for 1 s: the values catch up now").isEmpty();
    }

    @Test
    void theWorkerWakesWhenTheFirstRestEndsOrTheFeedGoesQuietButNoLaterThanItsPoll() {
        RoundPacing pacing = new RoundPacing();
        assertThat(pacing.untilNextEnd(0, 1_000 * MS)).isEqualTo(1_000 * MS);
        pacing.marked("orders", 0);
        pacing.roundRan("orders", 0, 400 * MS); // a 400 ms round rests the shortest rest: until 900 ms
        pacing.marked("orders", 700 * MS); // fed until 1,700 ms
        assertThat(pacing.untilNextEnd(500 * MS, 1_000 * MS)).isEqualTo(400 * MS);
        pacing.roundRan("lines", 0, 100 * MS); // rest until 600 ms, never marked: not resting at all
        assertThat(pacing.resting(150 * MS)).containsExactly("orders");
        assertThat(pacing.untilNextEnd(150 * MS, 1_000 * MS)).as("orders' rest ends at 900 ms").isEqualTo(750 * MS);
        assertThat(pacing.resting(850 * MS)).containsExactly("orders");
        assertThat(pacing.resting(900 * MS)).isEmpty();
    }
}
