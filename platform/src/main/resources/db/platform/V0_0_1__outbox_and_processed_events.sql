-- Shared by every Pacer service (shipped in pacer-platform, applied into the service's own schema).

-- Transactional outbox: a state change and the event it causes commit together; OutboxRelay sends
-- the rows to Kafka (acks=all, idempotent producer) and deletes them once the broker acknowledged.
create table outbox_event (
    id          bigserial primary key,
    topic       text        not null,
    event_key   text        not null,
    event_id    text        not null,
    event_type  text        not null,
    payload     text        not null,
    created_at  timestamptz not null default now()
);

-- Idempotent consumer: an event id is recorded in the same transaction as its effect, so a
-- redelivered event is recognised and skipped.
create table processed_event (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
create index processed_event_processed_at on processed_event (processed_at);
