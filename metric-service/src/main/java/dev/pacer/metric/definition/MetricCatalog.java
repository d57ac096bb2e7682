package dev.pacer.metric.definition;

import dev.pacer.metric.expression.ValueType;
import java.util.Map;
import java.util.Optional;

/** What the metric rules need to know about the rest of the catalogue. */
public interface MetricCatalog {
    /** The fields of a dataset and their expression types, or empty if the dataset does not exist. */
    Optional<Map<String, ValueType>> datasetFields(String dataset);

    /** The current definition of another metric, or empty if there is none. */
    Optional<MetricDefinition> metric(String key);
}
