// Package jobs runs solve jobs durably. A job is a row in the store, created in the same
// transaction as the roster version it solves, so no request is ever lost. Two engines pick jobs
// up: Local, a pool of goroutines polling the store (the embedded default, one process), and
// River (riverqueue.com) on PostgreSQL, where worker processes on any number of hosts share one
// queue. Both run a job through Runner.Run, which reports progress, honours cancellation and writes
// the result and the job's end in one transaction. A worker that dies mid-solve leaves a job
// whose heartbeat stops: it is run again while attempts remain, and failed with the reason after.
package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"wfm"
	"wfm/solver"
	"wfm/solver/validate"
	"wfm/store"
)

// HeartbeatEvery is how often a running job records its progress and checks for cancellation.
const HeartbeatEvery = time.Second

// Progress is the document a running job keeps in the store.
type Progress struct {
	Phase      string   `json:"phase,omitempty"`          // the solver's phase: construct, breaks, repair, search, bound
	PhaseDone  int      `json:"phase_done,omitempty"`     // how far a phase before the search has got
	PhaseTotal int      `json:"phase_total,omitempty"`    // of how many steps (days, agents, shifts, rounds)
	Best       *float64 `json:"best_objective,omitempty"` // nil until a feasible roster is found
	Current    float64  `json:"current_objective"`
	Hard       float64  `json:"hard_measure"`
	Moves      int64    `json:"moves"`
	Elapsed    float64  `json:"elapsed_s"`
	Remaining  float64  `json:"remaining_s"` // of the time limit, at the time of the beat
	// Bound is the certified lower bound on the objective, Gap = 100·(best − bound)/best: nil until
	// the solver has computed them (its last phase, bound).
	Bound *float64 `json:"objective_lower_bound,omitempty"`
	Gap   *float64 `json:"gap_percent,omitempty"`
}

// Runner executes solve jobs.
type Runner struct {
	Store  *store.Store
	Log    *slog.Logger
	Worker string // this process's name in the jobs table
}

// errPermanent marks failures that another attempt would repeat (the problem cannot be solved):
// errors.Is(err, errPermanent) holds for the errors permanent makes.
var errPermanent = errors.New("permanent failure")

// permanentError is a failure another attempt would repeat. Its message is the cause's alone: it
// is the reason planners read.
type permanentError struct{ cause error }

func (e permanentError) Error() string        { return e.cause.Error() }
func (e permanentError) Unwrap() error        { return e.cause }
func (e permanentError) Is(target error) bool { return target == errPermanent }

func permanent(cause error) error { return permanentError{cause} }

// lasting marks err permanent when another attempt would meet it again: a row that does not
// exist or is in a state the job cannot change. Other store errors (a dropped connection, a
// failover) are left to be tried again.
func lasting(err error) error {
	if k := wfm.ErrorKind(err); k == wfm.KindNotFound || k == wfm.KindConflict {
		return permanent(err)
	}
	return err
}

// Run solves job j, which the caller has already marked running for this worker. It returns nil
// when the job ended (succeeded, failed for good, or cancelled), an error wrapping errPermanent
// for a failure recorded as final, the context's error when ctx ended first, and any other error
// when the attempt failed for a reason another attempt may not meet: settle says what then
// becomes of the job.
func (r *Runner) Run(ctx context.Context, j store.Job) error {
	log := r.Log.With("job", j.ID, "roster", j.RosterID, "attempt", j.Attempts)
	ros, err := r.Store.RosterByID(ctx, j.RosterID)
	if err != nil {
		return r.fail(ctx, j, lasting(err))
	}
	p, err := wfm.ReadProblem(bytesReader(ros.Problem), "problem")
	if err != nil {
		return r.fail(ctx, j, permanent(fmt.Errorf("stored problem: %w", err)))
	}
	if err := r.Store.SetRosterStatus(ctx, ros.ID, store.RosterSolving, store.RosterQueued, store.RosterSolving); err != nil {
		return r.fail(ctx, j, lasting(err))
	}
	solveCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	beat := startHeartbeat(ctx, r.Store, log, j.ID, cancel)
	log.Info("solving", "agents", len(p.Agents), "days", p.Horizon.Days, "limit_ms", j.TimeLimit)
	began := time.Now()
	roster, err := solver.Solve(solveCtx, p, solver.Options{Time: time.Duration(j.TimeLimit) * time.Millisecond,
		Seed: uint64(j.Seed), Progress: beat.report})
	beat.stop()
	switch {
	case beat.cancelled.Load():
		log.Info("cancelled")
		return r.finish(ctx, j, ros.ID, store.JobCancelled, store.RosterCancelled, "cancelled by request")
	case ctx.Err() != nil:
		return ctx.Err() // this worker is stopping: the job stays to be run again
	case err != nil:
		return r.fail(ctx, j, permanent(err))
	}
	if rep := validate.Check(p, roster); !rep.OK() {
		return r.fail(ctx, j, permanent(fmt.Errorf("the roster breaks %d HARD rules (%v)", len(rep.Violations), rep.Violations[0])))
	}
	body, err := json.Marshal(roster)
	if err != nil { // the same roster would fail the same way
		return r.fail(ctx, j, permanent(fmt.Errorf("the roster cannot be stored: %w", err)))
	}
	err = r.Store.InTx(ctx, func(q *store.Queries) error {
		if err := q.SetRosterResult(ctx, ros.ID, string(body), roster.Objective.Total, ""); err != nil {
			return err
		}
		if err := q.FinishJob(ctx, j.ID, store.JobSucceeded, ""); err != nil {
			return err
		}
		return q.Audit(ctx, store.AuditEntry{CentreID: ros.CentreID, Actor: "worker:" + r.Worker, Action: "roster.solved",
			Entity: "roster", EntityID: ros.ID, Detail: mustJSON(map[string]any{"job": j.ID, "objective": roster.Objective.Total,
				"seconds": time.Since(began).Seconds()})})
	})
	if err != nil {
		return err
	}
	log.Info("solved", "objective", roster.Objective.Total, "seconds", time.Since(began).Seconds())
	return nil
}

