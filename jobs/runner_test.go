package jobs

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"wfm"
	"wfm/benchmarks/gen"
	"wfm/internal/testdb"
	"wfm/store"
)

// The problems are generated once for the package: a 20-agent ISO week (Monday 30 November
// 2026 to Sunday 6 December), small enough to solve
// feasibly in a second on two CPUs.
var (
	problemOnce sync.Once
	problemJSON []byte
	problemErr  error
)

func smallProblem(t testing.TB) *wfm.Problem {
	t.Helper()
	problemOnce.Do(func() {
		var p *wfm.Problem
		p, problemErr = gen.Generate(gen.Config{Agents: 20, Days: 7, Start: wfm.DateOf(2026, time.November, 30), Seed: 11})
		if problemErr == nil {
			problemJSON, problemErr = json.Marshal(p)
		}
	})
	if problemErr != nil {
		t.Fatal(problemErr)
	}
	p, err := wfm.ReadProblem(bytes.NewReader(problemJSON), "problem")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// unsolvable is the small problem with a weekly minimum no agent can reach: 100 hours in a week
// of shifts of at most 10 hours. It is a valid problem (the band is 100–120 h), but the solver's
// diagnosis refuses it before any search with a rule error (R3).
func unsolvable(t testing.TB) *wfm.Problem {
	p := smallProblem(t)
	p.Rules.WeeklyMinHours, p.Rules.WeeklyMaxHours = 100, 120
	if err := p.Validate(); err != nil {
		t.Fatalf("the unsolvable problem must still be valid: %v", err)
	}
	return p
}

// forEachStore runs fn on a fresh store of every kind (PostgreSQL is skipped when unreachable,
// and fails under CI=true).
func forEachStore(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	for _, kind := range testdb.Kinds {
		t.Run(kind, func(t *testing.T) {
			s, err := store.Open(context.Background(), testdb.URL(t, kind))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			fn(t, s)
		})
	}
}

// testLog sends the runner's log to the test log, shown when a test fails or with -v.
func testLog(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type tWriter struct{ t testing.TB }

func (w tWriter) Write(b []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimRight(string(b), "\n"))
	return len(b), nil
}

var _ io.Writer = tWriter{}

// fixture is one centre with solve jobs in a store.
type fixture struct {
	t      *testing.T
	s      *store.Store
	centre store.Centre
	runner *Runner
	engine Queue // when set, queue hands each job to it in the storing transaction
}

func newFixture(t *testing.T, s *store.Store, worker string) *fixture {
	t.Helper()
	ce := store.Centre{Name: "Xiamen", Settings: wfm.DefaultCentreSettings()}
	if err := s.CreateCentre(context.Background(), &ce); err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, s: s, centre: ce, runner: &Runner{Store: s, Log: testLog(t), Worker: worker}}
}

