-- A metric's day state is rebuilt aside, without holding up the records consumer: each state has an id, and the state
-- rows are keyed by it instead of the metric key. A rebuild registers a new state as 'building' (the consumer then
-- keeps the records it applies for it in metric_state_pending), builds its rows from a snapshot of the facts, and
-- makes it 'current' after adding the pending records, under the dataset's facts lock only for that last step. The old
-- state's rows are deleted afterwards.
-- The states are derived data: they are dropped here and built again from the facts when the service starts (every
-- metric without a state for its current version is computed from the facts until then).
drop table metric_day_state, metric_distinct_state, metric_distinct_count, metric_state;

create sequence metric_state_id;

create table metric_state (
    state_id        bigint      primary key,
    metric_key      text        not null,
    status          text        not null check (status in ('building', 'current')),
    dataset         text        not null,
    metric_version  int         not null,
    definition      jsonb       not null, -- the definition the state follows (the consumer computes deltas with it)
    field_types     jsonb       not null, -- the dataset's expression types it was compiled with
    calendar        text        not null, -- the fiscal calendar its weeks, quarters and years follow (zone/month)
    started_at      timestamptz not null,
    built_at        timestamptz          -- when it became current
);
create unique index metric_state_current on metric_state (metric_key) where status = 'current';
create index metric_state_dataset on metric_state (dataset);

-- The facts the consumer applied while a state was being built, signed as in its deltas (new versions +1, the versions
-- they replaced −1); added to the state when it becomes current, then deleted.
create table metric_state_pending (
    state_id  bigint not null,
    sign      int    not null,
    day       date   not null,
    fields    jsonb  not null
);
create index metric_state_pending_state on metric_state_pending (state_id);

-- Per state, day and slice ('{}' is the total, else one dimension and its value): the sum of the measure, how many
-- facts had a measure, how many facts passed the filter. Rows that drop to zero facts stay (read as absent).
create table metric_day_state (
    state_id    bigint  not null,
    day         date    not null,
    dims        jsonb   not null,
    total       numeric not null,
    present     bigint  not null,
    facts       bigint  not null,
    primary key (state_id, day, dims)
);

-- Per COUNT_DISTINCT state, slice, distinct value (as canonical text) and day: how many facts carry it. Keyed by value
-- first: the consumer asks, for each value that appeared on or vanished from a day, on which other days of the same
-- week, month, quarter and year it is present.
create table metric_distinct_state (
    state_id    bigint  not null,
    dims        jsonb   not null,
    value       text    not null,
    day         date    not null,
    facts       bigint  not null,
    primary key (state_id, dims, value, day)
);

-- Per COUNT_DISTINCT state, grain, period and slice: how many distinct values are present, kept by the consumer from
-- the values that appeared in or vanished from the period, so no refresh recounts a year's values.
create table metric_distinct_count (
    state_id        bigint not null,
    grain           text   not null,
    period_start    date   not null,
    dims            jsonb  not null,
    distinct_values bigint not null,
    primary key (state_id, grain, period_start, dims)
);
