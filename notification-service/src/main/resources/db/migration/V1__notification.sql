-- notification-service schema (the outbox and processed_event tables come from platform-outbox).

-- The in-app inbox. recipient is 'startup:<uuid>' (every user of that startup) or 'admins'
-- (the shared admin inbox). data is the domain event's payload the notification was made from.
create table notification (
    id              uuid         primary key,
    recipient       varchar(64)  not null,
    startup_id      uuid,
    category        varchar(32)  not null,
    event_type      varchar(64)  not null,
    source_event_id varchar(255) not null,
    title           text         not null,
    body            text         not null,
    link            text,
    data            jsonb        not null,
    read            boolean      not null default false,
    read_at         timestamptz,
    created_at      timestamptz  not null
);
create index notification_inbox on notification (recipient, created_at desc, id);
create index notification_unread on notification (recipient) where not read;

-- Per recipient: contact addresses, channels per category, quiet hours, digest.
create table preference (
    recipient              varchar(64) primary key,
    email                  varchar(320),
    phone                  varchar(32),
    push_token             varchar(512),
    channels               jsonb       not null default '{}'::jsonb,
    quiet_start            time,
    quiet_end              time,
    time_zone              varchar(64) not null default 'UTC',
    digest_enabled         boolean     not null default false,
    digest_window_seconds  integer     not null default 3600,
    updated_at             timestamptz not null
);

-- One message to send on one channel (email, sms, push). A digest delivery carries several
-- notifications (items) and is sent as one email when its window closes (send_at).
create table delivery (
    id              uuid         primary key,
    notification_id uuid         references notification (id) on delete set null,
    recipient       varchar(64)  not null,
    channel         varchar(16)  not null,
    address         varchar(512) not null,
    event_type      varchar(64)  not null,
    digest          boolean      not null default false,
    items           jsonb        not null,
    status          varchar(16)  not null,
    send_at         timestamptz  not null,
    lease_until     timestamptz,
    attempts        integer      not null default 0,
    last_error      text,
    created_at      timestamptz  not null,
    completed_at    timestamptz
);
create index delivery_due on delivery (send_at) where status in ('pending', 'sending');
create index delivery_recipient on delivery (recipient, created_at);

-- Every attempt to send a delivery, successful or not.
create table delivery_attempt (
    id          bigint generated always as identity primary key,
    delivery_id uuid        not null references delivery (id) on delete cascade,
    number      integer     not null,
    started_at  timestamptz not null,
    finished_at timestamptz not null,
    succeeded   boolean     not null,
    error       text
);
create index delivery_attempt_delivery on delivery_attempt (delivery_id, number);

-- Admin-edited templates that replace the built-in one of an event type on one channel.
create table template_override (
    event_type varchar(64) not null,
    channel    varchar(16) not null,
    subject    text,
    text       text        not null,
    html       text,
    updated_at timestamptz not null,
    primary key (event_type, channel)
);
