-- sync-service schema (the outbox and processed_event tables come from platform-outbox).

-- An Airtable webhook we registered. mac_secret_base64 is what Airtable returned once at creation;
-- it never leaves this table (not logged, not returned by the API). cursor is the number of the
-- next payload to apply: it advances in the same transaction as the payload's effects.
create table airtable_webhook (
    id                varchar(64)  primary key,
    base_id           varchar(64)  not null,
    table_id          varchar(64),
    notification_url  varchar(2000) not null,
    mac_secret_base64 varchar(512) not null,
    cursor            bigint       not null default 1 check (cursor >= 1),
    expiration_time   timestamptz,
    status            varchar(16)  not null check (status in ('active', 'failed', 'expired')),
    last_error        varchar(2000),
    created_at        timestamptz  not null,
    updated_at        timestamptz  not null,
    last_refreshed_at timestamptz
);
create index airtable_webhook_base on airtable_webhook (base_id);

-- A verified notification ping, persisted before it is acknowledged. Rows are deleted once the
-- webhook's payloads were read up to a cursor fetched after the ping arrived.
create table airtable_ping (
    id          bigint generated always as identity primary key,
    webhook_id  varchar(64)  not null references airtable_webhook (id),
    received_at timestamptz  not null,
    body        text         not null
);
create index airtable_ping_webhook on airtable_ping (webhook_id, id);

-- The mirror of every record of a mapped table, in our field names (see SyncConfig / README).
create table airtable_record (
    record_id             varchar(64)  primary key,
    base_id               varchar(64)  not null,
    table_id              varchar(64)  not null,
    kind                  varchar(16)  not null
        check (kind in ('organization', 'contact', 'signal', 'startup', 'interaction')),
    fields                jsonb        not null default '{}'::jsonb,
    airtable_created_time timestamptz,
    created_at            timestamptz  not null,
    updated_at            timestamptz  not null
);
create index airtable_record_table on airtable_record (base_id, table_id);
create index airtable_record_kind on airtable_record (kind);

-- A full read of one table (records API, offset paging), with its progress.
create table airtable_backfill (
    id          uuid         primary key,
    base_id     varchar(64)  not null,
    table_id    varchar(64)  not null,
    status      varchar(16)  not null check (status in ('running', 'completed', 'failed')),
    done        bigint       not null default 0,
    total       bigint,
    pages       integer      not null default 0,
    error       varchar(2000),
    started_at  timestamptz  not null,
    -- touched after every page by the process running it; a stale one means that process died
    heartbeat_at timestamptz not null,
    finished_at timestamptz
);
create index airtable_backfill_table on airtable_backfill (base_id, table_id, status);
