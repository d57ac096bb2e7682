package dev.pacer.alert.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    @Test
    void isAStableKnownHash() {
        // Expected values computed independently (Python hashlib over the same length-prefixed fields).
        assertThat(Fingerprint.of("r-pace", AlertSubject.goal("g-1", List.of("sales"))))
                .isEqualTo("3776a0572acbe875487a0ab74ebf8ddc");
        assertThat(Fingerprint.of("r-rev", AlertSubject.metric("revenue",
                Map.of("region", "north", "channel", "web"), List.of())))
                .isEqualTo("ece54850996d7a61d2ebe5cfcbca9ef7");
    }

    @Test
    void doesNotDependOnDimensionOrderOrDepartments() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("region", "north");
        a.put("channel", "web");
        Map<String, String> b = new LinkedHashMap<>();
        b.put("channel", "web");
        b.put("region", "north");
        assertThat(Fingerprint.of("r", AlertSubject.metric("revenue", a, List.of("sales"))))
                .isEqualTo(Fingerprint.of("r", AlertSubject.metric("revenue", b, List.of("finance", "ops"))));
    }

    @Test
    void differsByRuleSubjectAndSlice() {
        String base = Fingerprint.of("r1", AlertSubject.goal("g-1", List.of()));
        assertThat(Fingerprint.of("r2", AlertSubject.goal("g-1", List.of()))).isNotEqualTo(base);
        assertThat(Fingerprint.of("r1", AlertSubject.goal("g-2", List.of()))).isNotEqualTo(base);
        assertThat(Fingerprint.of("r1", AlertSubject.metric("g-1", Map.of(), List.of()))).isNotEqualTo(base);
        assertThat(Fingerprint.of("r1", AlertSubject.metric("m", Map.of("region", "north"), List.of())))
                .isNotEqualTo(Fingerprint.of("r1", AlertSubject.metric("m", Map.of("region", "south"), List.of())));
        assertThat(base).hasSize(32).matches("[0-9a-f]{32}");
    }

    @Test
    void movingCharactersBetweenFieldsChangesIt() {
        assertThat(Fingerprint.of("ab", AlertSubject.goal("c", List.of())))
                .isNotEqualTo(Fingerprint.of("a", AlertSubject.goal("bc", List.of())));
    }
}