// queue stores a roster version for p and its queued job, in one transaction, as the API does.
func (f *fixture) queue(p *wfm.Problem, limit time.Duration, attempts int) (store.Roster, store.Job) {
	f.t.Helper()
	body, err := json.Marshal(p)
	if err != nil {
		f.t.Fatal(err)
	}
	ctx := context.Background()
	ros := store.Roster{CentreID: f.centre.ID, Month: p.Horizon.Start.String()[:7], Status: store.RosterQueued,
		Problem: string(body), CreatedBy: "planner:test"}
	job := store.Job{MaxAttempts: attempts, TimeLimit: limit.Milliseconds(), Seed: 1}
	err = f.s.InTx(ctx, func(q *store.Queries) error {
		if err := q.CreateRoster(ctx, &ros); err != nil {
			return err
		}
		job.RosterID = ros.ID
		if err := q.CreateJob(ctx, &job); err != nil {
			return err
		}
		if f.engine != nil {
			if err := f.engine.Enqueue(ctx, q, job); err != nil {
				return err
			}
		}
		return q.Audit(ctx, store.AuditEntry{CentreID: f.centre.ID, Actor: "planner:test", Action: "roster.solve",
			Entity: "roster", EntityID: ros.ID})
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return ros, job
}

// claim marks the oldest queued job running for the fixture's worker, as an engine does before Run.
func (f *fixture) claim() store.Job {
	f.t.Helper()
	return f.claimAs(f.runner.Worker)
}

func (f *fixture) claimAs(worker string) store.Job {
	f.t.Helper()
	j, ok, err := f.s.ClaimJob(context.Background(), worker)
	if err != nil || !ok {
		f.t.Fatalf("claim: ok=%v err=%v", ok, err)
	}
	return j
}

func (f *fixture) job(id string) store.Job {
	f.t.Helper()
	j, err := f.s.Job(context.Background(), id)
	if err != nil {
		f.t.Fatal(err)
	}
	return j
}

func (f *fixture) roster(id string) store.Roster {
	f.t.Helper()
	r, err := f.s.RosterByID(context.Background(), id)
	if err != nil {
		f.t.Fatal(err)
	}
	return r
}

// audits returns the centre's audit entries of action.
func (f *fixture) audits(action string) []store.AuditEntry {
	f.t.Helper()
	all, err := f.s.AuditTrail(context.Background(), f.centre.ID, 1000)
	if err != nil {
		f.t.Fatal(err)
	}
	var out []store.AuditEntry
	for _, e := range all {
		if e.Action == action {
			out = append(out, e)
		}
	}
	return out
}

// waitFor polls cond every 50 ms until it holds or the timeout passes.
func waitFor(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestRunSucceeds(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "w1")
		p := smallProblem(t)
		ros, _ := f.queue(p, time.Second, 3)
		j := f.claim()
		if j.Status != store.JobRunning || j.Attempts != 1 || j.Worker != "w1" {
			t.Fatalf("claimed job: %+v", j)
		}
		if err := f.runner.Run(context.Background(), j); err != nil {
			t.Fatalf("Run: %v", err)
		}
		j = f.job(j.ID)
		if j.Status != store.JobSucceeded || j.Error != "" || j.FinishedAt == nil || j.Attempts != 1 {
			t.Errorf("job after success: %+v", j)
		}
		r := f.roster(ros.ID)
		if r.Status != store.RosterDraft || r.Roster == "" || r.Objective == nil || r.Error != "" {
			t.Fatalf("roster after success: status %s objective %v error %q len %d", r.Status, r.Objective, r.Error, len(r.Roster))
		}
		var got wfm.Roster
		if err := json.Unmarshal([]byte(r.Roster), &got); err != nil {
			t.Fatal(err)
		}
		if len(got.Schedules) != len(p.Agents) || got.Objective.Total != *r.Objective {
			t.Errorf("stored roster: %d schedules for %d agents, objective %v vs %v", len(got.Schedules), len(p.Agents),
				got.Objective.Total, *r.Objective)
		}
		solved := f.audits("roster.solved")
		if len(solved) != 1 || solved[0].Actor != "worker:w1" || solved[0].EntityID != ros.ID {
			t.Fatalf("roster.solved audit entries: %+v", solved)
		}
		var detail struct {
			Job       string  `json:"job"`
			Objective float64 `json:"objective"`
		}
		if err := json.Unmarshal(solved[0].Detail, &detail); err != nil || detail.Job != j.ID || detail.Objective != *r.Objective {
			t.Errorf("audit detail %s (%v)", solved[0].Detail, err)
		}
	})
}

// TestRunResultIsAtomic refuses the audit entry of the result with a trigger: the roster, the
// job's end and the audit entry are one transaction, so none of them may be stored.
func TestRunResultIsAtomic(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *store.Store) {
		refuseSolved(t, s, "")
		f := newFixture(t, s, "w1")
		ros, _ := f.queue(smallProblem(t), time.Second, 3)
		j := f.claim()
		err := f.runner.Run(context.Background(), j)
		if err == nil || !strings.Contains(err.Error(), "audit refused by test") || errors.Is(err, errPermanent) {
			t.Fatalf("Run with the audit refused = %v, want the store's error, retryable", err)
		}
		if j = f.job(j.ID); j.Status != store.JobRunning || j.FinishedAt != nil {
			t.Errorf("job after a failed commit: %+v (the job's end must roll back with the roster)", j)
		}
		if r := f.roster(ros.ID); r.Status != store.RosterSolving || r.Roster != "" || r.Objective != nil {
			t.Errorf("roster after a failed commit: status %s, objective %v, %d bytes (must roll back)", r.Status, r.Objective, len(r.Roster))
		}
		if n := len(f.audits("roster.solved")); n != 0 {
			t.Errorf("%d roster.solved entries after a failed commit", n)
		}
	})
}

