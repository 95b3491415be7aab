package jobs

import (
	"bytes"
	"context"
	"errors"
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

	wake chan struct{}
	stop context.CancelFunc
	wg   sync.WaitGroup
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

// Start launches the workers and the recovery loop.
func (l *Local) Start(ctx context.Context) error {
	ctx, l.stop = context.WithCancel(ctx)
	l.recover(ctx)
	for range l.Workers {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			l.work(ctx)
		}()
	}
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		t := time.NewTicker(l.StaleCheck)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				l.recover(ctx)
			}
		}
	}()
	return nil
}

// Stop cancels running solves (their jobs go back to the queue) and waits for the workers.
func (l *Local) Stop(ctx context.Context) error {
	if l.stop != nil {
		l.stop()
	}
	done := make(chan struct{})
	go func() { l.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (l *Local) recover(ctx context.Context) {
	jobs, err := l.Runner.Store.RecoverStale(ctx, time.Now().Add(-l.StaleAfter))
	if err != nil {
		l.Runner.Log.Warn("recovering stale jobs", "err", err)
	}
	for _, j := range jobs {
		l.Runner.Log.Warn("recovered a job whose worker stopped", "job", j.ID, "status", j.Status, "reason", j.Error)
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
		if err := l.Runner.Run(ctx, j); err != nil && !errors.Is(err, errPermanent) {
			// Not finished: put it back in the queue (a stopping process, a store hiccup).
			l.Runner.Store.RequeueJob(context.WithoutCancel(ctx), j.ID, err.Error())
		}
	}
}

func bytesReader(s string) io.Reader { return bytes.NewReader([]byte(s)) }
