-- The inbox and the outbox are queues: every row is inserted, then updated as it is claimed and finished, and each
-- update leaves a dead entry in the partial "due" indexes that the recovery sweeps walk. PostgreSQL's default
-- (vacuum when a fifth of the table is dead) lets millions of such entries pile up in a busy table; vacuum and
-- analyse these two after 1-2 % instead, so the sweeps stay fast and the planner knows how few rows are pending.
ALTER TABLE inbox_event SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01,
                             autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE message SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01,
                         autovacuum_analyze_scale_factor = 0.02);
