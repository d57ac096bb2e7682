package dev.pacer.deploycheck;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** What one service really exposes and reads, parsed from its own files. */
record ServiceFacts(String name, Path dir, int port, ServiceConfig config, List<Integer> exposedPorts,
        OptionalInt dockerUser, OptionalInt heapPercent, Optional<String> gcOptions) {

    static final String DOCKERFILE = "src/main/docker/Dockerfile.jvm";
    static final String APPLICATION_PROPERTIES = "src/main/resources/application.properties";

    static ServiceFacts load(Path dir, ServiceConfig platform) {
        ServiceConfig own = ServiceConfig.load(dir.resolve(APPLICATION_PROPERTIES));
        ServiceConfig config = platform.with(own);
        String name = dir.getFileName().toString();
        int port = config.effectiveDefault("quarkus.http.port")
                .map(Integer::valueOf)
                .orElseGet(() -> fail(name + ": " + APPLICATION_PROPERTIES + " sets no default quarkus.http.port"));

        List<Integer> exposed = new ArrayList<>();
        OptionalInt user = OptionalInt.empty();
        OptionalInt heap = OptionalInt.empty();
        Optional<String> gc = Optional.empty();
        for (String line : Repo.read(dir.resolve(DOCKERFILE)).split("\\R")) {
            String[] words = line.trim().split("\\s+");
            if (words[0].equalsIgnoreCase("EXPOSE")) {
                for (int i = 1; i < words.length; i++) {
                    exposed.add(Integer.valueOf(words[i].replaceAll("/.*", "")));
                }
            } else if (words[0].equalsIgnoreCase("USER") && words.length > 1) {
                String uid = words[1].replaceAll(":.*", "");
                user = uid.matches("\\d+") ? OptionalInt.of(Integer.parseInt(uid)) : OptionalInt.empty();
            } else if (words[0].equalsIgnoreCase("ENV") && words.length > 1
                    && words[1].matches("JAVA_MAX_MEM_RATIO=\"?\\d+\"?")) {
                heap = OptionalInt.of(Integer.parseInt(words[1].replaceAll("\\D", "")));
            } else if (words[0].equalsIgnoreCase("ENV") && words.length > 1
                    && words[1].startsWith("GC_CONTAINER_OPTIONS=")) {
                gc = Optional.of(line.trim().substring(line.trim().indexOf('=') + 1).replace("\"", "").trim());
            }
        }
        return new ServiceFacts(name, dir, port, config, List.copyOf(exposed), user, heap, gc);
    }

    Set<String> readableEnv() {
        return config.readableEnv();
    }

    boolean reads(String envVar) {
        return readableEnv().contains(envVar);
    }

    @Override
    public String toString() {
        return name;
    }
}