func TestRunCancelled(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "w1")
		ros, _ := f.queue(smallProblem(t), 60*time.Second, 3)
		j := f.claim()
		done := make(chan error, 1)
		began := time.Now()
		go func() { done <- f.runner.Run(context.Background(), j) }()
		// Wait for a heartbeat with progress: the solve is under way.
		waitFor(t, 20*time.Second, "a heartbeat", func() bool {
			var pr Progress
			return json.Unmarshal([]byte(f.job(j.ID).Progress), &pr) == nil && pr.Elapsed > 0
		})
		if r := f.roster(ros.ID); r.Status != store.RosterSolving {
			t.Errorf("roster while solving: %s", r.Status)
		}
		got, err := s.RequestCancel(context.Background(), j.ID)
		if err != nil || !got.Cancel || got.Status != store.JobRunning {
			t.Fatalf("RequestCancel of a running job: %+v %v", got, err)
		}
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("Run after cancellation: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the solve did not stop within 10 s of the cancellation")
		}
		if d := time.Since(began); d > 30*time.Second {
			t.Errorf("the cancelled solve ran %s of its 60 s", d)
		}
		j = f.job(j.ID)
		if j.Status != store.JobCancelled || j.FinishedAt == nil || j.Error != "cancelled by request" {
			t.Errorf("job after cancellation: %+v", j)
		}
		if r := f.roster(ros.ID); r.Status != store.RosterCancelled || r.Roster != "" {
			t.Errorf("roster after cancellation: %s (%d bytes)", r.Status, len(r.Roster))
		}
		if n := len(f.audits("roster.solved")); n != 0 {
			t.Errorf("a cancelled solve wrote %d roster.solved entries", n)
		}
	})
}

// TestRunUnsolvable runs a problem the solver refuses: the job and the roster fail with the
// rule's reason, every problem the diagnosis found, and the Local engine does not try it again.
func TestRunUnsolvable(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "w1")
		ros, _ := f.queue(unsolvable(t), 5*time.Second, 3)
		j := f.claim()
		err := f.runner.Run(context.Background(), j)
		if !errors.Is(err, errPermanent) {
			t.Fatalf("Run of an unsolvable problem = %v, want a permanent failure", err)
		}
		j = f.job(j.ID)
		if j.Status != store.JobFailed || j.FinishedAt == nil || !strings.Contains(j.Error, "R3") ||
			!strings.Contains(j.Error, "weekly minimum") {
			t.Fatalf("job after an unsolvable problem: %+v", j)
		}
		if strings.Contains(j.Error, errPermanent.Error()) {
			t.Errorf("the reason planners see carries the internal marker: %q", j.Error)
		}
		// Every agent misses the minimum: the reason lists each problem on its own line.
		if lines := strings.Split(j.Error, "\n"); len(lines) < 2 || !strings.HasPrefix(lines[1], "R3: agent ") {
			t.Errorf("the reason names one problem only: %q", j.Error)
		}
		if r := f.roster(ros.ID); r.Status != store.RosterFailed || r.Error != j.Error {
			t.Errorf("roster after an unsolvable problem: %s %q, want failed %q", r.Status, r.Error, j.Error)
		}

		// Through the engine: a permanent failure is not queued again.
		ros2, j2 := f.queue(unsolvable(t), 5*time.Second, 3)
		startLocal(t, f)
		waitFor(t, 10*time.Second, "the job to fail", func() bool { return f.job(j2.ID).Status == store.JobFailed })
		time.Sleep(500 * time.Millisecond) // ten polls: time to pick it up again if it were queued
		if j2 = f.job(j2.ID); j2.Status != store.JobFailed || j2.Attempts != 1 {
			t.Errorf("unsolvable job after the engine ran it: %+v, want failed after 1 attempt", j2)
		}
		if r := f.roster(ros2.ID); r.Status != store.RosterFailed {
			t.Errorf("roster: %s", r.Status)
		}
	})
}

