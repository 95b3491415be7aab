package solver

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// TestDiveGivesEachAgentAWholeColumn: on generated problems of the public benchmark's kind
// (narrowBandProblem: bands of minutes two shifts wide, run, weekend and template limits, leave),
// after the column generation the dive gives every agent one column of its own that keeps the
// agent's own rows, and the repaired roster passes the independent checker.
func TestDiveGivesEachAgentAWholeColumn(t *testing.T) {
	for seed := range uint64(3) {
		p := narrowBandProblem(t, 4, 10, seed)
		m, err := compile(p)
		if err != nil {
			t.Fatal(err)
		}
		r := newRelaxation(m, false)
		c := newColgen(r)
		if _, l := c.generate(nil, func() bool { return false }, time.Time{}, 30, nil, false); l == nil {
			t.Fatalf("seed %d: the generation found no bound", seed)
		}
		st := c.dive(rand.New(rand.NewPCG(seed, 1)), unlimited(), time.Time{})
		if st == nil {
			t.Fatalf("seed %d: the dive gave no roster", seed)
		}
		for a, k := range c.fixed {
			if k < 0 || c.cols[k].agent != a || !c.cols[k].whole {
				t.Fatalf("seed %d: agent %d given column %d", seed, a, k)
			}
		}
		checkRoster(t, p, st.roster())
	}
}

// TestDiveFindsTheOptimumOfSmallProblems: where the relaxation is tight the dive reads the
// optimum off the master. On the small random problems that the enumeration solves (the
// empty-interval term, which the master leaves out, set to 0), the dive's roster never scores
// below the optimum, the dive gives a roster keeping every HARD rule on nearly all of them and the
// optimum itself on most (measured: 27 and 19 of 29; the misses are problems whose programme is
// fractional, with convex under-coverage, and two whose trainee or band the repair cannot mend).
func TestDiveFindsTheOptimumOfSmallProblems(t *testing.T) {
	tried, rosters, optimal := 0, 0, 0
	for seed := range uint64(30) {
		p := tinyProblem(t, seed)
		p.Rules.Weights.Empty = 0
		m, err := compile(p)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		best, _, ok := optimum(m)
		if !ok {
			continue
		}
		c := newColgen(newRelaxation(m, false))
		if _, l := c.generate(nil, func() bool { return false }, time.Time{}, 30, nil, false); l == nil {
			continue // withdrawn: the relaxation cannot price some agent
		}
		tried++
		st := c.dive(rand.New(rand.NewPCG(seed, 1)), unlimited(), time.Time{})
		if st == nil {
			continue
		}
		rosters++
		if v := st.soft(); v < best-1e-6 {
			t.Fatalf("seed %d: the dive's roster scores %.4f, below the optimum %.4f", seed, v, best)
		} else if v <= best+1e-6 {
			optimal++
		}
	}
	t.Logf("of %d problems the dive gave a roster for %d and the optimum for %d", tried, rosters, optimal)
	if tried < 25 || rosters < tried*9/10 || optimal < tried*6/10 {
		t.Errorf("of %d problems the dive gave a roster for %d and the optimum for %d", tried, rosters, optimal)
	}
}

// TestSolveDivesOnShiftDemand: a solve on demand per day and template bounds by column
// generation, dives on its master and polishes the dive's roster; under a move budget the dive
// runs to its end, its progress carries the search's best roster, and the roster passes the
// checker.
func TestSolveDivesOnShiftDemand(t *testing.T) {
	p := narrowBandProblem(t, 4, 10, 5)
	dived, blind := 0, 0
	r, err := Solve(context.Background(), p, Options{Moves: 100_000, Seed: 1, Workers: 2, Progress: func(pr Progress) {
		if pr.Phase != PhaseDive {
			return
		}
		if pr.Done == pr.Of {
			dived++
		}
		if math.IsInf(pr.Best, 1) {
			blind++
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if dived == 0 || blind > 0 {
		t.Errorf("the solve's dive reported its end %d times and no best roster %d times", dived, blind)
	}
	if r.Solver.ObjectiveBound <= 0 || r.Solver.ObjectiveBound > r.Objective.Total+1e-6 {
		t.Errorf("bound %.2f for an objective of %.2f", r.Solver.ObjectiveBound, r.Objective.Total)
	}
	checkRoster(t, p, r)
}

// BenchmarkDive times the dive on a generated four-week problem of the public benchmark's kind
// after 30 evaluations of the generation, and reports its repaired roster's objective against
// the generation's bound (gap %, the dive's own distance from the relaxation before any polish).
func BenchmarkDive(b *testing.B) {
	for _, agents := range []int{20, 60} {
		p := narrowBandProblem(b, 4, agents, 1)
		m, err := compile(p)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("agents=%d", agents), func(b *testing.B) {
			objective, bound := 0.0, 0.0
			for b.Loop() {
				b.StopTimer()
				c := newColgen(newRelaxation(m, false))
				bound, _ = c.generate(nil, func() bool { return false }, time.Time{}, 30, nil, false)
				b.StartTimer()
				st := c.dive(rand.New(rand.NewPCG(1, 1)), unlimited(), time.Time{})
				if st == nil {
					b.Fatal("no roster from the dive")
				}
				objective = st.soft()
			}
			b.ReportMetric(objective, "objective")
			b.ReportMetric(100*(objective-bound)/objective, "gap%")
		})
	}
}
