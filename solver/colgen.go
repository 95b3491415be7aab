package solver

import (
	"math"
	"slices"
	"time"

	"wfm/solver/lp"
)

// Column generation on the relaxation's master (lagrange.go), to choose its multipliers.
//
// The restricted master is the linear programme over the schedules priced so far, J_a for agent a
// (the best response of every evaluation of L, and the search's roster):
//
//	min Σ_a Σ_{j∈J_a} c_aj w_aj + Σ_rows G̃(slack)
//	    Σ_j w_aj = 1                                         (each agent one schedule)
//	    Σ_aj p_ajt w_aj + short_t − over_t = r_t − b_t         (interval t; Minnan and leaders alike)
//	    Σ_aj [j works s on d] w_aj + u_ds − o_ds = req_ds      (cover per day and template)
//	    Σ_j count_s(j) w_aj ≤ MaxShifts_as,  lo_a ≤ Σ_j paid(j) w_aj ≤ hi_a,  weekly bands likewise
//	    w ≥ 0,
//
// where c_aj is the agent's own terms of its schedule (requests, fairness, shape; 0 for
// agent-intervals short) and G̃ the row's cost written on its slacks: linear where the objective
// is, and the convex under-coverage h as unit pieces, the k-th missing agent costing k, up to
// maxPieces pieces. Its duals, signs turned to the relaxation's convention, are the next
// multipliers; L at them is a valid bound whatever the programme's accuracy (lagrange.go, Validity),
// and each evaluation's best responses are the new columns. This is Kelley's cutting planes on L,
// disaggregated per agent: the master holds a cut per priced schedule, so it learns the shape of
// each agent's term rather than one subgradient at a time, and the multipliers of rows the ascent
// moves slowly (an agent's template limits, a cover whose shortfall trades against requests)
// come from the programme at once. The evaluation point is smoothed towards the best multipliers
// so far (Wentges: λ = β·λ_best + (1 − β)·λ_master), which damps the method's oscillation.
//
// The master runs on the restarted primal-dual hybrid gradient (package lp), resumed from its last
// point when columns are added: rows never change, so the duals carry over.
type colgen struct {
	r        *relaxation
	seen     map[uint64]bool
	cols     []column
	rows     int
	conv     []int // per agent: its convexity row
	minutes  []int // per agent: its minutes row, or −1
	limit    []int // per agent and template: its row, or −1
	week     []int // per agent and week: its row, or −1
	block    []int // per multiplier of r: the master row it is the dual of, or −1
	negate   []bool
	slacks   []slack
	lo, hi   []float64 // per row: its range
	x, y     []float64 // the master's last point
	fixed    []int     // per agent: the column the dive gave it, or −1 (nil: no dive)
	pcWeek   []float64 // scratch: paid per week
	counts   []float64 // scratch: shifts per template
	scratchE []float64 // scratch for evalAgentTally
}

// column is one agent's schedule in the master: its row entries and its own cost; the schedule
// itself (templates per day, off < 0, and break options); whole when it keeps the agent's own rows
// (minutes, weeks, template limits) alone, so that the dive may give it to the agent.
type column struct {
	agent int
	cost  float64
	rows  []int32
	vals  []float64
	x     []int16
	opt   []int32
	whole bool
}

// slack is a row's slack variable: its row, sign in the row, cost per unit and upper bound.
type slack struct {
	row        int
	sign, cost float64
	upper      float64
}

const (
	maxPieces   = 24  // unit pieces of a convex shortfall cost before the last, unbounded one
	masterSteps = 500 // steps of the programme between evaluations of L
	wentges     = 0.5 // β: the weight of the best multipliers in the next evaluation point
)

