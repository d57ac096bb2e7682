-- The metric definitions of the indicator centre, replicated from the compacted pacer.catalog topic (METRIC
-- entries only): the SMART check reads whether a goal's metric exists, is certified, has a unit and a source.
create table metric_definition (
    key         text primary key,
    version     int         not null,
    -- a tombstone: the metric was deleted at this version
    deleted     boolean     not null,
    -- the catalog entry's definition as JSON; null for a tombstone
    definition  text,
    event_id    text        not null,
    applied_at  timestamptz not null
);