// fail records a failure. A permanent one fails the job and the roster; another is left for the
// engine to retry and returned.
func (r *Runner) fail(ctx context.Context, j store.Job, err error) error {
	r.Log.Warn("job failed", "job", j.ID, "err", err)
	if !errors.Is(err, errPermanent) {
		return err
	}
	msg := err.Error()
	var list wfm.ErrorList
	if e := new(wfm.Error); errors.As(err, &list) {
		msg = list.Error() // every problem found, one per line
	} else if errors.As(err, &e) {
		msg = e.Error()
	}
	if ferr := r.finish(ctx, j, j.RosterID, store.JobFailed, store.RosterFailed, msg); ferr != nil {
		return ferr
	}
	return err
}

// settle records in the store what becomes of job j after an attempt that Run ended with err,
// and returns it, for the engine to do the same: finished (nil, or a failure already recorded as
// final), released (ctx was cancelled because this process is stopping: the job is queued again
// and the attempt does not count), failed for good (last says the engine has no attempt left: the
// job and its roster fail with the reason) or retried (queued again). The store and the engine
// thus always agree: no job the engine has given up is left queued or running in the store.
func (r *Runner) settle(ctx context.Context, j store.Job, err error, last bool) outcome {
	ctx = context.WithoutCancel(ctx)
	switch {
	case err == nil || errors.Is(err, errPermanent):
		return finished
	case errors.Is(err, context.Canceled):
		reason := fmt.Sprintf("the worker %s stopped during attempt %d, which does not count", r.Worker, j.Attempts)
		if serr := r.Store.ReleaseJob(ctx, j.ID, reason); serr != nil {
			r.Log.Warn("releasing a job", "job", j.ID, "err", serr)
		}
		return released
	case last:
		r.fail(ctx, j, permanent(fmt.Errorf("%w; attempt %d of %d, no attempts left", err, j.Attempts, j.MaxAttempts)))
		return exhausted
	}
	if serr := r.Store.RequeueJob(ctx, j.ID, err.Error()); serr != nil {
		r.Log.Warn("requeueing a job", "job", j.ID, "err", serr)
	}
	return retried
}

// outcome is what becomes of a job after an attempt (see Runner.settle).
type outcome int

// The outcomes of an attempt.
const (
	finished  outcome = iota // succeeded, failed for good or cancelled, as recorded by Run
	released                 // queued again, the attempt not counted: the worker is stopping
	exhausted                // failed for good: no attempt left
	retried                  // queued again for another attempt
)

// finish records a job's end and its roster's status in one transaction.
func (r *Runner) finish(ctx context.Context, j store.Job, rosterID, jobStatus, rosterStatus, reason string) error {
	return r.Store.InTx(ctx, func(q *store.Queries) error {
		if err := q.FinishJob(ctx, j.ID, jobStatus, reason); err != nil {
			return err
		}
		if rosterStatus == store.RosterFailed {
			return q.SetRosterResult(ctx, rosterID, "", 0, reason)
		}
		return q.SetRosterStatus(ctx, rosterID, rosterStatus)
	})
}

func mustJSON(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}
