package solver

import (
	"math"
	"math/rand/v2"
	"sort"
	"sync"
	"time"
)

// Search settings.
const (
	epochMoves     = 40_000 // moves per chain between synchronisations
	calibrateMoves = 400    // moves sampled to set the starting temperature
	hardGrow       = 1.3    // H multiplier after an epoch that ends infeasible
	hardShrink     = 0.9    // H multiplier after an epoch that ends feasible
	hardCap        = 1e4    // H stays below hardCap times its starting value
	stuckEpochs    = 25     // infeasible epochs in a row after which a chain restarts its H (and returns to its best)
	endTempShare   = 1e-3   // final temperature as a share of the first
)

// chain is one simulated-annealing walk with its own state and random stream.
type chain struct {
	st, best *state
	bestCost float64 // SOFT objective of best (feasible), +Inf until one is found
	pending  bool    // st is feasible and better than best but not yet copied
	rng      *rand.Rand
	j        journal
	h, h0    float64 // weight of one unit of the HARD measure, and its starting value
	stuck    int     // epochs in a row ended infeasible
	picks    []move  // moves laid out by weight, drawn uniformly
	moves    int64
	dp       *dp // best-response programme, made on first use
	every    int // moves between best responses
}

func newChain(init *state, seed uint64, h float64) *chain {
	c := &chain{st: newState(init.m), best: newState(init.m), bestCost: math.Inf(1),
		rng: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)), h: h}
	c.st.copyFrom(init)
	c.best.copyFrom(init)
	if init.feasible() {
		c.bestCost = init.soft()
	}
	c.picks = movePicks(init.m)
	c.every = respondEvery(init.m)
	return c
}

// movePicks lays the moves out by their weights, to be drawn uniformly.
func movePicks(m *model) []move {
	withBreaks := m.req != nil && m.p.Rules.Breaks
	var picks []move
	for _, mv := range moves {
		if mv.shape && !m.shapeOn() {
			continue
		}
		n := mv.flat
		if withBreaks {
			n = mv.withBreaks
		}
		for range n {
			picks = append(picks, mv.fn)
		}
	}
	if m.hall != nil {
		for range hallMoveWeight {
			picks = append(picks, swapHolders)
		}
	}
	return picks
}

// calibrate returns a starting temperature from random moves from st that do not worsen the HARD
// measure: the mean SOFT worsening, leaving out the largest tenth (a few moves that empty a
// critical interval would otherwise set the temperature for all), so that at first about a third
// of typical worsening moves are accepted.
func calibrate(st *state, rng *rand.Rand, picks []move) float64 {
	var j journal
	var worse []float64
	for range calibrateMoves {
		j.reset()
		if !picks[rng.IntN(len(picks))](st, &j, rng) {
			continue
		}
		if d := j.soft; d > 0 && j.hard <= 0 {
			worse = append(worse, d)
		}
		st.undo(&j)
	}
	if len(worse) == 0 {
		return 1
	}
	sort.Float64s(worse)
	kept := worse[:max(1, len(worse)*9/10)]
	sum := 0.0
	for _, w := range kept {
		sum += w
	}
	return sum / float64(len(kept))
}

// run performs n moves at temperature temp, fewer when b stops it (it asks every stopCheckMoves).
func (c *chain) run(n int, temp float64, b budget) {
	st := c.st
	for k := range n {
		if k%stopCheckMoves == stopCheckMoves-1 && b.stopped() {
			break
		}
		if (c.moves+int64(k))%int64(c.every) == 0 {
			c.respondStep(temp)
		}
		if !c.draw() {
			continue
		}
		delta := c.j.soft + c.h*c.j.hard
		if delta > 0 && c.rng.Float64() >= math.Exp(-delta/temp) {
			st.undo(&c.j)
			continue
		}
		c.afterAccept()
	}
	st.resum()
	if c.pending {
		c.best.copyFrom(st)
		c.pending = false
	}
}

// draw applies one random move to the walk, its cost change in c.j; false when the move found
// nothing to do.
func (c *chain) draw() bool {
	c.j.reset()
	if !c.picks[c.rng.IntN(len(c.picks))](c.st, &c.j, c.rng) {
		return false
	}
	c.moves++
	return true
}

// afterAccept keeps the best feasible state. It is copied lazily: when the walk is about to leave
// a state that is the best so far, the leaving move is undone, the state copied, and the move
// dropped (at most one move is lost per new best, and most moves never pay for a copy).
func (c *chain) afterAccept() {
	st := c.st
	better := st.feasible() && st.soft() < c.bestCost-1e-9
	if c.pending && !better && (!st.feasible() || st.soft() > c.bestCost+1e-9) {
		st.undo(&c.j)
		c.best.copyFrom(st)
		c.pending = false
		return
	}
	if better {
		c.bestCost = st.soft()
		c.pending = true
	}
}

// Progress is reported as the phases before the search go (Phase, Done of Of) and after every
// epoch of the search.
type Progress struct {
	Phase     Phase
	Done, Of  int // how far the phase before the search has got (0 of 0 in the search)
	Elapsed   time.Duration
	Best      float64 // objective of the best feasible roster so far (+Inf when none yet)
	Current   float64 // SOFT objective of the walk's current roster
	Hard      float64 // HARD measure of the walk's current roster
	Moves     int64
	Remaining time.Duration // until the deadline (0 without one)
	Bound     float64       // the certified lower bound on the objective so far (−Inf when none yet)
}

