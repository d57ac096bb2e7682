-- The replica of the dataset schemas metric-service publishes on pacer.catalog (DATASET entries only).
-- A row is applied only when its version is newer than the stored one, so replays and out-of-order
-- deliveries are harmless. A deleted dataset keeps its row as a tombstone (deleted = true, no definition):
-- a late, older upsert must not bring it back.
create table dataset_schema (
    key         text        primary key,
    version     int         not null,
    deleted     boolean     not null,
    definition  text,
    event_id    text        not null,
    applied_at  timestamptz not null,
    constraint dataset_schema_definition_unless_deleted check (deleted or definition is not null)
);
