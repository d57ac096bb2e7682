-- Target changes of a goal, kept forever: what the targets were before and after, why, who and from when.
create table goal_adjustment (
    id                          uuid primary key,
    goal_id                     uuid          not null references goal (id) on delete cascade,
    previous_base_target        numeric,
    previous_challenge_target   numeric,
    base_target                 numeric       not null,
    challenge_target            numeric,
    reason                      text          not null,
    author                      text          not null,
    effective_date              date          not null,
    created_at                  timestamptz   not null
);

create index goal_adjustment_goal on goal_adjustment (goal_id, created_at, id);

-- Check-ins of a goal's owners and contributors: a comment, their confidence (0–10) and blockers.
create table goal_check_in (
    id          uuid primary key,
    goal_id     uuid        not null references goal (id) on delete cascade,
    author      text        not null,
    department  text,
    comment     text        not null,
    confidence  smallint    not null check (confidence between 0 and 10),
    blockers    text,
    created_at  timestamptz not null
);

create index goal_check_in_goal on goal_check_in (goal_id, created_at, id);
