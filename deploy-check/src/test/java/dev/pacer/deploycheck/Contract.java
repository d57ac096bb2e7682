package dev.pacer.deploycheck;

import java.util.List;

/** What every deployment of a Pacer service must honour, derived from the platform's configuration. */
final class Contract {

    /** Variables with no usable default outside a developer's machine: every deployment sets them. */
    static final List<String> REQUIRED_ENV = List.of(
            "PACER_DB_URL",
            "PACER_DB_USER",
            "PACER_DB_PASSWORD",
            "KAFKA_BOOTSTRAP_SERVERS",
            "PACER_JWT_PUBLIC_KEY_LOCATION",
            "PACER_JWT_ISSUER");

    static final String PART_OF = "pacer";
    static final String NAME_LABEL = "app.kubernetes.io/name";
    static final String PART_OF_LABEL = "app.kubernetes.io/part-of";

    private Contract() {
    }

    static ServiceConfig platform() {
        return ServiceConfig.load(Repo.platformConfig());
    }

    /** Quarkus' non-application root (quarkus.http.non-application-root-path, default "q"), as "/q". */
    static String nonApplicationRoot() {
        String root = platform().effectiveDefault("quarkus.http.non-application-root-path").orElse("q");
        root = root.replaceAll("^/+|/+$", "");
        return "/" + root;
    }

    static String readinessPath() {
        return nonApplicationRoot() + "/health/ready";
    }

    static String livenessPath() {
        return nonApplicationRoot() + "/health/live";
    }

    static String startupPath() {
        return nonApplicationRoot() + "/health/started";
    }

    static String metricsPath() {
        return platform().effectiveDefault("quarkus.micrometer.export.prometheus.path")
                .orElse(nonApplicationRoot() + "/metrics");
    }

    /** Where a developer's machine keeps the issuer's public key (./pacer token writes it). */
    static String devPublicKeyLocation() {
        return platform().expressionDefault("PACER_JWT_PUBLIC_KEY_LOCATION")
                .orElseThrow(() -> new AssertionError("platform config gives PACER_JWT_PUBLIC_KEY_LOCATION no default"));
    }
}
