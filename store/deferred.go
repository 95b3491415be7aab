package store

import (
	"context"
	"time"
)

// DeferredWork is a centre's deferred work for a month (R25): Items is the JSON list of
// wfm.DeferredWork the planner submitted.
type DeferredWork struct {
	CentreID  string    `json:"centre_id"`
	Month     string    `json:"month"`
	Items     string    `json:"-"`
	UpdatedBy string    `json:"updated_by"`
	UpdatedAt time.Time `json:"updated_at"`
}

type deferredRow struct {
	CentreID  string `db:"centre_id"`
	Month     string `db:"month"`
	Items     string `db:"items"`
	UpdatedBy string `db:"updated_by"`
	UpdatedAt string `db:"updated_at"`
}

// PutDeferredWork stores a centre's deferred work for a month, replacing what was stored for it.
func (q *Queries) PutDeferredWork(ctx context.Context, w *DeferredWork) error {
	w.UpdatedAt = time.Now().UTC()
	_, err := q.exec(ctx, `INSERT INTO deferred_work (centre_id, month, items, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (centre_id, month) DO UPDATE SET items = excluded.items, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		w.CentreID, w.Month, w.Items, w.UpdatedBy, stamp(w.UpdatedAt))
	return mapErr(err, "deferred work of month", w.Month)
}

// DeferredWorkOf returns a centre's deferred work for a month; not found when none was submitted.
func (q *Queries) DeferredWorkOf(ctx context.Context, centre, month string) (DeferredWork, error) {
	var r deferredRow
	if err := q.get(ctx, &r, `SELECT * FROM deferred_work WHERE centre_id = ? AND month = ?`, centre, month); err != nil {
		return DeferredWork{}, mapErr(err, "deferred work of month", month)
	}
	return DeferredWork{CentreID: r.CentreID, Month: r.Month, Items: r.Items, UpdatedBy: r.UpdatedBy, UpdatedAt: parseStamp(r.UpdatedAt)}, nil
}