// newColgen lays the master's rows and slacks for r.
func newColgen(r *relaxation) *colgen {
	m, w := r.m, r.m.w
	c := &colgen{r: r, seen: map[uint64]bool{}, block: make([]int, r.n), negate: make([]bool, r.n),
		pcWeek: make([]float64, m.W), counts: make([]float64, m.S), scratchE: make([]float64, m.W+m.S)}
	for i := range c.block {
		c.block[i] = -1
	}
	row := func(lo, hi float64) int {
		c.lo, c.hi = append(c.lo, lo), append(c.hi, hi)
		c.rows++
		return c.rows - 1
	}
	pieces := func(i int, req, unit float64, convex bool) {
		if req <= 0 {
			return
		}
		if !convex {
			c.slacks = append(c.slacks, slack{i, 1, unit, req})
			return
		}
		k := 1
		for ; k < maxPieces && float64(k) < req; k++ {
			c.slacks = append(c.slacks, slack{i, 1, unit * float64(k), 1})
		}
		c.slacks = append(c.slacks, slack{i, 1, unit * float64(k), max(0, req-float64(k-1))})
	}
	if r.cover >= 0 {
		for t := range m.T {
			req := float64(m.req[t]-m.baseOn[t]) / milli
			i := row(req, req)
			c.block[r.cover+t], c.negate[r.cover+t] = i, true
			if r.short {
				pieces(i, req, 1, false)
				c.slacks = append(c.slacks, slack{i, -1, 0, math.Inf(1)})
			} else {
				pieces(i, req, w.Under*m.underW[t], !w.Linear)
				c.slacks = append(c.slacks, slack{i, -1, w.Over, math.Inf(1)})
			}
		}
	}
	if r.minnan >= 0 {
		for t := range m.T {
			req := float64(m.minnanReq[t]-m.baseMinnan[t]) / milli
			i := row(req, req)
			c.block[r.minnan+t], c.negate[r.minnan+t] = i, true
			pieces(i, req, w.Minnan, true)
			c.slacks = append(c.slacks, slack{i, -1, 0, math.Inf(1)})
		}
	}
	if r.leader >= 0 {
		for t := range m.T {
			req := float64(m.leaderReq[t] - m.baseLeaders[t])
			i := row(req, req)
			c.block[r.leader+t], c.negate[r.leader+t] = i, true
			pieces(i, req, w.Leader, false)
			c.slacks = append(c.slacks, slack{i, -1, 0, math.Inf(1)})
		}
	}
	if r.shift >= 0 {
		for k := range m.D * m.S {
			req := float64(m.shiftReq[k])
			i := row(req, req)
			c.block[r.shift+k], c.negate[r.shift+k] = i, true
			c.slacks = append(c.slacks, slack{i, 1, m.shiftWU[k], float64(m.shiftReq[k])}, slack{i, -1, m.shiftWO[k], math.Inf(1)})
		}
	}
	c.conv, c.minutes = make([]int, m.A), make([]int, m.A)
	c.limit, c.week = make([]int, m.A*m.S), make([]int, m.A*m.W)
	for a, ai := range m.agents {
		c.conv[a] = row(1, 1)
		c.minutes[a] = -1
		if r.lo[a] > 0 || !math.IsInf(r.hi[a], 1) {
			c.minutes[a] = row(r.lo[a], r.hi[a])
		}
		for s, lim := range ai.maxShifts {
			c.limit[a*m.S+s] = -1
			if lim >= 0 {
				c.limit[a*m.S+s] = row(math.Inf(-1), float64(lim))
				c.block[r.agentOff+a*m.S+s] = c.limit[a*m.S+s]
			}
		}
		for wk := range m.W {
			c.week[a*m.W+wk] = row((ai.weekMin[wk]-ai.weekBase[wk])*r.scale[a], (ai.weekMax[wk]-ai.weekBase[wk])*r.scale[a])
			c.block[r.weekOff+a*m.W+wk] = c.week[a*m.W+wk]
		}
	}
	return c
}

