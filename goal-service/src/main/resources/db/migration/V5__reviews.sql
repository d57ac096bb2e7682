-- Reviews (复盘) of a month, quarter or fiscal year: what was found when the review was generated, kept as it was.
create table goal_review (
    id              uuid primary key,
    period          text        not null,
    period_start    date        not null,
    -- the day after the period's last day
    period_end      date        not null,
    root_goal_id    uuid        references goal (id) on delete set null,
    department      text,
    -- the composed review (goals, status changes, laggards, check-in summary) as JSON
    content         text        not null,
    created_at      timestamptz not null,
    created_by      text        not null
);

create index goal_review_created on goal_review (created_at, id);

-- Action items agreed in a review: who does what by when, and whether it was done.
create table goal_review_action (
    id          uuid primary key,
    review_id   uuid        not null references goal_review (id) on delete cascade,
    title       text        not null,
    owner       text        not null,
    due_date    date        not null,
    status      text        not null check (status in ('OPEN', 'DONE', 'DROPPED')),
    version     int         not null,
    created_at  timestamptz not null,
    created_by  text        not null,
    updated_at  timestamptz not null,
    updated_by  text        not null
);

create index goal_review_action_review on goal_review_action (review_id, created_at, id);
