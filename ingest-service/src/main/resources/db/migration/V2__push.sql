-- Records refused at ingestion, kept for the quarantine (/rejections): what arrived, and why it was refused.
create table rejection (
    id           bigserial   primary key,
    dataset      text        not null,
    source       text        not null,
    record_index int         not null,
    primary_key  text,
    payload      text        not null,
    reason       text        not null,
    received_at  timestamptz not null
);
create index rejection_dataset_received_at on rejection (dataset, received_at);

-- Idempotency-Key of batch pushes, per caller: the request's fingerprint and, once it succeeded, the answer
-- given. A row without a response is a request in progress (or one that crashed: it expires after a lease).
create table idempotency_key (
    caller        text        not null,
    key           text        not null,
    fingerprint   text        not null,
    response      text,
    started_at    timestamptz not null,
    completed_at  timestamptz,
    primary key (caller, key)
);
create index idempotency_key_started_at on idempotency_key (started_at);
