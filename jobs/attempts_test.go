package jobs

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"wfm"
	"wfm/benchmarks/gen"
	"wfm/store"
)

// poisoned is the small problem with an under-coverage weight so large that the objective of any
// roster is +Inf. The API refuses such a weight at its door; stored past the door (an older
// version, a direct import), the job must still fail at once, with the reason, and hold up no
// other job.
func poisoned(t testing.TB) *wfm.Problem {
	p := smallProblem(t)
	p.Rules.Weights.Under = 1e308
	return p
}

// startLocal starts a one-worker Local engine on the fixture's runner until the test ends.
func startLocal(t *testing.T, f *fixture) {
	t.Helper()
	l := NewLocal(f.runner, 1)
	l.Poll = 50 * time.Millisecond
	if err := l.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Stop(context.Background()) })
}

// checkPoisonFailed asserts that the poisoned job failed at its first attempt with a reason
// naming the weights, its roster with it, and that the normal job queued behind it succeeded.
func checkPoisonFailed(t *testing.T, f *fixture, bad store.Roster, badJob store.Job, good store.Roster, goodJob store.Job) {
	t.Helper()
	b := f.job(badJob.ID)
	if b.Status != store.JobFailed || b.Attempts != 1 || b.FinishedAt == nil || !strings.Contains(b.Error, "weights") {
		t.Errorf("poisoned job: %+v, want failed at its first attempt with the reason", b)
	}
	if r := f.roster(bad.ID); r.Status != store.RosterFailed || r.Error != b.Error || r.Roster != "" {
		t.Errorf("poisoned job's roster: %s %q, want failed with %q", r.Status, r.Error, b.Error)
	}
	if g := f.job(goodJob.ID); g.Status != store.JobSucceeded || g.Attempts != 1 {
		t.Errorf("the job behind the poisoned one: %+v, want succeeded at its first attempt", g)
	}
	if r := f.roster(good.ID); r.Status != store.RosterDraft {
		t.Errorf("its roster: %s", r.Status)
	}
}

// TestLocalPoisonJobFailsAtOnce queues a job whose every roster has an infinite objective, then a
// normal one, on a single worker: the first fails at once (it was retried without end, ahead of
// every other job, when saving its roster failed), the second is solved.
func TestLocalPoisonJobFailsAtOnce(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "w1")
		bad, badJob := f.queue(poisoned(t), time.Second, 3)
		good, goodJob := f.queue(smallProblem(t), time.Second, 3)
		startLocal(t, f)
		waitFor(t, 30*time.Second, "both jobs to finish", func() bool {
			return f.job(badJob.ID).FinishedAt != nil && f.job(goodJob.ID).FinishedAt != nil
		})
		time.Sleep(500 * time.Millisecond) // ten polls: time to pick the poisoned job up again if it were queued
		checkPoisonFailed(t, f, bad, badJob, good, goodJob)
	})
}

// checkAttemptsSpent asserts that the job whose result the store refuses failed after exactly
// its two attempts, with the store's error and the count, its roster with it.
func checkAttemptsSpent(t *testing.T, f *fixture, flaky store.Roster, flakyJob store.Job) store.Job {
	t.Helper()
	j := f.job(flakyJob.ID)
	if j.Status != store.JobFailed || j.Attempts != 2 || j.FinishedAt == nil ||
		!strings.Contains(j.Error, "audit refused by test") || !strings.Contains(j.Error, "attempt 2 of 2, no attempts left") {
		t.Errorf("job whose result the store refuses: %+v, want failed after its 2 attempts with the reason", j)
	}
	if r := f.roster(flaky.ID); r.Status != store.RosterFailed || r.Error != j.Error {
		t.Errorf("its roster: %s %q, want failed with the job's reason", r.Status, r.Error)
	}
	return j
}

// TestLocalRetriesUpToMaxAttempts makes every save of one job's result fail in the store (a
// failure the runner cannot tell from a passing one, so it tries again): the job runs exactly its
// two attempts and then fails with its roster, and the normal job queued behind it is solved
// before the second attempt, not after it.
func TestLocalRetriesUpToMaxAttempts(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "w1")
		flaky, flakyJob := f.queue(smallProblem(t), time.Second, 2)
		refuseSolved(t, s, flaky.ID)
		normal, normalJob := f.queue(smallProblem(t), time.Second, 2)
		startLocal(t, f)
		waitFor(t, 60*time.Second, "the job to fail", func() bool { return f.job(flakyJob.ID).FinishedAt != nil })
		time.Sleep(500 * time.Millisecond)
		j := checkAttemptsSpent(t, f, flaky, flakyJob)
		n := f.job(normalJob.ID)
		if n.Status != store.JobSucceeded || n.Attempts != 1 || f.roster(normal.ID).Status != store.RosterDraft {
			t.Fatalf("the job behind: %+v", n)
		}
		if j.StartedAt == nil || j.StartedAt.Before(*n.FinishedAt) {
			t.Errorf("the failing job's second attempt began at %v, before the job behind it finished at %v", j.StartedAt, n.FinishedAt)
		}
	})
}

