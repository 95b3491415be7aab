package solver

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"wfm"
)

// unlimited is a pacer that never stops a phase.
func unlimited() *pacer { return &pacer{b: budget{ctx: context.Background()}} }

// cancelled is a pacer whose context is already cancelled.
func cancelled() *pacer {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return &pacer{b: budget{ctx: ctx}}
}

// noRoster asserts that err is a *NoRosterError that stopped in phase ph partway through it, and
// returns it.
func noRoster(t *testing.T, err error, ph Phase) *NoRosterError {
	t.Helper()
	var e *NoRosterError
	if !errors.As(err, &e) || !errors.Is(err, ErrNoFeasible) {
		t.Fatalf("Solve = %v, want a *NoRosterError wrapping ErrNoFeasible", err)
	}
	if e.Phase != ph || e.Of == 0 || e.Done >= e.Of {
		t.Fatalf("stopped in %s at %d of %d %s, want partway through %s (%v)", e.Phase, e.Done, e.Of, e.Unit, ph, err)
	}
	return e
}

// TestSolveStopsAtTheDeadlineDuringConstruction gives a 3,000-agent month (its construction takes
// a few hundred milliseconds, its break placement seconds) a 50-ms limit: the solve stops inside
// the construction, with an error that says so and how far it got, instead of building the whole
// first roster and then searching on a budget already spent.
func TestSolveStopsAtTheDeadlineDuringConstruction(t *testing.T) {
	p := smallCentre(t, 31, 3000, 1)
	const limit = 50 * time.Millisecond
	r, err := Solve(context.Background(), p, Options{Time: limit, Seed: 1, Workers: 2})
	if r != nil {
		t.Fatalf("a roster after %v: the construction cannot have finished in %s", r.Solver.Seconds, limit)
	}
	e := noRoster(t, err, PhaseConstruct)
	if !errors.Is(err, ErrTimeLimit) || errors.Is(err, context.Canceled) || e.Unit != "days" || e.Of != 31 {
		t.Errorf("error %v: cause %v, %d of %d %s", err, e.Cause, e.Done, e.Of, e.Unit)
	}
	if e.Elapsed > 30*limit { // generous: the stop is asked for between agents
		t.Errorf("the solve stopped %s after its start, its limit %s", e.Elapsed, limit)
	}
}

// TestSolveCancelledDuringConstruction cancels a solve from its progress report on the third day
// of the construction: it stops there, with the context's error.
func TestSolveCancelledDuringConstruction(t *testing.T) {
	p := smallCentre(t, 31, 400, 2)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var phases []Phase
	progress := func(pr Progress) {
		if len(phases) == 0 || phases[len(phases)-1] != pr.Phase {
			phases = append(phases, pr.Phase)
		}
		if pr.Phase == PhaseConstruct && pr.Done == 2 {
			cancel()
		}
	}
	_, err := Solve(ctx, p, Options{Time: time.Hour, Seed: 1, Workers: 2, Progress: progress})
	e := noRoster(t, err, PhaseConstruct)
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeLimit) || e.Done != 2 {
		t.Errorf("error %v: cause %v at day %d, want cancelled at day 2", err, e.Cause, e.Done)
	}
	if len(phases) != 1 {
		t.Errorf("phases reported %v, want only the construction", phases)
	}
}

// TestSolveCancelledDuringBreaksReturnsTheFirstRoster cancels a solve while it places the first
// roster's breaks. That roster already keeps every HARD rule, so it is the answer: complete, with
// the breaks placed so far, passing the checker.
func TestSolveCancelledDuringBreaksReturnsTheFirstRoster(t *testing.T) {
	p := smallCentre(t, 14, 40, 3)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	progress := func(pr Progress) {
		if pr.Phase == PhaseBreaks && pr.Done > 0 {
			cancel()
		}
		if pr.Phase == PhaseSearch {
			t.Errorf("the search began after the cancellation")
		}
	}
	r, err := Solve(ctx, p, Options{Time: time.Hour, Seed: 1, Workers: 2, Progress: progress})
	if err != nil {
		t.Fatalf("Solve cancelled with a feasible first roster: %v", err)
	}
	checkRoster(t, p, r)
	if r.Solver.Iterations != 0 || !r.Solver.Feasible {
		t.Errorf("solver stats %+v, want the first roster, feasible, no search moves", r.Solver)
	}
}

