-- Durable timers of features: one row per (tenant, feature, key); scheduling a key again replaces its row. When a
-- timer is due the firing loop deletes it and inserts a `timer.due` inbox event in the same statement, so from then
-- on it is an event (retries, dead state, events API). The loop looks for due rows through feature_timer_due.
CREATE TABLE feature_timer (
    tenant_id    text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    feature_id   text        NOT NULL,
    key          text        NOT NULL,
    due_at       timestamptz NOT NULL,
    data         jsonb       NOT NULL,
    scheduled_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, feature_id, key)
);
CREATE INDEX feature_timer_due ON feature_timer (due_at);
-- A queue as well (rows inserted, then deleted when due): vacuumed and analysed early, like the inbox (V23).
ALTER TABLE feature_timer SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01,
                               autovacuum_analyze_scale_factor = 0.02);
