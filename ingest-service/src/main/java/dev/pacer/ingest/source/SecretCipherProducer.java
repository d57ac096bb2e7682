package dev.pacer.ingest.source;

import dev.pacer.ingest.IngestConfig;
import dev.pacer.platform.crypto.SecretCipher;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes the {@link SecretCipher} for source credentials from {@value #CONFIG_KEY} at start-up, so a service deployed
 * without the key fails at once, saying what to set, rather than at the first source.
 */
public class SecretCipherProducer {
    public static final String CONFIG_KEY = "pacer.ingest.secret-key";
    public static final String ENV_KEY = "PACER_INGEST_SECRET_KEY";

    @Produces
    @Singleton
    @Startup
    SecretCipher secretCipher(IngestConfig config) {
        return SecretCipher.fromConfiguredKey(config.secretKey(), CONFIG_KEY, ENV_KEY,
                "ingest-service encrypts source credentials");
    }
}
