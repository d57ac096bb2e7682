package dev.pacer.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresTextTest {
    @Test
    void nulAndUnpairedSurrogatesCannotBeHeld() {
        assertThat(PostgresText.canHold("a\u0000b")).isFalse();
        assertThat(PostgresText.canHold("\uDC00")).isFalse();
        assertThat(PostgresText.canHold("x\uD83D")).isFalse();
        assertThat(PostgresText.canHold("\uD83Dx")).isFalse();
        assertThat(PostgresText.canHold("\uDE00\uD83D")).isFalse();
    }

    @Test
    void anyOtherTextCanBeHeld() {
        assertThat(PostgresText.canHold("")).isTrue();
        assertThat(PostgresText.canHold("Zoë 中文 😀 \u0001 \uFFFF")).isTrue();
    }
}
