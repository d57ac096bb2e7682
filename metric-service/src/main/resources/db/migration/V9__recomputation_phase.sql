-- What a running recomputation is doing (its progress), and when the metric's day state was ready for it.
alter table recomputation add column phase text;
alter table recomputation add column state_built_at timestamptz;
