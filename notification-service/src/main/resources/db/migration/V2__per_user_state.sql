-- Per-user notification state (issue 10): a notification stays ONE row of its inbox ('startup:<uuid>'
-- or 'admins'); each user (token sub) has their own read / deleted marks and their own unread count.

-- Until now read state belonged to the inbox. It becomes the starting point of every user of that
-- inbox: a notification read before this migration is read for all of them (legacy_read); what a
-- user does from now on is theirs alone (notification_state).
alter table notification rename column read to legacy_read;
alter table notification rename column read_at to legacy_read_at;
drop index notification_unread;
create index notification_legacy_unread on notification (recipient, created_at) where not legacy_read;

-- The users notification-service knows: they called its API (sub, role and startup_id from the token).
-- inbox is 'startup:<startup_id>' or 'admins'. unread_count is kept exact in the transaction of every
-- change (a new notification in the inbox, a read, read-all, delete, under this row's lock) and
-- version grows by one with each change of it.
create table inbox_user (
    user_id      varchar(255) primary key,
    role         varchar(16)  not null,
    startup_id   uuid,
    inbox        varchar(64)  not null,
    unread_count bigint       not null,
    version      bigint       not null,
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null
);
create index inbox_user_inbox on inbox_user (inbox, user_id);

-- One user's marks on one notification of their inbox. No row: unread (unless legacy_read).
-- deleted_at: the user removed it from their own view. hidden: the admin's saved event preferences
-- exclude what it is about, so it never showed up for them (not listed, never counted).
create table notification_state (
    user_id         varchar(255) not null references inbox_user (user_id) on delete cascade,
    notification_id uuid         not null references notification (id) on delete cascade,
    read_at         timestamptz,
    deleted_at      timestamptz,
    hidden          boolean      not null default false,
    primary key (user_id, notification_id)
);
create index notification_state_notification on notification_state (notification_id);

-- Notification preferences: a startup's stay per startup ('startup:<uuid>', shared by its users);
-- each admin now has their own ('admin:<sub>'). The row every admin shared so far ('admins') stays as
-- the admin team's preferences (a shared staff address keeps receiving what it received).

-- What each admin saved to see live (WebSocket event-name patterns, startups, signals; an empty list
-- does not restrict). Published on the compacted 'preferences' topic with every change (version + 1).
create table admin_event_preference (
    user_id    varchar(255) primary key,
    events     jsonb        not null,
    startups   jsonb        not null,
    signals    jsonb        not null,
    version    bigint       not null,
    updated_at timestamptz  not null
);
