-- Metric definitions: the current version of each, and every version ever made (immutable).
create table metric (
    key         text primary key,
    version     int         not null,
    status      text        not null,
    definition  text        not null,
    created_at  timestamptz not null,
    created_by  text        not null,
    updated_at  timestamptz not null,
    updated_by  text        not null
);

create table metric_version (
    key             text        not null references metric (key),
    version         int         not null,
    status          text        not null,
    definition      text        not null,
    reason          text        not null,
    author          text        not null,
    effective_date  date        not null,
    created_at      timestamptz not null,
    primary key (key, version)
);
