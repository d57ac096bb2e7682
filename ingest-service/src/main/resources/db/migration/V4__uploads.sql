-- File uploads: an asynchronous job per file, and the outcome of each of its rows.
create table upload (
    id              uuid        primary key,
    dataset         text        not null,
    file_name       text,
    format          text        not null,
    encoding        text        not null,
    size_bytes      bigint      not null,
    status          text        not null,
    rows_total      int         not null,
    rows_succeeded  int         not null default 0,
    rows_failed     int         not null default 0,
    message         text,
    created_by      text        not null,
    created_at      timestamptz not null,
    finished_at     timestamptz,
    constraint upload_status check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED'))
);
create index upload_created_by on upload (created_by, created_at desc);

-- row_number counts data rows from 1 (the header is not a row); line is where the row starts in the file.
create table upload_row (
    upload_id    uuid  not null references upload (id) on delete cascade,
    row_number   int   not null,
    line         bigint not null,
    succeeded    boolean not null,
    primary_key  text,
    reason       text,
    primary key (upload_id, row_number)
);
