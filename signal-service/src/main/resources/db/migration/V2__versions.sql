-- Every event payload carries its resource's version (optimistic UI reconciles on it): the credit
-- account, the resource of credits events, gets one too (one more per balance change).
alter table credit_account add column version bigint not null default 0;
