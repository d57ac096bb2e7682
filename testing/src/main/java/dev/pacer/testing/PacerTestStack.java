package dev.pacer.testing;

import io.quarkus.test.common.QuarkusTestResource;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@code @QuarkusTest} class against the real stack: PostgreSQL ({@link PostgresResource}), a Kafka broker
 * ({@link KafkaBrokerResource}) and a JWT key pair ({@link JwtResource}). Put it on every {@code @QuarkusTest}
 * class of a service; classes with the same stack share one application start.
 */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(JwtResource.class)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PacerTestStack {
}
