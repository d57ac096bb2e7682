package dev.pacer.deploycheck;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a MicroProfile/Quarkus configuration file says: its properties (profile-specific ones left
 * aside) and the {@code ${NAME:default}} expressions in their values.
 */
record ServiceConfig(Map<String, String> properties, Map<String, Optional<String>> expressions) {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}${]+)(?::([^}]*))?\\}");

    static ServiceConfig load(Path file) {
        Properties raw = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            raw.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, Optional<String>> expressions = new LinkedHashMap<>();
        // Profile-less properties first: their defaults are what a deployment (the prod profile) gets, so a
        // %dev/%test fallback such as a built-in development key must not hide an empty production default.
        Set<String> keys = new TreeSet<>(raw.stringPropertyNames());
        for (boolean profiles : new boolean[] {false, true}) {
            for (String key : keys) {
                if (key.startsWith("%") != profiles) {
                    continue;
                }
                String value = raw.getProperty(key);
                Matcher m = EXPRESSION.matcher(value);
                while (m.find()) {
                    expressions.putIfAbsent(m.group(1).trim(), Optional.ofNullable(m.group(2)));
                }
                if (!profiles) {
                    properties.put(key, value);
                }
            }
        }
        return new ServiceConfig(Map.copyOf(properties), Map.copyOf(expressions));
    }

    /** The two files merged, {@code overrides} winning (as a service's application.properties does). */
    ServiceConfig with(ServiceConfig overrides) {
        Map<String, String> p = new LinkedHashMap<>(properties);
        p.putAll(overrides.properties);
        Map<String, Optional<String>> e = new LinkedHashMap<>(expressions);
        e.putAll(overrides.expressions);
        return new ServiceConfig(Map.copyOf(p), Map.copyOf(e));
    }

    /** The environment-variable spelling SmallRye Config maps a property name to. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /**
     * The environment variables this configuration reads: every {@code ${NAME}} it refers to (as
     * written, or in its environment spelling) and the environment spelling of every property it sets
     * (e.g. QUARKUS_HTTP_PORT for quarkus.http.port).
     */
    Set<String> readableEnv() {
        Set<String> names = new TreeSet<>();
        for (String name : expressions.keySet()) {
            names.add(name);
            names.add(envName(name));
        }
        for (String key : properties.keySet()) {
            names.add(envName(key));
        }
        return names;
    }

    /** The environment variables referred to by name in a {@code ${NAME...}} expression. */
    Set<String> envExpressions() {
        Set<String> names = new TreeSet<>();
        for (String name : expressions.keySet()) {
            if (name.equals(envName(name))) {
                names.add(name);
            }
        }
        return names;
    }

    /** The environment variables that the (profile-less) properties under a prefix refer to by name. */
    Set<String> envExpressionsOf(String propertyPrefix) {
        Set<String> names = new TreeSet<>();
        properties.forEach((key, value) -> {
            if (key.startsWith(propertyPrefix)) {
                Matcher m = EXPRESSION.matcher(value);
                while (m.find()) {
                    String name = m.group(1).trim();
                    if (name.equals(envName(name))) {
                        names.add(name);
                    }
                }
            }
        });
        return names;
    }

    /**
     * The environment variables a deployment must set: those referred to as {@code ${NAME:}}, with an empty
     * default, by a profile-less property (only the dev/test profiles may give them a real default).
     */
    Set<String> envWithEmptyDefault() {
        Set<String> names = new TreeSet<>();
        for (String name : envExpressions()) {
            if (expressions.get(name).map(String::isBlank).orElse(false)) {
                names.add(name);
            }
        }
        return names;
    }

    /** A property's value, or the default of the expression that is its whole value. */
    Optional<String> effectiveDefault(String key) {
        String value = properties.get(key);
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = EXPRESSION.matcher(value.trim());
        if (m.matches()) {
            return expressions.getOrDefault(m.group(1).trim(), Optional.empty());
        }
        return Optional.of(value.trim());
    }

    /** The default an expression {@code ${name:default}} gives. */
    Optional<String> expressionDefault(String name) {
        return expressions.getOrDefault(name, Optional.empty());
    }
}
