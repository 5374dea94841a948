-- The transactional outbox (Debezium outbox event router compatible: id, aggregatetype,
-- aggregateid, type, payload, plus timestamp and headers). aggregatetype is the Kafka topic.
-- seq orders the relay's reads; rows are deleted once the broker acknowledged them, so a row
-- that commits late is still read (no "seq > last seen" cursor anywhere).
create table outbox (
    seq           bigint generated always as identity,
    id            uuid         not null primary key,
    aggregatetype varchar(255) not null,
    aggregateid   varchar(255) not null,
    type          varchar(255) not null,
    payload       jsonb        not null,
    timestamp     timestamptz  not null,
    headers       jsonb        not null default '{}'::jsonb
);
create index outbox_seq on outbox (seq);

-- Consumer-side idempotency: one row per (consumer, ce_id) processed, written in the same
-- transaction as the consumer's effect.
create table processed_event (
    consumer     varchar(255) not null,
    event_id     varchar(255) not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);
