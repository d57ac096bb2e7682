package dev.pacer.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

class TokensTest {

    /** Verifies like a service configured by {@link JwtResource}. */
    private static JsonWebToken verify(String token) throws ParseException {
        Map<String, String> config = new JwtResource().start();
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyContent(config.get("mp.jwt.verify.publickey"));
        info.setIssuedBy(config.get("mp.jwt.verify.issuer"));
        return new DefaultJWTParser(info).parse(token);
    }

    @Test
    void mintedTokenVerifiesWithTheResourcesPublicKeyAndCarriesRolesAndDepartments() throws Exception {
        JsonWebToken jwt = verify(Tokens.token("alice", Set.of("manager", "member"), Set.of("marketing", "sales")));

        assertEquals("pacer-test", jwt.getIssuer());
        assertEquals("alice", jwt.getSubject());
        assertEquals("alice", jwt.getName());
        assertEquals(Set.of("manager", "member"), jwt.getGroups());
        assertEquals("[\"marketing\",\"sales\"]".length(), jwt.getClaim("departments").toString().length());
        assertTrue(jwt.getClaim("departments").toString().contains("\"marketing\""));
        long lifetime = jwt.getExpirationTime() - jwt.getIssuedAtTime();
        assertEquals(3600, lifetime);
    }

    @Test
    void conveniencesMintAdminAndRoleTokens() throws Exception {
        assertEquals(Set.of("admin"), verify(Tokens.admin()).getGroups());
        JsonWebToken manager = verify(Tokens.withRole("manager", "marketing"));
        assertEquals(Set.of("manager"), manager.getGroups());
        assertEquals("[\"marketing\"]", manager.getClaim("departments").toString());
    }

    @Test
    void tokenSignedByAnotherKeyIsRejected() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String foreign = io.smallrye.jwt.build.Jwt.issuer(Tokens.ISSUER).subject("mallory").groups("admin")
                .sign(generator.generateKeyPair().getPrivate());

        assertThrows(ParseException.class, () -> verify(foreign));
    }

    @Test
    void publicKeyIsBase64X509OfAnRsa2048Key() throws Exception {
        byte[] der = Base64.getDecoder().decode(Tokens.publicKey());
        var key = (java.security.interfaces.RSAPublicKey) java.security.KeyFactory.getInstance("RSA")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(der));
        assertEquals(2048, key.getModulus().bitLength());
    }
}
