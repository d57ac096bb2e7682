package dev.pacer.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** The repository as the tests see it: its root, its services and its YAML files. */
final class Repo {

    static final String COMPOSE_FILE = "docker-compose.yml";

    private static Path root;
    private static List<ServiceFacts> services;

    private Repo() {
    }

    /** Walks up from the working directory to the folder that holds docker-compose.yml. */
    static synchronized Path root() {
        if (root == null) {
            Path dir = Path.of("").toAbsolutePath();
            while (dir != null && !Files.isRegularFile(dir.resolve(COMPOSE_FILE))) {
                dir = dir.getParent();
            }
            if (dir == null) {
                fail("No " + COMPOSE_FILE + " in " + Path.of("").toAbsolutePath() + " or any folder above it");
            }
            root = dir;
        }
        return root;
    }

    static Path compose() {
        return root().resolve(COMPOSE_FILE);
    }

    static Path k8s() {
        return root().resolve("k8s");
    }

    static Path platformConfig() {
        return root().resolve("platform/src/main/resources/META-INF/microprofile-config.properties");
    }

    /**
     * The services: modules of the root pom that have a JVM Dockerfile and an application.properties.
     * Sorted by their default HTTP port.
     */
    static synchronized List<ServiceFacts> services() {
        if (services == null) {
            Matcher modules = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>").matcher(read(root().resolve("pom.xml")));
            List<ServiceFacts> found = new ArrayList<>();
            ServiceConfig platform = ServiceConfig.load(platformConfig());
            while (modules.find()) {
                Path dir = root().resolve(modules.group(1));
                if (Files.isRegularFile(dir.resolve(ServiceFacts.DOCKERFILE))
                        && Files.isRegularFile(dir.resolve(ServiceFacts.APPLICATION_PROPERTIES))) {
                    found.add(ServiceFacts.load(dir, platform));
                }
            }
            found.sort((a, b) -> Integer.compare(a.port(), b.port()));
            assertThat(found).as("services (root pom modules with %s)", ServiceFacts.DOCKERFILE).isNotEmpty();
            services = List.copyOf(found);
        }
        return services;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every YAML document in a file, empty ones left out; duplicate keys are an error. */
    static List<Object> yamlDocuments(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        List<Object> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : yaml.loadAll(reader)) {
                if (document != null) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (YAMLException e) {
            throw new AssertionError(root().relativize(file) + " is not valid YAML: " + e.getMessage(), e);
        }
        return documents;
    }

    /** The YAML files directly in k8s/, sorted by name. */
    static List<Path> k8sFiles() {
        try (Stream<Path> files = Files.list(k8s())) {
            return files.filter(f -> Files.isRegularFile(f))
                    .filter(f -> f.getFileName().toString().endsWith(".yaml") || f.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
