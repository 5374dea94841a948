-- Idempotency-Key support of platform-rest (IdempotencyKeys): the first request with a key, per
-- caller (the token's sub), and the answer it got. The row is inserted first and completed last in
-- the request's own transaction, so concurrent retries wait on the primary key and then read the answer.
create table idempotency_key (
    caller          varchar(255) not null,
    idempotency_key varchar(255) not null,
    operation       varchar(255) not null,
    request         jsonb        not null,
    status          integer,
    location        varchar(2000),
    response        text,
    created_at      timestamptz  not null,
    primary key (caller, idempotency_key)
);
create index idempotency_key_created on idempotency_key (created_at);
