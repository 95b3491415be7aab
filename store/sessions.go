package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"
)

// Session is a signed-in console browser: the token it signed in with, its CSRF token (sent back
// with every form that changes something) and when it ends. Only the hash of the session's
// secret is stored; the secret lives in the browser's cookie.
type Session struct {
	Token     Token
	CSRF      string
	ExpiresAt time.Time
}

// randomHex returns n random bytes in hex.
func randomHex(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// CreateSession opens a session for token tok that ends at expires, and returns its secret (32
// random bytes, hex) and the session.
func (q *Queries) CreateSession(ctx context.Context, tok Token, expires time.Time) (string, Session, error) {
	secret, err := randomHex(32)
	if err != nil {
		return "", Session{}, err
	}
	csrf, err := randomHex(32)
	if err != nil {
		return "", Session{}, err
	}
	_, err = q.exec(ctx, `INSERT INTO sessions (hash, token_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		HashToken(secret), tok.ID, csrf, stamp(time.Now()), stamp(expires))
	if err != nil {
		return "", Session{}, mapErr(err, "session for token", tok.ID)
	}
	return secret, Session{Token: tok, CSRF: csrf, ExpiresAt: expires.UTC()}, nil
}

// SessionBySecret returns the session whose secret is given, with its token, when it has not
// ended by now; an unknown or ended session is KindNotFound.
func (q *Queries) SessionBySecret(ctx context.Context, secret string, now time.Time) (Session, error) {
	var row struct {
		Token
		CSRF    string `db:"csrf"`
		Expires string `db:"expires_at"`
	}
	err := q.get(ctx, &row, `SELECT t.id, t.role, t.centre_id, t.agent_id, t.name, s.csrf, s.expires_at
		FROM sessions s JOIN tokens t ON t.id = s.token_id WHERE s.hash = ? AND s.expires_at > ?`, HashToken(secret), stamp(now))
	if err != nil {
		return Session{}, mapErr(err, "session", "")
	}
	return Session{Token: row.Token, CSRF: row.CSRF, ExpiresAt: parseStamp(row.Expires)}, nil
}

// DeleteSession ends the session whose secret is given (signing out); an unknown one is no error.
func (q *Queries) DeleteSession(ctx context.Context, secret string) error {
	_, err := q.exec(ctx, `DELETE FROM sessions WHERE hash = ?`, HashToken(secret))
	return err
}

// DeleteEndedSessions removes the sessions that ended by now and returns how many.
func (q *Queries) DeleteEndedSessions(ctx context.Context, now time.Time) (int64, error) {
	res, err := q.exec(ctx, `DELETE FROM sessions WHERE expires_at <= ?`, stamp(now))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
