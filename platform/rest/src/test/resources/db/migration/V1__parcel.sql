-- The column accepts wire names only: what the mapping writes is checked by PostgreSQL itself.
create table parcel (
    id      uuid        not null primary key,
    status  varchar(32) not null check (status in ('in_transit', 'pending_review', 'delivered')),
    version bigint      not null
);
