-- Tenant names are unique, ignoring case and surrounding spaces: two shops called "Acme" would be told apart only by
-- their ids in every list. Existing duplicates keep their name with their id appended, the oldest keeping it as is.
UPDATE tenant t SET name = btrim(t.name) || ' (' || t.id || ')'
WHERE EXISTS (SELECT 1 FROM tenant o
              WHERE lower(btrim(o.name)) = lower(btrim(t.name)) AND (o.created_at, o.id) < (t.created_at, t.id));

CREATE UNIQUE INDEX tenant_name_unique ON tenant (lower(btrim(name)));
