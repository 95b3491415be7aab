package store

import "context"

// LockDecisions takes the centre's decision lock for the rest of the transaction q runs in and
// returns the centre's next decision number. Approvals, and the roster versions made from them,
// take it before they read what they check, so that two of them never decide on the same state:
// on PostgreSQL the upsert holds a row lock on the centre's counter until commit; on SQLite every
// transaction is already a write transaction taken at its start (BEGIN IMMEDIATE, the _txlock
// setting of Open), which serialises it with every other writer. The numbers of one centre rise
// in the order the transactions commit. Outside a transaction the lock ends at once: use InTx.
func (q *Queries) LockDecisions(ctx context.Context, centre string) (int64, error) {
	var seq int64
	err := q.get(ctx, &seq, `INSERT INTO decisions (centre_id, seq) VALUES (?, 1)
		ON CONFLICT (centre_id) DO UPDATE SET seq = decisions.seq + 1 RETURNING seq`, centre)
	return seq, mapErr(err, "centre", centre)
}

// DecisionSeq returns the centre's latest committed decision number (0 before the first): a
// problem read after it holds every approval numbered up to it.
func (q *Queries) DecisionSeq(ctx context.Context, centre string) (int64, error) {
	var seq int64
	err := q.get(ctx, &seq, `SELECT COALESCE(MAX(seq), 0) FROM decisions WHERE centre_id = ?`, centre)
	return seq, err
}
