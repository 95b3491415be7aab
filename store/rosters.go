package store

import (
	"context"
	"database/sql"
	"time"
)

// The statuses of a roster version.
const (
	RosterQueued    = "queued"    // a solve job is waiting
	RosterSolving   = "solving"   // a worker is solving it
	RosterDraft     = "draft"     // solved, not published
	RosterFailed    = "failed"    // the solve failed; Error says why
	RosterCancelled = "cancelled" // the planner cancelled the solve
	RosterPublished = "published" // frozen: changes create a new version
	// RosterSuperseded is a draft published as a later version, with the approvals decided after
	// its problem was taken re-applied (see ParentID of that version).
	RosterSuperseded = "superseded"
)

// How a roster version was made.
const (
	KindSolve  = "solve"  // a solve of the month, or of a problem given in full
	KindRepair = "repair" // a solve of the days around approved leave, built on a published version
	KindChange = "change" // a published version changed: leave or a swap applied, a re-plan, a publish
)

// Roster is one version of a centre's roster for a month: the problem it answers, its status, and
// when solved the roster itself (JSON of wfm.Roster).
type Roster struct {
	ID          string     `json:"id"`
	CentreID    string     `json:"centre_id"`
	Month       string     `json:"month"`
	Version     int        `json:"version"`
	ParentID    string     `json:"parent_id,omitempty"`
	Status      string     `json:"status"`
	Kind        string     `json:"kind"`
	Objective   *float64   `json:"objective,omitempty"`
	Error       string     `json:"error,omitempty"`
	CreatedBy   string     `json:"created_by"`
	CreatedAt   time.Time  `json:"created_at"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
	PublishedBy string     `json:"published_by,omitempty"`
	Problem     string     `json:"-"`
	Roster      string     `json:"-"`
	// TakenSeq is the centre's decision number when the problem was taken (store.LockDecisions):
	// the approvals numbered above it were decided after, and publishing re-applies them.
	TakenSeq int64 `json:"-"`
}

type rosterRow struct {
	ID          string          `db:"id"`
	CentreID    string          `db:"centre_id"`
	Month       string          `db:"month"`
	Version     int             `db:"version"`
	ParentID    sql.NullString  `db:"parent_id"`
	Status      string          `db:"status"`
	Kind        string          `db:"kind"`
	TakenSeq    int64           `db:"taken_seq"`
	Problem     string          `db:"problem"`
	Roster      sql.NullString  `db:"roster"`
	Objective   sql.NullFloat64 `db:"objective"`
	Error       string          `db:"error"`
	CreatedBy   string          `db:"created_by"`
	CreatedAt   string          `db:"created_at"`
	PublishedAt sql.NullString  `db:"published_at"`
	PublishedBy sql.NullString  `db:"published_by"`
}

func (r rosterRow) roster() Roster {
	out := Roster{ID: r.ID, CentreID: r.CentreID, Month: r.Month, Version: r.Version, ParentID: r.ParentID.String,
		Status: r.Status, Kind: r.Kind, TakenSeq: r.TakenSeq, Error: r.Error, CreatedBy: r.CreatedBy, CreatedAt: parseStamp(r.CreatedAt),
		PublishedBy: r.PublishedBy.String, Problem: r.Problem, Roster: r.Roster.String}
	if r.Objective.Valid {
		v := r.Objective.Float64
		out.Objective = &v
	}
	if r.PublishedAt.Valid {
		t := parseStamp(r.PublishedAt.String)
		out.PublishedAt = &t
	}
	return out
}

// CreateRoster stores a new roster version of the month: the next version number, with the given
// status (queued for a solve, draft for an edited copy) and kind (KindSolve when empty).
func (q *Queries) CreateRoster(ctx context.Context, r *Roster) error {
	if r.Kind == "" {
		r.Kind = KindSolve
	}
	if err := q.get(ctx, &r.Version, `SELECT COALESCE(MAX(version), 0) + 1 FROM rosters WHERE centre_id = ? AND month = ?`,
		r.CentreID, r.Month); err != nil {
		return err
	}
	r.ID, r.CreatedAt = NewID(), time.Now().UTC()
	var parent, roster any
	if r.ParentID != "" {
		parent = r.ParentID
	}
	if r.Roster != "" {
		roster = r.Roster
	}
	_, err := q.exec(ctx, `INSERT INTO rosters (id, centre_id, month, version, parent_id, status, kind, taken_seq, problem, roster,
		objective, error, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.ID, r.CentreID, r.Month, r.Version, parent, r.Status, r.Kind, r.TakenSeq, r.Problem, roster, r.Objective, r.Error,
		r.CreatedBy, stamp(r.CreatedAt))
	return mapErr(err, "roster", r.ID)
}

