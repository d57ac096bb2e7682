package dev.pacer.alert.mail;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the service under test at {@link SmtpTestServer} (plain SMTP on a local socket; no TLS, no authentication).
 * Put on a test class with {@code restrictToAnnotatedClass = true}: the others run without any SMTP server.
 */
public class SmtpServerResource implements QuarkusTestResourceLifecycleManager {
    public static final String FROM = "Pacer Alerts <alerts@pacer.test>";

    @Override
    public Map<String, String> start() {
        return Map.of("pacer.alert.smtp.host", "127.0.0.1",
                "pacer.alert.smtp.port", Integer.toString(SmtpTestServer.shared().port()),
                "pacer.alert.smtp.tls", "none",
                "pacer.alert.smtp.from", FROM);
    }

    @Override
    public void stop() {
        // the shared server lives as long as the JVM
    }
}
