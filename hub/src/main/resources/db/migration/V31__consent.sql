-- Consent per contact and message category (MARKETING, UTILITY, AUTHENTICATION): the latest decision, with where it
-- came from and when. No row means no decision: marketing then needs an opt-in, the other categories are allowed.
CREATE TABLE contact_consent (
    tenant_id  text        NOT NULL,
    contact_id uuid        NOT NULL,
    category   text        NOT NULL,
    status     text        NOT NULL, -- opted-in, opted-out
    source     text        NOT NULL, -- api, import, keyword, whatsapp-preferences, whatsapp-error-131050, a feature's
    at         timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, contact_id, category),
    FOREIGN KEY (tenant_id, contact_id) REFERENCES contact (tenant_id, id) ON DELETE CASCADE
);

-- Every consent decision ever recorded, for the record (who opted in, how and when).
CREATE TABLE contact_consent_history (
    tenant_id   text        NOT NULL,
    contact_id  uuid        NOT NULL,
    category    text        NOT NULL,
    status      text        NOT NULL,
    source      text        NOT NULL,
    at          timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL,
    FOREIGN KEY (tenant_id, contact_id) REFERENCES contact (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX contact_consent_history_by_contact ON contact_consent_history (tenant_id, contact_id, at);

-- A tenant's own opt-out / opt-in keywords and confirmation texts; no row means the built-in defaults.
CREATE TABLE consent_keywords (
    tenant_id   text        PRIMARY KEY REFERENCES tenant (id) ON DELETE CASCADE,
    stop_words  text[]      NOT NULL,
    start_words text[]      NOT NULL,
    stop_reply  text        NOT NULL,
    start_reply text        NOT NULL,
    updated_at  timestamptz NOT NULL
);
