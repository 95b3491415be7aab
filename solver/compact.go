package solver

import (
	"fmt"
	"math"
	"time"

	"wfm/solver/lp"
)

// The compact relaxation that prices the intervals for the bound on agent-intervals short.
//
// On interval demand the Lagrangian dual (lagrange.go) has ~1,500 interval multipliers, and
// neither its subgradient ascent nor column generation over the best response's schedules finds
// good ones in a solve's time: the ascent crawls, and the restricted master's duals are extreme
// points that the pricing overruns. A linear programme over every agent, day and template at once
// finds them directly:
//
//	min Σ_t s_t
//	s.t. s_t + Σ_{d,v} (n_dv·[t in v on d] − b_dvt) ≥ min(r_t − b_t, available_t)   (interval t)
//	     n_dv = Σ_a w_a x_adv,   Σ_t b_dvt = k_v·n_dv,   0 ≤ b_dvt ≤ n_dv              (breaks)
//	     Σ_v x_adv + off_ad = 1 (no off on a day pinned to a template),               (one a day)
//	     lo_a ≤ Σ paid_v x_adv ≤ hi_a,  min_aw ≤ Σ_{d in w} paid_v x_adv ≤ max_aw       (minutes, R3)
//	     Σ_d x_adv ≤ MaxShifts_av                                                       (templates)
//	     0 ≤ x ≤ 1, s, n, b ≥ 0,
//
// where x_adv is agent a working template v on day d (only the templates its group and pinned
// days allow), w_a its presence, and b_dvt the workers of v on d on a break in interval t, k_v the
// intervals a placement takes off the phones (the breaks placed freely inside the union of the
// template's placements: the six-hour rule is dropped). An agent's own rows are elastic (a price
// per unit outside), so the programme is feasible whatever its pinned days and bands. Runs of
// days, rest and rotation are left to the pricing, which keeps them exactly: with their rows the
// programme took twice the time per step for the same bound (150- and 200-agent months).
//
// The objective's programme (relaxation.short false) has the same agent rows, the interval rows
// of coverCost in place of s_t, the rows per day and template of shiftCost for demand per day and
// template, and each x_adv and off_ad costs what the agent's requests charge for it.
//
// Agents alike in every row above (presence, templates, pinned days, limits) form a class, and
// the programme has one variable X_cdv = Σ_{a in c} x_adv per class, its rows summed over the
// class (right-hand sides times its size n_c). This loses nothing: the class's agents have the
// same rows, so X/n_c for each of them is a solution of the agents' programme of the same value,
// and the class's duals are every member's. A month of 2,000 generated agents has 226 classes.
//
// Package lp solves the programme approximately; its interval duals λ_t and week duals κ_aw are
// the multipliers at which relaxation.Eval prices every agent over its whole schedules, and that
// evaluation, not the programme, is the bound: valid for any multipliers, and at the programme's
// optimal duals at least its value (the best response's schedules keep every row above and more;
// the minutes multiplier is the agent's own, fitted by bisection).
type compactLP struct {
	r     *relaxation
	b     *lp.Builder
	shift []int     // per day and template: its cover row (demand per day and template), or nil
	cover []int     // per interval: its row
	class []int     // per agent: its class
	week  []int     // per class and week: its row
	tmpl  []int     // per class and template: its row, or −1
	size  []float64 // per class: its agents
}

