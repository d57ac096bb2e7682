-- Event dates whose facts changed and whose metric values are not recomputed yet. The records consumer adds them in
-- the transaction that stores the facts; the value refresh deletes them in the transaction that recomputes the
-- values, so a crash between the two loses nothing, and many batches of records share one recomputation. No unique
-- key on purpose: a mark never waits for the round that is deleting an older mark of the same date (a round holds
-- its rows until it commits), and a round deletes only the marks committed before it started.
create table pending_value_refresh (
    id         bigint generated always as identity primary key,
    dataset    text not null,
    event_date date not null
);
