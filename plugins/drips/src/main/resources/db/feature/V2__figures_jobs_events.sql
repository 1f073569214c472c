-- What counters count, once each: one row per enrolment, step ('' for the campaign) and kind (entered, sent,
-- delivered, read, replied, exited:<reason>, goal, …), so an event or timer run that is retried counts nothing twice.
CREATE TABLE step_fact (
    tenant_id     text        NOT NULL,
    enrolment_id  uuid        NOT NULL,
    step_id       text        NOT NULL,
    kind          text        NOT NULL,
    at            timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, enrolment_id, step_id, kind)
);

-- The messages send steps queued (the hub's message id), to tie status reports and replies to a step.
CREATE TABLE step_message (
    tenant_id    text        NOT NULL,
    message_id   uuid        NOT NULL,
    enrolment_id uuid        NOT NULL,
    campaign_id  uuid        NOT NULL,
    step_id      text        NOT NULL,
    sent_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, message_id)
);
CREATE INDEX step_message_by_enrolment ON step_message (tenant_id, enrolment_id, sent_at);

-- The frequency cap's record of one send, once per message (a retried run does not count twice).
ALTER TABLE marketing_send ADD COLUMN message_id uuid;
CREATE UNIQUE INDEX marketing_send_once ON marketing_send (tenant_id, message_id);

-- The goal order's total (minor units) of an enrolment that reached its goal: carts recovered and their revenue.
ALTER TABLE enrolment ADD COLUMN goal_amount_minor bigint, ADD COLUMN goal_currency text;

-- What a contact did, for conditions on past events (kind order, replied, clicked), once per source event.
CREATE TABLE contact_event (
    tenant_id text        NOT NULL,
    phone     text        NOT NULL,
    kind      text        NOT NULL,
    ref       text        NOT NULL,
    at        timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, phone, kind, ref)
);
CREATE INDEX contact_event_by_time ON contact_event (tenant_id, phone, kind, at);

-- A bulk enrolment (a segment or a CSV file) worked through in pages by a timer of its own
-- ("enrolment-job:<id>"), so no run holds more than a page.
CREATE TABLE enrolment_job (
    tenant_id   text        NOT NULL,
    id          uuid        NOT NULL,
    campaign_id uuid        NOT NULL,
    kind        text        NOT NULL,
    segment     jsonb,
    variables   jsonb       NOT NULL,
    cursor      text,
    status      text        NOT NULL,
    enrolled    integer     NOT NULL DEFAULT 0,
    skipped     integer     NOT NULL DEFAULT 0,
    rejected    integer     NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL,
    finished_at timestamptz,
    PRIMARY KEY (tenant_id, id)
);

-- The valid lines of a CSV enrolment, waiting for their page.
CREATE TABLE enrolment_job_line (
    tenant_id text    NOT NULL,
    job_id    uuid    NOT NULL,
    line      integer NOT NULL,
    phone     text    NOT NULL,
    name      text,
    variables jsonb   NOT NULL,
    PRIMARY KEY (tenant_id, job_id, line)
);