// add puts agent a's schedule x (templates per day, off < 0) with break options opt(d, s) into
// the master, once; not when the relaxation prices a's band exactly and x pays outside it.
func (c *colgen) add(a int, x []int16, opt func(d, s int) int) {
	r, m := c.r, c.r.m
	h := uint64(a)*0x9e3779b97f4a7c15 + 1
	for d, s := range x {
		h = (h ^ uint64(uint16(s)) ^ uint64(opt(d, int(s)))<<16) * 0x100000001b3
	}
	if c.seen[h] {
		return
	}
	ai := &m.agents[a]
	col := column{agent: a, x: slices.Clone(x), opt: make([]int32, len(x))}
	entry := func(i int, v float64) {
		if i >= 0 && v != 0 {
			col.rows, col.vals = append(col.rows, int32(i)), append(col.vals, v)
		}
	}
	entry(c.conv[a], 1)
	cls := r.classes[r.classOf[a]]
	weight := float64(cls.weight) / milli
	clear(c.pcWeek)
	clear(c.counts)
	paid := 0.0
	for d, s16 := range x {
		s := int(s16)
		if s < 0 {
			continue
		}
		col.opt[d] = int32(opt(d, s))
		c.counts[s]++
		p := m.paid(a, s)
		paid += p
		c.pcWeek[m.week[d]] += p
		if r.shift >= 0 {
			entry(c.block[r.shift+d*m.S+s], 1)
		}
		if r.cover >= 0 && !ai.suspends {
			sh := &m.shifts[s]
			for _, off := range sh.breakOptions[opt(d, s)].phone {
				t := d*m.P + sh.first + int(off)
				if t >= m.T {
					break
				}
				entry(c.block[r.cover+t], weight)
				if r.minnan >= 0 && cls.minnan {
					entry(c.block[r.minnan+t], weight)
				}
				if r.leader >= 0 && cls.leader {
					entry(c.block[r.leader+t], 1)
				}
			}
		}
	}
	if r.banded[a] && (paid < r.lo[a]-1e-9 || paid > r.hi[a]+1e-9) {
		return
	}
	c.seen[h] = true
	col.whole = true
	own := func(i int, v float64) {
		entry(i, v)
		col.whole = col.whole && (i < 0 || c.lo[i]-1e-6 <= v && v <= c.hi[i]+1e-6)
	}
	own(c.minutes[a], paid)
	for s, n := range c.counts {
		own(c.limit[a*m.S+s], n)
	}
	for wk, p := range c.pcWeek {
		own(c.week[a*m.W+wk], p*r.scale[a])
	}
	if !r.short {
		cost, tl := m.evalAgentTally(a, x, c.scratchE)
		col.cost = cost.soft
		if m.p.Rules.Overtime {
			col.cost -= m.w.Overtime * tl.overtime / 60 // the relaxation drops overtime
		}
	}
	c.cols = append(c.cols, col)
}

// addPriced adds every agent's best response of r's last evaluation.
func (c *colgen) addPriced() {
	r, m := c.r, c.r.m
	for a := range m.A {
		if r.bad[a] {
			continue
		}
		cls := r.classOf[a]
		c.add(a, r.cols[a], func(d, s int) int {
			switch {
			case s < 0:
				return 0
			case r.cover < 0: // no phone rows: the break options are alike to the master
				return middleOption(&m.shifts[s])
			}
			return int(r.clsOpt[(cls*m.D+d)*m.S+s])
		})
	}
}

// addRoster adds the schedules of roster st.
func (c *colgen) addRoster(st *state) {
	m := st.m
	for a := range m.A {
		row, br := st.x[a*m.D:(a+1)*m.D], st.br[a*m.D:(a+1)*m.D]
		c.add(a, row, func(d, s int) int {
			if s < 0 {
				return 0
			}
			return int(br[d])
		})
	}
}

