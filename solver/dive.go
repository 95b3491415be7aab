package solver

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// The dive: a roster read off the column generation's master (colgen.go) by giving agents, a few
// at a time, the schedule the programme weighs most, and pricing again around them (a
// price-and-branch dive, without backtracking).
//
// A step runs diveRounds − 1 rounds of generation (the master diveSteps from its last point, every
// free agent priced at its duals, the new schedules added) and the master once more, then reads
// its weights w_aj: every free agent whose heaviest whole column weighs at least diveSure gets it;
// when none does, the heaviest tenth (diveFraction, at least one) of the free agents get theirs.
// Only a whole column may be given, one that keeps the agent's own rows (minutes, weekly band,
// template limits) by itself. A given agent leaves the programme: its column's entries move into
// the rows' ranges, and the pricing skips it. When every agent has a schedule the roster they
// make is repaired (repair.go: trainees, and whatever the rows met only on average left) and is
// the dive's answer when it keeps every HARD rule. Against a deadline the dive paces itself: with
// the time left worth k steps at the last step's pace, a step gives at least ⌈free/k⌉ agents, so a
// large master ends with coarser steps rather than no roster (the public benchmark's Instances 11
// and 15 gave none in 60 s before).
//
// The dive reads the master's primal point, so it proves nothing: it is a start for the search,
// near the programme's optimum where the relaxation is tight (the public benchmark's Instance 3:
// the optimum, 1001, in about a second). A first-order master's weights are accurate only after
// thousands of steps: on Instance 7 (bound 1,052) the dive's roster scored 1,809 with 300 steps
// before each reading, 1,394 with 1,000 and 1,165 with 3,000 (a probe of the dive alone after 3 s
// of generation).
const (
	diveSteps    = 3000 // the master's steps before each reading of the weights
	diveSure     = 0.95 // a weight at least this gives the agent its column without a choice
	diveFraction = 0.1  // the share of the free agents given a column when none is sure
	diveRounds   = 2    // generation rounds per step, the last one's pricing left out
)

// dive fixes c's agents to columns until every agent has one, paced to end by until (zero: none);
// it returns the repaired roster, or nil when the pacer stopped it, not one more step fitted before
// until, no whole column was left to give, or the repair left a HARD rule broken.
func (c *colgen) dive(rng *rand.Rand, pc *pacer, until time.Time) *state {
	r, m := c.r, c.r.m
	r.halt = func() bool { return pc.b.stopped() || !until.IsZero() && time.Now().After(until) }
	c.fixed = slices.Repeat([]int{-1}, m.A)
	r.bandExact, r.skip = true, func(a int) bool { return c.fixed[a] >= 0 }
	defer func() { r.bandExact, r.skip = false, nil }()
	pc.begin(PhaseDive, m.A, "agents")
	g := make([]float64, r.n)
	free, last := m.A, time.Duration(0)
	for free > 0 {
		if pc.step(m.A - free) {
			return nil
		}
		least := 1 // agents this step must give a column for the dive to end by until
		if !until.IsZero() && last > 0 {
			steps := int(time.Until(until) / last)
			if steps < 1 {
				return nil
			}
			least = (free + steps - 1) / steps
		}
		began := time.Now()
		for range diveRounds - 1 { // price around the agents given so far
			if math.IsNaN(r.Eval(c.solve(diveSteps), g)) || r.withdrawn {
				return nil
			}
			c.addPriced()
		}
		c.solve(diveSteps)
		n := c.fix(least)
		if n == 0 {
			return nil
		}
		free -= n
		last = time.Since(began)
	}
	pc.step(m.A)
	st := newState(m)
	for a, k := range c.fixed {
		col := &c.cols[k]
		for d, s := range col.x {
			if s >= 0 {
				st.set(a, d, int(s), int(col.opt[d]))
			}
		}
	}
	if !repair(st, rng, movePicks(m), pc) || !st.feasible() {
		return nil
	}
	return st
}

// fix gives the free agents whose heaviest whole column weighs at least diveSure that column; when
// none does, the heaviest diveFraction of the free agents get theirs; and when fewer than least
// agents got one, the heaviest of the rest up to least. It returns how many agents it gave a column.
func (c *colgen) fix(least int) int {
	off := len(c.slacks)
	best := slices.Repeat([]int{-1}, len(c.fixed))
	for k, col := range c.cols {
		a := col.agent
		if c.fixed[a] >= 0 || !col.whole {
			continue
		}
		if best[a] < 0 || c.x[off+k] > c.x[off+best[a]] {
			best[a] = k
		}
	}
	var unsure []int // free agents with a whole column below diveSure
	n := 0
	for a, k := range best {
		switch {
		case k < 0:
		case c.x[off+k] >= diveSure:
			c.fixed[a] = k
			n++
		default:
			unsure = append(unsure, a)
		}
	}
	more := least - n
	if n == 0 {
		more = max(more, int(math.Ceil(diveFraction*float64(len(unsure)))))
	}
	more = min(more, len(unsure))
	if more <= 0 {
		return n
	}
	slices.SortFunc(unsure, func(a, b int) int { return cmp.Compare(c.x[off+best[b]], c.x[off+best[a]]) })
	for _, a := range unsure[:more] {
		c.fixed[a] = best[a]
	}
	return n + more
}

// The search guided by the programme, on demand per day and template (where the objective's bound
// is the column generation's) over up to spanFull days: the annealing has guidedSearchShare of the
// time, the bounds boundShare, the dive at most half of what is left, and a cold annealing
// (polishHeat of the search's starting temperature) of the dive's roster the rest, or of the
// search's best roster when the dive gives none. Under a budget of moves alone the polish has
// polishMoves of the moves.
//
// The first annealing is short on purpose: it gives the bound a roster to aim at and the master a
// schedule per agent, and the polish of the dive's roster then descends faster than the annealing
// from its own start where that is still descending (the public benchmark's Instances 9, 13 and
// 15 at 60 s; at ten minutes Instance 15 ends higher than with the long annealing, whose descent
// the cold polish does not match: README, "Public benchmark"). Longer horizons keep the whole time for the annealing: a
// build that dived on every horizon with three tenths of the time (not kept) ended Instances 17
// (56 days) and 19 (84) at 6,001 and 4,243 against 5,837 and 3,508 without (60 s, the same day).
const (
	guidedSearchShare = 0.15
	polishMoves       = 0.25
	polishHeat        = 0.1
)

// improve runs the dive on the master c (nil: none) and the polish, and returns the better of best
// and the polish's roster, with the polish's moves per chain.
func improve(best *state, c *colgen, seeds []uint64, rng *rand.Rand, pc *pacer) (*state, int64) {
	from := best
	if c != nil {
		var until time.Time
		if !pc.b.deadline.IsZero() {
			until = time.Now().Add(pc.b.remaining() / 2)
		}
		if d := c.dive(rng, pc, until); d != nil {
			from = d
		}
	}
	if pc.b.stopped() {
		return best, 0
	}
	b := pc.b
	if pc.b.moves > 0 {
		pc.b.moves = max(1, int64(polishMoves*float64(pc.b.moves)))
	}
	defer func() { pc.b = b }()
	pc.incumbent = best.soft()
	pc.begin(PhaseSearch, 0, "")
	polish := anneal(from, seeds, pc, polishHeat)
	if polish.best.feasible() && polish.best.soft() < best.soft() {
		return polish.best, polish.moves
	}
	return best, polish.moves
}
