package dev.pacer.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final String SECRET = "whsec_0123456789abcdef";
    private static final byte[] BODY = "{\"order_id\":10248}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String TS = Long.toString(NOW.getEpochSecond());
    private static final String KNOWN = "ce393db8c4568e5b6bdc86db52827c36e72094a68f21ba6a1b0701face1271b5";

    @Test
    void signsTheTimestampADotAndTheBodyWithHmacSha256() {
        // the known answer of: printf '%s' '1767225600.{"order_id":10248}' | openssl dgst -sha256 -hmac <SECRET>
        assertThat(WebhookSignature.sign(SECRET, TS, BODY)).isEqualTo("sha256=" + KNOWN);
    }

    @Test
    void aSignatureMadeWithTheSecretWithinTheWindowIsAccepted() {
        String signature = WebhookSignature.sign(SECRET, TS, BODY);
        assertThatCode(() -> WebhookSignature.verify(SECRET, TS, signature, BODY, NOW)).doesNotThrowAnyException();
        assertThatCode(() -> WebhookSignature.verify(SECRET, TS, signature.toUpperCase().replace("SHA256", "sha256"),
                BODY, NOW.plusSeconds(300))).as("hex in either case, at the edge of the window")
                .doesNotThrowAnyException();
        assertThatCode(() -> WebhookSignature.verify(SECRET, TS, signature, BODY, NOW.minusSeconds(300)))
                .doesNotThrowAnyException();
    }

    @Test
    void anotherSecretBodyOrTimestampIsRefused() {
        String signature = WebhookSignature.sign(SECRET, TS, BODY);
        assertThatThrownBy(() -> WebhookSignature.verify("whsec_another-secret-16", TS, signature, BODY, NOW))
                .isInstanceOf(WebhookSignature.InvalidSignatureException.class).hasMessageContaining("does not match");
        byte[] tampered = "{\"order_id\":10249}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, TS, signature, tampered, NOW))
                .hasMessageContaining("does not match");
        String otherTs = Long.toString(NOW.getEpochSecond() + 1);
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, otherTs, signature, BODY, NOW))
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, TS, signature.substring(7), BODY, NOW))
                .as("without the sha256= prefix").hasMessageContaining("does not match");
    }

    @Test
    void anOldOrFutureTimestampIsRefusedEvenWhenSignedRightly() {
        String signature = WebhookSignature.sign(SECRET, TS, BODY);
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, TS, signature, BODY, NOW.plusSeconds(301)))
                .isInstanceOf(WebhookSignature.InvalidSignatureException.class)
                .hasMessageContaining("more than 5 minutes");
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, TS, signature, BODY, NOW.minusSeconds(301)))
                .hasMessageContaining("more than 5 minutes");
        String huge = "99999999999999999";
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, huge, WebhookSignature.sign(SECRET, huge, BODY),
                BODY, NOW)).hasMessageContaining("more than 5 minutes");
    }

    @Test
    void missingOrMalformedHeadersAreRefused() {
        String signature = WebhookSignature.sign(SECRET, TS, BODY);
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, null, signature, BODY, NOW))
                .hasMessageContaining(WebhookSignature.TIMESTAMP_HEADER + " header is missing");
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, TS, " ", BODY, NOW))
                .hasMessageContaining(WebhookSignature.SIGNATURE_HEADER + " header is missing");
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, "2026-01-01T00:00:00Z", signature, BODY, NOW))
                .hasMessageContaining("Unix seconds");
    }
}
