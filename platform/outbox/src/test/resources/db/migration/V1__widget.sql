create table widget (
    id   uuid primary key,
    name varchar(255) not null
);
