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
	return q.PutAgents(ctx, centre, []wfm.Agent{a})
}

// PutAgents inserts or replaces agents, a few hundred to a statement (an import of thousands
// holds the database's write lock for a fraction of a second, not one statement per agent).
func (q *Queries) PutAgents(ctx context.Context, centre string, agents []wfm.Agent) error {
	docs := make([]string, len(agents))
	for i, a := range agents {
		data, err := json.Marshal(a)
		if err != nil {
			return err
		}
		docs[i] = string(data)
	}
	now := stamp(time.Now())
	err := q.insertRows(ctx, `INSERT INTO agents (centre_id, id, data, updated_at)`,
		`ON CONFLICT (centre_id, id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
		len(agents), 500, func(i int) []any { return []any{centre, agents[i].ID, docs[i], now} })
	if len(agents) == 1 {
		return mapErr(err, "agent", agents[0].ID)
	}
	return mapErr(err, "agents of centre", centre)
}

// AgentCount returns how many agents a centre has.
func (q *Queries) AgentCount(ctx context.Context, centre string) (int, error) {
	return q.count(ctx, "agents", centre)
}

// ShiftCount returns how many shift templates a centre has.
func (q *Queries) ShiftCount(ctx context.Context, centre string) (int, error) {
	return q.count(ctx, "shifts", centre)
}

func (q *Queries) count(ctx context.Context, table, centre string) (int, error) {
	var n int
	err := q.get(ctx, &n, `SELECT COUNT(*) FROM `+table+` WHERE centre_id = ?`, centre)
	return n, err
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
	return documents[wfm.Agent](ctx, q, "agents", centre, "", 0)
}

// AgentsPage lists at most limit of a centre's agents whose ids come after after ("" for the
// first), by id: a page costs the same however many agents the centre has.
func (q *Queries) AgentsPage(ctx context.Context, centre, after string, limit int) ([]wfm.Agent, error) {
	return documents[wfm.Agent](ctx, q, "agents", centre, after, limit)
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
	return documents[wfm.ShiftTemplate](ctx, q, "shifts", centre, "", 0)
}

// DeleteShift removes a shift template.
func (q *Queries) DeleteShift(ctx context.Context, centre, id string) error {
	res, err := q.exec(ctx, `DELETE FROM shifts WHERE centre_id = ? AND id = ?`, centre, id)
	if err != nil {
		return err
	}
	return mustAffect(res, "shift", id)
}

// documents lists the documents of a table for a centre by id, those with ids after after, at
// most limit of them (no limit when limit is 0).
func documents[T any](ctx context.Context, q *Queries, table, centre, after string, limit int) ([]T, error) {
	query, args := `SELECT id, data FROM `+table+` WHERE centre_id = ? AND id > ? ORDER BY id`, []any{centre, after}
	if limit > 0 {
		query, args = query+` LIMIT ?`, append(args, limit)
	}
	var rows []docRow
	if err := q.selectAll(ctx, &rows, query, args...); err != nil {
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
