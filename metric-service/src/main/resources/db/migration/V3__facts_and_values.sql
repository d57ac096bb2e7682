-- Facts: the latest version of every business record, upserted by dataset and primary key. A delete keeps a
-- tombstone (deleted = true) so that an older update arriving late cannot resurrect the record.
create table fact (
    dataset         text    not null,
    pk              text    not null,
    source_version  bigint  not null,
    event_date      date,
    deleted         boolean not null default false,
    fields          jsonb,
    primary key (dataset, pk)
);
create index fact_dataset_event_date on fact (dataset, event_date) where not deleted;

-- Computed values: one row per metric, grain, period and dimension slice ('' is the total).
create table metric_value (
    metric_key      text        not null,
    grain           text        not null,
    period_start    date        not null,
    period_end      date        not null,
    dims_key        text        not null,
    dims            jsonb       not null,
    raw_value       numeric,
    value           numeric,
    metric_version  int         not null,
    computed_at     timestamptz not null,
    primary key (metric_key, grain, period_start, dims_key)
);