// solve runs the master for steps from its last point and returns the multipliers its duals give,
// clipped to the relaxation's box; the agents' own multipliers of rows the master lacks are 0.
func (c *colgen) solve(steps int) []float64 {
	r := c.r
	// The agents the dive gave a schedule leave the programme: their column's entries move into
	// the rows' ranges. vars maps the programme's variables to c.x's (slacks, then every column).
	lo, hi := slices.Clone(c.lo), slices.Clone(c.hi)
	vars := make([]int, 0, len(c.slacks)+len(c.cols))
	var b lp.Builder
	for _, k := range c.fixed {
		if k < 0 {
			continue
		}
		col := &c.cols[k]
		for e, i := range col.rows {
			lo[i] -= col.vals[e]
			hi[i] -= col.vals[e]
		}
	}
	for i := range lo {
		b.Row(lo[i], hi[i])
	}
	for k, s := range c.slacks {
		j := b.Var(s.cost, 0, s.upper)
		b.Set(s.row, j, s.sign)
		vars = append(vars, k)
	}
	for k, col := range c.cols {
		if c.fixed != nil && c.fixed[col.agent] >= 0 || c.banned(&col) {
			continue
		}
		j := b.Var(col.cost, 0, 1)
		for e, i := range col.rows {
			b.Set(int(i), j, col.vals[e])
		}
		vars = append(vars, len(c.slacks)+k)
	}
	x := make([]float64, len(vars))
	for j, v := range vars {
		if v < len(c.x) {
			x[j] = c.x[v]
		}
	}
	it := b.StartAt(x, c.y)
	it.Run(steps)
	it.Primal(x)
	c.x = make([]float64, len(c.slacks)+len(c.cols))
	for j, v := range vars {
		c.x[v] = x[j]
	}
	for _, k := range c.fixed {
		if k >= 0 {
			c.x[len(c.slacks)+k] = 1
		}
	}
	c.y = it.Duals(make([]float64, b.Rows()))
	lambda := make([]float64, r.n)
	for k, i := range c.block {
		if i < 0 {
			continue
		}
		v := c.y[i]
		if c.negate[k] {
			v = -v
		}
		lambda[k] = min(r.most[k], max(r.lower[k], v))
	}
	return lambda
}

// generate maximises L by column generation on the master c from start (may be nil), until stop,
// or when a round would not end by until (zero: none), or after evaluations (0: no cap), telling
// observe (may be nil) each bound. An evaluation that prices no schedule the master lacks does not
// end it: the master's next steps sharpen its duals. With centred, the start is the first centre
// of the smoothing; without, the centre is the best of the generation's own evaluations (a start
// from another method's multipliers can hold the smoothing back where the master's first duals
// are poor and climb past it later). It returns the best bound, start's included, and its
// multipliers (−Inf and nil when no evaluation completed or the relaxation was withdrawn).
func (c *colgen) generate(start []float64, stop func() bool, until time.Time, evaluations int, observe func(float64), centred bool) (float64, []float64) {
	r := c.r
	r.bandExact = true
	defer func() { r.bandExact = false }()
	g := make([]float64, r.n)
	best, bestL := math.Inf(-1), []float64(nil)
	centreV, centre := math.Inf(-1), []float64(nil)
	n := 0
	eval := func(lambda []float64, own bool) bool {
		v := r.Eval(lambda, g)
		if math.IsNaN(v) {
			return false
		}
		n++
		if v > best {
			best, bestL = v, slices.Clone(lambda)
		}
		if (own || centred) && v > centreV {
			centreV, centre = v, slices.Clone(lambda)
		}
		c.addPriced()
		if observe != nil && !r.withdrawn {
			observe(v)
		}
		return true
	}
	if start != nil && !eval(start, false) {
		return best, bestL
	}
	last := time.Duration(0) // the last round's time: a round not expected to end by until is not begun
	for !stop() && (evaluations <= 0 || n < evaluations) && (until.IsZero() || time.Now().Add(last).Before(until)) {
		began := time.Now()
		lambda := c.solve(masterSteps)
		if centre != nil {
			for i := range lambda {
				lambda[i] = wentges*centre[i] + (1-wentges)*lambda[i]
			}
		}
		if !eval(lambda, true) {
			break
		}
		last = time.Since(began)
	}
	if r.withdrawn {
		return math.Inf(-1), nil
	}
	return best, bestL
}

// banned reports whether the relaxation's ban (a node of the branching) forbids col.
func (c *colgen) banned(col *column) bool {
	r, m := c.r, c.r.m
	if r.ban == nil {
		return false
	}
	for d, s := range col.x {
		if r.ban[(col.agent*m.D+d)*(m.S+1)+int(s)+1] {
			return true
		}
	}
	return false
}

// value is the master's objective at its last point (NaN before the first).
func (c *colgen) value() float64 {
	if c.x == nil { // no point yet
		return math.NaN()
	}
	v := 0.0
	for j, s := range c.slacks {
		v += s.cost * c.x[j]
	}
	for k, w := range c.x[len(c.slacks):] {
		v += c.cols[k].cost * w
	}
	return v
}
