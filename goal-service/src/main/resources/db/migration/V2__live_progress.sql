-- Metric values the goals are measured by: a replica of pacer.metric-values at the grains goals use (month,
-- quarter, year), one row per metric, grain, dimension slice and period. dims_key is the slice as canonical JSON
-- (members sorted by name; '{}' for the total).
create table metric_value (
    id              bigint generated always as identity primary key,
    metric_key      text        not null,
    grain           text        not null check (grain in ('MONTH', 'QUARTER', 'YEAR')),
    dims_key        text        not null,
    period_start    date        not null,
    period_end      date        not null,
    value           numeric     not null,
    metric_version  int         not null,
    computed_at     timestamptz not null,
    unique (metric_key, dims_key, grain, period_start)
);

-- The current progress of each tracked goal: its own figures (when it has a measure), the roll-up of its
-- sub-goals (when it has any), and the effective figures that count in its parent and in the events.
create table goal_progress (
    goal_id                      uuid primary key references goal (id) on delete cascade,
    as_of                        date        not null,
    computed_at                  timestamptz not null,
    status                       text        not null,
    previous_status              text,
    attainment_to_date           numeric,
    attainment_base              numeric,
    attainment_challenge         numeric,
    measured                     boolean     not null,
    actual                       numeric,
    expected_base                numeric,
    expected_challenge           numeric,
    attainment_to_date_base      numeric,
    attainment_to_date_challenge numeric,
    own_attainment_base          numeric,
    own_attainment_challenge     numeric,
    own_status                   text,
    forecast                     numeric,
    run_rate_forecast            numeric,
    periods_with_data            int,
    elapsed_days                 bigint,
    window_days                  bigint,
    rolled_up                    boolean     not null,
    roll_up_attainment_to_date   numeric,
    roll_up_attainment_base      numeric,
    roll_up_attainment_challenge numeric,
    roll_up_status               text,
    children_with_data           int,
    children                     int,
    base_target                  numeric,
    challenge_target             numeric,
    version                      int         not null
);

-- Every change of a goal's progress, for trend charts: the same figures as goal_progress at that moment.
create table goal_progress_history (
    id                           bigint generated always as identity primary key,
    goal_id                      uuid        not null references goal (id) on delete cascade,
    as_of                        date        not null,
    computed_at                  timestamptz not null,
    status                       text        not null,
    previous_status              text,
    attainment_to_date           numeric,
    attainment_base              numeric,
    attainment_challenge         numeric,
    actual                       numeric,
    expected_base                numeric,
    forecast                     numeric,
    run_rate_forecast            numeric,
    base_target                  numeric,
    challenge_target             numeric
);

create index goal_progress_history_goal on goal_progress_history (goal_id, id);
create index goal_measure_metric on goal (measure_metric_key) where measure_metric_key is not null;
