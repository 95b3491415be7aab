package solver

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"strings"
	"time"

	"wfm"
)

// DefaultTime is the search time when Options sets no budget.
const DefaultTime = 60 * time.Second

// Options control a solve. The search stops at the first of: Time spent, Moves made per chain,
// the context cancelled. With a Moves budget and no Time, the same problem, Seed and Workers give
// the same roster on any machine; a Time budget gives what the machine's speed allows.
type Options struct {
	Time     time.Duration
	Moves    int64
	Seed     uint64
	Workers  int // parallel search chains; 0 means one per CPU
	Progress func(Progress)
}

// ErrNoFeasible is wrapped by the error (a *NoRosterError) of a solve that ends without a roster
// that keeps every HARD rule.
var ErrNoFeasible = errors.New("no roster keeping every HARD rule was found")

// Solve builds the roster for p. The problem must be valid (wfm.Problem.Validate). Inputs that
// cannot be satisfied are reported before any search, every one found, each a *wfm.Error of kind
// rule naming the rule, agent and days (a wfm.ErrorList when there are several).
//
// Solve keeps to its budget in every phase: at the deadline, or when ctx is cancelled, it returns
// the best roster found so far that keeps every HARD rule, or, when it has none, a
// *NoRosterError naming the phase it was in and how far that phase had got.
func Solve(ctx context.Context, p *wfm.Problem, opt Options) (*wfm.Roster, error) {
	began := time.Now()
	m, err := compile(p)
	if err != nil {
		return nil, err
	}
	if err := diagnose(m); err != nil {
		return nil, err
	}
	b := budget{ctx: ctx, moves: opt.Moves}
	switch {
	case opt.Time > 0:
		b.deadline = began.Add(opt.Time)
	case opt.Moves == 0:
		b.deadline = began.Add(DefaultTime)
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 1))
	init := newState(m)
	if err := init.checkObjective(); err != nil { // the empty roster, with the most under-coverage
		return nil, err
	}
	pc := &pacer{b: b, began: began, progress: opt.Progress, st: init, bound: math.Inf(-1), incumbent: math.Inf(1)}
	st, closest, iterations := init, init, int64(0)
	complete := first(init, rng, pc)
	if err := init.checkObjective(); err != nil {
		return nil, err
	}
	lb := lowerBounds{objective: math.Inf(-1), short: math.Inf(-1)}
	var warm []float64
	// A longer horizon's schedules are priced too slowly to seed; on interval demand the seed does
	// not pay (see boundShareIntervals).
	if complete && !b.stopped() && m.D <= spanFull && m.req == nil {
		init, warm = seed(init, rng, pc)
		pc.st, st, closest = init, init, init
	}
	if complete && !b.stopped() {
		seeds := make([]uint64, workers)
		for k := range seeds {
			seeds[k] = opt.Seed*1_000_003 + uint64(k)
		}
		pc.begin(PhaseSearch, 0, "")
		share := boundShare
		if m.req != nil {
			share = boundShareIntervals
		}
		guided := m.req == nil && m.hasShiftDemand && m.D <= spanFull // see guidedSearchShare
		if guided {
			share = 1 - guidedSearchShare
		}
		pc.b = b.leaving(share) // the search stops early enough for the bounds (and the dive)
		best := anneal(init, seeds, pc, 1)
		pc.b = b
		st, closest, iterations = best.best, best.st, best.moves
		if !st.feasible() && !b.stopped() { // no roster yet: the bounds' time goes to the search
			best = anneal(closest, seeds, pc, 1)
			st, closest, iterations = best.best, best.st, iterations+best.moves
		}
		if st.feasible() && b.ctx.Err() == nil {
			pc.st = st
			if guided { // the bounds have boundShare of the whole, the dive and the polish the rest
				pc.b = b.leaving((share - boundShare) / share)
			}
			var master *colgen
			lb, master = relax(st, pc, warm)
			pc.b = b
			if guided && lb.objective < st.soft() { // a roster proved optimal (branch.go) needs no polish
				var n int64
				st, n = improve(st, master, seeds, rng, pc)
				iterations += n
			}
		}
	}
	if !st.feasible() {
		if err := closest.checkObjective(); err != nil {
			return nil, err
		}
		return nil, pc.noRoster(closest)
	}
	r := st.roster()
	r.Solver = &wfm.SolverStats{Seed: opt.Seed, Seconds: time.Since(began).Seconds(), Iterations: iterations,
		Feasible: true, LowerBound: max(underLowerBound(m), lb.short)}
	r.Solver.SetBounds(r.Objective.Total, max(0, lb.objective), shortOf(st))
	if err := checkFinite(r); err != nil {
		return nil, err
	}
	return r, nil
}

// first builds the first roster in st: constructed, its breaks placed, repaired. It reports
// whether every phase ran to its end; when the budget stops one, st holds what was built so far.
func first(st *state, rng *rand.Rand, pc *pacer) bool {
	m := st.m
	if m.hasShiftDemand && m.req == nil {
		if !constructByResponse(st, rng, pc) {
			return false
		}
	} else if !construct(st, rng, pc) || !placeBreaks(st, rng, pc) {
		return false
	}
	return repair(st, rng, movePicks(m), pc)
}

// describeHard names the agents furthest from keeping the HARD rules in st.
func describeHard(st *state) string {
	m := st.m
	type bad struct {
		a int
		v float64
	}
	var list []bad
	for a, c := range st.agent {
		if c.hard > 1e-9 {
			list = append(list, bad{a, c.hard})
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].v > list[j].v })
	var parts []string
	for _, b := range list[:min(len(list), 8)] {
		parts = append(parts, fmt.Sprintf("%s (%.1f)", m.agents[b.a].id, b.v))
	}
	s := fmt.Sprintf("the closest roster breaks rules of working time or rest (R3, R21) for %d agents", len(list))
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, ", ")
	}
	if st.traineeHard > 0 {
		s += fmt.Sprintf("; %.0f trainee shifts without a mentor or colleague (R14): %s", st.traineeHard, st.aloneTrainees(8))
	}
	if st.hallHard > 0 {
		s += fmt.Sprintf("; %.0f open hall intervals with neither post holder present (R24): %s", st.hallHard, st.uncoveredPosts(8))
	}
	return s
}
