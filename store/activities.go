package store

import (
	"context"
	"time"
)

// Activities is a centre's activities off the phones for a month (R15): Plan is the JSON of the
// wfm.ActivityPlan the planner submitted.
type Activities struct {
	CentreID  string    `json:"centre_id"`
	Month     string    `json:"month"`
	Plan      string    `json:"-"`
	UpdatedBy string    `json:"updated_by"`
	UpdatedAt time.Time `json:"updated_at"`
}

// PutActivities stores a centre's activities for a month, replacing what was stored for it.
func (q *Queries) PutActivities(ctx context.Context, a *Activities) error {
	a.UpdatedAt = time.Now().UTC()
	_, err := q.exec(ctx, `INSERT INTO activities (centre_id, month, plan, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (centre_id, month) DO UPDATE SET plan = excluded.plan, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		a.CentreID, a.Month, a.Plan, a.UpdatedBy, stamp(a.UpdatedAt))
	return mapErr(err, "activities of month", a.Month)
}

// ActivitiesOf returns a centre's activities for a month; not found when none were submitted.
func (q *Queries) ActivitiesOf(ctx context.Context, centre, month string) (Activities, error) {
	var r struct {
		CentreID  string `db:"centre_id"`
		Month     string `db:"month"`
		Plan      string `db:"plan"`
		UpdatedBy string `db:"updated_by"`
		UpdatedAt string `db:"updated_at"`
	}
	if err := q.get(ctx, &r, `SELECT * FROM activities WHERE centre_id = ? AND month = ?`, centre, month); err != nil {
		return Activities{}, mapErr(err, "activities of month", month)
	}
	return Activities{CentreID: r.CentreID, Month: r.Month, Plan: r.Plan, UpdatedBy: r.UpdatedBy, UpdatedAt: parseStamp(r.UpdatedAt)}, nil
}
