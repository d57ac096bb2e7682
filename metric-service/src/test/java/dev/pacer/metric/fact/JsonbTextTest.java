package dev.pacer.metric.fact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonbText#storable}: its UTF-8 check against the JDK's strict UTF-8 decoder (which follows the same Unicode
 * table) and NUL, and the escapes PostgreSQL refuses.
 */
class JsonbTextTest {
    @Test
    void acceptsTextInEveryByteLength() {
        byte[] b = "{\"name\":\"Zoë 中文 😀\",\"n\":12.50}".getBytes(StandardCharsets.UTF_8);
        assertThat(JsonbText.storable(b, 0, b.length)).isTrue();
    }

    @Test
    void refusesNulOverlongFormsSurrogatesAndTruncatedSequences() {
        assertThat(legal(0x41, 0x00, 0x42)).isFalse();
        assertThat(legal(0xC0, 0xAF)).isFalse(); // overlong '/'
        assertThat(legal(0xE0, 0x80, 0xAF)).isFalse(); // overlong
        assertThat(legal(0xED, 0xA0, 0x80)).isFalse(); // U+D800, a surrogate
        assertThat(legal(0xF4, 0x90, 0x80, 0x80)).isFalse(); // above U+10FFFF
        assertThat(legal(0xE4, 0xB8)).isFalse(); // cut short
        assertThat(legal(0x80)).isFalse(); // a continuation byte alone
        assertThat(legal(0xED, 0x9F, 0xBF)).isTrue(); // U+D7FF
        assertThat(legal(0xF4, 0x8F, 0xBF, 0xBF)).isTrue(); // U+10FFFF
    }

    @Test
    void refusesTheEscapesPostgresqlRefusesInJsonb() {
        assertThat(storable("{\"a\":\"x\\u0000y\"}")).isFalse();
        assertThat(storable("{\"a\":\"\\uDC00\"}")).isFalse(); // a low surrogate alone
        assertThat(storable("{\"a\":\"\\uD83D\"}")).isFalse(); // a high surrogate alone
        assertThat(storable("{\"a\":\"\\uD83D\\u0041\"}")).isFalse();
        assertThat(storable("{\"a\":\"\\uD83D\\uDE00 \\u00e9 \\u0001\"}")).isTrue(); // 😀 é U+0001
        assertThat(storable("{\"a\":\"\\\\u0000 \\\" \\n\"}")).as("an escaped backslash before u0000").isTrue();
    }

    @Test
    void onlyTheGivenRangeIsChecked() {
        byte[] b = {(byte) 0xFF, '{', '}', (byte) 0xE4};
        assertThat(JsonbText.storable(b, 1, 3)).isTrue();
        assertThat(JsonbText.storable(b, 1, 4)).isFalse();
    }

    @Test
    void agreesWithTheJdksStrictDecoderOnEveryShortSequenceAndRandomBytes() {
        for (int a = 1; a < 256; a++) {
            for (int c = 0; c < 256; c++) {
                check(new byte[] {(byte) a, (byte) c});
                check(new byte[] {(byte) a, (byte) c, (byte) 0x80});
                check(new byte[] {(byte) a, (byte) c, (byte) 0x80, (byte) 0xBF});
            }
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 200_000; n++) {
            byte[] b = new byte[1 + random.nextInt(6)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : 1 + random.nextInt(0xFF));
            }
            check(b);
        }
    }

    /** Compares the UTF-8 check alone: sequences with a backslash (an escape, checked above) are left out. */
    private static void check(byte[] b) {
        boolean hasNul = false;
        for (byte x : b) {
            if (x == '\\') {
                return;
            }
            hasNul |= x == 0;
        }
        assertThat(JsonbText.storable(b, 0, b.length)).as("%s", java.util.HexFormat.of().formatHex(b))
                .isEqualTo(!hasNul && jdkAccepts(b));
    }

    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean storable(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return JsonbText.storable(b, 0, b.length);
    }

    private static boolean legal(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return JsonbText.storable(b, 0, b.length);
    }
}
