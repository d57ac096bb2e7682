-- The department that owns each dataset (ownerDepartment of its catalog definition): uploads into a dataset and the
-- quarantine of its rejected records are scoped by it.
alter table dataset_schema add column owner_department text;
update dataset_schema set owner_department = definition::jsonb ->> 'ownerDepartment' where definition is not null;
create index dataset_schema_owner_department on dataset_schema (owner_department);
