package jobs

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/rivermigrate"

	"wfm"
	"wfm/store"
)

// SolveArgs is River's job: solve the stored job JobID.
type SolveArgs struct {
	JobID     string `json:"job_id"`
	TimeLimit int64  `json:"time_limit_ms"`
}

// Kind names the job kind in River's tables.
func (SolveArgs) Kind() string { return "wfm_solve" }

type solveWorker struct {
	river.WorkerDefaults[SolveArgs]
	runner *Runner
}

// Timeout lets a solve run its time limit plus a margin for loading and saving.
func (w *solveWorker) Timeout(j *river.Job[SolveArgs]) time.Duration {
	return time.Duration(j.Args.TimeLimit)*time.Millisecond + 2*time.Minute
}

func (w *solveWorker) Work(ctx context.Context, j *river.Job[SolveArgs]) error {
	job, err := w.runner.Store.StartJob(ctx, j.Args.JobID, w.runner.Worker)
	switch {
	case wfm.ErrorKind(err) == wfm.KindConflict:
		return river.JobCancel(err) // finished or cancelled meanwhile: nothing to do
	case err != nil && j.Attempt >= j.MaxAttempts:
		// River will not try again: fail the job and its roster visibly if the store lets us.
		if stored, gerr := w.runner.Store.Job(ctx, j.Args.JobID); gerr == nil {
			w.runner.fail(context.WithoutCancel(ctx), stored, permanent(fmt.Errorf("could not start the job: %w", err)))
		}
		return err
	case err != nil:
		return err // a store hiccup: River tries again
	}
	err = w.runner.Run(ctx, job)
	switch w.runner.settle(ctx, job, err, j.Attempt >= j.MaxAttempts) {
	case finished:
		if err == nil {
			return nil
		}
		return river.JobCancel(err)
	case released:
		return river.JobSnooze(0) // run again at once by the next worker; River gives the attempt back too
	case exhausted:
		return river.JobCancel(err) // failed in the store: River must not run it again
	}
	return err // River retries after its backoff
}

// River runs jobs on River over PostgreSQL. Processes with Workers > 0 work jobs; a process with
// Workers = 0 (the API role) only inserts them. A job whose worker died is rescued by River after
// RescueAfter and run again, up to the job's attempts. Every process also watches the jobs
// table, as Local does: a job silent for StaleAfter is shown queued again (River will run it) or,
// with no attempts left, failed with its roster (River discards it at its rescue).
type River struct {
	client  *river.Client[*sql.Tx]
	runner  *Runner
	working bool
	stale   staleWatch
}

// RiverConfig sets up the engine.
type RiverConfig struct {
	Workers     int           // concurrent solves in this process; 0 for insert-only
	RescueAfter time.Duration // how long a job may run before River considers its worker lost
	Poll        time.Duration // how often idle workers look for jobs
	MaxAttempts int
	StaleAfter  time.Duration // a running job silent this long has lost its worker (default 30 s)
}

// NewRiver migrates River's tables and builds the client.
func NewRiver(ctx context.Context, s *store.Store, r *Runner, cfg RiverConfig) (*River, error) {
	driver := riverdatabasesql.New(s.DB())
	migrator, err := rivermigrate.New(driver, nil)
	if err != nil {
		return nil, err
	}
	if _, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return nil, fmt.Errorf("river migrations: %w", err)
	}
	rc := &river.Config{MaxAttempts: max(cfg.MaxAttempts, 1), FetchPollInterval: cfg.Poll, FetchCooldown: cfg.Poll / 2,
		RescueStuckJobsAfter: cfg.RescueAfter, JobTimeout: -1}
	if cfg.Workers > 0 {
		workers := river.NewWorkers()
		if err := river.AddWorkerSafely(workers, &solveWorker{runner: r}); err != nil {
			return nil, err
		}
		rc.Workers = workers
		rc.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Workers}}
	}
	client, err := river.NewClient(driver, rc)
	if err != nil {
		return nil, err
	}
	return &River{client: client, runner: r, working: cfg.Workers > 0, stale: staleWatch{after: cmp.Or(cfg.StaleAfter, 30*time.Second)}}, nil
}

// Enqueue inserts the River job in the transaction that stored the job.
func (rv *River) Enqueue(ctx context.Context, q *store.Queries, j store.Job) error {
	args := SolveArgs{JobID: j.ID, TimeLimit: j.TimeLimit}
	opts := &river.InsertOpts{MaxAttempts: max(j.MaxAttempts, 1)}
	if tx := q.Tx(); tx != nil {
		_, err := rv.client.InsertTx(ctx, tx, args, opts)
		return err
	}
	_, err := rv.client.Insert(ctx, args, opts)
	return err
}

// Start starts the stale-job watch and the workers (no workers for an insert-only client).
func (rv *River) Start(ctx context.Context) error {
	rv.stale.start(ctx, rv.runner)
	if !rv.working {
		return nil
	}
	return rv.client.Start(ctx)
}

// Stop stops fetching, cancels running solves so their jobs are retried, and waits.
func (rv *River) Stop(ctx context.Context) error {
	rv.stale.stop()
	if !rv.working {
		return nil
	}
	return rv.client.StopAndCancel(ctx)
}
