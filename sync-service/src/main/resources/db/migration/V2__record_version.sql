-- Every event payload carries its resource's version (clients reconcile optimistic updates and
-- refetches on it): a mirrored record's grows with every change.
alter table airtable_record add column version bigint not null default 0;
