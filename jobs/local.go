package jobs

import (
	"bytes"
	"cmp"
	"context"
	"io"
	"sync"
	"time"

	"wfm/store"
)

// Local runs jobs in this process: Workers goroutines claim queued jobs from the store. At start
// and every StaleCheck it recovers jobs whose worker stopped reporting for StaleAfter (a process
// that died mid-solve): they run again while attempts remain and fail with the reason after.
type Local struct {
	Runner     *Runner
	Workers    int
	Poll       time.Duration // how often idle workers look for queued jobs
	StaleAfter time.Duration
	StaleCheck time.Duration

	wake  chan struct{}
	stop  context.CancelFunc
	wg    sync.WaitGroup
	stale staleWatch
}

// NewLocal returns a pool of n workers with the default timings.
func NewLocal(r *Runner, n int) *Local {
	return &Local{Runner: r, Workers: max(n, 1), Poll: 500 * time.Millisecond, StaleAfter: 30 * time.Second,
		StaleCheck: 10 * time.Second, wake: make(chan struct{}, 1)}
}

// Enqueue wakes a worker; the job row itself is already in the store.
func (l *Local) Enqueue(_ context.Context, _ *store.Queries, _ store.Job) error {
	select {
	case l.wake <- struct{}{}:
	default:
	}
	return nil
}

// Start recovers stale jobs, then launches the workers and the recovery loop.
func (l *Local) Start(ctx context.Context) error {
	ctx, l.stop = context.WithCancel(ctx)
	l.stale = staleWatch{after: l.StaleAfter, every: l.StaleCheck}
	l.stale.start(ctx, l.Runner)
	for range l.Workers {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			l.work(ctx)
		}()
	}
	return nil
}

// Stop cancels running solves (their jobs go back to the queue, the attempt not counted) and waits
// for the workers.
func (l *Local) Stop(ctx context.Context) error {
	if l.stop != nil {
		l.stop()
	}
	done := make(chan struct{})
	go func() { l.wg.Wait(); l.stale.stop(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// staleWatch recovers the jobs whose worker has been silent for `after`: once at start, then
// every `every` (after/3 when 0) until stopped.
type staleWatch struct {
	after, every time.Duration
	cancel       context.CancelFunc
	done         chan struct{}
}

func (w *staleWatch) start(ctx context.Context, r *Runner) {
	recoverStale(ctx, r, w.after)
	ctx, w.cancel = context.WithCancel(ctx)
	w.done = make(chan struct{})
	every := cmp.Or(w.every, w.after/3)
	go func() {
		defer close(w.done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				recoverStale(ctx, r, w.after)
			}
		}
	}()
}

func (w *staleWatch) stop() {
	if w.cancel != nil {
		w.cancel()
		<-w.done
	}
}

// recoverStale queues again, or fails when no attempts are left, the jobs whose worker has been
// silent for `after` (its process died).
func recoverStale(ctx context.Context, r *Runner, after time.Duration) {
	jobs, err := r.Store.RecoverStale(ctx, time.Now().Add(-after))
	if err != nil && ctx.Err() == nil {
		r.Log.Warn("recovering stale jobs", "err", err)
	}
	for _, j := range jobs {
		r.Log.Warn("recovered a job whose worker stopped", "job", j.ID, "status", j.Status, "reason", j.Error)
	}
}

func (l *Local) work(ctx context.Context) {
	for ctx.Err() == nil {
		j, ok, err := l.Runner.Store.ClaimJob(ctx, l.Runner.Worker)
		if err != nil && ctx.Err() == nil {
			l.Runner.Log.Warn("claiming a job", "err", err)
		}
		if !ok {
			select {
			case <-ctx.Done():
			case <-l.wake:
			case <-time.After(l.Poll):
			}
			continue
		}
		err = l.Runner.Run(ctx, j)
		l.Runner.settle(ctx, j, err, j.Attempts >= j.MaxAttempts)
	}
}

func bytesReader(s string) io.Reader { return bytes.NewReader([]byte(s)) }
