-- The sandbox portal's database (SQLite, WAL). Times are ISO 8601 with offset, dates YYYY-MM-DD,
-- money in integer cents. Seed data fills persons, criminal_records and boletas deterministically.
PRAGMA foreign_keys = ON;

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- RENAP-like civil registry: the identity every DPI check is made against.
CREATE TABLE IF NOT EXISTS persons (
    dpi          TEXT PRIMARY KEY CHECK (length(dpi) = 13),
    first_names  TEXT NOT NULL,
    last_names   TEXT NOT NULL,
    birth_date   TEXT NOT NULL,
    sex          TEXT NOT NULL CHECK (sex IN ('F', 'M')),
    department   INTEGER NOT NULL,
    municipality INTEGER NOT NULL,
    review       INTEGER NOT NULL DEFAULT 0  -- 1: requests are deferred to a person (homonyms)
);

CREATE TABLE IF NOT EXISTS criminal_records (
    id           INTEGER PRIMARY KEY,
    dpi          TEXT NOT NULL REFERENCES persons(dpi),
    court        TEXT NOT NULL,
    offense      TEXT NOT NULL,
    sentenced_on TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS criminal_records_dpi ON criminal_records(dpi);

-- Deposit slips paid at a bank window for the Q30.00 fee (or for test mistakes).
CREATE TABLE IF NOT EXISTS boletas (
    bank         TEXT NOT NULL CHECK (bank IN ('banrural', 'industrial', 'gyt')),
    number       TEXT NOT NULL,
    paid_on      TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    used_by      TEXT,            -- request id that spent it
    used_at      TEXT,
    PRIMARY KEY (bank, number)
);

CREATE TABLE IF NOT EXISTS accounts (
    id            TEXT PRIMARY KEY,
    dpi           TEXT NOT NULL UNIQUE REFERENCES persons(dpi),
    email         TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

-- Visitor sessions: bound to the kiosk that logged in; purged once expired.
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    kiosk_id   TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_expires_at ON sessions(expires_at);

-- The device registry: the kiosks that may use the portal (kiosk/sandbox/devices.py).
CREATE TABLE IF NOT EXISTS devices (
    kiosk_id     TEXT PRIMARY KEY,
    token_sha256 TEXT NOT NULL,   -- hex SHA-256 of the device token; the token is never kept
    enrolled_at  TEXT NOT NULL,
    revoked_at   TEXT
);

CREATE TABLE IF NOT EXISTS payment_orders (
    id           TEXT PRIMARY KEY,
    reference    TEXT NOT NULL UNIQUE,
    concept      TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'expired', 'used')),
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    paid_at      TEXT,
    used_by      TEXT
);

CREATE TABLE IF NOT EXISTS criminal_record_requests (
    id            TEXT PRIMARY KEY,
    dpi           TEXT NOT NULL,
    account_id    TEXT,
    email         TEXT,
    payment_kind  TEXT NOT NULL,
    payment_ref   TEXT NOT NULL,
    status        TEXT NOT NULL,
    document_code TEXT,
    download_code TEXT NOT NULL UNIQUE,
    created_at    TEXT NOT NULL,
    ready_by      TEXT,
    kiosk_id      TEXT            -- the kiosk that made it (store.py adds it to old databases)
);

-- Every document the issuer signed; the verification endpoint and reprints read it.
CREATE TABLE IF NOT EXISTS documents (
    code          TEXT PRIMARY KEY,
    type          TEXT NOT NULL,
    dpi           TEXT NOT NULL,
    full_name     TEXT NOT NULL,
    birth_date    TEXT NOT NULL,
    result        TEXT NOT NULL,
    issued_at     TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    seal          TEXT NOT NULL,
    download_code TEXT NOT NULL UNIQUE,
    revoked_at    TEXT
);

-- Signing keys: the OJ root (signs the trust list) and issuers (sign seals).
CREATE TABLE IF NOT EXISTS signing_keys (
    kid         TEXT PRIMARY KEY,   -- base64url of the 8-byte key id
    role        TEXT NOT NULL CHECK (role IN ('root', 'issuer')),
    private_pem TEXT NOT NULL,
    public_der  BLOB NOT NULL,
    valid_from  TEXT NOT NULL,
    valid_until TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('active', 'retired', 'revoked')),
    revoked_at  TEXT
);

-- Idempotency-Key replay store: same kiosk + key + request gives the stored response; purged
-- after a day.
CREATE TABLE IF NOT EXISTS idempotency (
    kiosk_id    TEXT NOT NULL,
    key         TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status_code INTEGER NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (kiosk_id, key)
);
CREATE INDEX IF NOT EXISTS idempotency_created_at ON idempotency(created_at);
