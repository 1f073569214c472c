-- The drips feature's own tables (schema feature_drips, rows seen per tenant under row-level security).

-- A campaign: its current definition (steps, send window, re-entry, holdout, goals) as JSON, versioned.
CREATE TABLE campaign (
    tenant_id  text        NOT NULL,
    id         uuid        NOT NULL,
    name       text        NOT NULL,
    trigger    text        NOT NULL,
    status     text        NOT NULL,
    version    integer     NOT NULL,
    definition jsonb       NOT NULL,
    preset     text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX campaign_by_trigger ON campaign (tenant_id, trigger, status);

-- Every version a campaign had (the current one included), for the record of what contacts were sent.
CREATE TABLE campaign_version (
    tenant_id   text        NOT NULL,
    campaign_id uuid        NOT NULL,
    version     integer     NOT NULL,
    definition  jsonb       NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, campaign_id, version)
);

-- A contact's journey through a campaign. step_id is the next step to run, at due_at (on the durable timer
-- "campaign:<campaign>:enrolment:<id>"); status active until it exits (exit_reason) or completes.
CREATE TABLE enrolment (
    tenant_id   text        NOT NULL,
    id          uuid        NOT NULL,
    campaign_id uuid        NOT NULL,
    phone       text        NOT NULL,
    status      text        NOT NULL,
    step_id     text,
    due_at      timestamptz,
    holdout     boolean     NOT NULL,
    variables   jsonb       NOT NULL,
    entered_at  timestamptz NOT NULL,
    exited_at   timestamptz,
    exit_reason text,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX enrolment_one_active ON enrolment (tenant_id, campaign_id, phone) WHERE status = 'active';
CREATE INDEX enrolment_by_phone ON enrolment (tenant_id, phone, status);
CREATE INDEX enrolment_by_campaign ON enrolment (tenant_id, campaign_id, status);

-- Marketing messages sent to a contact by any campaign, for the frequency cap (per contact per 7 days).
CREATE TABLE marketing_send (
    tenant_id text        NOT NULL,
    phone     text        NOT NULL,
    sent_at   timestamptz NOT NULL
);
CREATE INDEX marketing_send_by_phone ON marketing_send (tenant_id, phone, sent_at);

-- Counters per campaign and step ('' for the campaign itself), messaged contacts and holdout apart.
CREATE TABLE step_stat (
    tenant_id   text    NOT NULL,
    campaign_id uuid    NOT NULL,
    step_id     text    NOT NULL,
    holdout     boolean NOT NULL,
    name        text    NOT NULL,
    value       bigint  NOT NULL,
    PRIMARY KEY (tenant_id, campaign_id, step_id, holdout, name)
);
