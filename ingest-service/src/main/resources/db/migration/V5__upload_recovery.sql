-- Upload jobs interrupted by a restart: the instance that runs a job and when it last vouched for it. A job still
-- QUEUED or RUNNING whose heartbeat is older than the lease belongs to a stopped instance and is ended as FAILED.
alter table upload add column owner text;
alter table upload add column heartbeat_at timestamptz;
update upload set heartbeat_at = created_at where status in ('QUEUED', 'RUNNING');
create index upload_unfinished on upload (heartbeat_at) where status in ('QUEUED', 'RUNNING');
