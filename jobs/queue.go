package jobs

import (
	"context"

	"wfm/store"
)

// Queue is a job engine: Enqueue hands a job, already stored by q's transaction, to the engine in
// that same transaction; Start and Stop run and stop this process's workers.
type Queue interface {
	Enqueue(ctx context.Context, q *store.Queries, j store.Job) error
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
}

var (
	_ Queue = (*Local)(nil)
	_ Queue = (*River)(nil)
)
