-- The values engine reads a metric's latest recomputation on every batch (may DAY values be rolled up?).
create index recomputation_metric on recomputation (metric_key, metric_version);