// TestRunMissingRoster fails a job whose roster cannot be read, for good.
func TestRunMissingRoster(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "w1")
		_, j := f.queue(smallProblem(t), time.Second, 3)
		j.Status, j.Attempts = store.JobRunning, 1
		j.RosterID = "nosuchroster"
		err := f.runner.Run(context.Background(), j)
		if !errors.Is(err, errPermanent) {
			t.Fatalf("Run with a missing roster = %v", err)
		}
		if got := f.job(j.ID); got.Status != store.JobFailed || !strings.Contains(got.Error, "not found") {
			t.Errorf("job: %+v", got)
		}
	})
}

// TestLocalStopRequeues stops the engine mid-solve (a graceful shutdown) during the job's only
// attempt: the job goes back to the queue with the reason, the attempt given back (a restart is
// not the job's failure), and the next engine finishes it.
func TestLocalStopRequeues(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "first")
		ros, j := f.queue(smallProblem(t), 30*time.Second, 1)
		l := NewLocal(f.runner, 1)
		l.Poll = 50 * time.Millisecond
		if err := l.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		waitFor(t, 20*time.Second, "the solve to start", func() bool {
			var pr Progress
			return json.Unmarshal([]byte(f.job(j.ID).Progress), &pr) == nil && pr.Elapsed > 0
		})
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := l.Stop(ctx); err != nil {
			t.Fatalf("Stop: %v", err)
		}
		got := f.job(j.ID)
		if got.Status != store.JobQueued || got.Worker != "" || got.Attempts != 0 ||
			!strings.Contains(got.Error, "the worker first stopped during attempt 1") {
			t.Fatalf("job after Stop: %+v, want queued again with the reason and its attempt back", got)
		}
		if r := f.roster(ros.ID); r.Status != store.RosterQueued {
			t.Errorf("roster after Stop: %s, want queued again with its job", r.Status)
		}
		// Shorten the rest of the solve and run it on a second engine.
		if _, err := s.DB().Exec(rebind(s, `UPDATE jobs SET time_limit = 1000 WHERE id = ?`), j.ID); err != nil {
			t.Fatal(err)
		}
		f.runner = &Runner{Store: s, Log: testLog(t), Worker: "second"}
		l2 := NewLocal(f.runner, 1)
		l2.Poll = 50 * time.Millisecond
		if err := l2.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { l2.Stop(context.Background()) })
		waitFor(t, 20*time.Second, "the job to succeed", func() bool { return f.job(j.ID).Status == store.JobSucceeded })
		if got := f.job(j.ID); got.Attempts != 1 || got.Worker != "second" {
			t.Errorf("job: %+v", got)
		}
		if r := f.roster(ros.ID); r.Status != store.RosterDraft {
			t.Errorf("roster: %s", r.Status)
		}
	})
}

