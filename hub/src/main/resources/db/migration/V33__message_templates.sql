-- A tenant's WhatsApp message templates: one per (name, language), as Meta keys them. The content columns hold what
-- the tenant saved (validated by the hub against Meta's rules); status, reason and quality follow Meta's template
-- webhooks (template.status events), each change applied only if newer than the last one applied (*_changed_at:
-- the event's time), so redelivered or reordered webhooks change nothing; a status the hub set itself has no time
-- and yields to Meta's next word.
CREATE TABLE message_template (
    tenant_id          text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    id                 uuid        NOT NULL,
    name               text        NOT NULL,
    language           text        NOT NULL,
    category           text        NOT NULL CHECK (category IN ('MARKETING', 'UTILITY', 'AUTHENTICATION')),
    header             text,
    body               text,
    footer             text,
    buttons            jsonb       NOT NULL DEFAULT '[]',
    examples           jsonb       NOT NULL DEFAULT '{}',
    -- AUTHENTICATION only: {"addSecurityRecommendation": bool, "codeExpirationMinutes": 1-90}
    authentication     jsonb,
    status             text        NOT NULL,
    status_reason      text,
    status_changed_at  timestamptz, -- NULL: set by the hub (on saving, or by hand in the sandbox)
    quality            text,
    quality_changed_at timestamptz,
    meta_template_id   text,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name, language)
);
