-- Datasets: the schemas of business records. The current definition, and every version ever made.
create table dataset (
    key         text primary key,
    version     int         not null,
    definition  text        not null,
    created_at  timestamptz not null,
    created_by  text        not null,
    updated_at  timestamptz not null,
    updated_by  text        not null
);

create table dataset_version (
    key         text        not null references dataset (key),
    version     int         not null,
    definition  text        not null,
    reason      text,
    author      text        not null,
    created_at  timestamptz not null,
    primary key (key, version)
);
