package dev.pacer.alert.channel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How a channel groups its notifications, as Alertmanager's {@code group_by}: the alerts of a channel whose values of
 * the named labels are equal form one group, sent together. {@code ["rule"]} (the default) makes one group per rule;
 * {@code []} one group for all the channel's alerts; {@code ["..."]} one group per distinct label set. A label an
 * alert does not carry is left out of its key (alerts without it group together). Plain Java.
 */
public final class GroupBy {
    /** Group by all labels. */
    public static final String ALL_LABELS = "...";
    public static final String RULE = "rule";
    public static final List<String> DEFAULT = List.of(RULE);
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,99}");

    private GroupBy() {
    }

    /** What is wrong with a group-by list, if anything. */
    public static Optional<String> problem(List<String> labels) {
        if (labels.contains(ALL_LABELS) && labels.size() > 1) {
            return Optional.of("'" + ALL_LABELS + "' (all labels) must be the only entry");
        }
        Set<String> seen = new HashSet<>();
        for (String label : labels) {
            if (label == null) {
                return Optional.of("must not contain null");
            }
            if (!label.equals(ALL_LABELS) && !LABEL_NAME.matcher(label).matches()) {
                return Optional.of("'" + shorten(label) + "' is not a label name (letters, digits and _, not "
                        + "starting with a digit) nor '" + ALL_LABELS + "'");
            }
            if (!seen.add(label)) {
                return Optional.of("names '" + label + "' twice");
            }
        }
        return Optional.empty();
    }

    /**
     * The group key of an alert with {@code labels} in a channel grouping by {@code groupBy}: the rule id for the
     * default grouping by rule (as before group-by existed), otherwise the grouped labels the alert carries, sorted by
     * name, as {@code {name="value",…}} (Alertmanager's form; {@code {}} when none).
     */
    public static String key(List<String> groupBy, Map<String, String> labels, String ruleId) {
        if (groupBy.equals(DEFAULT)) {
            return ruleId;
        }
        Map<String, String> values = new TreeMap<>();
        if (groupBy.contains(ALL_LABELS)) {
            values.putAll(labels);
        } else {
            for (String name : groupBy) {
                String value = labels.get(name);
                if (value != null) {
                    values.put(name, value);
                }
            }
        }
        List<String> pairs = new ArrayList<>();
        values.forEach((k, v) -> pairs.add(k + "=\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        return "{" + String.join(",", pairs) + "}";
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
