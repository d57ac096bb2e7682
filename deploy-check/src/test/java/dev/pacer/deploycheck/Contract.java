package dev.pacer.deploycheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * Secrets one service needs, with no default outside the dev and test profiles: every deployment of that
     * service supplies them, never as a committed value (Kubernetes: from a Secret; compose: from the
     * environment of whoever runs it, failing when unset).
     */
    static final Map<String, List<String>> SERVICE_SECRETS = Map.of(
            "alert-service", List.of("PACER_ALERT_SECRET_KEY"),
            "ingest-service", List.of("PACER_INGEST_SECRET_KEY"));

    /**
     * Variables a service reads as ${NAME:} on purpose: left empty, they switch an optional feature off rather than
     * break a deployment (alert-service's SMTP server: without it, e-mail channels are refused and webhooks work;
     * ingest-service's source host allow-list: without it, sources may connect to any host).
     */
    static final Map<String, List<String>> OPTIONAL_ENV = Map.of(
            "alert-service", List.of("PACER_ALERT_SMTP_HOST", "PACER_ALERT_SMTP_PORT", "PACER_ALERT_SMTP_USERNAME",
                    "PACER_ALERT_SMTP_PASSWORD"),
            "ingest-service", List.of("PACER_INGEST_SOURCE_HOSTS"));

    /** Prefix of the platform's calendar properties, which every service must resolve to the same values. */
    static final String CALENDAR_PREFIX = "pacer.calendar.";

    static final String PART_OF = "pacer";
    static final String NAME_LABEL = "app.kubernetes.io/name";
    static final String PART_OF_LABEL = "app.kubernetes.io/part-of";

    private Contract() {
    }

    /** The service's own secrets (see {@link #SERVICE_SECRETS}). */
    static List<String> secretsOf(ServiceFacts service) {
        return SERVICE_SECRETS.getOrDefault(service.name(), List.of());
    }

    /** Everything a deployment of the service must set: {@link #REQUIRED_ENV} and its own secrets. */
    static List<String> requiredEnv(ServiceFacts service) {
        List<String> all = new ArrayList<>(REQUIRED_ENV);
        all.addAll(secretsOf(service));
        return List.copyOf(all);
    }

    /** The variables of the organisation's calendar (PACER_TIME_ZONE, ...): if set, the same for every service. */
    static Set<String> calendarEnv() {
        return platform().envExpressionsOf(CALENDAR_PREFIX);
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
