package store

import (
	"context"
	"encoding/json"
	"time"

	"wfm"
)

// Agents and shift templates are kept as JSON documents of their domain types, keyed by centre
// and id; documents is the shared code of both tables.

type docRow struct {
	ID   string `db:"id"`
	Data string `db:"data"`
}

// PutAgent inserts or replaces an agent.
func (q *Queries) PutAgent(ctx context.Context, centre string, a wfm.Agent) error {
	data, err := json.Marshal(a)
	if err != nil {
		return err
	}
	_, err = q.exec(ctx, `INSERT INTO agents (centre_id, id, data, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (centre_id, id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
		centre, a.ID, string(data), stamp(time.Now()))
	return mapErr(err, "agent", a.ID)
}

// Agent returns one agent of a centre.
func (q *Queries) Agent(ctx context.Context, centre, id string) (wfm.Agent, error) {
	var a wfm.Agent
	var data string
	if err := q.get(ctx, &data, `SELECT data FROM agents WHERE centre_id = ? AND id = ?`, centre, id); err != nil {
		return a, mapErr(err, "agent", id)
	}
	return a, json.Unmarshal([]byte(data), &a)
}

// Agents lists a centre's agents by id.
func (q *Queries) Agents(ctx context.Context, centre string) ([]wfm.Agent, error) {
	return documents[wfm.Agent](ctx, q, "agents", centre)
}

// DeleteAgent removes an agent.
func (q *Queries) DeleteAgent(ctx context.Context, centre, id string) error {
	res, err := q.exec(ctx, `DELETE FROM agents WHERE centre_id = ? AND id = ?`, centre, id)
	if err != nil {
		return err
	}
	return mustAffect(res, "agent", id)
}

// PutShift inserts or replaces a shift template.
func (q *Queries) PutShift(ctx context.Context, centre string, s wfm.ShiftTemplate) error {
	data, err := json.Marshal(s)
	if err != nil {
		return err
	}
	_, err = q.exec(ctx, `INSERT INTO shifts (centre_id, id, data) VALUES (?, ?, ?)
		ON CONFLICT (centre_id, id) DO UPDATE SET data = excluded.data`, centre, s.ID, string(data))
	return mapErr(err, "shift", s.ID)
}

// Shifts lists a centre's shift templates by id.
func (q *Queries) Shifts(ctx context.Context, centre string) ([]wfm.ShiftTemplate, error) {
	return documents[wfm.ShiftTemplate](ctx, q, "shifts", centre)
}

// DeleteShift removes a shift template.
func (q *Queries) DeleteShift(ctx context.Context, centre, id string) error {
	res, err := q.exec(ctx, `DELETE FROM shifts WHERE centre_id = ? AND id = ?`, centre, id)
	if err != nil {
		return err
	}
	return mustAffect(res, "shift", id)
}

func documents[T any](ctx context.Context, q *Queries, table, centre string) ([]T, error) {
	var rows []docRow
	if err := q.selectAll(ctx, &rows, `SELECT id, data FROM `+table+` WHERE centre_id = ? ORDER BY id`, centre); err != nil {
		return nil, err
	}
	out := make([]T, len(rows))
	for i, r := range rows {
		if err := json.Unmarshal([]byte(r.Data), &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}
