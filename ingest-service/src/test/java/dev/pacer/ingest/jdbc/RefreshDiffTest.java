package dev.pacer.ingest.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RefreshDiffTest {
    @Test
    void publishesNewAndChangedRowsAndFindsVanishedKeys() {
        RefreshDiff diff = new RefreshDiff(Map.of("1", "a", "2", "b", "3", "c"));
        assertThat(diff.seen("1", "a")).isFalse();
        assertThat(diff.seen("2", "B")).isTrue();
        assertThat(diff.seen("4", "d")).isTrue();
        assertThat(diff.vanished()).containsExactly("3");
        assertThat(diff.ledger()).containsOnly(Map.entry("1", "a"), Map.entry("2", "B"), Map.entry("4", "d"));
    }

    @Test
    void aRefusedRowIsNotDeletedAndKeepsItsLastPublishedHash() {
        RefreshDiff diff = new RefreshDiff(Map.of("1", "a"));
        diff.seenRefused("1");
        diff.seenRefused("9");
        assertThat(diff.vanished()).isEmpty();
        assertThat(diff.ledger()).containsOnly(Map.entry("1", "a"));
    }
}