// anneal runs len(seeds) chains from init in parallel, in epochs of epochMoves; after each epoch
// the chains' best rosters are compared, and a chain that has fallen behind restarts from the best.
// The temperature follows the share of the budget spent, from heat times the typical change of a
// move on init (1 for a search, less to polish a roster without leaving its neighbourhood); an
// epoch ends early when b stops.
func anneal(init *state, seeds []uint64, pc *pacer, heat float64) *chain {
	b, start := pc.b, time.Now()
	chains := make([]*chain, 0, len(seeds))
	for _, s := range seeds {
		chains = append(chains, newChain(init, s, 1))
		if b.stopped() { // each chain copies the roster: on a large centre, a noticeable time
			break
		}
	}
	if init.m.req != nil && init.feasible() {
		descend(chains, pc, start)
	}
	typical := calibrate(chains[0].st, chains[0].rng, chains[0].picks)
	t0 := typical * heat
	for _, c := range chains {
		c.h = max(typical, 1)
		c.h0 = c.h
	}
	t1 := t0 * endTempShare
	for epoch := 0; ; epoch++ {
		s0 := b.share(start, chains[0].moves)
		if s0 >= 1 || b.stopped() {
			break
		}
		temp := t0 * math.Pow(t1/t0, s0) // geometric cooling over the budget
		inParallel(chains, func(c *chain) {
			c.run(epochMoves, temp, b)
			c.adaptHard(s0)
		})
		report(chains, pc)
		if epoch%10 == 9 {
			adopt(chains, bestChain(chains))
		}
	}
	return bestChain(chains)
}

// inParallel runs f on every chain, each on its own goroutine, and waits for them all.
func inParallel(chains []*chain, f func(*chain)) {
	var wg sync.WaitGroup
	for _, c := range chains {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(c)
		}()
	}
	wg.Wait()
}

// report sends the search's progress: the best chain's best roster and current walk.
func report(chains []*chain, pc *pacer) {
	if pc.progress == nil {
		return
	}
	best := bestChain(chains)
	pc.progress(Progress{Phase: PhaseSearch, Elapsed: time.Since(pc.began), Best: min(best.bestCost, pc.incumbent), Current: best.st.soft(), Bound: pc.bound,
		Hard: best.st.hard(), Moves: totalMoves(chains), Remaining: pc.b.remaining()})
}

// adopt puts every chain whose best roster is worse than best's on best's best roster.
func adopt(chains []*chain, best *chain) {
	for _, c := range chains {
		if c != best && c.bestCost > best.bestCost {
			c.st.copyFrom(best.best)
			c.best.copyFrom(best.best)
			c.bestCost = best.bestCost
		}
	}
}

// Descent settings. A roster built for interval demand by the greedy construction is far from any
// local optimum (a generated 2,000-agent month: an objective of 8·10⁷ after construction and
// repair, 5·10⁵ after a million improving moves). Annealed from there, the search calibrates its
// temperature and the weight of the HARD measure on that roster's large gains, leaves feasible
// ground at once, and returns to it (and so improves on the constructed roster) only after tens of
// seconds on thousands of agents. So the chains first descend from a feasible roster: a move is
// kept only when it keeps the HARD measure and lowers the SOFT objective; in rounds of descentPerAgent moves
// per agent (at least epochMoves) per chain, until a round gains less than descentStall of the
// objective or descentShare of the budget is spent. The annealing starts from the best chain's
// roster.
const (
	descentPerAgent = 100
	descentStall    = 0.01
	descentShare    = 0.25
)

// descend runs the chains' descent (see descentPerAgent) and leaves every chain on the best
// chain's roster.
func descend(chains []*chain, pc *pacer, start time.Time) {
	b := pc.b
	round := max(epochMoves, descentPerAgent*chains[0].st.m.A)
	last := math.Inf(1)
	for b.share(start, chains[0].moves) < descentShare && !b.stopped() {
		inParallel(chains, func(c *chain) { c.descend(round, b) })
		report(chains, pc)
		cur := bestChain(chains).bestCost
		if last-cur < descentStall*math.Abs(cur) {
			break
		}
		last = cur
	}
	adopt(chains, bestChain(chains))
}

// descend performs n moves of the descent (see descentPerAgent), fewer when b stops it; the walk,
// feasible and never worse, is the chain's best roster after it.
func (c *chain) descend(n int, b budget) {
	st := c.st
	for k := range n {
		if k%stopCheckMoves == stopCheckMoves-1 && b.stopped() {
			break
		}
		if c.draw() && (c.j.hard > 1e-9 || c.j.soft >= 0) {
			st.undo(&c.j)
		}
	}
	st.resum()
	if st.feasible() && st.soft() < c.bestCost {
		c.best.copyFrom(st)
		c.bestCost = st.soft()
	}
}

// adaptHard updates H after an epoch (strategic oscillation): up while infeasible, down while
// feasible, but never below a floor that rises with the share of the budget spent, so the search
// roams infeasible ground early and settles on feasible rosters late. A chain stuck infeasible
// for stuckEpochs starts H again from the floor, from its best feasible roster when it has one.
func (c *chain) adaptHard(share float64) {
	floor := c.h0 * (1 + (hardCap-1)*share*share)
	if c.st.feasible() {
		c.stuck = 0
		c.h = max(c.h*hardShrink, floor)
		return
	}
	c.stuck++
	c.h = max(min(c.h*hardGrow, c.h0*hardCap), floor)
	if c.stuck >= stuckEpochs {
		// A walk that high penalties have not made feasible is frozen, not converging: start H
		// again from the floor, from the best feasible roster when there is one.
		if !math.IsInf(c.bestCost, 1) {
			c.st.copyFrom(c.best)
		}
		c.h, c.stuck = floor, 0
	}
}

func bestChain(chains []*chain) *chain {
	best := chains[0]
	for _, c := range chains[1:] {
		if c.bestCost < best.bestCost {
			best = c
		}
	}
	return best
}

func totalMoves(chains []*chain) int64 {
	n := int64(0)
	for _, c := range chains {
		n += c.moves
	}
	return n
}
