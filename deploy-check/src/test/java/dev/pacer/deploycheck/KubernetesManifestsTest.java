package dev.pacer.deploycheck;

import static dev.pacer.deploycheck.Contract.NAME_LABEL;
import static dev.pacer.deploycheck.Contract.PART_OF;
import static dev.pacer.deploycheck.Contract.PART_OF_LABEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** k8s/ deploys every service the way the service really runs, safely and observably. */
class KubernetesManifestsTest {

    static final String KUSTOMIZATION = "kustomization.yaml";

    /** One Kubernetes object and the file it came from. */
    record Manifest(Path file, Map<String, Object> body) {
        String kind() {
            return Y.str(body, "kind");
        }

        String name() {
            return Y.str(body, "metadata", "name");
        }

        @Override
        public String toString() {
            return kind() + "/" + name() + " (" + file.getFileName() + ")";
        }
    }

    /** Where a container's environment variable gets its value from. */
    record EnvSource(String from, String object, String key, String value) {
    }

    private static Map<String, Object> kustomization;
    private static List<Manifest> manifests;

    @BeforeAll
    static void parse() {
        Path file = Repo.k8s().resolve(KUSTOMIZATION);
        assertThat(file).isRegularFile();
        List<Object> documents = Repo.yamlDocuments(file);
        assertThat(documents).as(KUSTOMIZATION).hasSize(1);
        kustomization = Y.map(documents.get(0));
        manifests = new ArrayList<>();
        for (Path yaml : Repo.k8sFiles()) {
            if (!yaml.getFileName().toString().equals(KUSTOMIZATION)) {
                for (Object document : Repo.yamlDocuments(yaml)) {
                    assertThat(document).as("a document in %s", yaml.getFileName()).isInstanceOf(Map.class);
                    manifests.add(new Manifest(yaml, Y.map(document)));
                }
            }
        }
    }

    static List<ServiceFacts> services() {
        return Repo.services();
    }

    private static List<Manifest> all(String kind) {
        return manifests.stream().filter(m -> kind.equals(m.kind())).toList();
    }

    private static Optional<Manifest> find(String kind, String name) {
        return manifests.stream().filter(m -> kind.equals(m.kind()) && name.equals(m.name())).findFirst();
    }

    private static Manifest get(String kind, String name) {
        return find(kind, name).orElseGet(() -> fail("k8s/ has no " + kind + " named " + name));
    }

    private static Map<String, Object> podSpec(ServiceFacts service) {
        return Y.map(get("Deployment", service.name()).body(), "spec", "template", "spec");
    }

    /** The service's container: the one named after it, or the only one. */
    private static Map<String, Object> container(ServiceFacts service) {
        List<Object> containers = Y.list(podSpec(service), "containers");
        for (Object c : containers) {
            if (service.name().equals(Y.str(c, "name"))) {
                return Y.map(c);
            }
        }
        assertThat(containers).as("%s containers (name one after the service)", service).hasSize(1);
        return Y.map(containers.get(0));
    }

    private static Map<String, Object> committedConfigMapData(String name) {
        return find("ConfigMap", name).map(m -> Y.map(m.body(), "data")).orElse(null);
    }

