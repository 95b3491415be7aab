package activities_test

import (
	"context"
	"math"
	"sync"
	"testing"

	"wfm"
	"wfm/activities"
	"wfm/benchmarks/gen"
	"wfm/solver"
	"wfm/solver/validate"
)

var (
	solved struct {
		p *wfm.Problem
		r *wfm.Roster
	}
	solvedOnce sync.Once
	solvedErr  error
)

// centre is a generated centre of 40 agents over 14 days and its solved roster, shared by the
// tests (each takes copies).
func centre(t *testing.T) (*wfm.Problem, *wfm.Roster) {
	t.Helper()
	solvedOnce.Do(func() {
		p, err := gen.Generate(gen.Config{Agents: 40, Days: 14, Seed: 3})
		if err != nil {
			solvedErr = err
			return
		}
		r, err := solver.Solve(context.Background(), p, solver.Options{Moves: 200_000, Seed: 1, Workers: 1})
		solved.p, solved.r, solvedErr = p, r, err
	})
	if solvedErr != nil {
		t.Fatal(solvedErr)
	}
	p := *solved.p
	r := *solved.r
	return &p, &r
}

// withActivities is the centre with a two-week exam for every agent not suspended in groups of
// at most 10, and a weekly 2-hour course for 12 day agents.
func withActivities(p *wfm.Problem) *wfm.Problem {
	q := *p
	n := 0
	for i := range q.Agents {
		if !q.Agents[i].Has(wfm.RoleSuspended) {
			n++
		}
	}
	last := q.Horizon.Start.AddDays(q.Horizon.Days - 1)
	q.Activities = []wfm.Activity{
		{ID: "exam", Kind: wfm.ActivityExam, Minutes: 60, Count: n, From: q.Horizon.Start, To: last, Repeat: wfm.RepeatQuarterly},
		{ID: "course", Kind: wfm.ActivityTraining, Minutes: 120, Count: 12, Group: wfm.GroupDay, From: q.Horizon.Start, To: last,
			Repeat: wfm.RepeatWeekly},
	}
	return &q
}

// TestPlacePassesTheChecker: every placement, least cost or busiest, passes the independent
// checker; each session's cost is the change of the checker's objective it makes, so the costs
// add up to the objective after less before; every attendee is placed or named with a reason;
// and choosing by cost adds no more than choosing the busiest hour.
func TestPlacePassesTheChecker(t *testing.T) {
	base, r := centre(t)
	p := withActivities(base)
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	before := validate.Check(p, r)
	if !before.OK() {
		t.Fatalf("the solved roster breaks %v", before.Violations)
	}
	totals := map[activities.Strategy]float64{}
	for _, how := range []activities.Strategy{activities.LeastCost, activities.Busiest} {
		pl, err := activities.Place(p, r, how)
		if err != nil {
			t.Fatal(err)
		}
		q := *r
		q.Sessions = pl.Sessions
		after := validate.Check(p, &q)
		if !after.OK() {
			t.Fatalf("strategy %d: %d violations, first %v", how, len(after.Violations), after.Violations[0])
		}
		if got, want := pl.Total(), after.Objective.Total-before.Objective.Total; math.Abs(got-want) > 1e-6*math.Max(1, math.Abs(want)) {
			t.Errorf("strategy %d: sessions cost %v, the checker's objective moved by %v", how, got, want)
		}
		totals[how] = pl.Total()
		t.Logf("strategy %d: %d sessions, %d unplaced, cost %.1f, under-coverage %.1f → %.1f", how, len(pl.Sessions), len(pl.Unplaced),
			pl.Total(), before.Objective.Term(wfm.TermUnder).Penalty, after.Objective.Term(wfm.TermUnder).Penalty)
		placed := map[string]int{}
		for _, s := range pl.Sessions {
			if len(s.Attendees) > 10 {
				t.Errorf("session of %s on %s has %d attendees", s.Activity, s.Date, len(s.Attendees))
			}
			for _, a := range s.Attendees {
				placed[s.Activity+"/"+string(rune('0'+s.Occurrence))+"/"+a]++
			}
		}
		for _, u := range pl.Unplaced {
			if u.Reason == "" {
				t.Errorf("%s unplaced without a reason", u.Agent)
			}
			placed[u.Activity+"/"+string(rune('0'+u.Occurrence))+"/"+u.Agent]++
		}
		want := 0
		for _, a := range p.Activities {
			want += a.Count * len(a.Occurrences())
		}
		if len(placed) != want {
			t.Errorf("strategy %d: %d attendances placed or named, want %d", how, len(placed), want)
		}
		for k, n := range placed {
			if n != 1 {
				t.Errorf("%s placed or named %d times", k, n)
			}
		}
		if len(pl.Sessions) == 0 {
			t.Errorf("strategy %d placed nothing", how)
		}
	}
	if totals[activities.LeastCost] > totals[activities.Busiest]+1e-9 {
		t.Errorf("least cost %v costs more than the busiest hour %v", totals[activities.LeastCost], totals[activities.Busiest])
	}
}

// TestUnplacedReasons: an attendee on leave the whole window, and one who works no shift in it,
// are named with those reasons.
func TestUnplacedReasons(t *testing.T) {
	base, r := centre(t)
	p := *base
	day := p.Horizon.Start.AddDays(2)
	var leave, idle string
	for _, s := range r.Schedules {
		d := s.Days[2]
		switch {
		case d.Leave != "" && leave == "":
			leave = s.Agent
		case !d.Working() && d.Leave == "" && idle == "":
			idle = s.Agent
		}
	}
	if leave == "" || idle == "" {
		t.Fatalf("the centre has no agent on leave (%q) or off (%q) on %s", leave, idle, day)
	}
	p.Activities = []wfm.Activity{{ID: "m", Kind: wfm.ActivityMeeting, Minutes: 30, Agents: []string{leave, idle}, From: day, To: day}}
	pl, err := activities.Place(&p, r, activities.LeastCost)
	if err != nil {
		t.Fatal(err)
	}
	if len(pl.Sessions) != 0 || len(pl.Unplaced) != 2 {
		t.Fatalf("sessions %v, unplaced %v", pl.Sessions, pl.Unplaced)
	}
	want := map[string]string{leave: "on leave on every day of the window " + day.String() + " to " + day.String(),
		idle: "works no shift in the window " + day.String() + " to " + day.String()}
	for _, u := range pl.Unplaced {
		if u.Reason != want[u.Agent] {
			t.Errorf("%s: %q, want %q", u.Agent, u.Reason, want[u.Agent])
		}
	}
}

// BenchmarkPlace places the must-show activities (an exam for every agent, a weekly course for
// 20) on a generated month of 150 agents.
func BenchmarkPlace(b *testing.B) {
	p, err := gen.Generate(gen.Config{Agents: 150, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	r, err := solver.Solve(context.Background(), p, solver.Options{Moves: 2_000_000, Seed: 1, Workers: 1})
	if err != nil {
		b.Fatal(err)
	}
	q := withActivities(p)
	q.Activities[1].Count = 20
	if err := q.Validate(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := activities.Place(q, r, activities.LeastCost); err != nil {
			b.Fatal(err)
		}
	}
}
