-- Plans and their limits. NULL means unlimited; features NULL means every installed feature may be enabled.
CREATE TABLE plan (
    id                   text PRIMARY KEY,
    name                 text    NOT NULL,
    messages_per_month   integer,
    api_calls_per_minute integer,
    contacts             integer,
    features             text[],
    rank                 integer NOT NULL
);
INSERT INTO plan (id, name, messages_per_month, api_calls_per_minute, contacts, features, rank) VALUES
    ('free',       'Free',        100,    60,    500,    ARRAY['packing-list'], 1),
    ('starter',    'Starter',     2000,   300,   5000,   ARRAY['packing-list'], 2),
    ('pro',        'Pro',         25000,  1200,  50000,  NULL,                  3),
    ('enterprise', 'Enterprise',  NULL,   12000, NULL,   NULL,                  4);

ALTER TABLE tenant ADD COLUMN plan text NOT NULL DEFAULT 'free' REFERENCES plan (id);

-- People. Passwords hashed by Spring Security's DelegatingPasswordEncoder ({argon2@...}...).
CREATE TABLE app_user (
    id              uuid PRIMARY KEY,
    email           text        NOT NULL UNIQUE,
    password_hash   text        NOT NULL,
    operator        boolean     NOT NULL DEFAULT false,
    failed_logins   integer     NOT NULL DEFAULT 0,
    locked_until    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tenant_member (
    tenant_id  text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role       text        NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id)
);

-- An invitation: its token is shown once to the inviting admin and stored as a SHA-256 hash.
CREATE TABLE invitation (
    tenant_id   text        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    id          uuid        NOT NULL,
    email       text        NOT NULL,
    role        text        NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    token_hash  text        NOT NULL UNIQUE,
    invited_by  text        NOT NULL,
    expires_at  timestamptz NOT NULL,
    accepted_at timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);

-- API keys: only the SHA-256 of the secret is stored. tenant_id NULL marks the platform operator's bootstrap key.
CREATE TABLE api_key (
    id           uuid PRIMARY KEY,
    tenant_id    text REFERENCES tenant (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    prefix       text        NOT NULL,
    secret_hash  text        NOT NULL UNIQUE,
    scopes       text[]      NOT NULL,
    rate_limit_per_minute integer,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_key_by_tenant ON api_key (tenant_id, created_at DESC);

-- Bucket4j's token buckets, shared by all hub nodes (PostgreSQL select-for-update proxy manager).
CREATE TABLE rate_limit_bucket (
    id         text PRIMARY KEY,
    state      bytea,
    expires_at bigint
);

-- Who did what to which tenant, from where. Never holds secret values.
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    tenant_id   text REFERENCES tenant (id) ON DELETE CASCADE,
    actor       text        NOT NULL,
    action      text        NOT NULL,
    target      text,
    detail      jsonb       NOT NULL DEFAULT '{}',
    remote_addr text,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_by_tenant ON audit_log (tenant_id, at DESC);
