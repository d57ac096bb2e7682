create table widget (
    id   bigserial primary key,
    name text not null,
    size int  not null
);
create table widget_applied (
    event_id text not null,
    name     text not null
);
