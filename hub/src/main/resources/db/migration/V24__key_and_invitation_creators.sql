-- Who made an API key or an invitation, as a person: removing or demoting that person revokes the keys and open
-- invitations they made for the tenant (directly, or through a key of theirs), and an owner invitation is honoured
-- only while its issuer may still make owners. created_by / invited_by stay as display names.
ALTER TABLE api_key ADD COLUMN created_by_user uuid REFERENCES app_user (id) ON DELETE SET NULL;
CREATE INDEX api_key_by_creator ON api_key (tenant_id, created_by_user) WHERE revoked_at IS NULL;

ALTER TABLE invitation
    ADD COLUMN invited_by_user uuid REFERENCES app_user (id) ON DELETE SET NULL,
    ADD COLUMN invited_by_key  uuid REFERENCES api_key (id) ON DELETE SET NULL,
    ADD COLUMN revoked_at      timestamptz;

-- Existing rows: the display name is the person's email, or 'key:<prefix>' for a key (whose person is that key's
-- creator, found a level at a time).
UPDATE api_key k SET created_by_user = u.id FROM app_user u WHERE u.email = k.created_by;
DO $$
BEGIN
    LOOP
        UPDATE api_key k SET created_by_user = p.created_by_user
        FROM api_key p
        WHERE k.created_by_user IS NULL AND p.created_by_user IS NOT NULL
          AND k.created_by = 'key:' || p.prefix AND p.tenant_id IS NOT DISTINCT FROM k.tenant_id;
        EXIT WHEN NOT FOUND;
    END LOOP;
END $$;
UPDATE invitation i SET invited_by_user = u.id FROM app_user u WHERE u.email = i.invited_by;
UPDATE invitation i SET invited_by_key = k.id, invited_by_user = k.created_by_user
FROM api_key k
WHERE i.invited_by = 'key:' || k.prefix AND (k.tenant_id = i.tenant_id OR k.tenant_id IS NULL);

-- Rate-limit buckets now carry an expiry (bucket4j's expires_at, epoch milliseconds) and expired rows are deleted;
-- rows written before had none. Their limits refill within minutes, so they may go in ten.
UPDATE rate_limit_bucket SET expires_at = (extract(epoch FROM now()) * 1000)::bigint + 600000
WHERE expires_at IS NULL;
UPDATE send_rate_bucket SET expires_at = (extract(epoch FROM now()) * 1000)::bigint + 600000
WHERE expires_at IS NULL;
CREATE INDEX rate_limit_bucket_expiry ON rate_limit_bucket (expires_at);
CREATE INDEX send_rate_bucket_expiry ON send_rate_bucket (expires_at);