// TestRiverPoisonJobFailsAtOnce is TestLocalPoisonJobFailsAtOnce on River: the job fails at its
// first attempt, and River, told so, does not run it again.
func TestRiverPoisonJobFailsAtOnce(t *testing.T) {
	f, _ := riverFixture(t, 1)
	bad, badJob := f.queue(poisoned(t), time.Second, 3)
	good, goodJob := f.queue(smallProblem(t), time.Second, 3)
	waitFor(t, 30*time.Second, "both jobs to finish", func() bool {
		return f.job(badJob.ID).FinishedAt != nil && f.job(goodJob.ID).FinishedAt != nil
	})
	checkPoisonFailed(t, f, bad, badJob, good, goodJob)
	waitFor(t, 10*time.Second, "River to record both ends", func() bool {
		b, _ := riverState(t, f.s, badJob.ID)
		g, _ := riverState(t, f.s, goodJob.ID)
		return b == "cancelled" && g == "completed"
	})
	if _, attempt := riverState(t, f.s, badJob.ID); attempt != 1 {
		t.Errorf("River ran the poisoned job %d times", attempt)
	}
}

// TestRiverRetriesUpToMaxAttempts is TestLocalRetriesUpToMaxAttempts on River: after the job's
// last attempt the store shows it failed, with its roster, and River's copy is final too (it
// was discarded while the job row still said queued and the roster solving).
func TestRiverRetriesUpToMaxAttempts(t *testing.T) {
	f, _ := riverFixture(t, 1)
	flaky, flakyJob := f.queue(smallProblem(t), time.Second, 2)
	refuseSolved(t, f.s, flaky.ID)
	normal, normalJob := f.queue(smallProblem(t), time.Second, 2)
	waitFor(t, 90*time.Second, "the job to fail", func() bool { return f.job(flakyJob.ID).FinishedAt != nil })
	checkAttemptsSpent(t, f, flaky, flakyJob)
	waitFor(t, 30*time.Second, "the job behind to finish", func() bool { return f.job(normalJob.ID).FinishedAt != nil })
	if n := f.job(normalJob.ID); n.Status != store.JobSucceeded || n.Attempts != 1 || f.roster(normal.ID).Status != store.RosterDraft {
		t.Errorf("the job behind: %+v", n)
	}
	waitFor(t, 10*time.Second, "River to record the end", func() bool {
		st, _ := riverState(t, f.s, flakyJob.ID)
		return st == "cancelled" || st == "discarded"
	})
	time.Sleep(time.Second)
	if st, attempt := riverState(t, f.s, flakyJob.ID); attempt != 2 || (st != "cancelled" && st != "discarded") {
		t.Errorf("River job: %s after %d attempts, want final after 2", st, attempt)
	}
}

// TestOneSecondLimitFreesTheWorker queues a solve of a 10,000-agent month with a time limit of one
// second (building its first roster takes several), then a small one, on a single worker: the
// large solve stops at its limit in the phase it reached and fails with that reason at its first
// attempt, and the worker goes on to the small one. It used to keep the worker for minutes, its
// progress showing 0 s remaining all along.
func TestOneSecondLimitFreesTheWorker(t *testing.T) {
	large, err := gen.Generate(gen.Config{Agents: 10_000, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	forEachStore(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s, "w1")
		big, bigJob := f.queue(large, time.Second, 3)
		small, smallJob := f.queue(smallProblem(t), time.Second, 3)
		startLocal(t, f)
		waitFor(t, 120*time.Second, "the large job to end", func() bool { return f.job(bigJob.ID).FinishedAt != nil })
		j := f.job(bigJob.ID)
		if j.Status != store.JobFailed || j.Attempts != 1 || !strings.Contains(j.Error, "the time limit of 1s ran out while") {
			t.Fatalf("large job with a 1-s limit: %+v, want failed at its first attempt by the time limit", j)
		}
		if r := f.roster(big.ID); r.Status != store.RosterFailed || r.Error != j.Error {
			t.Errorf("its roster: %s %q", r.Status, r.Error)
		}
		var pr Progress
		if err := json.Unmarshal([]byte(j.Progress), &pr); err == nil && pr.Elapsed > 5 {
			t.Errorf("the large job reported progress %.1f s into a 1-s solve: %s", pr.Elapsed, j.Progress)
		}
		if held := j.FinishedAt.Sub(*j.StartedAt); held > 30*time.Second { // generous: 30 times the limit
			t.Errorf("the large job held its worker %s", held)
		}
		t.Logf("the 1-s solve of 10,000 agents held its worker %s: %s", j.FinishedAt.Sub(*j.StartedAt), j.Error)
		waitFor(t, 30*time.Second, "the small job to finish", func() bool { return f.job(smallJob.ID).FinishedAt != nil })
		if n := f.job(smallJob.ID); n.Status != store.JobSucceeded || f.roster(small.ID).Status != store.RosterDraft {
			t.Errorf("the job behind: %+v", n)
		}
	})
}
