package store

import (
	"context"
	"encoding/json"
	"time"
)

// AuditEntry records a change (R19): who, when, what, and the details (approver, before and
// after values).
type AuditEntry struct {
	ID       string          `json:"id" db:"id"`
	CentreID string          `json:"centre_id" db:"centre_id"`
	At       time.Time       `json:"at" db:"-"`
	Actor    string          `json:"actor" db:"actor"`
	Action   string          `json:"action" db:"action"`
	Entity   string          `json:"entity" db:"entity"`
	EntityID string          `json:"entity_id" db:"entity_id"`
	Detail   json.RawMessage `json:"detail" db:"-"`
}

// Audit records entries; call it in the transaction of the change they record.
func (q *Queries) Audit(ctx context.Context, entries ...AuditEntry) error {
	at := stamp(time.Now())
	return q.insertRows(ctx, `INSERT INTO audit (id, centre_id, at, actor, action, entity, entity_id, detail)`, "",
		len(entries), 500, func(i int) []any {
			e := entries[i]
			if len(e.Detail) == 0 {
				e.Detail = json.RawMessage(`{}`)
			}
			return []any{NewID(), e.CentreID, at, e.Actor, e.Action, e.Entity, e.EntityID, string(e.Detail)}
		})
}

// AuditTrail lists a centre's audit entries, newest first, at most limit.
func (q *Queries) AuditTrail(ctx context.Context, centre string, limit int) ([]AuditEntry, error) {
	return q.AuditPage(ctx, centre, "", limit)
}

// AuditPage lists a centre's audit entries, newest first, at most limit, starting after the
// entry whose id is after ("" for the newest). An after that names no entry of the centre is
// KindNotFound.
func (q *Queries) AuditPage(ctx context.Context, centre, after string, limit int) ([]AuditEntry, error) {
	var rows []struct {
		AuditEntry
		AtText     string `db:"at"`
		DetailText string `db:"detail"`
	}
	query, args := `SELECT id, centre_id, at, actor, action, entity, entity_id, detail FROM audit WHERE centre_id = ?`, []any{centre}
	if after != "" {
		var at string
		if err := q.get(ctx, &at, `SELECT at FROM audit WHERE centre_id = ? AND id = ?`, centre, after); err != nil {
			return nil, mapErr(err, "audit entry", after)
		}
		query, args = query+` AND (at < ? OR at = ? AND id > ?)`, append(args, at, at, after)
	}
	if err := q.selectAll(ctx, &rows, query+` ORDER BY at DESC, id LIMIT ?`, append(args, limit)...); err != nil {
		return nil, err
	}
	out := make([]AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = r.AuditEntry
		out[i].At, out[i].Detail = parseStamp(r.AtText), json.RawMessage(r.DetailText)
	}
	return out, nil
}
