-- Alert rules: a condition of one kind (parameters as JSON, validated by the service), a scope that selects the events
-- it judges, the departments that own it (who manages it, and the departments of its metric alerts), and timing.
create table alert_rule (
    id                       uuid primary key,
    name                     text        not null,
    kind                     varchar(32) not null,
    parameters               text        not null,            -- JSON object, the kind's parameters
    scope_type               varchar(16) not null,
    scope_key                text        not null,
    departments              varchar[]   not null,
    severity                 varchar(16) not null,
    labels                   text        not null,            -- JSON object of label name -> value
    pending_for_seconds      bigint      not null,
    keep_firing_for_seconds  bigint      not null,
    enabled                  boolean     not null,
    version                  int         not null,
    created_at               timestamptz not null,
    created_by               text        not null,
    updated_at               timestamptz not null,
    updated_by               text        not null,
    constraint alert_rule_has_departments check (cardinality(departments) > 0),
    constraint alert_rule_durations check (pending_for_seconds >= 0 and keep_firing_for_seconds >= 0)
);
create index alert_rule_name on alert_rule (name, id);
create index alert_rule_scope on alert_rule (scope_type, scope_key) where enabled;
create index alert_rule_departments on alert_rule using gin (departments);

-- The goal tree as seen on pacer.goal-progress, so a rule on a goal subtree matches the goals below its root.
create table goal_node (
    goal_id         text primary key,
    parent_goal_id  text,
    departments     varchar[]   not null,
    as_of           timestamptz not null
);
create index goal_node_parent on goal_node (parent_goal_id);

-- Metric values by period and slice (the history that period-change and anomaly rules compare with), and when each
-- metric last received data (for staleness rules). A later computation of a period replaces an earlier one.
create table metric_point (
    metric_key    text        not null,
    grain         varchar(16) not null,
    slice         text        not null,                       -- canonical JSON of the dimensions ({} for the total)
    period_start  date        not null,
    value         numeric     not null,
    computed_at   timestamptz not null,
    primary key (metric_key, grain, slice, period_start)
);
create table metric_freshness (
    metric_key    text primary key,
    last_data_at  timestamptz not null
);

-- One row per fingerprint (rule + subject): the alert aggregate's state between evaluations, and the rule kind's
-- carried state. Locked while an evaluation, a tick or an acknowledgement changes it.
create table alert_tracker (
    fingerprint      varchar(32) primary key,
    rule_id          uuid        not null references alert_rule (id) on delete cascade,
    subject_kind     varchar(16) not null,
    subject_id       text        not null,
    dimensions       text        not null,
    departments      varchar[]   not null,
    state            varchar(16),                              -- null: never active
    due_at           timestamptz,                              -- when time alone moves it (fires or resolves)
    snapshot         text        not null,                     -- JSON of the aggregate's state
    condition_state  text                                      -- JSON of the kind's carried state, if any
);
create index alert_tracker_rule on alert_tracker (rule_id);
create index alert_tracker_due on alert_tracker (due_at) where due_at is not null;

-- Alerts: one row per cycle of a fingerprint (id = fingerprint-cycle), with its evidence and full history.
create table alert (
    id               text primary key,
    fingerprint      varchar(32) not null,
    cycle            int         not null,
    rule_id          uuid        not null,
    rule_name        text        not null,
    severity         varchar(16) not null,
    state            varchar(16) not null,
    subject_kind     varchar(16) not null,
    subject_id       text        not null,
    dimensions       text        not null,
    departments      varchar[]   not null,
    labels           text        not null,
    reason           text        not null,
    evidence         text        not null,
    started_at       timestamptz not null,
    fired_at         timestamptz,
    resolved_at      timestamptz,
    acknowledged_by  text,
    acknowledged_note text,
    acknowledged_at  timestamptz,
    updated_at       timestamptz not null,
    unique (fingerprint, cycle)
);
create index alert_updated on alert (updated_at desc, id desc);
create index alert_state on alert (state);
create index alert_rule_id on alert (rule_id);
create index alert_departments on alert using gin (departments);

create table alert_transition (
    id          bigserial primary key,
    alert_id    text        not null references alert (id) on delete cascade,
    at          timestamptz not null,
    from_state  varchar(16),
    to_state    varchar(16) not null,
    reason      text        not null,
    evidence    text        not null
);
create index alert_transition_alert on alert_transition (alert_id, id);

-- Routing: each channel is a route (its departments and severities) with Alertmanager-style grouping per rule.
-- group_wait_seconds null: 0 for CRITICAL alerts (notify at once), 30 s otherwise.
alter table channel add column group_wait_seconds bigint;
alter table channel add column group_interval_seconds bigint not null default 300;
alter table channel add column repeat_interval_seconds bigint not null default 14400;

-- A notification waiting in its group (channel + group key) for the group's next flush.
create table notification (
    id           uuid primary key,
    channel_id   uuid        not null references channel (id) on delete cascade,
    group_key    text        not null,
    alert_id     text        not null,
    state        varchar(16) not null,
    payload      text        not null,                        -- JSON of the AlertStateChanged told
    created_at   timestamptz not null,
    delivery_id  uuid,                                        -- set when a flush put it into a delivery
    unique (channel_id, alert_id, state)                      -- one notification per alert state change and route
);
create index notification_unsent on notification (channel_id, group_key) where delivery_id is null;

create table notification_group (
    channel_id    uuid        not null references channel (id) on delete cascade,
    group_key     text        not null,
    flush_at      timestamptz,                                -- when waiting notifications go out; null: none wait
    last_sent_at  timestamptz,
    primary key (channel_id, group_key)
);
create index notification_group_due on notification_group (flush_at) where flush_at is not null;

-- The durable webhook delivery queue and its log.
create table delivery (
    id               uuid primary key,
    channel_id       uuid        not null references channel (id) on delete cascade,
    group_key        text        not null,
    body             text        not null,
    status           varchar(16) not null,                    -- PENDING, DELIVERED, GAVE_UP
    attempts         int         not null,
    next_attempt_at  timestamptz not null,
    created_at       timestamptz not null,
    finished_at      timestamptz,
    last_error       text
);
create index delivery_due on delivery (next_attempt_at) where status = 'PENDING';
create index delivery_channel on delivery (channel_id, created_at desc, id desc);

create table delivery_attempt (
    id           bigserial primary key,
    delivery_id  uuid        not null references delivery (id) on delete cascade,
    attempt      int         not null,
    at           timestamptz not null,
    status_code  int,
    error        text,
    duration_ms  bigint      not null
);
create index delivery_attempt_delivery on delivery_attempt (delivery_id, attempt);
