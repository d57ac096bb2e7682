-- The goal breakdown tree: annual objectives (no parent) broken into sub-goals of any depth.
create table goal (
    id                  uuid primary key,
    parent_id           uuid references goal (id),
    title               text        not null,
    description         text,
    owner_department    text        not null,
    owner_person        text,
    -- period: a fiscal year (period_quarter null) or one quarter of it
    fiscal_year         int         not null,
    period_quarter      smallint    check (period_quarter between 1 and 4),
    -- window: the quarters of the period in which the goal is measured
    from_quarter        smallint    not null check (from_quarter between 1 and 4),
    to_quarter          smallint    not null check (to_quarter between 1 and 4),
    weight              numeric(5, 2) not null check (weight between 0 and 100),
    -- measure: metric key, dimension filter (JSON object) and how the window aggregates; all or nothing
    measure_metric_key  text,
    measure_filter      text,
    measure_aggregation text        check (measure_aggregation in ('TOTAL', 'END_OF_WINDOW', 'AVERAGE')),
    baseline            numeric,
    base_target         numeric,
    challenge_target    numeric,
    direction           text        not null check (direction in ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER')),
    plan_type           text        not null check (plan_type in ('LINEAR', 'QUARTERLY_MILESTONES', 'SEASONAL')),
    milestone_q1        numeric,
    milestone_q2        numeric,
    milestone_q3        numeric,
    milestone_q4        numeric,
    status              text        not null check (status in ('DRAFT', 'ACTIVE', 'CLOSED')),
    version             int         not null,
    created_at          timestamptz not null,
    created_by          text        not null,
    updated_at          timestamptz not null,
    updated_by          text        not null,
    check (from_quarter <= to_quarter),
    check (period_quarter is null or (from_quarter = period_quarter and to_quarter = period_quarter)),
    check ((measure_metric_key is null) = (measure_aggregation is null))
);

-- children of a goal, in list order; annual objectives; lists by owner and by period
create index goal_parent_created on goal (parent_id, created_at, id);
create index goal_created on goal (created_at, id);
create index goal_owner_department on goal (owner_department);
create index goal_period on goal (fiscal_year, period_quarter);

-- Departments that contribute to a goal besides its owner, in the order given.
create table goal_contributor (
    goal_id     uuid not null references goal (id) on delete cascade,
    ordinal     int  not null,
    department  text not null,
    primary key (goal_id, ordinal)
);

create index goal_contributor_department on goal_contributor (department, goal_id);