// newCompactLP builds the programme of relaxation r: of agent-intervals short as above, or of the
// objective's coverage terms (coverCost, shiftCost) and the agents' requests.
func newCompactLP(r *relaxation) *compactLP {
	m := r.m
	inf := math.Inf(1)
	c := &compactLP{r: r, b: &lp.Builder{}}
	b := c.b
	var workers []int // per day and template: the row n_dv − Σ w_a x_adv = 0
	if m.req != nil {
		c.cover = make([]int, m.T)
		for t := range m.T {
			if !r.short {
				c.coverCost(t)
				continue
			}
			need := min(float64(m.req[t]-m.baseOn[t])/milli, float64(r.coverMax[t]*r.grid)/milli)
			c.cover[t] = b.Row(need, inf)
			b.Set(c.cover[t], b.Var(1, 0, inf), 1)
		}
		workers = make([]int, m.D*m.S)
		away := make([][]bool, m.S)
		for v := range m.S {
			away[v] = awayOffsets(&m.shifts[v])
		}
		for d := range m.D {
			for v := range m.S {
				workers[d*m.S+v] = b.Row(0, 0)
				c.breaks(d, v, workers[d*m.S+v], away[v])
			}
		}
	}
	if r.shift >= 0 {
		c.shift = make([]int, m.D*m.S)
		for i := range c.shift {
			c.shift[i] = c.shiftCost(i)
		}
	}
	first := c.classify(r)
	C := len(first)
	c.week, c.tmpl = make([]int, C*m.W), make([]int, C*m.S)
	// The elastic price: the most a shift's intervals can be worth, per mean shift; a dearer one
	// could only lower the bound the multipliers give.
	worth := 0.0
	for _, sh := range m.shifts {
		worth = max(worth, float64(sh.n))
	}
	x := make([]int, m.D*m.S) // per day and template: the class's variable, or −1
	for k, a := range first {
		ai, n := &m.agents[a], c.size[k]
		w := float64(ai.weight) / milli
		for i := range x {
			x[i] = -1
		}
		perMinute := worth * r.scale[a]
		minutes := b.Row(r.lo[a]*n, r.hi[a]*n)
		c.elastic(minutes, perMinute)
		for wk := range m.W {
			c.week[k*m.W+wk] = b.Row((ai.weekMin[wk]-ai.weekBase[wk])*n, (ai.weekMax[wk]-ai.weekBase[wk])*n)
			c.elastic(c.week[k*m.W+wk], perMinute)
		}
		for d := range m.D {
			f := int(m.fixed[a*m.D+d])
			if f == off {
				continue
			}
			day := b.Row(n, n) // one value a day: a template or, on a free day, off
			if f >= 0 {
				c.elastic(day, worth)
			} else {
				b.Set(day, b.Var(c.requests(a, d, off), 0, n), 1)
			}
			for _, v16 := range ai.allowed {
				v := int(v16)
				if (f != free && f != v) || ai.maxShifts[v] == 0 {
					continue
				}
				j := b.Var(c.requests(a, d, v), 0, n)
				x[d*m.S+v] = j
				b.Set(day, j, 1)
				if workers != nil {
					b.Set(workers[d*m.S+v], j, -w)
				}
				if c.shift != nil {
					b.Set(c.shift[d*m.S+v], j, 1)
				}
				b.Set(minutes, j, m.paid(a, v))
				b.Set(c.week[k*m.W+m.week[d]], j, m.paid(a, v))
			}
		}
		for v, lim := range ai.maxShifts {
			c.tmpl[k*m.S+v] = -1
			if lim >= 0 {
				c.tmpl[k*m.S+v] = b.Row(math.Inf(-1), float64(lim)*n)
				for d := range m.D {
					if j := x[d*m.S+v]; j >= 0 {
						b.Set(c.tmpl[k*m.S+v], j, 1)
					}
				}
			}
		}
	}
	return c
}

// classify puts every agent in its class (agents alike in every row of the programme) and
// returns each class's first agent.
func (c *compactLP) classify(r *relaxation) []int {
	m := c.r.m
	c.class = make([]int, m.A)
	index := map[string]int{}
	var first []int
	for a, ai := range m.agents {
		key := fmt.Sprint(ai.weight, ai.allowed, ai.preShift, m.fixed[a*m.D:(a+1)*m.D], r.lo[a], r.hi[a],
			ai.weekMin, ai.weekMax, ai.weekBase, ai.maxShifts)
		if !r.short {
			key += fmt.Sprint(ai.requests)
		}
		k, ok := index[key]
		if !ok {
			k = len(first)
			index[key] = k
			first = append(first, a)
			c.size = append(c.size, 0)
		}
		c.class[a] = k
		c.size[k]++
	}
	return first
}

