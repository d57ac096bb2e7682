-- Day state of the decomposable metrics (SIMPLE with SUM, COUNT, COUNT_DISTINCT or AVERAGE), what their values are
-- computed from, kept current by deltas in the records consumer's transaction (the old version of each changed fact
-- subtracted, the new one added), so a refresh round costs in proportion to the days and slices it reads, not to the
-- facts in them.
-- A metric's state is built from the facts by its recomputation job (metric_state says for which definition); until
-- then, and for every other kind, values are computed from the facts as before.
create table metric_state (
    metric_key      text        primary key,
    dataset         text        not null,
    metric_version  int         not null,
    definition      jsonb       not null, -- the definition the state follows (the consumer computes deltas with it)
    field_types     jsonb       not null, -- the dataset's expression types it was compiled with
    calendar        text        not null, -- the fiscal calendar its weeks, quarters and years follow (zone/month)
    built_at        timestamptz not null
);
create index metric_state_dataset on metric_state (dataset);

-- Per metric, day and slice ('{}' is the total, else one dimension and its value): the sum of the measure, how many
-- facts had a measure, how many facts passed the filter. Rows that drop to zero facts stay (read as absent).
create table metric_day_state (
    metric_key  text    not null,
    day         date    not null,
    dims        jsonb   not null,
    total       numeric not null,
    present     bigint  not null,
    facts       bigint  not null,
    primary key (metric_key, day, dims)
);

-- Per COUNT_DISTINCT metric, slice, distinct value (as canonical text) and day: how many facts carry it. Keyed by value
-- first: the consumer asks, for each value that appeared on or vanished from a day, on which other days of the same
-- week, month, quarter and year it is present.
create table metric_distinct_state (
    metric_key  text    not null,
    dims        jsonb   not null,
    value       text    not null,
    day         date    not null,
    facts       bigint  not null,
    primary key (metric_key, dims, value, day)
);

-- Per COUNT_DISTINCT metric, grain, period and slice: how many distinct values are present, kept by the consumer from
-- the values that appeared in or vanished from the period, so no refresh recounts a year's values.
create table metric_distinct_count (
    metric_key      text   not null,
    grain           text   not null,
    period_start    date   not null,
    dims            jsonb  not null,
    distinct_values bigint not null,
    primary key (metric_key, grain, period_start, dims)
);
