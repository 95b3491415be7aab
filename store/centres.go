package store

import (
	"context"
	"encoding/json"
	"time"

	"wfm"
)

// Centre is a contact centre and its settings.
type Centre struct {
	ID        string             `json:"id"`
	Name      string             `json:"name"`
	Settings  wfm.CentreSettings `json:"settings"`
	CreatedAt time.Time          `json:"created_at"`
}

type centreRow struct {
	ID        string `db:"id"`
	Name      string `db:"name"`
	Settings  string `db:"settings"`
	CreatedAt string `db:"created_at"`
}

func (r centreRow) centre() (Centre, error) {
	c := Centre{ID: r.ID, Name: r.Name, CreatedAt: parseStamp(r.CreatedAt)}
	return c, json.Unmarshal([]byte(r.Settings), &c.Settings)
}

// CreateCentre stores a new centre, giving it an id when it has none.
func (q *Queries) CreateCentre(ctx context.Context, c *Centre) error {
	if c.ID == "" {
		c.ID = NewID()
	}
	c.CreatedAt = time.Now().UTC()
	settings, err := json.Marshal(c.Settings)
	if err != nil {
		return err
	}
	_, err = q.exec(ctx, `INSERT INTO centres (id, name, settings, created_at) VALUES (?, ?, ?, ?)`,
		c.ID, c.Name, string(settings), stamp(c.CreatedAt))
	return mapErr(err, "centre", c.ID)
}

// UpdateCentre replaces a centre's name and settings.
func (q *Queries) UpdateCentre(ctx context.Context, c *Centre) error {
	settings, err := json.Marshal(c.Settings)
	if err != nil {
		return err
	}
	res, err := q.exec(ctx, `UPDATE centres SET name = ?, settings = ? WHERE id = ?`, c.Name, string(settings), c.ID)
	if err != nil {
		return mapErr(err, "centre", c.ID)
	}
	return mustAffect(res, "centre", c.ID)
}

// Centre returns one centre.
func (q *Queries) Centre(ctx context.Context, id string) (Centre, error) {
	var r centreRow
	if err := q.get(ctx, &r, `SELECT id, name, settings, created_at FROM centres WHERE id = ?`, id); err != nil {
		return Centre{}, mapErr(err, "centre", id)
	}
	return r.centre()
}

// Centres lists every centre by creation.
func (q *Queries) Centres(ctx context.Context) ([]Centre, error) {
	var rows []centreRow
	if err := q.selectAll(ctx, &rows, `SELECT id, name, settings, created_at FROM centres ORDER BY created_at, id`); err != nil {
		return nil, err
	}
	out := make([]Centre, 0, len(rows))
	for _, r := range rows {
		c, err := r.centre()
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// mustAffect reports not found when an update or delete touched no row.
func mustAffect(res interface{ RowsAffected() (int64, error) }, what, id string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return notFound(what, id)
	}
	return nil
}
