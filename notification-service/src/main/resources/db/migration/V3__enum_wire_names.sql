-- One spelling for enum values (platform/events/README.md, "Enum values on the wire"): the wire name is
-- the constant's name in lower case, with '_' and never '-'. Until now notification-service wrote
-- 'pool-request', 'contact-request' and 'in-app'; every stored value becomes its wire name
-- ('pool_request', 'contact_request', 'in_app'). The other values ('assignment', 'email', 'pending', ...)
-- are spelled the same under both rules. No CHECK constraint holds these columns.

-- Columns holding one enum value each: notification.category (Category), delivery.channel and
-- template_override.channel (Channel; only external channels are stored there, rewritten all the same).
update notification set category = replace(category, '-', '_') where category like '%-%';
update delivery set channel = replace(channel, '-', '_') where channel like '%-%';
update template_override set channel = replace(channel, '-', '_') where channel like '%-%';

-- preference.channels: a JSON object from category wire name to an array of channel wire names
-- ({"pool-request": ["email", "in-app"]} becomes {"pool_request": ["email", "in_app"]}); a value that
-- is not an array (null: every channel) is kept as it is.
update preference p
   set channels = (
       select coalesce(jsonb_object_agg(replace(e.key, '-', '_'),
                  case when jsonb_typeof(e.value) = 'array'
                       then (select coalesce(jsonb_agg(to_jsonb(replace(c.name, '-', '_')) order by c.n), '[]'::jsonb)
                               from jsonb_array_elements_text(e.value) with ordinality as c(name, n))
                       else e.value end), '{}'::jsonb)
         from jsonb_each(p.channels) as e)
 where p.channels::text like '%-%';
