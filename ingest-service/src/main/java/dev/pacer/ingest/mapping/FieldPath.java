package dev.pacer.ingest.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A path to a value inside a JSON document: member names separated by dots, each optionally followed by array indexes,
 * e.g. {@code data.items}, {@code customer.id}, {@code lines[0].sku}. Only plain navigation, no expressions or
 * scripting; a member whose name contains a dot cannot be addressed.
 */
public final class FieldPath {
    /** Longest path accepted. */
    public static final int MAX_LENGTH = 500;

    private sealed interface Step permits Member, Index {
    }

    private record Member(String name) implements Step {
    }

    private record Index(int index) implements Step {
    }

    private final String text;
    private final List<Step> steps;

    private FieldPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = List.copyOf(steps);
    }

    /**
     * @throws IllegalArgumentException saying what is wrong with the path
     */
    public static FieldPath parse(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("is empty; give a path such as data.items or customer.id");
        }
        if (path.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("is longer than " + MAX_LENGTH + " characters");
        }
        List<Step> steps = new ArrayList<>();
        for (String part : path.split("\\.", -1)) {
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            if (name.isEmpty() && bracket != 0) {
                throw new IllegalArgumentException("'" + path + "' has an empty member name; write a.b or a[0].b");
            }
            if (!name.isEmpty()) {
                if (name.chars().anyMatch(c -> c < 0x20 || c == ']')) {
                    throw new IllegalArgumentException("'" + path + "' has an invalid member name '" + name + "'");
                }
                steps.add(new Member(name));
            }
            String rest = bracket < 0 ? "" : part.substring(bracket);
            while (!rest.isEmpty()) {
                int close = rest.indexOf(']');
                if (rest.charAt(0) != '[' || close < 2) {
                    throw new IllegalArgumentException("'" + path + "' has a malformed index; write items[0]");
                }
                try {
                    int index = Integer.parseInt(rest.substring(1, close));
                    if (index < 0) {
                        throw new NumberFormatException();
                    }
                    steps.add(new Index(index));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + path + "' has an index that is not a whole number ≥ 0");
                }
                rest = rest.substring(close + 1);
            }
        }
        return new FieldPath(path, steps);
    }

    /** The value at this path, or null when some step is absent or of another kind (a member of an array, say). */
    public Object get(Object root) {
        Object current = root;
        for (Step step : steps) {
            if (current == null) {
                return null;
            }
            if (step instanceof Member m) {
                current = current instanceof Map<?, ?> map ? map.get(m.name()) : null;
            } else {
                int i = ((Index) step).index();
                current = current instanceof List<?> list && i < list.size() ? list.get(i) : null;
            }
        }
        return current;
    }

    @Override
    public String toString() {
        return text;
    }
}
