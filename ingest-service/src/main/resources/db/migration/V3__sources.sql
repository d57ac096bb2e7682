-- Sources: connectors that pull records from ERP/CRM/OA systems on demand or on a schedule.
-- settings holds the connector's settings as JSON without credentials; secret holds the credential encrypted with
-- AES-256-GCM (platform SecretCipher, bound to the source id). cursor is where the next incremental run starts,
-- saved only after Kafka acknowledged every record before it.
create table source (
    id             uuid        primary key,
    name           text        not null unique,
    dataset        text        not null,
    department     text        not null,
    kind           text        not null,
    source_system  text,
    settings       text        not null,
    mapping        text        not null,
    secret         text,
    schedule       text,
    paused         boolean     not null,
    next_run_at    timestamptz,
    cursor         text,
    version        int         not null,
    created_by     text        not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);
create index source_dataset on source (dataset, name);
create index source_next_run_at on source (next_run_at) where not paused and next_run_at is not null;

-- One execution of a source. At most one run of a source is RUNNING at a time.
create table source_run (
    id             bigserial   primary key,
    source_id      uuid        not null references source (id) on delete cascade,
    trigger        text        not null,
    status         text        not null,
    started_at     timestamptz not null,
    finished_at    timestamptz,
    rows_read      bigint      not null default 0,
    published      bigint      not null default 0,
    deleted        bigint      not null default 0,
    rejected       bigint      not null default 0,
    cursor_before  text,
    cursor_after   text,
    message        text,
    constraint source_run_status check (status in ('RUNNING', 'SUCCEEDED', 'FAILED'))
);
create index source_run_source on source_run (source_id, id desc);
create unique index source_run_one_running on source_run (source_id) where status = 'RUNNING';

-- The keys a full-refresh source published last, with a hash of their fields: a key that vanished from the source
-- gets a tombstone, an unchanged row is not published again.
create table source_key (
    source_id    uuid  not null references source (id) on delete cascade,
    primary_key  text  not null,
    row_hash     text  not null,
    primary key (source_id, primary_key)
);
