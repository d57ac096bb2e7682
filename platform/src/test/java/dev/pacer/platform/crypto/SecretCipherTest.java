package dev.pacer.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
    private static final String SECRET = "whsec_4f0c9b7e2a1d4c8b9e6f";

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private final SecretCipher cipher = new SecretCipher(randomKey());

    private static SecretCipher configured(Optional<String> key) {
        return SecretCipher.fromConfiguredKey(key, "pacer.alert.secret-key", "PACER_ALERT_SECRET_KEY",
                "alert-service encrypts webhook secrets");
    }

    @Test
    void aSecretRoundTripsForItsContext() {
        String stored = cipher.encrypt(SECRET, "channel-1");
        assertThat(stored).startsWith("v1:").doesNotContain(SECRET);
        assertThat(cipher.decrypt(stored, "channel-1")).isEqualTo(SECRET);
        assertThat(cipher.decrypt(cipher.encrypt("ünïcødé ✓", "c"), "c")).isEqualTo("ünïcødé ✓");
    }

    @Test
    void encryptingTwiceGivesDifferentCiphertexts() {
        assertThat(cipher.encrypt(SECRET, "channel-1")).isNotEqualTo(cipher.encrypt(SECRET, "channel-1"));
    }

    @Test
    void aCiphertextCopiedToAnotherRecordDoesNotDecrypt() {
        String stored = cipher.encrypt(SECRET, "channel-1");
        assertThatThrownBy(() -> cipher.decrypt(stored, "channel-2"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not decrypt");
    }

    @Test
    void anotherKeyOrAnAlteredCiphertextDoesNotDecrypt() {
        String stored = cipher.encrypt(SECRET, "channel-1");
        assertThatThrownBy(() -> new SecretCipher(randomKey()).decrypt(stored, "channel-1"))
                .isInstanceOf(IllegalStateException.class);
        byte[] raw = Base64.getDecoder().decode(stored.substring(3));
        raw[raw.length - 1] ^= 1;
        String altered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> cipher.decrypt(altered, "channel-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt("plaintext", "channel-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt("v1:AAAA", "channel-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theConfiguredKeyIsBase64Of32Bytes() {
        byte[] key = randomKey();
        SecretCipher configured = configured(Optional.of(Base64.getEncoder().encodeToString(key)));
        assertThat(new SecretCipher(key).decrypt(configured.encrypt(SECRET, "c"), "c")).isEqualTo(SECRET);
    }

    @Test
    void aMissingKeySaysWhatToSet() {
        for (Optional<String> missing : java.util.List.of(Optional.<String>empty(), Optional.of("  "))) {
            assertThatThrownBy(() -> configured(missing))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("pacer.alert.secret-key is not set")
                    .hasMessageContaining("PACER_ALERT_SECRET_KEY")
                    .hasMessageContaining("openssl rand -base64 32")
                    .hasMessageContaining("alert-service encrypts webhook secrets with it");
        }
    }

    @Test
    void aKeyThatIsNotBase64OrNot32BytesIsRefusedClearly() {
        assertThatThrownBy(() -> configured(Optional.of("not base64!")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not valid base64");
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> configured(Optional.of(short16)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("16 bytes, not 32");
    }
}
