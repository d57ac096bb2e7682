package dev.pacer.alert.silence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LabelMatcherTest {
    private static final Map<String, String> LABELS = Map.of("alertname", "GoalOffTrack", "team", "presales",
            "severity", "critical");

    @Test
    void equalAndNotEqualCompareTheWholeValue() {
        assertThat(LabelMatcher.of("severity", "=", "critical").matches(LABELS)).isTrue();
        assertThat(LabelMatcher.of("severity", "=", "crit").matches(LABELS)).isFalse();
        assertThat(LabelMatcher.of("severity", "!=", "critical").matches(LABELS)).isFalse();
        assertThat(LabelMatcher.of("severity", "!=", "warning").matches(LABELS)).isTrue();
    }

    @Test
    void regularExpressionsAreAnchoredAtBothEndsLikeAlertmanager() {
        assertThat(LabelMatcher.of("team", "=~", "sales").matches(LABELS)).isFalse();
        assertThat(LabelMatcher.of("team", "=~", "pre").matches(LABELS)).isFalse();
        assertThat(LabelMatcher.of("team", "=~", ".*sales").matches(LABELS)).isTrue();
        assertThat(LabelMatcher.of("team", "=~", "sales|presales").matches(LABELS)).isTrue();
        assertThat(LabelMatcher.of("team", "!~", "sales").matches(LABELS)).isTrue();
        assertThat(LabelMatcher.of("team", "!~", "pre.*").matches(LABELS)).isFalse();
    }

    @Test
    void anAlternationIsAnchoredAsAWhole() {
        // "a|b" must mean ^(?:a|b)$, not ^a|b$ (which would match any value ending in b)
        assertThat(LabelMatcher.of("team", "=~", "nothing|sales").matches(LABELS)).isFalse();
    }

    @Test
    void aMissingLabelHasTheEmptyValue() {
        assertThat(LabelMatcher.of("region", "=", "").matches(LABELS)).isTrue();
        assertThat(LabelMatcher.of("region", "!=", "").matches(LABELS)).isFalse();
        assertThat(LabelMatcher.of("region", "=~", ".*").matches(LABELS)).isTrue();
        assertThat(LabelMatcher.of("region", "!~", ".+").matches(LABELS)).isTrue();
        assertThat(LabelMatcher.of("region", "=", "emea").matches(LABELS)).isFalse();
        assertThat(LabelMatcher.of("region", "=", "emea").matchesEmpty()).isFalse();
        assertThat(LabelMatcher.of("region", "!=", "emea").matchesEmpty()).isTrue();
    }

    @Test
    void anInvalidRegularExpressionIsRefusedWithTheMatcherWrittenOut() {
        assertThatThrownBy(() -> LabelMatcher.of("team", "=~", "(sales"))
                .isInstanceOfSatisfying(InvalidMatcherException.class,
                        e -> assertThat(e.part()).isEqualTo(InvalidMatcherException.Part.VALUE))
                .hasMessageContaining("team=~\"(sales\"")
                .hasMessageContaining("not a valid regular expression");
    }

    @Test
    void aRegularExpressionHasALengthCapButAPlainValueMayBeLonger() {
        String longValue = "a".repeat(LabelMatcher.MAX_REGEX_LENGTH + 1);
        assertThatThrownBy(() -> LabelMatcher.of("team", "=~", longValue))
                .hasMessageContaining("longer than " + LabelMatcher.MAX_REGEX_LENGTH);
        assertThat(LabelMatcher.of("team", "=", longValue).value()).isEqualTo(longValue);
        assertThatThrownBy(() -> LabelMatcher.of("team", "=", "a".repeat(LabelMatcher.MAX_VALUE_LENGTH + 1)))
                .isInstanceOf(InvalidMatcherException.class);
    }

    @Test
    void badNamesAndOperatorsSayWhichPartIsWrong() {
        assertThatThrownBy(() -> LabelMatcher.of("1team", "=", "x"))
                .isInstanceOfSatisfying(InvalidMatcherException.class,
                        e -> assertThat(e.part()).isEqualTo(InvalidMatcherException.Part.NAME));
        assertThatThrownBy(() -> LabelMatcher.of("team", "==", "x"))
                .isInstanceOfSatisfying(InvalidMatcherException.class,
                        e -> assertThat(e.part()).isEqualTo(InvalidMatcherException.Part.OPERATOR))
                .hasMessageContaining("=, !=, =~, !~");
    }

    @Test
    @Timeout(10)
    void aCatastrophicallyBacktrackingExpressionGivesUpAndHoldsNeitherWay() {
        // takes java.util.regex ~10^8 character reads (seconds) on this value; the budget stops it after 2·10^5
        String evil = "(.*a){20}";
        Map<String, String> labels = Map.of("team", "a".repeat(24) + "!");
        long started = System.nanoTime();
        assertThat(LabelMatcher.of("team", "=~", evil).matches(labels)).isFalse();
        assertThat(LabelMatcher.of("team", "!~", evil).matches(labels)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        // the same expression still decides values it can decide cheaply
        assertThat(LabelMatcher.of("team", "!~", evil).matches(Map.of("team", "b"))).isTrue();
        assertThat(LabelMatcher.of("team", "=~", evil).matches(Map.of("team", "b"))).isFalse();
    }

    @Test
    void writesItselfAsAlertmanagerDoes() {
        assertThat(LabelMatcher.of("team", "=~", "sa\"les").toString()).isEqualTo("team=~\"sa\\\"les\"");
    }
}
