package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// The roles of R20.
const (
	RolePlanner = "planner" // everything
	RoleAgent   = "agent"   // own schedule, own requests, the team roster without private data
)

// Token is an API credential. Only its SHA-256 hash is stored; the secret is shown once, when
// the token is created.
type Token struct {
	ID        string    `json:"id" db:"id"`
	Role      string    `json:"role" db:"role"`
	CentreID  string    `json:"centre_id,omitempty" db:"centre_id"`
	AgentID   string    `json:"agent_id,omitempty" db:"agent_id"`
	Name      string    `json:"name,omitempty" db:"name"`
	CreatedAt time.Time `json:"created_at" db:"-"`
}

// HashToken is the stored form of a secret.
func HashToken(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

// CreateToken stores a new token and returns its secret (prefix "wfm_", 32 random bytes hex).
func (q *Queries) CreateToken(ctx context.Context, t *Token) (string, error) {
	random, err := randomHex(32)
	if err != nil {
		return "", err
	}
	secret := "wfm_" + random
	t.ID, t.CreatedAt = NewID(), time.Now().UTC()
	_, err = q.exec(ctx, `INSERT INTO tokens (id, hash, role, centre_id, agent_id, name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		t.ID, HashToken(secret), t.Role, t.CentreID, t.AgentID, t.Name, stamp(t.CreatedAt))
	if err != nil {
		return "", mapErr(err, "token", t.ID)
	}
	return secret, nil
}

// TokenBySecret returns the token whose secret is given.
func (q *Queries) TokenBySecret(ctx context.Context, secret string) (Token, error) {
	var t Token
	err := q.get(ctx, &t, `SELECT id, role, centre_id, agent_id, name FROM tokens WHERE hash = ?`, HashToken(secret))
	return t, mapErr(err, "token", "")
}
