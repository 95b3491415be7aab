package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"
)

// The statuses of a solve job.
const (
	JobQueued    = "queued"
	JobRunning   = "running"
	JobSucceeded = "succeeded"
	JobFailed    = "failed"
	JobCancelled = "cancelled"
)

// Job is a durable solve job: which roster version it solves, its state, attempts and the latest
// progress a worker reported (a JSON document: best objective, elapsed, remaining).
type Job struct {
	ID          string     `json:"id"`
	RosterID    string     `json:"roster_id"`
	Status      string     `json:"status"`
	Attempts    int        `json:"attempts"`
	MaxAttempts int        `json:"max_attempts"`
	TimeLimit   int64      `json:"time_limit_ms"`
	Seed        int64      `json:"seed"`
	Worker      string     `json:"worker,omitempty"`
	Progress    string     `json:"-"`
	Error       string     `json:"error,omitempty"`
	Cancel      bool       `json:"cancel_requested"`
	CreatedAt   time.Time  `json:"created_at"`
	StartedAt   *time.Time `json:"started_at,omitempty"`
	HeartbeatAt *time.Time `json:"heartbeat_at,omitempty"`
	FinishedAt  *time.Time `json:"finished_at,omitempty"`
}

type jobRow struct {
	ID          string         `db:"id"`
	RosterID    string         `db:"roster_id"`
	Status      string         `db:"status"`
	Attempts    int            `db:"attempts"`
	MaxAttempts int            `db:"max_attempts"`
	TimeLimit   int64          `db:"time_limit"`
	Seed        int64          `db:"seed"`
	Worker      string         `db:"worker"`
	Progress    string         `db:"progress"`
	Error       string         `db:"error"`
	Cancel      bool           `db:"cancel"`
	CreatedAt   string         `db:"created_at"`
	StartedAt   sql.NullString `db:"started_at"`
	HeartbeatAt sql.NullString `db:"heartbeat_at"`
	FinishedAt  sql.NullString `db:"finished_at"`
}

func optStamp(s sql.NullString) *time.Time {
	if !s.Valid {
		return nil
	}
	t := parseStamp(s.String)
	return &t
}

func (r jobRow) job() Job {
	return Job{ID: r.ID, RosterID: r.RosterID, Status: r.Status, Attempts: r.Attempts, MaxAttempts: r.MaxAttempts,
		TimeLimit: r.TimeLimit, Seed: r.Seed, Worker: r.Worker, Progress: r.Progress, Error: r.Error, Cancel: r.Cancel,
		CreatedAt: parseStamp(r.CreatedAt), StartedAt: optStamp(r.StartedAt), HeartbeatAt: optStamp(r.HeartbeatAt),
		FinishedAt: optStamp(r.FinishedAt)}
}

