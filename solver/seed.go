package solver

import (
	"math/rand/v2"
	"time"
)

// The search guided by the relaxation: before the annealing of a horizon up to spanFull days
// (longer ones are priced too slowly for it to pay), the relaxation of the objective
// (lagrange.go) runs for seedShare of the time left (seedIterations evaluations under a move
// budget without a deadline), every agent takes its priced schedule at the best multipliers
// found (its best response to the prices of the rows, with its minutes fitted), the roster they
// make is repaired (repair.go: trainees, run and hour limits the schedules' convex combination
// does not hold), and it replaces the first roster when it keeps every HARD rule and scores
// better. The multipliers then start the final bound's ascent.
const (
	seedShare      = 0.05
	seedIterations = 20
)

// seed returns the roster the relaxation's schedules make, repaired, when it beats init (else
// init), and the multipliers of the ascent (nil when it did not run).
func seed(init *state, rng *rand.Rand, pc *pacer) (*state, []float64) {
	m := init.m
	r := newRelaxation(m, false)
	iterations, until := 0, time.Time{}
	if !pc.b.deadline.IsZero() {
		until = time.Now().Add(time.Duration(seedShare * float64(pc.b.remaining())))
	} else {
		iterations = seedIterations
	}
	pc.begin(PhaseBound, seedIterations, "evaluations")
	halt := func() bool { return pc.b.stopped() || !until.IsZero() && time.Now().After(until) }
	r.halt = halt
	stop := func() bool { return pc.step(pc.done+1) || halt() }
	start, _ := r.start(boundStart, stop)
	lambda := r.ascend(start, init.soft(), stop, iterations)
	if lambda == nil {
		return init, nil
	}
	// Price the best multipliers in at most the phase's time again; a horizon whose evaluation
	// takes longer gets no seed.
	if !until.IsZero() {
		until = time.Now().Add(time.Duration(seedShare * float64(pc.b.remaining())))
	}
	if v := r.Eval(lambda, make([]float64, r.n)); v != v || r.withdrawn {
		return init, nil // cut short before the schedules were priced, or withdrawn
	}
	st := newState(m)
	for a := range m.A {
		for d, s16 := range r.cols[a] {
			s := int(s16)
			if s < 0 {
				continue
			}
			b := middleOption(&m.shifts[s])
			if r.cover >= 0 {
				b = int(r.clsOpt[(r.classOf[a]*m.D+d)*m.S+s])
			}
			st.set(a, d, s, b)
		}
	}
	if !repair(st, rng, movePicks(m), pc) || !st.feasible() || st.soft() >= init.soft() {
		return init, lambda
	}
	return st, lambda
}
