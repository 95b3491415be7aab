package solver

import (
	"context"
	"math"
	"testing"
	"time"

	"wfm"
)

// TestTreeBoundNeverExceedsTheOptimum: on random problems small enough to enumerate every roster,
// the tree's bound (branch.go) stays at most the exact optimum, never below the generation's
// bound it starts from, and rises above it where the linear programme leaves a gap: the tree
// branches, and its children's bounds are valid only if the pricing and the master both keep
// their decisions. The incumbent handed to the tree is above the optimum, so that a node pruned
// wrongly, or a bound taken from a subproblem that lost rosters, shows as a bound above it.
func TestTreeBoundNeverExceedsTheOptimum(t *testing.T) {
	never := func() bool { return false }
	raised, proved, compared := 0, 0, 0
	for seed := range uint64(60) {
		m, err := compile(tinyProblem(t, seed))
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		want, _, ok := optimum(m)
		if !ok {
			continue
		}
		c := newColgen(newRelaxation(m, false))
		p := newPlateau() // as a solve does: the tree once the generation stalls
		root, lambda := c.generate(nil, p.stalled, time.Time{}, 300, p.see, false)
		if lambda == nil {
			continue
		}
		got := c.branch(root, lambda, want+10, never, time.Time{}, 200, nil)
		compared++
		if got > want+1e-6*max(1, math.Abs(want)) {
			t.Errorf("seed %d: tree bound %.6f above the optimum %.6f (root %.6f)", seed, got, want, root)
		}
		if got < root {
			t.Errorf("seed %d: tree bound %.6f below its root %.6f", seed, got, root)
		}
		if got > root+1e-6*max(1, math.Abs(root)) {
			raised++
		}
		if got >= want-1e-6*max(1, math.Abs(want)) {
			proved++
		}
		if c.r.ban != nil {
			t.Fatalf("seed %d: the tree left its decisions on the pricing", seed)
		}
	}
	t.Logf("%d problems: the tree raised the bound on %d and reached the optimum on %d", compared, raised, proved)
	if compared < 30 || raised == 0 {
		t.Errorf("compared %d problems, the tree raised the bound on %d: the test shows nothing", compared, raised)
	}
}

// TestObjectiveUnit: the tree rounds bounds up to the objective's unit only where every roster's
// objective is a whole number.
func TestObjectiveUnit(t *testing.T) {
	unit := func(p *wfm.Problem) float64 {
		m, err := compile(p)
		if err != nil {
			t.Fatal(err)
		}
		return m.objectiveUnit()
	}
	p := narrowBandProblem(t, 2, 3, 1)
	if u := unit(p); u != 1 {
		t.Errorf("benchmark-kind problem: unit %v, want 1", u)
	}
	p.Requests = []wfm.Request{{Agent: p.Agents[0].ID, Date: p.Horizon.Start, Kind: wfm.RequestOff, Weight: 2.5}}
	if u := unit(p); u != 0 {
		t.Errorf("with a request weighing 2.5: unit %v, want 0", u)
	}
	p.Requests = nil
	p.Rules.Weights.StartChange = 1 // 1 plus the hours beyond the tolerance: fractional
	if u := unit(p); u != 0 {
		t.Errorf("with start changes weighed: unit %v, want 0", u)
	}
	p.Rules.Weights.StartChange = 0
	p.ShiftDemand[0].OverWeight = 0.5
	if u := unit(p); u != 0 {
		t.Errorf("with an over-cover weight of 0.5: unit %v, want 0", u)
	}
}

// TestSolveStopsOnceProvedOptimal: where the tree proves the search's roster optimal (its bound
// reaches the roster's objective), the solve skips the dive and the polish and returns before its
// deadline, the roster passing the independent checker. Seed 3's generation alone bounds at 10
// against the optimum 33.
func TestSolveStopsOnceProvedOptimal(t *testing.T) {
	const budget = 2 * time.Second
	for _, seed := range []uint64{3, 13} {
		p := tinyProblem(t, seed)
		r, err := Solve(context.Background(), p, Options{Time: budget, Seed: 1})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if r.Solver.ObjectiveBound != r.Objective.Total {
			t.Errorf("seed %d: bound %.3f, objective %.3f: not proved optimal", seed, r.Solver.ObjectiveBound, r.Objective.Total)
		}
		// The search ends at 15 % of the budget and the bound at 25 %; the dive and the polish
		// (the rest) are skipped whatever the machine's load.
		if r.Solver.Seconds > 0.9*budget.Seconds() {
			t.Errorf("seed %d: the solve took %.2f s of its %v once proved optimal", seed, r.Solver.Seconds, budget)
		}
		checkRoster(t, p, r)
	}
}
