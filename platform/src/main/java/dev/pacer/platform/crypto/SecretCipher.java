package dev.pacer.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the secrets a service keeps (webhook signing secrets, source credentials) with AES-256-GCM. Each value gets a fresh
 * 96-bit nonce, and is bound to a context (the id of the row it belongs to) as associated data, so a ciphertext
 * copied to another row does not decrypt. Stored form: {@code v1:} + base64(nonce ‖ ciphertext ‖ tag).
 */
public final class SecretCipher {
    static final int KEY_BYTES = 32;
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("An AES-256 key has 32 bytes, not " + (key == null ? 0 : key.length));
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /**
     * The cipher for a configured key.
     *
     * @param base64Key the configured value: base64 of 32 random bytes
     * @param configKey the property it comes from (e.g. {@code pacer.alert.secret-key})
     * @param envKey    the environment variable that sets it (e.g. {@code PACER_ALERT_SECRET_KEY})
     * @param purpose   what the key protects, for the message (e.g. "alert-service encrypts webhook secrets")
     * @throws IllegalStateException saying what to configure when the key is missing, not base64 or not 32 bytes
     */
    public static SecretCipher fromConfiguredKey(Optional<String> base64Key, String configKey, String envKey,
            String purpose) {
        String how = "set " + envKey + " (or " + configKey + ") to a base64-encoded random 32-byte key, e.g. the "
                + "output of `openssl rand -base64 32`, and keep it: secrets stored with one key cannot be read with "
                + "another";
        String value = base64Key.map(String::trim).filter(s -> !s.isEmpty()).orElseThrow(() ->
                new IllegalStateException(configKey + " is not set. " + purpose + " with it: "
                        + how + ". Only the dev and test profiles have a built-in key."));
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(configKey + " is not valid base64: " + how, e);
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException(configKey + " decodes to " + bytes.length + " bytes, not " + KEY_BYTES
                    + ": " + how);
        }
        return new SecretCipher(bytes);
    }

    /** The plaintext encrypted for the given context (e.g. the owning row's id). */
    public String encrypt(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /**
     * The plaintext of a value {@link #encrypt encrypted} for the same context.
     *
     * @throws IllegalStateException if it was encrypted with another key or context, or altered
     */
    public String decrypt(String stored, String context) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalStateException("Not a secret encrypted by Pacer");
        }
        byte[] all;
        try {
            all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Not a secret encrypted by Pacer", e);
        }
        if (all.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("Not a secret encrypted by Pacer");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalStateException("The secret does not decrypt: it was stored with another key, for "
                    + "another record, or altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }
}
