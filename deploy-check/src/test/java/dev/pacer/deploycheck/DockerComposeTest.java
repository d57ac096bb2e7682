package dev.pacer.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** docker-compose.yml runs PostgreSQL, Kafka and every service the way the services expect. */
class DockerComposeTest {

    private static final Pattern URL = Pattern.compile("https?://[^\\s\"']+");
    private static final Pattern JDBC_POSTGRES = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*");

    private static Map<String, Object> compose;

    @BeforeAll
    static void parse() {
        List<Object> documents = Repo.yamlDocuments(Repo.compose());
        assertThat(documents).as("YAML documents in docker-compose.yml").hasSize(1);
        compose = Y.map(documents.get(0));
    }

    static List<ServiceFacts> services() {
        return Repo.services();
    }

    private static Map<String, Object> service(String name) {
        Map<String, Object> service = Y.map(compose, "services", name);
        assertThat(service).as("compose service %s", name).isNotEmpty();
        return service;
    }

    /** A compose service's environment, whether written as a map or as a list of NAME=value. */
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object raw = service.get("environment");
        if (raw instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(k.toString(), v == null ? null : v.toString()));
        } else if (raw instanceof List<?> list) {
            for (Object entry : list) {
                String[] kv = entry.toString().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : null);
            }
        }
        return env;
    }

    private static String onlyUrlIn(Object healthcheckTest, String what) {
        String command = healthcheckTest instanceof List<?> list ? String.join(" ", list.stream().map(Object::toString).toList())
                : String.valueOf(healthcheckTest);
        Matcher m = URL.matcher(command);
        assertThat(m.find()).as("%s healthcheck calls a URL: %s", what, command).isTrue();
        return m.group();
    }

    @Test
    void composeRunsExactlyTheServicesPlusPostgresKafkaAndItsTopics() {
        Set<String> expected = new TreeSet<>(Set.of("postgres", "kafka", EventTopicsTest.COMPOSE_TOPICS));
        services().forEach(s -> expected.add(s.name()));
        assertThat(Y.map(compose, "services").keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void eachServiceIsBuiltFromItsOwnJvmDockerfile(ServiceFacts facts) {
        Map<String, Object> build = Y.map(service(facts.name()), "build");
        String context = Y.str(build, "context");
        assertThat(context).as("%s build.context", facts).isNotNull();
        Path contextDir = Repo.root().resolve(context).normalize();
        assertThat(contextDir).as("%s build.context", facts).isEqualTo(facts.dir().normalize());
        String dockerfile = Y.str(build, "dockerfile");
        assertThat(dockerfile).as("%s build.dockerfile", facts).isEqualTo(ServiceFacts.DOCKERFILE);
        assertThat(contextDir.resolve(dockerfile)).isRegularFile();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void eachServicePublishesItsHttpPortUnchanged(ServiceFacts facts) {
        List<Object> ports = Y.list(service(facts.name()), "ports");
        assertThat(ports).as("%s ports", facts).isNotEmpty();
        for (Object port : ports) {
            String published;
            String target;
            if (port instanceof Map<?, ?> longSyntax) {
                published = Y.str(longSyntax, "published");
                target = Y.str(longSyntax, "target");
            } else {
                String[] parts = port.toString().replaceAll("/.*", "").split(":");
                assertThat(parts.length).as("%s port %s publishes host:container", facts, port).isGreaterThanOrEqualTo(2);
                published = parts[parts.length - 2];
                target = parts[parts.length - 1];
            }
            assertThat(target).as("%s container port", facts).isEqualTo(String.valueOf(facts.port()));
            assertThat(published).as("%s published port", facts).isEqualTo(String.valueOf(facts.port()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void eachServiceIsHealthyOnlyWhenReadyOnItsOwnPort(ServiceFacts facts) {
        URI url = URI.create(onlyUrlIn(Y.at(service(facts.name()), "healthcheck", "test"), facts.name()));
        assertThat(url.getHost()).as("%s healthcheck host", facts).isIn("localhost", "127.0.0.1");
        assertThat(url.getPort()).as("%s healthcheck port", facts).isEqualTo(facts.port());
        assertThat(url.getPath()).as("%s healthcheck path", facts).isEqualTo(Contract.readinessPath());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void eachServiceIsGivenOnlyVariablesItReads(ServiceFacts facts) {
        Set<String> unread = new TreeSet<>(environment(service(facts.name())).keySet());
        unread.removeAll(facts.readableEnv());
        assertThat(unread).as("%s environment: variables neither a ${NAME} in its configuration nor a property's"
                + " environment spelling", facts).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void eachServiceIsGivenEveryRequiredVariable(ServiceFacts facts) {
        Map<String, String> env = environment(service(facts.name()));
        assertThat(env).as("%s environment", facts).containsKeys(Contract.requiredEnv(facts).toArray(String[]::new));
        assertThat(env).as("%s environment", facts).doesNotContainValue(null).doesNotContainValue("");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void eachServiceSecretComesFromTheEnvironmentOfWhoeverRunsComposeAndStopsComposeWhenUnset(ServiceFacts facts) {
        Map<String, String> env = environment(service(facts.name()));
        for (String secret : Contract.secretsOf(facts)) {
            assertThat(env.get(secret))
                    .as("%s %s: ${%s:?how to set it}, never a committed value", facts, secret, secret)
                    .matches("\\$\\{" + Pattern.quote(secret) + ":\\?[^}]*\\S[^}]*}");
        }
    }

    @Test
    void everyServiceGetsTheSameCalendar() {
        for (String variable : Contract.calendarEnv()) {
            Map<String, String> values = new TreeMap<>();
            services().forEach(s -> values.put(s.name(), environment(service(s.name())).get(variable)));
            assertThat(new HashSet<>(values.values()))
                    .as("%s of each service (the same everywhere, or set for none): %s", variable, values)
                    .hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void eachServiceReachesTheComposePostgresWithItsCredentials(ServiceFacts facts) {
        Map<String, String> env = environment(service(facts.name()));
        Matcher jdbc = JDBC_POSTGRES.matcher(env.get("PACER_DB_URL"));
        assertThat(jdbc.matches()).as("%s PACER_DB_URL %s", facts, env.get("PACER_DB_URL")).isTrue();
        String host = jdbc.group(1);
        Map<String, Object> postgres = service(host);
        assertThat(Y.str(postgres, "image")).as("image of %s", host).startsWith("postgres:");
        assertThat(jdbc.group(2) == null ? "5432" : jdbc.group(2)).as("%s PACER_DB_URL port", facts).isEqualTo("5432");
        Map<String, String> pgEnv = environment(postgres);
        assertThat(jdbc.group(3)).as("%s PACER_DB_URL database (POSTGRES_DB of %s)", facts, host).isEqualTo(pgEnv.getOrDefault("POSTGRES_DB", pgEnv.getOrDefault("POSTGRES_USER", "postgres")));
        assertThat(env.get("PACER_DB_USER")).as("%s PACER_DB_USER (POSTGRES_USER of %s)", facts, host).isEqualTo(pgEnv.getOrDefault("POSTGRES_USER", "postgres"));
        if (!"trust".equals(pgEnv.get("POSTGRES_HOST_AUTH_METHOD"))) {
            assertThat(env.get("PACER_DB_PASSWORD")).as("%s PACER_DB_PASSWORD (POSTGRES_PASSWORD of %s)", facts, host).isEqualTo(pgEnv.get("POSTGRES_PASSWORD"));
        }
        assertDependsOnHealthy(facts.name(), host);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void eachServiceReachesKafkaAtAnAdvertisedListener(ServiceFacts facts) {
        String bootstrap = environment(service(facts.name())).get("KAFKA_BOOTSTRAP_SERVERS");
        for (String server : bootstrap.split(",")) {
            String host = server.trim().replaceAll(":.*", "");
            Map<String, String> kafkaEnv = environment(service(host));
            assertThat(kafkaEnv.get("KAFKA_ADVERTISED_LISTENERS")).as("%s KAFKA_ADVERTISED_LISTENERS", host)
                    .contains("//" + server.trim());
            assertDependsOnHealthy(facts.name(), host);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void eachServiceVerifiesTokensWithTheDevelopmentKeyMountedReadOnly(ServiceFacts facts) {
        String location = environment(service(facts.name())).get("PACER_JWT_PUBLIC_KEY_LOCATION");
        String expectedSource = "./" + Contract.devPublicKeyLocation().replaceFirst("^\\./", "");
        boolean mounted = false;
        for (Object volume : Y.list(service(facts.name()), "volumes")) {
            String source;
            String target;
            boolean readOnly;
            if (volume instanceof Map<?, ?> longSyntax) {
                source = Y.str(longSyntax, "source");
                target = Y.str(longSyntax, "target");
                readOnly = Boolean.parseBoolean(Y.str(longSyntax, "read_only"));
            } else {
                String[] parts = volume.toString().split(":");
                source = parts[0];
                target = parts.length > 1 ? parts[1] : parts[0];
                readOnly = parts.length > 2 && List.of(parts[2].split(",")).contains("ro");
            }
            if (location.equals(target)) {
                assertThat(source).as("%s key mounted at %s", facts, target).isEqualTo(expectedSource);
                assertThat(readOnly).as("%s key mounted read-only", facts).isTrue();
                mounted = true;
            }
        }
        assertThat(mounted).as("%s mounts a file at PACER_JWT_PUBLIC_KEY_LOCATION=%s", facts, location).isTrue();
    }

    @Test
    void kafkaIsTheOfficialImageAtTheClientVersionTheQuarkusBomManages() {
        assertThat(Y.str(service("kafka"), "image")).as("kafka image (kafka-clients on the test classpath)").isEqualTo("apache/kafka:" + kafkaClientsVersion());
    }

    /**
     * The version of kafka-clients on the test classpath, which the Quarkus BOM manages: what
     * AppInfoParser.getVersion() returns, read from the same resource without starting SLF4J.
     */
    static String kafkaClientsVersion() {
        Properties props = new Properties();
        try (InputStream in = Uuid.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            assertThat(in).as("kafka/kafka-version.properties in kafka-clients").isNotNull();
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props.getProperty("version");
    }

    @Test
    void kafkaRunsAsASingleKraftNodeInCombinedMode() {
        Map<String, String> env = environment(service("kafka"));
        assertThat(env.get("KAFKA_PROCESS_ROLES").split("\\s*,\\s*")).containsExactlyInAnyOrder("broker", "controller");
        String nodeId = env.get("KAFKA_NODE_ID");
        assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).startsWith(nodeId + "@");
        assertThat(env.get("KAFKA_LISTENERS")).contains(env.get("KAFKA_CONTROLLER_LISTENER_NAMES") + "://");
        assertThat(env.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR")).isEqualTo("1");
        if (env.containsKey("CLUSTER_ID")) {
            assertThatCode(() -> Uuid.fromString(env.get("CLUSTER_ID"))).as("CLUSTER_ID is a base64 UUID").doesNotThrowAnyException();
        }
        // every advertised listener is one the broker listens on
        for (String advertised : env.get("KAFKA_ADVERTISED_LISTENERS").split(",")) {
            String listener = advertised.trim().replaceAll(":.*", "");
            String port = advertised.trim().replaceAll(".*:", "");
            assertThat(env.get("KAFKA_LISTENERS")).as("KAFKA_LISTENERS").containsPattern(listener + "://[^,]*:" + port);
        }
    }

    @Test
    void postgresAndKafkaHaveHealthchecks() {
        assertThat(String.valueOf(Y.at(service("postgres"), "healthcheck", "test"))).contains("pg_isready");
        assertThat(String.valueOf(Y.at(service("kafka"), "healthcheck", "test"))).contains("/opt/kafka/bin/");
    }

    @Test
    void everyDependencyWaitsForAHealthyService() {
        Y.map(compose, "services").forEach((name, service) -> {
            Object dependsOn = Y.at(service, "depends_on");
            if (dependsOn != null) {
                assertThat(dependsOn).as("%s depends_on (a map, with conditions)", name).isInstanceOf(Map.class);
            }
            Y.map(service, "depends_on").forEach((target, how) -> {
                if (target.equals(EventTopicsTest.COMPOSE_TOPICS)) {
                    // a one-shot job (it creates the topics and exits): waited for until it has succeeded
                    assertThat(Y.str(how, "condition")).as("%s depends_on %s", name, target)
                            .isEqualTo("service_completed_successfully");
                    assertThat(Y.str(compose, "services", target, "restart")).as("%s restart", target).isEqualTo("no");
                    return;
                }
                assertThat(Y.str(how, "condition")).as("%s depends_on %s", name, target).isEqualTo("service_healthy");
                assertThat(Y.map(compose, "services", target, "healthcheck")).as("%s healthcheck", target).isNotEmpty();
            });
        });
    }

    private static void assertDependsOnHealthy(String service, String dependency) {
        assertThat(Y.str(service(service), "depends_on", dependency, "condition"))
                .as("%s depends_on %s condition", service, dependency).isEqualTo("service_healthy");
    }
}
