package dev.pacer.alert.channel;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import dev.pacer.platform.crypto.SecretCipher;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the {@link SecretCipher} from {@value #CONFIG_KEY} at start-up, so a service deployed without
 * the key fails at once, saying what to set, rather than at the first webhook.
 */
public class SecretCipherProducer {
    /** The configuration property holding the key: base64 of 32 random bytes. */
    public static final String CONFIG_KEY = "pacer.alert.secret-key";
    public static final String ENV_KEY = "PACER_ALERT_SECRET_KEY";

    @Produces
    @Singleton
    @Startup
    SecretCipher secretCipher(@ConfigProperty(name = CONFIG_KEY) Optional<String> key) {
        return SecretCipher.fromConfiguredKey(key, CONFIG_KEY, ENV_KEY, "alert-service encrypts webhook secrets");
    }
}
