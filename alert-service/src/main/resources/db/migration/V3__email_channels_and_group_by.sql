-- Channel types: WEBHOOK (url + encrypted secret, as before) or EMAIL (recipients, mailed over the service's SMTP
-- server). Existing channels are webhooks.
alter table channel add column type varchar(16) not null default 'WEBHOOK';
alter table channel add column recipients varchar[];
alter table channel alter column url drop not null;
alter table channel alter column secret_ciphertext drop not null;
alter table channel add constraint channel_type_fields check (
    (type = 'WEBHOOK' and url is not null and secret_ciphertext is not null and recipients is null)
    or (type = 'EMAIL' and url is null and secret_ciphertext is null and cardinality(recipients) > 0));

-- Grouping: the label names whose values make a notification group (Alertmanager's group_by). {rule} is one group
-- per rule, as before; {} one group for the whole channel; {...} one group per distinct label set.
alter table channel add column group_by varchar[] not null default array['rule']::varchar[];
