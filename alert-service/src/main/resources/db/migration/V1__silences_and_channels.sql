-- Silences: alerts of their departments that satisfy all matchers notify nobody between starts_at and ends_at.
-- A silence is never deleted: expiring it early sets ends_at (and expired_by), so the record shows who muted what.
-- Department and severity lists are varchar[] (not text[]): Hibernate binds a String[] parameter as varchar[], and
-- PostgreSQL has no && operator between text[] and varchar[].
create table silence (
    id           uuid primary key,
    matchers     text        not null,            -- JSON array of {name, operator, value}
    starts_at    timestamptz not null,
    ends_at      timestamptz not null,
    comment      text        not null,
    departments  varchar[]   not null,
    created_by   text        not null,
    created_at   timestamptz not null,
    expired_by   text,
    constraint silence_ends_after_start check (ends_at >= starts_at),
    constraint silence_has_departments check (cardinality(departments) > 0)
);
-- Lists: newest first; the evaluator asks for silences that have not ended yet.
create index silence_created on silence (created_at desc, id desc);
create index silence_ends_at on silence (ends_at);
create index silence_departments on silence using gin (departments);

-- Notification channels: signed webhooks, routed by department and severity. The secret that signs deliveries is
-- stored encrypted (AES-256-GCM, key from pacer.alert.secret-key) and never returned.
create table channel (
    id                 uuid primary key,
    name               text        not null,
    url                text        not null,
    secret_ciphertext  text        not null,
    departments        varchar[]   not null,
    severities         varchar[]   not null,
    enabled            boolean     not null,
    version            int         not null,
    created_at         timestamptz not null,
    created_by         text        not null,
    updated_at         timestamptz not null,
    updated_by         text        not null,
    constraint channel_has_departments check (cardinality(departments) > 0),
    constraint channel_has_severities check (cardinality(severities) > 0
        and severities <@ array['INFO', 'WARNING', 'CRITICAL']::varchar[])
);
create index channel_name on channel (name, id);
create index channel_departments on channel using gin (departments);
