package dev.pacer.testing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * Mints RS256 bearer tokens that services under test accept when {@link JwtResource} is active.
 *
 * <pre>{@code
 * Tokens.admin();                              // role admin, no departments
 * Tokens.withRole("manager", "marketing");     // role manager in department marketing
 * Tokens.token("alice", Set.of("member"), Set.of("sales", "ops"));
 * }</pre>
 *
 * Claims: {@code iss} = {@value #ISSUER}, {@code sub} and {@code upn} = subject, {@code groups} = roles,
 * {@code departments} = department codes (array), {@code iat}, {@code exp} = now + 1 h.
 *
 * <p>The key pair is made once per JVM and kept in the system property {@value #KEY_PAIR_PROPERTY},
 * so that {@link JwtResource} and the test class use the same key even when Quarkus loads them in
 * different class loaders.
 */
public final class Tokens {

    public static final String ISSUER = "pacer-test";
    public static final String KEY_PAIR_PROPERTY = "pacer.test.jwt.key-pair";
    private static final Duration LIFETIME = Duration.ofHours(1);

    private Tokens() {
    }

    public static String token(String subject, Set<String> roles, Set<String> departments) {
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(roles)
                .claim("departments", List.copyOf(departments))
                .issuedAt(System.currentTimeMillis() / 1000)
                .expiresIn(LIFETIME)
                .jws()
                .sign(privateKey());
    }

    /** Subject {@code admin} with role {@code admin}. */
    public static String admin() {
        return token("admin", Set.of("admin"), Set.of());
    }

    /** Subject named after the role, e.g. {@code manager}, in the given departments. */
    public static String withRole(String role, String... departments) {
        return token(role, Set.of(role), Set.of(departments));
    }

    /** The verification key: base64 of the X.509 (SubjectPublicKeyInfo) encoding. */
    public static String publicKey() {
        return keyPair()[1];
    }

    static PrivateKey privateKey() {
        try {
            byte[] pkcs8 = Base64.getDecoder().decode(keyPair()[0]);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** [base64 PKCS#8 private key, base64 X.509 public key], generated on first use. */
    private static String[] keyPair() {
        String stored = System.getProperty(KEY_PAIR_PROPERTY);
        if (stored == null) {
            KeyPair pair = generate();
            Base64.Encoder b64 = Base64.getEncoder();
            String fresh = b64.encodeToString(pair.getPrivate().getEncoded()) + "."
                    + b64.encodeToString(pair.getPublic().getEncoded());
            Object previous = System.getProperties().putIfAbsent(KEY_PAIR_PROPERTY, fresh);
            stored = previous != null ? (String) previous : fresh;
        }
        return stored.split("\\.");
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
