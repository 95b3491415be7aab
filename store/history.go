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

// AppendHistory adds rows to a centre's history; a row for an interval already stored replaces it.
func (q *Queries) AppendHistory(ctx context.Context, centre string, rows []HistoryRow) error {
	err := q.insertRows(ctx, `INSERT INTO history (centre_id, day, minute, calls, aht, abandoned, minnan)`,
		`ON CONFLICT (centre_id, day, minute) DO UPDATE SET calls = excluded.calls, aht = excluded.aht,
			abandoned = excluded.abandoned, minnan = excluded.minnan`, len(rows), 1000, func(i int) []any {
			r := rows[i]
			return []any{centre, int(r.Day), r.Minute, r.Calls, r.AHT, r.Abandoned, r.Minnan}
		})
	return mapErr(err, "history of centre", centre)
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
