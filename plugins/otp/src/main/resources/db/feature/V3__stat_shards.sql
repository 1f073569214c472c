-- A counter is kept in up to 16 rows (shards), summed when read: a start or check counts inside its own transaction,
-- in the shard of its database connection, so concurrent calls of one tenant seldom wait for each other's commit.
ALTER TABLE otp_stat ADD COLUMN shard smallint NOT NULL DEFAULT 0;
ALTER TABLE otp_stat DROP CONSTRAINT otp_stat_pkey, ADD PRIMARY KEY (tenant_id, name, shard);
