package jobs

import (
	"context"
	"strings"
	"testing"
	"time"

	"wfm/internal/testdb"
	"wfm/store"
)

// riverFixture is a fixture on a fresh PostgreSQL database with a started River engine.
func riverFixture(t *testing.T, workers int) (*fixture, *River) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, testdb.Postgres(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f := newFixture(t, s, "river-w")
	rv, err := NewRiver(ctx, s, f.runner, RiverConfig{Workers: workers, RescueAfter: time.Minute, Poll: 100 * time.Millisecond, MaxAttempts: 3})
	if err != nil {
		t.Fatal(err)
	}
	if err := rv.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		rv.Stop(ctx)
	})
	f.engine = rv
	return f, rv
}

// riverState returns the River job of a store job: its state and attempt.
func riverState(t *testing.T, s *store.Store, jobID string) (string, int) {
	t.Helper()
	var state string
	var attempt int
	if err := s.DB().QueryRow(`SELECT state, attempt FROM river_job WHERE args->>'job_id' = $1`, jobID).Scan(&state, &attempt); err != nil {
		t.Fatal(err)
	}
	return state, attempt
}

// TestRiverRuns queues a solvable and an unsolvable job on River: the first succeeds, the second
// fails with the reason and River does not retry it (the River job is cancelled at its first
// attempt).
func TestRiverRuns(t *testing.T) {
	f, _ := riverFixture(t, 2)
	good, goodJob := f.queue(smallProblem(t), time.Second, 3)
	bad, badJob := f.queue(unsolvable(t), time.Second, 3)
	waitFor(t, 30*time.Second, "both jobs to finish", func() bool {
		return f.job(goodJob.ID).FinishedAt != nil && f.job(badJob.ID).FinishedAt != nil
	})
	if j := f.job(goodJob.ID); j.Status != store.JobSucceeded || j.Attempts != 1 || j.Worker != "river-w" {
		t.Errorf("solvable job: %+v", j)
	}
	if r := f.roster(good.ID); r.Status != store.RosterDraft {
		t.Errorf("solvable roster: %s", r.Status)
	}
	if j := f.job(badJob.ID); j.Status != store.JobFailed || j.Attempts != 1 || !strings.Contains(j.Error, "R3") {
		t.Errorf("unsolvable job: %+v", j)
	}
	if r := f.roster(bad.ID); r.Status != store.RosterFailed {
		t.Errorf("unsolvable roster: %s", r.Status)
	}
	waitFor(t, 10*time.Second, "River to record both ends", func() bool {
		g, _ := riverState(t, f.s, goodJob.ID)
		b, _ := riverState(t, f.s, badJob.ID)
		return g == "completed" && b == "cancelled"
	})
	time.Sleep(time.Second)
	if _, attempt := riverState(t, f.s, badJob.ID); attempt != 1 {
		t.Errorf("River tried the unsolvable job %d times", attempt)
	}
}

// TestRiverCancelQueued cancels a job before any worker takes it: River's copy then finds it
// cancelled and does nothing.
func TestRiverCancelQueued(t *testing.T) {
	f, _ := riverFixture(t, 0) // insert-only: nothing runs until a worker is started
	ros, j := f.queue(smallProblem(t), time.Second, 3)
	got, err := f.s.RequestCancel(context.Background(), j.ID)
	if err != nil || got.Status != store.JobCancelled {
		t.Fatalf("cancel a queued job: %+v %v", got, err)
	}
	if err := f.s.SetRosterStatus(context.Background(), ros.ID, store.RosterCancelled, store.RosterQueued); err != nil {
		t.Fatal(err)
	}
	startRiverWorker(t, f)
	waitFor(t, 10*time.Second, "River to drop the job", func() bool {
		st, _ := riverState(t, f.s, j.ID)
		return st == "cancelled"
	})
	if got := f.job(j.ID); got.Status != store.JobCancelled || got.Attempts != 0 {
		t.Errorf("cancelled job was run: %+v", got)
	}
	if r := f.roster(ros.ID); r.Status != store.RosterCancelled {
		t.Errorf("roster: %s", r.Status)
	}
}

// TestRiverTransientStartError makes the worker's first write to the job fail once (as a dropped
// connection or a failover would), then lets the database recover. The job should be retried.
func TestRiverTransientStartError(t *testing.T) {
	f, _ := riverFixture(t, 0)
	for _, q := range []string{
		`CREATE FUNCTION refuse_start() RETURNS trigger AS $$
			BEGIN RAISE EXCEPTION 'transient failure injected by test'; END $$ LANGUAGE plpgsql`,
		`CREATE TRIGGER refuse_start BEFORE UPDATE ON jobs FOR EACH ROW
			WHEN (OLD.status = 'queued' AND NEW.status = 'running') EXECUTE FUNCTION refuse_start()`,
	} {
		if _, err := f.s.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	ros, j := f.queue(smallProblem(t), time.Second, 3)
	startRiverWorker(t, f)
	waitFor(t, 10*time.Second, "the worker to meet the failure", func() bool {
		st, attempt := riverState(t, f.s, j.ID)
		return attempt >= 1 && st != "running" && st != "available"
	})
	if _, err := f.s.DB().Exec(`DROP TRIGGER refuse_start ON jobs`); err != nil {
		t.Fatal(err)
	}
	// The failure was transient: River must not have given the job up.
	if state, attempt := riverState(t, f.s, j.ID); state == "cancelled" || state == "discarded" {
		t.Fatalf("River job %s after %d attempt(s) on a transient error; jobs row %q", state, attempt, f.job(j.ID).Status)
	}
	// River retries it: after its backoff (a second), once its leader's scheduler makes it available.
	waitFor(t, 60*time.Second, "the job to succeed on a retry", func() bool { return f.job(j.ID).Status == store.JobSucceeded })
	if r := f.roster(ros.ID); r.Status != store.RosterDraft {
		t.Errorf("roster: %s", r.Status)
	}
}

// startRiverWorker starts a one-solve River worker on the fixture's store until the test ends.
func startRiverWorker(t *testing.T, f *fixture) {
	t.Helper()
	worker, err := NewRiver(context.Background(), f.s, f.runner, RiverConfig{Workers: 1, RescueAfter: time.Minute,
		Poll: 100 * time.Millisecond, MaxAttempts: 3})
	if err != nil {
		t.Fatal(err)
	}
	if err := worker.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { worker.Stop(context.Background()) })
}