// TestLocalRecoversStaleJobs leaves two jobs running for a worker that stopped reporting (its
// process died): at Start the engine queues again the one with attempts left, and runs it to
// success, and fails the other with the reason.
func TestLocalRecoversStaleJobs(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := newFixture(t, s, "dead")
		p := smallProblem(t)
		rosA, jobA := f.queue(p, time.Second, 3)
		rosB, jobB := f.queue(p, time.Second, 1)
		for range 2 {
			j := f.claim()
			// The dead worker had begun solving: its roster was solving and it reported once.
			if err := s.SetRosterStatus(ctx, j.RosterID, store.RosterSolving, store.RosterQueued); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Heartbeat(ctx, j.ID, `{"elapsed_s":0.5}`); err != nil {
				t.Fatal(err)
			}
		}
		// A third job is running for a live worker that reported just now: it must be left alone.
		rosC, jobC := f.queue(p, time.Second, 3)
		live := f.claimAs("live")
		if live.ID != jobC.ID {
			t.Fatalf("claimed %s, want %s", live.ID, jobC.ID)
		}
		old := time.Now().Add(-time.Minute).UTC().Format("2006-01-02T15:04:05.000000Z")
		if _, err := s.DB().Exec(rebind(s, `UPDATE jobs SET heartbeat_at = ? WHERE id IN (?, ?)`), old, jobA.ID, jobB.ID); err != nil {
			t.Fatal(err)
		}

		f.runner = &Runner{Store: s, Log: testLog(t), Worker: "alive"}
		l := NewLocal(f.runner, 1)
		l.Poll, l.StaleAfter = 50*time.Millisecond, 30*time.Second
		if err := l.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { l.Stop(context.Background()) })
		// Recovery happens in Start, before any worker runs.
		b := f.job(jobB.ID)
		if b.Status != store.JobFailed || !strings.Contains(b.Error, "the worker dead stopped reporting during attempt 1") ||
			!strings.Contains(b.Error, "no attempts left") {
			t.Errorf("job without attempts left after recovery: %+v", b)
		}
		if b.FinishedAt == nil {
			t.Errorf("the failed job has no finished_at")
		}
		if r := f.roster(rosB.ID); r.Status != store.RosterFailed || r.Error != b.Error {
			t.Errorf("the failed job's roster is %q (error %q), want failed with the job's reason", r.Status, r.Error)
		}
		var a store.Job
		waitFor(t, 5*time.Second, "the recovered job to run again", func() bool {
			a = f.job(jobA.ID)
			return a.Attempts == 2
		})
		if !strings.Contains(a.Error, "the worker dead stopped reporting during attempt 1") {
			t.Errorf("re-run job does not record the lost attempt: %+v", a)
		}
		waitFor(t, 20*time.Second, "the recovered job to succeed", func() bool {
			a = f.job(jobA.ID)
			return a.Status == store.JobSucceeded
		})
		if a.Attempts != 2 || a.Worker != "alive" {
			t.Errorf("recovered job: %+v", a)
		}
		if r := f.roster(rosA.ID); r.Status != store.RosterDraft {
			t.Errorf("recovered roster: %s", r.Status)
		}
		if c := f.job(jobC.ID); c.Status != store.JobRunning || c.Worker != "live" || c.Attempts != 1 {
			t.Errorf("a job with a fresh heartbeat was touched by recovery: %+v", c)
		}
		if r := f.roster(rosC.ID); r.Status != store.RosterQueued {
			t.Errorf("roster of the live job: %s", r.Status)
		}
	})
}

// refuseSolved makes the store refuse, by a trigger, the audit entry that records roster as
// solved (every roster when ""), with the error "audit refused by test": the result of its solve
// can then never be saved, in the same transaction, as a full disk or a broken constraint would
// refuse it, and every attempt meets the same store error.
func refuseSolved(t *testing.T, s *store.Store, roster string) {
	t.Helper()
	when := "NEW.action = 'roster.solved'"
	if roster != "" {
		when += " AND NEW.entity_id = '" + roster + "'"
	}
	trigger := []string{`CREATE TRIGGER refuse_solved BEFORE INSERT ON audit FOR EACH ROW WHEN (` + when + `)
		BEGIN SELECT RAISE(ABORT, 'audit refused by test'); END`}
	if s.Dialect() == store.Postgres {
		trigger = []string{`CREATE FUNCTION refuse_solved() RETURNS trigger AS $$
			BEGIN RAISE EXCEPTION 'audit refused by test'; END $$ LANGUAGE plpgsql`,
			`CREATE TRIGGER refuse_solved BEFORE INSERT ON audit FOR EACH ROW WHEN (` + when + `)
			EXECUTE FUNCTION refuse_solved()`}
	}
	for _, q := range trigger {
		if _, err := s.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

// rebind writes ? placeholders for the store's dialect.
func rebind(s *store.Store, q string) string {
	if s.Dialect() != store.Postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r != '?' {
			b.WriteRune(r)
			continue
		}
		n++
		b.WriteString("$" + strconv.Itoa(n))
	}
	return b.String()
}
