-- Console sessions: a signed-in browser holds a random secret in a cookie; the table keeps only
-- the secret's SHA-256 hash, the token it signed in with, the session's CSRF token and when it
-- expires. Deleting the token ends its sessions.
CREATE TABLE sessions (
    hash       TEXT PRIMARY KEY,
    token_id   TEXT NOT NULL REFERENCES tokens(id) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);
