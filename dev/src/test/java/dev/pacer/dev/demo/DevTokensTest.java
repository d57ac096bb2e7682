package dev.pacer.dev.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokensTest {
    @TempDir
    Path dir;

    @Test
    void aTokenCarriesThePacerClaimsAndVerifiesWithThePublicKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path pem = dir.resolve("jwt-private.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC);

        String token = new DevTokens(DevTokens.readPrivateKey(pem), "pacer-dev", Duration.ofHours(2), clock)
                .token("zhang.wei", List.of("manager"), List.of("市场部"));

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        Base64.Decoder b64 = Base64.getUrlDecoder();
        JsonNode header = new ObjectMapper().readTree(b64.decode(parts[0]));
        JsonNode claims = new ObjectMapper().readTree(b64.decode(parts[1]));
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(claims.path("iss").asText()).isEqualTo("pacer-dev");
        assertThat(claims.path("sub").asText()).isEqualTo("zhang.wei");
        assertThat(claims.path("upn").asText()).isEqualTo("zhang.wei");
        assertThat(claims.path("groups").get(0).asText()).isEqualTo("manager");
        assertThat(claims.path("departments").get(0).asText()).isEqualTo("市场部");
        assertThat(claims.path("iat").asLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(claims.path("exp").asLong()).isEqualTo(clock.instant().getEpochSecond() + 7200);

        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(pair.getPublic());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(b64.decode(parts[2]))).isTrue();
    }

    @Test
    void aMissingOrForeignKeyFileIsAClearError() throws Exception {
        assertThatThrownBy(() -> DevTokens.readPrivateKey(dir.resolve("none.pem")))
                .isInstanceOf(DemoException.class).hasMessageContaining("cannot read the JWT private key");
        Path pkcs1 = dir.resolve("rsa.pem");
        Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> DevTokens.readPrivateKey(pkcs1))
                .isInstanceOf(DemoException.class).hasMessageContaining("not a PKCS#8 PEM private key");
    }
}
