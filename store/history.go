package store

import (
	"context"

	"wfm"
)

// HistoryRow is one interval of call history. Optional values are nil when unknown.
type HistoryRow struct {
	Day       wfm.Date `db:"day"`
	Minute    int      `db:"minute"`
	Calls     float64  `db:"calls"`
	AHT       *float64 `db:"aht"`
	Abandoned *float64 `db:"abandoned"`
	Minnan    *float64 `db:"minnan"`
}

// historyBatch bounds the rows of one multi-row insert (PostgreSQL allows 65,535 parameters).
const historyBatch = 1000

// AppendHistory adds rows to a centre's history; a row for an interval already stored replaces it.
func (q *Queries) AppendHistory(ctx context.Context, centre string, rows []HistoryRow) error {
	for start := 0; start < len(rows); start += historyBatch {
		batch := rows[start:min(start+historyBatch, len(rows))]
		query := `INSERT INTO history (centre_id, day, minute, calls, aht, abandoned, minnan) VALUES `
		args := make([]any, 0, 7*len(batch))
		for i, r := range batch {
			if i > 0 {
				query += ", "
			}
			query += "(?, ?, ?, ?, ?, ?, ?)"
			args = append(args, centre, int(r.Day), r.Minute, r.Calls, r.AHT, r.Abandoned, r.Minnan)
		}
		query += ` ON CONFLICT (centre_id, day, minute) DO UPDATE SET calls = excluded.calls, aht = excluded.aht,
			abandoned = excluded.abandoned, minnan = excluded.minnan`
		if _, err := q.exec(ctx, query, args...); err != nil {
			return mapErr(err, "history of centre", centre)
		}
	}
	return nil
}

// History returns a centre's history in time order.
func (q *Queries) History(ctx context.Context, centre string) ([]HistoryRow, error) {
	var rows []HistoryRow
	err := q.selectAll(ctx, &rows, `SELECT day, minute, calls, aht, abandoned, minnan FROM history
		WHERE centre_id = ? ORDER BY day, minute`, centre)
	return rows, err
}

// HistoryCount returns how many intervals of history a centre has.
func (q *Queries) HistoryCount(ctx context.Context, centre string) (int, error) {
	var n int
	err := q.get(ctx, &n, `SELECT COUNT(*) FROM history WHERE centre_id = ?`, centre)
	return n, err
}