// TestSearchStopsWithinAnEpoch runs a chain for an epoch on a spent budget: it stops within
// stopCheckMoves moves, not after the epoch's 40,000.
func TestSearchStopsWithinAnEpoch(t *testing.T) {
	m, err := compile(smallCentre(t, 14, 24, 4))
	if err != nil {
		t.Fatal(err)
	}
	init := newState(m)
	construct(init, rand.New(rand.NewPCG(1, 1)), unlimited())
	c := newChain(init, 1, 1)
	c.run(epochMoves, 1, cancelled().b)
	if c.moves >= stopCheckMoves {
		t.Errorf("a chain on a cancelled budget made %d moves", c.moves)
	}
	soft, hard := c.st.soft(), c.st.hard()
	c.st.recompute()
	if math.Abs(soft-c.st.soft()) > 1e-6 || math.Abs(hard-c.st.hard()) > 1e-6 {
		t.Errorf("a stopped epoch left its totals inexact: %v %v, recomputed %v %v", soft, hard, c.st.soft(), c.st.hard())
	}
}

// TestSearchAfterTheDeadlineDoesNotRun starts the search with its deadline already past: the
// share of the budget spent is all of it (it was negative, and the search never ended), so no
// epoch runs.
func TestSearchAfterTheDeadlineDoesNotRun(t *testing.T) {
	m, err := compile(smallCentre(t, 7, 12, 5))
	if err != nil {
		t.Fatal(err)
	}
	init := newState(m)
	construct(init, rand.New(rand.NewPCG(1, 1)), unlimited())
	pc := &pacer{b: budget{ctx: context.Background(), deadline: time.Now().Add(-time.Second)}, began: time.Now()}
	if s := pc.b.share(time.Now(), 0); s != 1 {
		t.Errorf("share of a budget whose deadline has passed = %v, want 1", s)
	}
	best := anneal(init, []uint64{1, 2}, pc, 1)
	if best.moves != 0 {
		t.Errorf("the search made %d moves after its deadline", best.moves)
	}
}

// TestSolveRefusesAnObjectiveThatOverflows gives weights so large that the objective is +Inf:
// the solve returns an error naming the weights and the term, never a roster whose numbers
// cannot be written (JSON has no +Inf) or compared.
func TestSolveRefusesAnObjectiveThatOverflows(t *testing.T) {
	for _, tc := range []struct {
		term string
		set  func(w *wfm.Weights)
	}{
		{wfm.TermUnder, func(w *wfm.Weights) { w.Under = 1e308 }}, // already the empty roster's
		{wfm.TermOver, func(w *wfm.Weights) { w.Over = 1e308 }},   // the first roster's
		{wfm.TermNights, func(w *wfm.Weights) { w.Nights = math.MaxFloat64 }},
	} {
		t.Run(tc.term, func(t *testing.T) {
			p := smallCentre(t, 7, 12, 5)
			tc.set(&p.Rules.Weights)
			r, err := Solve(context.Background(), p, Options{Moves: 20_000, Seed: 1, Workers: 2})
			var e *wfm.Error
			if r != nil || !errors.As(err, &e) || e.Kind != wfm.KindInvalid || e.Field != "rules.weights" ||
				!strings.Contains(e.Message, tc.term) || !strings.Contains(e.Message, "+Inf") {
				t.Fatalf("Solve = roster %v, error %v; want an invalid-input error on rules.weights naming %s", r != nil, err, tc.term)
			}
		})
	}
}

// TestCheckFinite refuses a roster with a term, a total or a coverage figure that is not finite.
func TestCheckFinite(t *testing.T) {
	p := smallCentre(t, 7, 12, 5)
	good, err := Solve(context.Background(), p, Options{Moves: 5_000, Seed: 1, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := checkFinite(good); err != nil {
		t.Fatalf("a solved roster: %v", err)
	}
	for name, spoil := range map[string]func(r *wfm.Roster){
		"term":          func(r *wfm.Roster) { r.Objective.Terms[2].Penalty = math.Inf(1) },
		"total":         func(r *wfm.Roster) { r.Objective.Total = math.NaN() },
		"minnan":        func(r *wfm.Roster) { r.Coverage.MinnanOnPhones[3] = math.NaN() },
		"on the phones": func(r *wfm.Roster) { r.Coverage.OnPhones[0] = math.Inf(-1) },
	} {
		r := *good
		r.Objective.Terms = slices.Clone(good.Objective.Terms)
		c := *good.Coverage
		c.OnPhones, c.MinnanOnPhones = slices.Clone(c.OnPhones), slices.Clone(c.MinnanOnPhones)
		r.Coverage = &c
		spoil(&r)
		if err := checkFinite(&r); wfm.ErrorKind(err) != wfm.KindInvalid {
			t.Errorf("%s not finite: checkFinite = %v", name, err)
		}
	}
}
