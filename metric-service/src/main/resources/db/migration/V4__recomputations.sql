-- Recomputation jobs: a new definition version recomputes the metric's history in the background.
create table recomputation (
    id              uuid primary key,
    metric_key      text        not null,
    metric_version  int         not null,
    status          text        not null,
    reason          text        not null,
    requested_by    text        not null,
    requested_at    timestamptz not null,
    started_at      timestamptz,
    finished_at     timestamptz,
    values_changed  int,
    error           text
);
create index recomputation_queued on recomputation (requested_at) where status = 'QUEUED';
