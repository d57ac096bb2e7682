package dev.pacer.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Makes the service under test trust the tokens that {@link Tokens} mints.
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(value = JwtResource.class, restrictToAnnotatedClass = false)
 * class GoalResourceTest {
 *     given().auth().oauth2(Tokens.withRole("manager", "marketing")).get("/goals")...
 * }
 * }</pre>
 *
 * The RSA key pair is generated in memory once per JVM (see {@link Tokens}); nothing is written to
 * disk. Services must not set {@code mp.jwt.verify.publickey.location} in their {@code %test} profile.
 *
 * <p>Config returned: {@code mp.jwt.verify.publickey} (base64 X.509), {@code mp.jwt.verify.issuer}
 * ({@value Tokens#ISSUER}).
 */
public class JwtResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey", Tokens.publicKey(),
                "mp.jwt.verify.issuer", Tokens.ISSUER);
    }

    @Override
    public void stop() {
    }
}