// Roster returns one roster version of a centre.
func (q *Queries) Roster(ctx context.Context, centre, id string) (Roster, error) {
	var r rosterRow
	if err := q.get(ctx, &r, `SELECT * FROM rosters WHERE centre_id = ? AND id = ?`, centre, id); err != nil {
		return Roster{}, mapErr(err, "roster", id)
	}
	return r.roster(), nil
}

// RosterByID returns a roster version by id alone (for workers).
func (q *Queries) RosterByID(ctx context.Context, id string) (Roster, error) {
	var r rosterRow
	if err := q.get(ctx, &r, `SELECT * FROM rosters WHERE id = ?`, id); err != nil {
		return Roster{}, mapErr(err, "roster", id)
	}
	return r.roster(), nil
}

// Rosters lists a centre's roster versions, newest first, without their documents.
func (q *Queries) Rosters(ctx context.Context, centre string) ([]Roster, error) {
	var rows []rosterRow
	if err := q.selectAll(ctx, &rows, `SELECT id, centre_id, month, version, parent_id, status, kind, taken_seq, '' AS problem,
		NULL AS roster, objective, error, created_by, created_at, published_at, published_by FROM rosters WHERE centre_id = ?
		ORDER BY month DESC, version DESC`, centre); err != nil {
		return nil, err
	}
	out := make([]Roster, len(rows))
	for i, r := range rows {
		out[i] = r.roster()
	}
	return out, nil
}

// PublishedRoster returns the latest published version of a month.
func (q *Queries) PublishedRoster(ctx context.Context, centre, month string) (Roster, error) {
	var r rosterRow
	err := q.get(ctx, &r, `SELECT * FROM rosters WHERE centre_id = ? AND month = ? AND status = ?
		ORDER BY version DESC LIMIT 1`, centre, month, RosterPublished)
	if err != nil {
		return Roster{}, mapErr(err, "published roster of", month)
	}
	return r.roster(), nil
}

// SetRosterStatus moves a roster to status, only from one of the statuses in from (none: any).
func (q *Queries) SetRosterStatus(ctx context.Context, id, status string, from ...string) error {
	query, args := `UPDATE rosters SET status = ? WHERE id = ?`, []any{status, id}
	query, args = whereStatusIn(query, args, from)
	res, err := q.exec(ctx, query, args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return conflict("roster %s is not in a state that can become %s", id, status)
	}
	return nil
}

// SetRosterResult records a finished solve: the roster and its objective (status draft), or the
// error (status failed).
func (q *Queries) SetRosterResult(ctx context.Context, id, roster string, objective float64, failure string) error {
	var err error
	if failure != "" {
		_, err = q.exec(ctx, `UPDATE rosters SET status = ?, error = ? WHERE id = ?`, RosterFailed, failure, id)
	} else {
		_, err = q.exec(ctx, `UPDATE rosters SET status = ?, roster = ?, objective = ?, error = '' WHERE id = ?`,
			RosterDraft, roster, objective, id)
	}
	return err
}

// PublishRoster freezes a solved draft.
func (q *Queries) PublishRoster(ctx context.Context, id, by string) error {
	res, err := q.exec(ctx, `UPDATE rosters SET status = ?, published_at = ?, published_by = ? WHERE id = ? AND status = ?`,
		RosterPublished, stamp(time.Now()), by, id, RosterDraft)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return conflict("only a solved draft can be published; roster %s is not one", id)
	}
	return nil
}

// SupersedeRoster marks a draft as published through a later version.
func (q *Queries) SupersedeRoster(ctx context.Context, id string) error {
	return q.SetRosterStatus(ctx, id, RosterSuperseded, RosterDraft)
}

func whereStatusIn(query string, args []any, from []string) (string, []any) {
	if len(from) == 0 {
		return query, args
	}
	query += ` AND status IN (`
	for i, s := range from {
		if i > 0 {
			query += ", "
		}
		query += "?"
		args = append(args, s)
	}
	return query + ")", args
}
