package dev.pacer.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * The resources as a service's test uses them: their config reaches the Quarkus app and agrees with
 * what the test class sees through the statics, although Quarkus loads the resources and the test
 * class in different class loaders.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = JwtResource.class, restrictToAnnotatedClass = false)
class QuarkusWiringTest {

    private final Config config = ConfigProvider.getConfig();

    @Test
    void appUsesTheSharedBrokerThatTheTestReaches() throws Exception {
        String bootstrap = config.getValue("kafka.bootstrap.servers", String.class);
        assertEquals(KafkaBrokerResource.bootstrapServers(), bootstrap);
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic("test.wiring", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void appDatasourcePointsAtTheTestDatabase() {
        assertTrue(config.getValue("quarkus.datasource.jdbc.url", String.class).startsWith("jdbc:postgresql://"));
    }

    @Test
    void appTrustsTokensMintedInTheTest() throws Exception {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyContent(config.getValue("mp.jwt.verify.publickey", String.class));
        info.setIssuedBy(config.getValue("mp.jwt.verify.issuer", String.class));
        assertEquals("admin", new DefaultJWTParser(info).parse(Tokens.admin()).getSubject());
    }
}