    /** The container's environment, with envFrom expanded from committed ConfigMaps. */
    private static Map<String, EnvSource> environment(ServiceFacts service) {
        Map<String, Object> container = container(service);
        Map<String, EnvSource> env = new LinkedHashMap<>();
        for (Object from : Y.list(container, "envFrom")) {
            String prefix = Optional.ofNullable(Y.str(from, "prefix")).orElse("");
            String configMap = Y.str(from, "configMapRef", "name");
            if (configMap != null) {
                Map<String, Object> data = committedConfigMapData(configMap);
                assertThat(data).as("%s envFrom ConfigMap %s must be committed so its keys can be checked", service, configMap)
                        .isNotNull();
                data.forEach((k, v) -> env.put(prefix + k, new EnvSource("configMap", configMap, k, String.valueOf(v))));
            } else {
                fail(service + ": envFrom " + from + " hides which variables are set; use env with secretKeyRef");
            }
        }
        for (Object e : Y.list(container, "env")) {
            String name = Y.str(e, "name");
            Map<String, Object> valueFrom = Y.map(e, "valueFrom");
            EnvSource source;
            if (valueFrom.isEmpty()) {
                source = new EnvSource("value", null, null, Y.str(e, "value"));
            } else if (valueFrom.containsKey("configMapKeyRef")) {
                String cm = Y.str(valueFrom, "configMapKeyRef", "name");
                String key = Y.str(valueFrom, "configMapKeyRef", "key");
                Map<String, Object> data = committedConfigMapData(cm);
                source = new EnvSource("configMap", cm, key, data == null ? null : Y.str(data, key));
            } else if (valueFrom.containsKey("secretKeyRef")) {
                source = new EnvSource("secret", Y.str(valueFrom, "secretKeyRef", "name"), Y.str(valueFrom, "secretKeyRef", "key"), null);
            } else {
                source = new EnvSource(valueFrom.keySet().iterator().next(), null, null, null);
            }
            assertThat(env.put(name, source)).as("%s sets %s twice", service, name).isNull();
        }
        return env;
    }

    private static Set<String> containerPortRefs(ServiceFacts service) {
        Set<String> refs = new TreeSet<>();
        for (Object port : Y.list(container(service), "ports")) {
            if (String.valueOf(service.port()).equals(Y.str(port, "containerPort"))) {
                refs.add(String.valueOf(service.port()));
                if (Y.str(port, "name") != null) {
                    refs.add(Y.str(port, "name"));
                }
            }
        }
        return refs;
    }

    // ---------------------------------------------------------------- the files

    @Test
    void everyManifestIsAKubernetesObjectWithKindAndName() {
        assertThat(manifests).isNotEmpty().allSatisfy(m -> {
            assertThat(Y.str(m.body(), "apiVersion")).as("%s apiVersion", m).isNotBlank();
            assertThat(m.kind()).as("kind in %s", m.file().getFileName()).isNotBlank();
            assertThat(m.name()).as("%s metadata.name", m).isNotBlank();
        });
        assertThat(manifests).extracting(m -> m.kind() + "/" + m.name()).doesNotHaveDuplicates();
    }

