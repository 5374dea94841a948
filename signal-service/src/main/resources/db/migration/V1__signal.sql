-- signal-service schema: tables arrive with the domain (the outbox comes from platform-outbox).
select 1;