// CreateJob queues a job.
func (q *Queries) CreateJob(ctx context.Context, j *Job) error {
	j.ID, j.Status, j.CreatedAt = NewID(), JobQueued, time.Now().UTC()
	_, err := q.exec(ctx, `INSERT INTO jobs (id, roster_id, status, max_attempts, time_limit, seed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		j.ID, j.RosterID, j.Status, j.MaxAttempts, j.TimeLimit, j.Seed, stamp(j.CreatedAt))
	return mapErr(err, "job", j.ID)
}

// Job returns one job.
func (q *Queries) Job(ctx context.Context, id string) (Job, error) {
	var r jobRow
	if err := q.get(ctx, &r, `SELECT * FROM jobs WHERE id = ?`, id); err != nil {
		return Job{}, mapErr(err, "job", id)
	}
	return r.job(), nil
}

// JobForRoster returns the latest job of a roster version.
func (q *Queries) JobForRoster(ctx context.Context, rosterID string) (Job, error) {
	var r jobRow
	if err := q.get(ctx, &r, `SELECT * FROM jobs WHERE roster_id = ? ORDER BY created_at DESC LIMIT 1`, rosterID); err != nil {
		return Job{}, mapErr(err, "job of roster", rosterID)
	}
	return r.job(), nil
}

// ClaimJob takes a queued job for worker, marking it running; ok is false when none waits. It
// takes the job with the fewest attempts so far, the oldest among those: a job that failed and
// waits for another attempt goes behind every job not yet tried, so a job that fails every time
// holds up no other.
func (q *Queries) ClaimJob(ctx context.Context, worker string) (Job, bool, error) {
	now := stamp(time.Now())
	var id string
	err := q.get(ctx, &id, `UPDATE jobs SET status = ?, worker = ?, attempts = attempts + 1, started_at = ?, heartbeat_at = ?
		WHERE id = (SELECT id FROM jobs WHERE status = ? ORDER BY attempts, created_at, id LIMIT 1) AND status = ? RETURNING id`,
		JobRunning, worker, now, now, JobQueued, JobQueued)
	if err == sql.ErrNoRows {
		return Job{}, false, nil
	}
	if err != nil {
		return Job{}, false, err
	}
	j, err := q.Job(ctx, id)
	return j, err == nil, err
}

// StartJob marks a job running for worker (a job engine chose it). It fails with a conflict when
// the job is already finished or cancelled, and with another error when the job changed while it
// was being started (a transient state: try again). A job found running lost its previous
// worker (the engine rescued it): that attempt is recorded as the job's error.
func (q *Queries) StartJob(ctx context.Context, id, worker string) (Job, error) {
	prev, err := q.Job(ctx, id)
	if err != nil {
		return Job{}, err
	}
	if prev.Status != JobQueued && prev.Status != JobRunning {
		return Job{}, conflict("job %s is %s", id, prev.Status)
	}
	note := prev.Error
	if prev.Status == JobRunning {
		note = lostAttempt(prev)
	}
	now := stamp(time.Now())
	res, err := q.exec(ctx, `UPDATE jobs SET status = ?, worker = ?, attempts = attempts + 1, started_at = ?, heartbeat_at = ?, error = ?
		WHERE id = ? AND status = ? AND attempts = ?`, JobRunning, worker, now, now, note, id, prev.Status, prev.Attempts)
	if err != nil {
		return Job{}, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return Job{}, fmt.Errorf("job %s changed while it was being started", id)
	}
	return q.Job(ctx, id)
}

// lostAttempt is the reason recorded for an attempt whose worker stopped reporting.
func lostAttempt(j Job) string {
	return "the worker " + j.Worker + " stopped reporting during attempt " + strconv.Itoa(j.Attempts)
}

// Heartbeat records a running job's progress and returns whether cancellation was requested.
func (q *Queries) Heartbeat(ctx context.Context, id, progress string) (cancel bool, err error) {
	if _, err := q.exec(ctx, `UPDATE jobs SET progress = ?, heartbeat_at = ? WHERE id = ? AND status = ?`,
		progress, stamp(time.Now()), id, JobRunning); err != nil {
		return false, err
	}
	err = q.get(ctx, &cancel, `SELECT cancel FROM jobs WHERE id = ?`, id)
	return cancel, err
}

// FinishJob records a job's end: succeeded, failed (with the reason) or cancelled. Without a
// reason the job keeps the one it has: why an earlier attempt was lost stays visible on a job
// that succeeded at a later one.
func (q *Queries) FinishJob(ctx context.Context, id, status, reason string) error {
	_, err := q.exec(ctx, `UPDATE jobs SET status = ?, error = CASE WHEN ? = '' THEN error ELSE ? END, finished_at = ? WHERE id = ?`,
		status, reason, reason, stamp(time.Now()), id)
	return err
}

// RequeueJob puts a running job back in the queue for another attempt, keeping the reason the
// last one failed, and its roster, if solving, back to queued, in one transaction.
func (s *Store) RequeueJob(ctx context.Context, id, reason string) error {
	return s.requeue(ctx, id, reason, 0)
}

// ReleaseJob puts a running job back in the queue because its worker is stopping, not because
// the job failed: the attempt is given back (attempts − 1), so a job interrupted by restarts is
// never failed for want of attempts. Its roster, if solving, goes back to queued with it.
func (s *Store) ReleaseJob(ctx context.Context, id, reason string) error {
	return s.requeue(ctx, id, reason, 1)
}

func (s *Store) requeue(ctx context.Context, id, reason string, giveBack int) error {
	return s.InTx(ctx, func(q *Queries) error {
		var rosterID string
		err := q.get(ctx, &rosterID, `UPDATE jobs SET status = ?, error = ?, worker = '', attempts = attempts - ?
			WHERE id = ? AND status = ? RETURNING roster_id`, JobQueued, reason, giveBack, id, JobRunning)
		if err == sql.ErrNoRows {
			return nil // no longer running: cancelled, or recovered by another process
		}
		if err != nil {
			return err
		}
		_, err = q.exec(ctx, `UPDATE rosters SET status = ? WHERE id = ? AND status = ?`, RosterQueued, rosterID, RosterSolving)
		return err
	})
}

// RequestCancel asks for a job to stop; a queued job is cancelled at once. It returns the job.
func (q *Queries) RequestCancel(ctx context.Context, id string) (Job, error) {
	if _, err := q.exec(ctx, `UPDATE jobs SET cancel = TRUE WHERE id = ? AND status IN (?, ?)`, id, JobQueued, JobRunning); err != nil {
		return Job{}, err
	}
	if _, err := q.exec(ctx, `UPDATE jobs SET status = ?, finished_at = ? WHERE id = ? AND status = ?`,
		JobCancelled, stamp(time.Now()), id, JobQueued); err != nil {
		return Job{}, err
	}
	return q.Job(ctx, id)
}

// RecoverStale handles jobs whose worker stopped reporting: a running job with no heartbeat since
// before is queued again when it has attempts left, and failed with the reason otherwise, its
// roster queued again or failed with it in the same transaction. It returns the jobs it changed; a job whose
// worker reported meanwhile, or that another process recovered first, is left alone.
func (s *Store) RecoverStale(ctx context.Context, before time.Time) ([]Job, error) {
	var rows []jobRow
	if err := s.selectAll(ctx, &rows, `SELECT * FROM jobs WHERE status = ? AND heartbeat_at < ?`, JobRunning, stamp(before)); err != nil {
		return nil, err
	}
	var out []Job
	for _, r := range rows {
		j := r.job()
		reason, status := lostAttempt(j), JobQueued
		if j.Attempts >= j.MaxAttempts {
			status, reason = JobFailed, reason+"; no attempts left"
		}
		changed := false
		err := s.InTx(ctx, func(q *Queries) error {
			finished := sql.NullString{}
			if status == JobFailed {
				finished = sql.NullString{String: stamp(time.Now()), Valid: true}
			}
			res, err := q.exec(ctx, `UPDATE jobs SET status = ?, error = ?, worker = '', finished_at = ?
				WHERE id = ? AND status = ? AND heartbeat_at = ?`, status, reason, finished, j.ID, JobRunning, r.HeartbeatAt.String)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return nil
			}
			changed = true
			if status == JobFailed {
				_, err = q.exec(ctx, `UPDATE rosters SET status = ?, error = ? WHERE id = ? AND status IN (?, ?)`,
					RosterFailed, reason, j.RosterID, RosterQueued, RosterSolving)
			} else {
				_, err = q.exec(ctx, `UPDATE rosters SET status = ? WHERE id = ? AND status = ?`, RosterQueued, j.RosterID, RosterSolving)
			}
			return err
		})
		if err != nil {
			return out, err
		}
		if changed {
			j.Status, j.Error, j.Worker = status, reason, ""
			out = append(out, j)
		}
	}
	return out, nil
}