// coverCost adds interval t's row of the objective's programme: presence + s − o = r_t − b_t,
// with o ≥ 0 the over-coverage at its weight and s ≥ 0 the under-coverage in segments of widths
// 1, 1, 2, 4, … whose slopes are the under-coverage cost's chords (w·u_t per agent when linear,
// w·u_t·(a + b + 1)/2 on [a, b] for the quadratic s(s+1)/2). The empty interval's fixed cost and
// the Minnan and leader rows are left out: the programme only finds prices, and the relaxation
// prices every term.
func (c *compactLP) coverCost(t int) {
	m, b, w := c.r.m, c.b, c.r.m.w
	inf := math.Inf(1)
	req := float64(m.req[t]-m.baseOn[t]) / milli
	c.cover[t] = b.Row(req, req)
	b.Set(c.cover[t], b.Var(w.Over, 0, inf), -1)
	unit := w.Under * m.underW[t]
	for lo, width := 0.0, 1.0; lo < req; lo, width = lo+width, max(1, lo+width) {
		hi := lo + width
		slope := unit
		if !w.Linear {
			slope = unit * (lo + hi + 1) / 2
		}
		b.Set(c.cover[t], b.Var(slope, 0, width), 1)
	}
}

// shiftCost adds the row of day d and template v (index i = d·S + v) for demand per day and
// template: workers + u − o = r_dv, with u and o at its under- and over-cover weights.
func (c *compactLP) shiftCost(i int) int {
	m, b := c.r.m, c.b
	inf := math.Inf(1)
	req := float64(m.shiftReq[i])
	row := b.Row(req, req)
	b.Set(row, b.Var(m.shiftWU[i], 0, inf), 1)
	b.Set(row, b.Var(m.shiftWO[i], 0, inf), -1)
	return row
}

// requests is what agent a's requests cost on day d if it works value v (a template or off); 0
// for the bound on agent-intervals short, which has no such term.
func (c *compactLP) requests(a, d, v int) float64 {
	if c.r.short {
		return 0
	}
	_, w := c.r.st0.requestsOn(a*c.r.m.D+d, v)
	return w
}

// elastic lets row i leave its range at price per unit either way.
func (c *compactLP) elastic(i int, price float64) {
	c.b.Set(i, c.b.Var(price, 0, math.Inf(1)), 1)
	c.b.Set(i, c.b.Var(price, 0, math.Inf(1)), -1)
}

// breaks adds template v's workers on day d, n_dv (in the row workers), their presence on its
// intervals and their breaks inside the offsets away.
func (c *compactLP) breaks(d, v, workers int, away []bool) {
	m, b := c.r.m, c.b
	inf := math.Inf(1)
	sh := &m.shifts[v]
	n := b.Var(0, 0, inf)
	b.Set(workers, n, 1)
	k := sh.n - len(sh.breakOptions[0].phone)
	total := -1
	if k > 0 {
		// Σ_t b_dvt = k·n_dv; a template that runs past the horizon may hold its breaks beyond it.
		total = b.Row(0, 0)
		if d*m.P+sh.first+sh.n > m.T {
			total = b.Row(math.Inf(-1), 0)
		}
		b.Set(total, n, -float64(k))
	}
	for off := range sh.n {
		t := d*m.P + sh.first + off
		if t >= m.T {
			break
		}
		b.Set(c.cover[t], n, 1)
		if k > 0 && away[off] {
			br := b.Var(0, 0, inf)
			b.Set(c.cover[t], br, -1)
			b.Set(total, br, 1)
			capRow := b.Row(math.Inf(-1), 0)
			b.Set(capRow, br, 1)
			b.Set(capRow, n, -1)
		}
	}
}

// awayOffsets reports, per offset of template sh, whether some break placement takes it off the
// phones: the window its breaks may fill.
func awayOffsets(sh *shiftInfo) []bool {
	away := make([]bool, sh.n)
	for _, o := range sh.breakOptions {
		on := make([]bool, sh.n)
		for _, off := range o.phone {
			on[off] = true
		}
		for off, p := range on {
			away[off] = away[off] || !p
		}
	}
	return away
}

