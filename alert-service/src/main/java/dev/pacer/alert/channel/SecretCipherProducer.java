package dev.pacer.alert.channel;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the {@link SecretCipher} from {@value SecretCipher#CONFIG_KEY} at start-up, so a service deployed without
 * the key fails at once, saying what to set, rather than at the first webhook.
 */
public class SecretCipherProducer {
    @Produces
    @Singleton
    @Startup
    SecretCipher secretCipher(@ConfigProperty(name = SecretCipher.CONFIG_KEY) Optional<String> key) {
        return SecretCipher.fromConfiguredKey(key);
    }
}
