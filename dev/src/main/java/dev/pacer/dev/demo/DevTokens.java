package dev.pacer.dev.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.Objects;

/**
 * Development JWTs (RS256) signed with the private key {@code ./pacer} keeps in {@code .pacer/keys/jwt-private.pem},
 * with the claims {@code ./pacer token} builds: {@code iss}, {@code sub}, {@code upn} (= sub), {@code groups} (the
 * roles), {@code departments}, {@code iat} and {@code exp}.
 */
public final class DevTokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;
    private final String issuer;
    private final Duration lifetime;
    private final Clock clock;

    public DevTokens(PrivateKey key, String issuer, Duration lifetime, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Reads a PKCS#8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}, as {@code openssl genpkey} writes it). */
    public static PrivateKey readPrivateKey(Path pem) {
        String text;
        try {
            text = Files.readString(pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new DemoException("cannot read the JWT private key " + pem + ": " + e.getMessage()
                    + " (./pacer up makes it in .pacer/keys/)");
        }
        if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new DemoException(pem + " is not a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        String base64 = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new DemoException(pem + " does not hold an RSA private key: " + e.getMessage());
        }
    }

    /** A signed token for {@code subject} with these roles and departments. */
    public String token(String subject, Collection<String> roles, Collection<String> departments) {
        long now = clock.instant().getEpochSecond();
        ObjectNode payload = JSON.createObjectNode();
        payload.put("iss", issuer);
        payload.put("sub", subject);
        payload.put("upn", subject);
        roles.forEach(payload.putArray("groups")::add);
        departments.forEach(payload.putArray("departments")::add);
        payload.put("iat", now);
        payload.put("exp", now + lifetime.toSeconds());
        String signingInput = B64URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + B64URL.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new DemoException("cannot sign a development token: " + e.getMessage());
        }
    }
}