// multipliers maps the programme's duals y onto the relaxation's multipliers, inside their box:
// λ_t = −y_t on the intervals, and each agent its class's week duals (per mean shift, κ) and
// template-limit duals (π).
func (c *compactLP) multipliers(y []float64) []float64 {
	r, m := c.r, c.r.m
	lambda := make([]float64, r.n)
	for t, i := range c.cover {
		lambda[r.cover+t] = -y[i]
	}
	for k, i := range c.shift {
		lambda[r.shift+k] = -y[i]
	}
	for a := range m.A {
		k := c.class[a]
		for wk := range m.W {
			lambda[r.weekOff+a*m.W+wk] = y[c.week[k*m.W+wk]] / r.scale[a]
		}
		for v := range m.S {
			if i := c.tmpl[k*m.S+v]; i >= 0 {
				lambda[r.agentOff+a*m.S+v] = y[i]
			}
		}
	}
	for i := range lambda {
		lambda[i] = min(r.most[i], max(r.lower[i], lambda[i]))
	}
	return lambda
}

// The compact programme's schedule within a bound's time: it steps for compactShare of that time
// (the rest is the final evaluation's and the ascent's), evaluating the relaxation at its duals
// after compactFirst steps and each time the steps have doubled since, and stops early when an
// evaluation raises the bound by less than compactRise of it; a solve with a move budget (no
// deadline) takes at most compactSteps steps, which keeps it reproducible.
//
// On demand per day and template the programme gets compactShareCovers, and column generation
// (colgen.go) the rest: on the public benchmark's instances 1–19 the generation's bound from its
// own start beat the programme's duals on all but 13 and 15 (a probe of the bound alone, 6 s
// each; 9: 180 against 42, 19: 1,802 against 49), and a fifth of the time keeps most of the programme's bound on those.
const (
	compactShare       = 0.7
	compactShareCovers = 0.2
	compactFirst       = 500
	compactChunk       = 256
	compactSteps       = 6000
	compactRise        = 0.002
)

// lpStart runs the compact programme of r (of agent-intervals short or of the objective) until
// share of the time to until (or compactSteps steps when until is zero), or until stop, and
// evaluates r at its duals as it goes and at the end; it returns the best multipliers and their
// bound (nil and −Inf when no evaluation finished).
func (r *relaxation) lpStart(stop func() bool, until time.Time, share float64) ([]float64, float64) {
	c := newCompactLP(r)
	it := c.b.Start()
	end := time.Time{}
	if !until.IsZero() {
		end = time.Now().Add(time.Duration(share * float64(time.Until(until))))
	}
	y := make([]float64, c.b.Rows())
	g := make([]float64, r.n)
	best, bestL := []float64(nil), math.Inf(-1)
	// evaluate reports whether to go on: not stopped, and the bound still rising. The first
	// evaluation takes each agent's term at its multiplier of minutes, so that even the largest
	// centre gets a bound in its time; the later ones price the narrow bands exactly (exactInner),
	// a little dearer and often much larger: on the generated 200-agent month 199 against 137 at
	// the duals of 512 steps, 252 against 194 at 2,048 (the duals the programme converges to put
	// every agent inside its band, 199.5 either way). A cut-short evaluation (NaN) is never kept.
	evaluated := -1 // the steps at the last evaluation
	evaluate := func() bool {
		if stop() {
			return false
		}
		r.exact, evaluated = evaluated >= 0, it.Steps()
		lambda := c.multipliers(it.Duals(y))
		v := r.Eval(lambda, g)
		rising := math.IsInf(bestL, -1) || v > bestL+compactRise*math.Abs(bestL)
		if v > bestL {
			best, bestL = lambda, v
		}
		return rising
	}
	for next := compactFirst; ; {
		if end.IsZero() && it.Steps() >= compactSteps || !end.IsZero() && time.Now().After(end) || r.halt != nil && r.halt() {
			break
		}
		it.Run(compactChunk)
		if it.Steps() >= next {
			if !evaluate() {
				break
			}
			next = 2 * it.Steps()
		}
	}
	if evaluated != it.Steps() {
		evaluate()
	}
	r.exact = true
	return best, bestL
}
