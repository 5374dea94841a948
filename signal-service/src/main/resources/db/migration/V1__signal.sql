-- signal-service schema (the outbox and processed_event tables come from platform-outbox).
-- Enumerations are stored as the lower-case names the API and the events use.

-- SIG-XXXXXX identifiers are derived from this sequence by a bijection (see SignalIdentifiers),
-- so they look random yet never collide.
create sequence signal_identifier_seq;

create table signal (
    id                 uuid         primary key,
    signal_identifier  varchar(16)  not null unique,
    title              varchar(300) not null,
    summary            text,
    agency             varchar(200),
    sectors            text[]       not null default '{}',
    tags               text[]       not null default '{}',
    source             varchar(16)  not null check (source in ('admin', 'airtable')),
    airtable_record_id varchar(64)  unique,
    pool_cost          integer      not null default 0 check (pool_cost >= 0),
    due_date           date,
    status             varchar(20)  not null
        check (status in ('draft', 'pending_review', 'approved', 'published', 'removed', 'assigned', 'archived')),
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null,
    version            bigint       not null default 0
);
create index signal_status on signal (status, created_at desc);

create table startup (
    id                 uuid         primary key,
    name               varchar(200) not null,
    sectors            text[]       not null default '{}',
    tier               varchar(16)  not null check (tier in ('starter', 'growth', 'enterprise')),
    airtable_record_id varchar(64)  unique,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null,
    version            bigint       not null default 0
);

-- The balance a ledger entry leaves behind; the row is locked (select ... for update) by every
-- ledger posting, which serializes concurrent deductions of one startup.
create table credit_account (
    startup_id uuid        primary key references startup (id),
    balance    bigint      not null check (balance >= 0),
    updated_at timestamptz not null
);

-- Append-only: the trigger below refuses updates and deletes.
create table credit_ledger_entry (
    id            uuid         primary key,
    startup_id    uuid         not null references startup (id),
    entry_type    varchar(16)  not null check (entry_type in ('allocation', 'deduction', 'adjustment')),
    amount        bigint       not null check (amount <> 0),
    balance_after bigint       not null check (balance_after >= 0),
    reason        varchar(500),
    reference     varchar(100),
    created_at    timestamptz  not null,
    check ((entry_type = 'allocation' and amount > 0) or (entry_type = 'deduction' and amount < 0)
           or entry_type = 'adjustment')
);
create index credit_ledger_startup on credit_ledger_entry (startup_id, created_at desc);
-- One entry per startup and business reference (pool request, monthly allotment): replays are no-ops.
create unique index credit_ledger_reference on credit_ledger_entry (startup_id, reference) where reference is not null;

create function credit_ledger_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'credit_ledger_entry is append-only';
end $$;
create trigger credit_ledger_append_only before update or delete on credit_ledger_entry
    for each row execute function credit_ledger_append_only();

create table assignment (
    id              uuid        primary key,
    signal_id       uuid        not null references signal (id),
    startup_id      uuid        not null references startup (id),
    assignment_type varchar(8)  not null check (assignment_type in ('direct', 'pool')),
    status          varchar(20) not null check (status in ('pending_review', 'viewed', 'interested', 'declined')),
    response_note   text,
    due_date        date,
    created_at      timestamptz not null,
    viewed_at       timestamptz,
    responded_at    timestamptz,
    updated_at      timestamptz not null,
    version         bigint      not null default 0,
    constraint assignment_signal_startup unique (signal_id, startup_id)
);
create index assignment_startup on assignment (startup_id, created_at desc);

create table pool_request (
    id            uuid        primary key,
    signal_id     uuid        not null references signal (id),
    startup_id    uuid        not null references startup (id),
    status        varchar(16) not null check (status in ('pending', 'approved', 'rejected')),
    credit_cost   integer     not null check (credit_cost >= 0),
    message       text,
    assignment_id uuid        references assignment (id),
    decision_note text,
    created_at    timestamptz not null,
    decided_at    timestamptz,
    version       bigint      not null default 0
);
create index pool_request_status on pool_request (status, created_at);
create unique index pool_request_one_pending on pool_request (signal_id, startup_id) where status = 'pending';

create table connection_request (
    id          uuid         primary key,
    startup_id  uuid         not null references startup (id),
    target_type varchar(16)  not null check (target_type in ('organization', 'contact')),
    target_id   varchar(64)  not null,
    target_name varchar(300),
    note        text,
    status      varchar(16)  not null check (status in ('pending', 'approved', 'rejected', 'completed')),
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    version     bigint       not null default 0
);
create index connection_request_startup on connection_request (startup_id, created_at desc);

create table contact_request (
    id                uuid         primary key,
    startup_id        uuid         not null references startup (id),
    contact_name      varchar(200) not null,
    organization_name varchar(300),
    message           text,
    status            varchar(16)  not null check (status in ('pending', 'in_progress', 'completed', 'declined')),
    created_at        timestamptz  not null,
    updated_at        timestamptz  not null,
    version           bigint       not null default 0
);
create index contact_request_startup on contact_request (startup_id, created_at desc);

-- The matcher's stored top N per signal (replaced on each regeneration).
create table signal_match (
    signal_id    uuid             not null references signal (id),
    startup_id   uuid             not null references startup (id),
    rank         integer          not null,
    score        double precision not null,
    reasons      text[]           not null default '{}',
    generated_at timestamptz      not null,
    primary key (signal_id, startup_id)
);