    @Test
    void kustomizationListsExactlyTheYamlFilesBesideIt() {
        List<String> files = Repo.k8sFiles().stream().map(f -> f.getFileName().toString())
                .filter(f -> !f.equals(KUSTOMIZATION)).toList();
        assertThat(Y.list(kustomization, "resources")).extracting(Object::toString)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void everythingLandsInTheNamespaceTheKustomizationDeclares() {
        String namespace = Y.str(kustomization, "namespace");
        assertThat(namespace).isEqualTo(PART_OF);
        get("Namespace", namespace);
        assertThat(manifests).allSatisfy(m -> assertThat(Y.str(m.body(), "metadata", "namespace"))
                .as("%s metadata.namespace", m).isIn(null, namespace));
    }

    @Test
    void noSecretWithDataIsCommitted() {
        assertThat(all("Secret")).allSatisfy(secret -> {
            assertThat(Y.map(secret.body(), "data")).as("%s data", secret).isEmpty();
            assertThat(Y.map(secret.body(), "stringData")).as("%s stringData", secret).isEmpty();
        });
        assertThat(Y.list(kustomization, "secretGenerator")).as("kustomization secretGenerator").isEmpty();
    }

    @Test
    void labelsAnnotationsAndConfigMapDataAreStrings() {
        // YAML reads 8081 or true as a number or boolean, which the API server rejects here.
        for (Manifest m : manifests) {
            List<Map<String, Object>> stringMaps = new ArrayList<>(List.of(
                    Y.map(m.body(), "metadata", "labels"), Y.map(m.body(), "metadata", "annotations"),
                    Y.map(m.body(), "spec", "template", "metadata", "labels"),
                    Y.map(m.body(), "spec", "template", "metadata", "annotations")));
            if ("ConfigMap".equals(m.kind())) {
                stringMaps.add(Y.map(m.body(), "data"));
            }
            for (Map<String, Object> strings : stringMaps) {
                strings.forEach((k, v) -> assertThat(v).as("%s: %s", m, k).isInstanceOf(String.class));
            }
        }
    }

    // ---------------------------------------------------------------- per service: the objects

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void eachServiceHasADeploymentServiceAutoscalerAndDisruptionBudgetLabelledAsItsOwn(ServiceFacts service) {
        for (String kind : List.of("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget")) {
            Map<String, Object> labels = Y.map(get(kind, service.name()).body(), "metadata", "labels");
            assertThat(labels).as("%s %s labels", kind, service)
                    .containsEntry(NAME_LABEL, service.name())
                    .containsEntry(PART_OF_LABEL, PART_OF);
        }
        assertThat(Y.str(get("HorizontalPodAutoscaler", service.name()).body(), "apiVersion")).isEqualTo("autoscaling/v2");
        assertThat(Y.str(get("PodDisruptionBudget", service.name()).body(), "apiVersion")).isEqualTo("policy/v1");
        assertThat(Y.str(get("Deployment", service.name()).body(), "apiVersion")).isEqualTo("apps/v1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theDeploymentSelectsExactlyItsOwnPodsAndRunsAtLeastTwo(ServiceFacts service) {
        Map<String, Object> deployment = get("Deployment", service.name()).body();
        Map<String, Object> selector = Y.map(deployment, "spec", "selector", "matchLabels");
        assertThat(selector).as("%s Deployment selector", service).containsEntry(NAME_LABEL, service.name()).containsEntry(PART_OF_LABEL, PART_OF);
        assertThat(Y.map(deployment, "spec", "template", "metadata", "labels")).as("%s pod labels", service).containsAllEntriesOf(selector);
        assertThat(Y.at(deployment, "spec", "replicas")).as("replicas").isInstanceOf(Integer.class);
        assertThat((Integer) Y.at(deployment, "spec", "replicas")).as("replicas").isGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theServiceRoutesPort80ToTheContainersHttpPort(ServiceFacts service) {
        Map<String, Object> svc = get("Service", service.name()).body();
        assertThat(Y.map(svc, "spec", "selector")).as("%s Service selector (the Deployment's)", service)
                .isEqualTo(Y.map(get("Deployment", service.name()).body(), "spec", "selector", "matchLabels"));
        List<Object> ports = Y.list(svc, "spec", "ports");
        assertThat(ports).as("%s Service ports", service).hasSize(1);
        assertThat(Y.str(ports.get(0), "port")).as("%s Service port", service).isEqualTo("80");
        assertThat(Y.str(ports.get(0), "targetPort")).as("targetPort").isIn(containerPortRefs(service));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theAutoscalerScalesTheDeploymentOnCpuAt70Percent(ServiceFacts service) {
        Map<String, Object> hpa = get("HorizontalPodAutoscaler", service.name()).body();
        assertThat(Y.str(hpa, "spec", "scaleTargetRef", "apiVersion")).isEqualTo("apps/v1");
        assertThat(Y.str(hpa, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
        assertThat(Y.str(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(service.name());
        int min = Integer.parseInt(Y.str(hpa, "spec", "minReplicas"));
        int max = Integer.parseInt(Y.str(hpa, "spec", "maxReplicas"));
        assertThat(min).as("%s HPA minReplicas (<= maxReplicas)", service).isGreaterThanOrEqualTo(2).isLessThanOrEqualTo(max);
        List<Object> metrics = Y.list(hpa, "spec", "metrics");
        assertThat(metrics).as("%s HPA metrics: cpu Utilization 70", service).anySatisfy(metric -> {
            assertThat(Y.str(metric, "type")).isEqualTo("Resource");
            assertThat(Y.str(metric, "resource", "name")).isEqualTo("cpu");
            assertThat(Y.str(metric, "resource", "target", "type")).isEqualTo("Utilization");
            assertThat(Y.str(metric, "resource", "target", "averageUtilization")).isEqualTo("70");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theDisruptionBudgetKeepsOnePodUpWithoutBlockingDrains(ServiceFacts service) {
        Map<String, Object> pdb = get("PodDisruptionBudget", service.name()).body();
        assertThat(Y.map(pdb, "spec", "selector", "matchLabels")).as("%s PDB selector (the Deployment's)", service)
                .isEqualTo(Y.map(get("Deployment", service.name()).body(), "spec", "selector", "matchLabels"));
        assertThat(Y.at(pdb, "spec", "minAvailable")).as("minAvailable").isEqualTo(1);
        int replicas = (Integer) Y.at(get("Deployment", service.name()).body(), "spec", "replicas");
        int minReplicas = Integer.parseInt(Y.str(get("HorizontalPodAutoscaler", service.name()).body(), "spec", "minReplicas"));
        assertThat(1).as("minAvailable below the smallest replica count").isLessThan(Math.min(replicas, minReplicas));
    }

    // ---------------------------------------------------------------- per service: the container

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theContainerListensOnTheServicesDefaultPortNamedHttp(ServiceFacts service) {
        List<Object> ports = Y.list(container(service), "ports");
        assertThat(ports).as("%s container ports: http = %d", service, service.port()).anySatisfy(port -> {
            assertThat(Y.str(port, "name")).isEqualTo("http");
            assertThat(Y.str(port, "containerPort")).isEqualTo(String.valueOf(service.port()));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theProbesHitQuarkusHealthEndpointsOnTheContainerPort(ServiceFacts service) {
        Map<String, Object> container = container(service);
        Map<String, String> expected = Map.of(
                "readinessProbe", Contract.readinessPath(),
                "livenessProbe", Contract.livenessPath(),
                "startupProbe", Contract.startupPath());
        expected.forEach((probe, path) -> {
            assertThat(Y.str(container, probe, "httpGet", "path")).as("%s %s path", service, probe).isEqualTo(path);
            assertThat(Y.str(container, probe, "httpGet", "port")).as("%s %s port", service, probe)
                    .isIn(containerPortRefs(service));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theContainerRunsAsTheImagesNonRootUserWithAReadOnlyRootAndNoPrivileges(ServiceFacts service) {
        Map<String, Object> pod = Y.map(podSpec(service), "securityContext");
        Map<String, Object> ctx = Y.map(container(service), "securityContext");
        String runAsNonRoot = Optional.ofNullable(Y.str(ctx, "runAsNonRoot")).orElse(Y.str(pod, "runAsNonRoot"));
        String runAsUser = Optional.ofNullable(Y.str(ctx, "runAsUser")).orElse(Y.str(pod, "runAsUser"));
        String seccomp = Optional.ofNullable(Y.str(ctx, "seccompProfile", "type")).orElse(Y.str(pod, "seccompProfile", "type"));
        assertThat(runAsNonRoot).as("runAsNonRoot").isEqualTo("true");
        assertThat(runAsUser).as("runAsUser (the Dockerfile's USER)").isEqualTo(String.valueOf(service.dockerUser().orElse(-1)));
        assertThat(seccomp).as("seccompProfile").isEqualTo("RuntimeDefault");
        assertThat(Y.str(ctx, "allowPrivilegeEscalation")).as("allowPrivilegeEscalation").isEqualTo("false");
        assertThat(Y.str(ctx, "readOnlyRootFilesystem")).as("readOnlyRootFilesystem").isEqualTo("true");
        assertThat(Y.str(ctx, "privileged")).as("privileged").isIn(null, "false");
        assertThat(Y.list(ctx, "capabilities", "drop")).as("capabilities.drop").contains("ALL");
        assertThat(Y.list(ctx, "capabilities", "add")).as("capabilities.add").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void tmpIsAWritableEmptyDirSinceTheRootIsReadOnly(ServiceFacts service) {
        String volume = Y.list(container(service), "volumeMounts").stream()
                .filter(m -> "/tmp".equals(Y.str(m, "mountPath")))
                .map(m -> Y.str(m, "name")).findFirst()
                .orElseGet(() -> fail(service + " mounts nothing at /tmp"));
        assertThat(Y.list(podSpec(service), "volumes"))
                .anySatisfy(v -> {
                    assertThat(Y.str(v, "name")).isEqualTo(volume);
                    assertThat(Y.map(v)).containsKey("emptyDir");
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theContainerRequestsAndLimitsCpuAndMemory(ServiceFacts service) {
        Map<String, Object> resources = Y.map(container(service), "resources");
        for (String resource : List.of("cpu", "memory")) {
            String request = Y.str(resources, "requests", resource);
            String limit = Y.str(resources, "limits", resource);
            assertThat(request).as("%s requests.%s", service, resource).isNotNull();
            assertThat(limit).as("%s limits.%s", service, resource).isNotNull();
            assertThat(quantity(request)).as("%s %s request <= limit", service, resource)
                    .isPositive().isLessThanOrEqualTo(quantity(limit));
        }
    }

    /**
     * The heap is a share of the memory limit (the image's JAVA_MAX_MEM_RATIO), and what is left must hold the rest of
     * the JVM: about 300 MiB for metric-service under bench/metric's full load (peak resident 798 MiB with a 512 MB
     * heap, 813 MiB with 614 MB — 80% of 768 MiB, the base image's default, over that limit).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theMemoryLimitLeavesRoomBesideTheHeap(ServiceFacts service) {
        assertThat(service.heapPercent()).as("%s: the Dockerfile sets JAVA_MAX_MEM_RATIO", service).isPresent();
        BigDecimal limit = quantity(Y.str(container(service), "resources", "limits", "memory"));
        BigDecimal beside = limit.multiply(BigDecimal.valueOf(100 - service.heapPercent().getAsInt()))
                .divide(BigDecimal.valueOf(100));
        assertThat(beside).as("%s: memory limit beside the heap (%d%%)", service, service.heapPercent().getAsInt())
                .isGreaterThanOrEqualTo(BigDecimal.valueOf(300L << 20));
    }

    /**
     * The collector is stated in the image, not left to the base image's run-java.sh: bench/metric runs metric-service
     * with what the Dockerfile says, so a new base image must not silently run something else.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theImageStatesItsGarbageCollector(ServiceFacts service) {
        assertThat(service.gcOptions()).as("%s: the Dockerfile sets GC_CONTAINER_OPTIONS", service)
                .hasValueSatisfying(gc -> assertThat(gc).matches(".*-XX:\\+Use\\w+GC.*"));
    }

    /**
     * A young generation the image sizes itself ({@code -Xmn}: metric-service's, ingest-service's) must leave the old
     * generation room in the heap the pod's memory limit gives: at most half the heap (metric-service keeps ~150 MB
     * alive in the old one).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void aFixedYoungGenerationFitsTheHeapOfThePod(ServiceFacts service) {
        Matcher young = Pattern.compile("-Xmn(\\d+)([kKmMgG]?)(?=\\s|$)")
                .matcher(service.gcOptions().orElse(""));
        if (!young.find()) {
            return;
        }
        long youngBytes = Long.parseLong(young.group(1)) << switch (young.group(2).toLowerCase(Locale.ROOT)) {
            case "" -> 0; // plain bytes, as the JVM reads them
            case "k" -> 10;
            case "m" -> 20;
            default -> 30;
        };
        BigDecimal limit = quantity(Y.str(container(service), "resources", "limits", "memory"));
        BigDecimal heap = limit.multiply(BigDecimal.valueOf(service.heapPercent().orElse(80)))
                .divide(BigDecimal.valueOf(100));
        assertThat(BigDecimal.valueOf(youngBytes)).as("%s: -Xmn of the image against the pod's heap (%s bytes)", service,
                heap).isLessThanOrEqualTo(heap.divide(BigDecimal.valueOf(2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void prometheusScrapesTheMetricsEndpointOnTheHttpPort(ServiceFacts service) {
        Map<String, Object> annotations = Y.map(get("Deployment", service.name()).body(), "spec", "template", "metadata", "annotations");
        assertThat(annotations)
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", String.valueOf(service.port()))
                .containsEntry("prometheus.io/path", Contract.metricsPath());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theImageIsTheOneDockerComposeBuilds(ServiceFacts service) {
        String image = Y.str(container(service), "image");
        Map<String, Object> compose = Y.map(Repo.yamlDocuments(Repo.compose()).get(0));
        String composeImage = Y.str(compose, "services", service.name(), "image");
        assertThat(composeImage).as("compose image of %s", service).isNotNull();
        assertThat(repository(image)).as("%s image", service).isEqualTo(repository(composeImage));
    }

    // ---------------------------------------------------------------- per service: the environment

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theContainerIsGivenOnlyVariablesTheServiceReads(ServiceFacts service) {
        Set<String> unread = new TreeSet<>(environment(service).keySet());
        unread.removeAll(service.readableEnv());
        assertThat(unread).as("%s env: variables neither a ${NAME} in its configuration nor a property's"
                + " environment spelling", service).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theContainerIsGivenEveryRequiredVariableAndDatabaseCredentialsFromASecret(ServiceFacts service) {
        Map<String, EnvSource> env = environment(service);
        assertThat(env).as("%s env", service).containsKeys(Contract.requiredEnv(service).toArray(String[]::new));
        assertThat(env.get("PACER_DB_PASSWORD").from()).as("PACER_DB_PASSWORD comes from").isEqualTo("secret");
        assertThat(env.get("PACER_DB_USER").from()).as("PACER_DB_USER comes from").isEqualTo("secret");
        for (String secret : Contract.secretsOf(service)) {
            assertThat(env.get(secret).from()).as("%s %s comes from (a secretKeyRef)", service, secret).isEqualTo("secret");
        }
        assertThat(env.get("PACER_DB_URL").value()).as("PACER_DB_URL").startsWith("jdbc:postgresql://");
        env.forEach((name, source) -> {
            if (source.from().equals("value") || (source.from().equals("configMap") && committedConfigMapData(source.object()) != null)) {
                assertThat(source.value()).as("%s %s value", service, name).isNotBlank();
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void thePublicKeyLocationPointsAtTheMountedIssuerKey(ServiceFacts service) {
        String location = environment(service).get("PACER_JWT_PUBLIC_KEY_LOCATION").value();
        assertThat(location).as("PACER_JWT_PUBLIC_KEY_LOCATION").startsWith("/");
        Map<String, Object> volumes = new LinkedHashMap<>();
        Y.list(podSpec(service), "volumes").forEach(v -> volumes.put(Y.str(v, "name"), v));
        boolean found = false;
        for (Object mount : Y.list(container(service), "volumeMounts")) {
            Object volume = volumes.get(Y.str(mount, "name"));
            Map<String, Object> source = Y.map(volume, "configMap").isEmpty() ? Y.map(volume, "secret") : Y.map(volume, "configMap");
            String mountPath = Y.str(mount, "mountPath").replaceAll("/+$", "");
            String subPath = Y.str(mount, "subPath");
            for (Object item : Y.list(source, "items")) {
                String file = subPath != null
                        ? (subPath.equals(Y.str(item, "path")) ? mountPath : null)
                        : mountPath + "/" + Y.str(item, "path");
                if (location.equals(file)) {
                    assertThat(Y.str(mount, "readOnly")).as("%s key mount readOnly", service).isEqualTo("true");
                    found = true;
                }
            }
        }
        assertThat(found).as("%s mounts a ConfigMap/Secret item (with items: key/path) at %s", service, location).isTrue();
    }

    @Test
    void everyServiceGetsTheSameCalendarFromOnePlace() {
        for (String variable : Contract.calendarEnv()) {
            Map<String, EnvSource> sources = new TreeMap<>();
            services().forEach(s -> sources.put(s.name(), environment(s).get(variable)));
            assertThat(new HashSet<>(sources.values()))
                    .as("%s of each Deployment (one source for all, or set for none): %s", variable, sources)
                    .hasSize(1);
        }
    }

    // ---------------------------------------------------------------- references between objects

    @Test
    void everyReferencedConfigMapKeyExistsAndEveryUncommittedObjectIsDocumented() {
        String readme = Repo.read(Repo.k8s().resolve("README.md"));
        Map<String, Set<String>> uncommitted = new LinkedHashMap<>();
        for (ServiceFacts service : services()) {
            for (EnvSource source : environment(service).values()) {
                if (source.from().equals("configMap") && committedConfigMapData(source.object()) != null) {
                    assertThat(committedConfigMapData(source.object())).as("%s: ConfigMap %s", service, source.object())
                            .containsKey(source.key());
                } else if (source.from().equals("configMap") || source.from().equals("secret")) {
                    uncommitted.computeIfAbsent(source.object(), k -> new LinkedHashSet<>()).add(source.key());
                }
            }
            for (Object volume : Y.list(podSpec(service), "volumes")) {
                for (String type : List.of("configMap", "secret")) {
                    Map<String, Object> source = Y.map(volume, type);
                    if (source.isEmpty()) {
                        continue;
                    }
                    String name = Y.str(source, type.equals("secret") ? "secretName" : "name");
                    Set<String> keys = uncommitted.computeIfAbsent(name, k -> new LinkedHashSet<>());
                    Y.list(source, "items").forEach(item -> keys.add(Y.str(item, "key")));
                    if (type.equals("configMap") && committedConfigMapData(name) != null) {
                        uncommitted.remove(name);
                    }
                }
            }
        }
        uncommitted.forEach((object, keys) -> {
            assertThat(readme).as("k8s/README.md documents %s", object).contains(object);
            keys.forEach(key -> assertThat(readme).as("k8s/README.md documents key %s of %s", key, object).contains(key));
        });
    }

    @Test
    void everyKeyOfTheSharedConfigMapIsUsedByADeployment() {
        Map<String, Object> data = committedConfigMapData("pacer-config");
        assertThat(data).as("ConfigMap pacer-config").isNotNull().isNotEmpty();
        Set<String> used = new TreeSet<>();
        for (ServiceFacts service : services()) {
            environment(service).values().stream()
                    .filter(s -> s.from().equals("configMap") && "pacer-config".equals(s.object()))
                    .forEach(s -> used.add(s.key()));
        }
        assertThat(used).as("keys of ConfigMap pacer-config that Deployments use").containsExactlyInAnyOrderElementsOf(data.keySet());
    }

    // ---------------------------------------------------------------- helpers

    private static String repository(String image) {
        String withoutDigest = image.replaceAll("@.*", "");
        int slash = withoutDigest.lastIndexOf('/');
        int colon = withoutDigest.lastIndexOf(':');
        return colon > slash ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    private static final Pattern QUANTITY = Pattern.compile("(\\d+(?:\\.\\d+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?");

    static BigDecimal quantity(String text) {
        Matcher m = QUANTITY.matcher(text.trim());
        assertThat(m.matches()).as("a Kubernetes quantity: %s", text).isTrue();
        BigDecimal number = new BigDecimal(m.group(1));
        String suffix = m.group(2) == null ? "" : m.group(2);
        long factor = switch (suffix) {
            case "" -> 1L;
            case "k" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            case "T" -> 1_000_000_000_000L;
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            case "Ti" -> 1L << 40;
            default -> 0L; // "m": thousandths
        };
        return suffix.equals("m") ? number.movePointLeft(3) : number.multiply(BigDecimal.valueOf(factor));
    }
}
