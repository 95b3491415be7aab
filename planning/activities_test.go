package planning

import (
	"context"
	"math"
	"testing"

	"wfm"
	"wfm/benchmarks/gen"
	"wfm/solver"
	"wfm/solver/validate"
)

// TestAddActivityCapacity: the demand is raised by ⌈off_t⌉ where the first placement's sessions
// take people off the phones, the roster solved for it places the activities again, and that
// roster, with its sessions, passes the checker on the original problem, whose objective it
// carries.
func TestAddActivityCapacity(t *testing.T) {
	p, err := gen.Generate(gen.Config{Agents: 40, Days: 14, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	p.Activities = MustShowActivities(p).Activities
	p.Activities[0].Repeat = wfm.RepeatNone
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	solve := func(_ context.Context, q *wfm.Problem) (*wfm.Roster, error) {
		return solver.Solve(context.Background(), q, solver.Options{Moves: 200_000, Seed: 1, Workers: 1})
	}
	r, err := solve(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	first, err := PlaceActivities(p, r)
	if err != nil {
		t.Fatal(err)
	}
	var raised *wfm.Problem
	next, a, err := AddActivityCapacity(context.Background(), p, first, func(ctx context.Context, q *wfm.Problem) (*wfm.Roster, error) {
		raised = q
		return solve(ctx, q)
	})
	if err != nil {
		t.Fatal(err)
	}
	added := 0
	for i, k := range raised.Demand.Agents {
		want := p.Demand.Agents[i] + int(math.Ceil(first.Off.Agents[i]-1e-9))
		if k != want {
			t.Fatalf("interval %d: demand %d, want %d", i, k, want)
		}
		added += k - p.Demand.Agents[i]
	}
	if added == 0 || a.Added != float64(added*p.Horizon.IntervalMinutes)/60 || a.First != first {
		t.Errorf("added %v agent-hours (%d agent-intervals), first %p", a.Added, added, a.First)
	}
	check := validate.Check(p, next)
	if !check.OK() || check.Compare(next.Objective, 1e-9) != nil || len(next.Sessions) == 0 {
		t.Errorf("the new roster: %v, %v, %d sessions", check.Violations, check.Compare(next.Objective, 1e-9), len(next.Sessions))
	}
	t.Logf("objective %.1f without sessions, %.1f with them; solved with %.1f agent-hours added: %.1f with them", first.Before.Total,
		first.After.Total, a.Added, a.After.Total)
}
