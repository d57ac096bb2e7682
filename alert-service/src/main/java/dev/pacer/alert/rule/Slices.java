package dev.pacer.alert.rule;

import dev.pacer.events.Grain;
import dev.pacer.events.MetricValueChanged;
import java.util.Map;

/** Whether a metric value belongs to a rule's grain and exact dimension slice. */
final class Slices {
    private Slices() {
    }

    /** Null if the value is in the slice, else why not. */
    static String mismatch(MetricValueChanged v, Grain grain, Map<String, String> dimensions) {
        if (v.grain() != grain) {
            return "grain " + v.grain() + " is not the rule's grain " + grain;
        }
        if (!v.dimensions().equals(dimensions)) {
            return "dimensions " + v.dimensions() + " are not the rule's slice " + dimensions;
        }
        if (v.value() == null) {
            return "no value for period " + v.periodStart();
        }
        return null;
    }
}
