-- One counter, raised in the transaction of every rule change (create, update, delete). The evaluator keeps the
-- enabled rules in memory and reads only this row per batch of events: a different number means a rule changed
-- (in any replica, committed), and the rules are read again.
create table rule_version (
    id      int    primary key check (id = 1),
    version bigint not null
);
insert into rule_version (id, version) values (1, 0);
