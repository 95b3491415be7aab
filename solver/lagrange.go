package solver

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"wfm/solver/bound"
)

// The Lagrangian relaxation behind the solver's lower bounds (column generation, colgen.go, and the
// ascent of package bound maximise it).
//
// Master. Choose one schedule x_a per agent a from X_a, the sequences of templates and days off
// that keep a's HARD rules of one agent (groups, templates, fixed days, leave, runs, rest and
// rotation, weekends), with the coupling written as rows:
//
//	interval t:       y_t = Σ_a p_at(x_a)             (presence, weight f_a, on the phones in t)
//	Minnan t:         z_t = Σ_{a Minnan} p_at(x_a)
//	leaders t:        l_t = Σ_{a leader} [a on the phones in t]
//	cover (d, s):     n_ds = Σ_a [x_a works s on d]
//	minutes a:        lo_a ≤ paid_a(x_a) ≤ hi_a      (R3 and the agent's minute limits)
//	week a, w:        min_aw ≤ paid_aw(x_a) + base_aw ≤ max_aw  (R3 weekly band; base: leave, history)
//	template a, s:    count_as(x_a) ≤ MaxShifts_as
//
// and cost Σ_t G_t(y_t) + Σ_t M_t(z_t) + Σ_t Λ_t(l_t) + Σ_ds C_ds(n_ds) + Σ_a c_a(x_a), where G_t
// holds the under-coverage (u_t·w·h(r_t − b_t − y)), empty-interval and over-coverage terms of
// objective.go at presence b_t + y (b_t: the history's shifts), M_t the Minnan shortfall, Λ_t the
// leader shortfall, C_ds the shift under and over cover, and c_a the agent's requests and its
// fairness squares. Each G_t, M_t, Λ_t, C_ds is minimised over a grid that holds every value the
// row can take (multiples of the gcd of the agents' presence weights, up to the agents available),
// so no roster is cut off.
//
// The roster-shape terms (objective.go) are per agent and the programme prices them exactly, so
// they are part of c_a; the short bound runs the programme with their weights at 0.
//
// Relaxed, which only lowers the optimum: the service hall's posts (R24), trainees with a
// mentor (R14; their presence still counts at f_a), overtime (a term ≥ 0, dropped), and the
// fairness squares replaced by tangents n² ≥ 2kn − k² (any k; k is the count of the agent's last
// priced schedule).
//
// Dual. With multipliers λ on the rows (free on the equalities; μ_a free-signed on the minutes, as
// μ⁺(paid − hi) − μ⁻(paid − lo), and κ_aw likewise on each week's band; π_as ≥ 0 on the template
// limits),
//
//	L(λ) = Σ_t min_y [G_t(y) + λ_t y] + … (one such term per row)
//	       + Σ_a min_{x ∈ X_a} [c_a(x) − Σ_t λ_t p_at(x) − … + μ_a paid(x) + Σ_w κ_aw paid_w(x)
//	                            + Σ_s π_as count_s(x)] − constants.
//
// Each agent's μ_a is set exactly by its own one-dimensional dual (fitMinutes), the others by the
// ascent. Where no μ_a puts the agent's schedule inside its band (a narrow band the schedules jump
// over: a duality gap), the minutes row is not dualised at all for that agent: its inner minimum
// is taken over the band's schedules themselves (exactInner), a larger and still valid term.
// Likewise, on horizons up to spanFull days, the limits an agent's schedules have broken are kept
// by the programme itself (countTemplates, up to countCap count states): the inner minimum is then
// over the schedules that keep them, which every roster's schedule does (MaxShifts is HARD).
// Priced by π alone, a binding limit is kept only on average over the master's columns, which
// left the public benchmark's Instance 9 (its night shift capped at 2–5 per nurse) with a bound
// of 177 against the published 439.
//
// Pricing. The inner minimum over X_a is the best-response programme of respond.go run over the
// whole horizon (dp.solve), with the day costs c(d, v) set from the multipliers: a template's cost
// is minus the best phone value of any of its break placements. The programme charges a penalty
// per unit of a HARD violation instead of forbidding it; that is a further relaxation (the minimum
// over all sequences with penalty is at most the minimum over X_a), so its value is a valid inner
// minimum. When the programme finds no sequence without violation for some agent the relaxation
// disagrees with the problem, and the bound is withdrawn rather than trusted.
//
// Validity. For any roster that keeps the HARD rules, setting each row's variable to its actual
// value is one choice inside each row's minimum and x_a one choice inside each agent's, the
// multiplier terms vanish on the equalities and are ≤ 0 on the inequalities, and every relaxed
// or tangent term is ≤ the true one: L(λ) is at most that roster's objective, for every λ.
//
// The short bound is the same relaxation of a second objective: agent-intervals short,
// Σ_t max(0, r_t − b_t − y_t), with no other term.
type relaxation struct {
	m     *model
	st0   *state // the empty roster: history, runs before the horizon, requests
	short bool   // bound agent-intervals short instead of the objective
	h     float64

	// Offsets of the multiplier blocks (−1 when absent), and their number.
	cover, minnan, leader, shift, agentOff, weekOff, n int
	lower, most                                        []float64 // the box of the multipliers

	grid              int   // presence grid in milli-agents (gcd of the weights)
	gridM             int   // Minnan presence grid
	coverMax          []int // per t: presence grid points available
	minnanMax         int   // Minnan presence grid points of every speaker
	leaderMax         int   // leaders not suspended
	shiftMax          []int // per day and template: agents who may work it
	classOf           []int // per agent: its phone class
	classes           []phoneClass
	hi, lo, scale, mu []float64   // per agent: paid-minute limits, 1 / its mean paid minutes a shift, its last best μ
	brk               [][][]int16 // per template and break option: the covered offsets not on the phones

	// Per agent, from the last evaluation: its schedule, paid minutes and fairness counts.
	cols      [][]int16
	paid      []float64
	fairness  [][3]int
	part      []float64 // its term of L
	bad       []bool    // no schedule without a HARD violation
	withdrawn bool      // some evaluation found an agent without a schedule keeping its HARD rules

	// Per class, day and template: the phone value and its best break option.
	clsCost []float64
	clsOpt  []int32
	workers []*dp
	halt    func() bool // may be nil; called between agents, from every core: stop the evaluation
	// exact prices an agent whose band of minutes the multiplier jumps over by the exact
	// programme (exactInner); off, its term stays the multiplier's: smaller, a little cheaper.
	exact bool
	// counted prices the limits of shifts per template in the programme itself (countTemplates)
	// where they fit, once an agent's schedule has broken them (broken, per agent and template);
	// off, only their multipliers do. On by default up to spanFull days: on longer horizons the
	// whole-horizon programme is already what bounds the evaluations (on the public benchmark's
	// Instance 19, 84 days, counting left the bound at 36 after 6 s against 1,759 without).
	counted bool
	broken  []bool
	// bandExact prices every agent's band exactly, not only where the multiplier leaves a gap
	// (column generation, colgen.go, whose master holds only schedules inside the band);
	// banded[a] reports whether agent a's last evaluation did.
	bandExact bool
	banded    []bool
	// skip, when set, names agents the pricing leaves out (the dive's, dive.go, given their
	// schedule): their terms of L stay those of their last evaluation, so L is no bound meanwhile.
	skip func(a int) bool
	// ban, when set, forbids values to agent-days (index (a·D + d)·(S+1) + v, v = template + 1,
	// 0 = off): a node of the branching (branch.go), whose L bounds the rosters that keep it.
	ban []bool
}

// phoneClass is what an agent's presence is worth in the rows: its weight, Minnan, leader.
type phoneClass struct {
	weight         int32
	minnan, leader bool
}

// relaxHard is the programme's penalty per unit of HARD violation: far above any day's cost, so
// the programme prefers every schedule without violation, within float64's exact range.
const relaxHard = 1e9

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// newRelaxation builds the relaxation of m for the objective, or for agent-intervals short.
func newRelaxation(m *model, short bool) *relaxation {
	r := &relaxation{m: m, st0: newState(m), short: short, h: relaxHard, cover: -1, minnan: -1, leader: -1, shift: -1, exact: true, counted: m.D <= spanFull}
	w := m.w
	if m.req != nil {
		r.cover, r.n = r.n, r.n+m.T
		if !short && w.Minnan > 0 && anyPositive(m.minnanReq) {
			r.minnan, r.n = r.n, r.n+m.T
		}
		if !short && w.Leader > 0 && anyPositive(m.leaderReq) {
			r.leader, r.n = r.n, r.n+m.T
		}
	}
	if m.hasShiftDemand && !short {
		r.shift, r.n = r.n, r.n+m.D*m.S
	}
	r.agentOff, r.n = r.n, r.n+m.A*m.S
	r.weekOff, r.n = r.n, r.n+m.A*m.W
	r.lower = make([]float64, r.n)
	for i := range r.lower {
		if i < r.agentOff || i >= r.weekOff {
			r.lower[i] = math.Inf(-1)
		}
	}
	r.classify()
	r.limits()
	r.box()
	r.brk = make([][][]int16, m.S)
	for s := range m.shifts {
		sh := &m.shifts[s]
		for _, o := range sh.breakOptions {
			var b []int16
			k := 0
			for off := range sh.n {
				if k < len(o.phone) && int(o.phone[k]) == off {
					k++
					continue
				}
				b = append(b, int16(off))
			}
			r.brk[s] = append(r.brk[s], b)
		}
	}
	if r.cover >= 0 {
		r.coverMax = make([]int, m.T)
		for t, v := range m.availability() {
			r.coverMax[t] = int(math.Round(v*milli)) / r.grid
		}
	}
	if r.shift >= 0 {
		r.shiftMax = make([]int, m.D*m.S)
		for a, ai := range m.agents {
			for d := range m.D {
				f := int(m.fixed[a*m.D+d])
				for _, s := range ai.allowed {
					if f == free || f == int(s) {
						r.shiftMax[d*m.S+int(s)]++
					}
				}
			}
		}
	}
	r.cols = make([][]int16, m.A)
	for a := range r.cols {
		r.cols[a] = make([]int16, m.D)
	}
	r.paid, r.part, r.bad, r.banded = make([]float64, m.A), make([]float64, m.A), make([]bool, m.A), make([]bool, m.A)
	r.fairness = make([][3]int, m.A)
	r.broken = make([]bool, m.A*m.S)
	r.clsCost = make([]float64, len(r.classes)*m.D*m.S)
	r.clsOpt = make([]int32, len(r.classes)*m.D*m.S)
	priced := m // the programme prices the roster-shape terms of the objective itself
	if short {  // agent-intervals short has none: the programme runs on the model without them
		bare := *m
		bare.w.StartChange, bare.w.DaysOffBlock, bare.w.SingleDay, bare.w.WeekendsOff = 0, 0, 0, 0
		priced = &bare
	}
	for range max(1, min(runtime.NumCPU(), m.A)) {
		r.workers = append(r.workers, newDP(priced))
	}
	return r
}

func anyPositive(v []int32) bool {
	for _, x := range v {
		if x > 0 {
			return true
		}
	}
	return false
}

// classify groups the agents by phone class and finds the presence grids.
func (r *relaxation) classify() {
	m := r.m
	r.classOf = make([]int, m.A)
	r.grid, r.gridM = 0, 0
	for a, ai := range m.agents {
		c := phoneClass{weight: ai.weight, minnan: ai.minnan, leader: ai.leader}
		k := -1
		for i, o := range r.classes {
			if o == c {
				k = i
			}
		}
		if k < 0 {
			k = len(r.classes)
			r.classes = append(r.classes, c)
		}
		r.classOf[a] = k
		if ai.suspends {
			continue
		}
		r.grid = gcd(r.grid, int(ai.weight))
		if ai.minnan {
			r.gridM = gcd(r.gridM, int(ai.weight))
			r.minnanMax += int(ai.weight)
		}
		if ai.leader {
			r.leaderMax++
		}
	}
	r.grid, r.gridM = max(r.grid, 1), max(r.gridM, 1)
	r.minnanMax /= r.gridM
}

// limits sets each agent's paid-minute range and the mean paid minutes of its templates.
func (r *relaxation) limits() {
	m := r.m
	r.hi, r.lo, r.scale, r.mu = make([]float64, m.A), make([]float64, m.A), make([]float64, m.A), make([]float64, m.A)
	for a, ai := range m.agents {
		r.hi[a] = ai.maxPaid
		if ai.maxMinutes >= 0 {
			r.hi[a] = min(r.hi[a], ai.maxMinutes)
		}
		r.lo[a] = max(0, ai.minMinutes)
		u := 0.0
		for _, s := range ai.allowed {
			u += m.paid(a, int(s))
		}
		r.scale[a] = 1 / max(1, u/float64(max(1, len(ai.allowed))))
	}
}

// Eval is the dual function L(λ), with its subgradient in g (bound.Dual).
func (r *relaxation) Eval(lambda, g []float64) float64 {
	m := r.m
	clear(g)
	L := r.rows(lambda, g)
	r.phoneValues(lambda)
	if !r.price(lambda) {
		return math.NaN() // cut short: no bound from this evaluation
	}
	for a := range m.A {
		L += r.part[a]
		r.subtract(a, lambda, g)
		r.withdrawn = r.withdrawn || r.bad[a]
	}
	return L
}

// rows adds each row's minimum over its grid, min_y [G(y) + λ y], and writes y* into g.
func (r *relaxation) rows(lambda, g []float64) float64 {
	m, w := r.m, r.m.w
	L := 0.0
	hf := func(s float64) float64 {
		if s <= 0 {
			return 0
		}
		if w.Linear {
			return s
		}
		return s * (s + 1) / 2
	}
	if r.cover >= 0 {
		step := float64(r.grid) / milli
		for t := range m.T {
			lam, req, base := lambda[r.cover+t], float64(m.req[t])/milli, float64(m.baseOn[t])/milli
			f := func(k int) float64 {
				on := base + float64(k)*step
				if r.short {
					return max(0, req-on) + lam*float64(k)*step
				}
				v := lam * float64(k) * step
				if s := req - on; s > 0 {
					v += w.Under * m.underW[t] * hf(s)
				} else {
					v += w.Over * (on - req)
				}
				return v
			}
			k, v := 0, f(0)
			if !r.short && m.req[t] > 0 && m.baseOn[t] == 0 {
				v += w.Empty // nobody on the phones; only y = 0 can be empty
			}
			if K := r.coverMax[t]; K >= 1 {
				if k1, v1 := bound.MinConvex(f, 1, K); v1 < v {
					k, v = k1, v1
				}
			}
			L += v
			g[r.cover+t] = float64(k) * step
		}
	}
	if r.minnan >= 0 {
		step := float64(r.gridM) / milli
		for t := range m.T {
			lam, req := lambda[r.minnan+t], float64(m.minnanReq[t]-m.baseMinnan[t])/milli
			k, v := bound.MinConvex(func(k int) float64 {
				s := req - float64(k)*step
				return w.Minnan*max(0, s)*(max(0, s)+1)/2 + lam*float64(k)*step
			}, 0, r.minnanMax)
			L += v
			g[r.minnan+t] = float64(k) * step
		}
	}
	if r.leader >= 0 {
		for t := range m.T {
			lam, req := lambda[r.leader+t], float64(m.leaderReq[t]-m.baseLeaders[t])
			k, v := bound.MinConvex(func(k int) float64 {
				return w.Leader*max(0, req-float64(k)) + lam*float64(k)
			}, 0, r.leaderMax)
			L += v
			g[r.leader+t] = float64(k)
		}
	}
	if r.shift >= 0 {
		for i := range m.D * m.S {
			lam, req := lambda[r.shift+i], float64(m.shiftReq[i])
			wu, wo := m.shiftWU[i], m.shiftWO[i]
			k, v := bound.MinConvex(func(n int) float64 {
				x := float64(n)
				return wu*max(0, req-x) + wo*max(0, x-req) + lam*x
			}, 0, r.shiftMax[i])
			L += v
			g[r.shift+i] = float64(k)
		}
	}
	return L
}

// phoneValues sets, per phone class, day and template, minus the most the multipliers pay for the
// template's phone intervals over its break placements, and that placement.
func (r *relaxation) phoneValues(lambda []float64) {
	m := r.m
	if r.cover < 0 {
		return
	}
	v := make([]float64, m.T)
	for c, pc := range r.classes {
		w := float64(pc.weight) / milli
		for t := range m.T {
			v[t] = lambda[r.cover+t] * w
			if r.minnan >= 0 && pc.minnan {
				v[t] += lambda[r.minnan+t] * w
			}
			if r.leader >= 0 && pc.leader {
				v[t] += lambda[r.leader+t]
			}
		}
		for d := range m.D {
			for s := range m.shifts {
				sh := &m.shifts[s]
				t0 := d*m.P + sh.first
				value := func(off int16) float64 {
					if t := t0 + int(off); t < m.T {
						return v[t]
					}
					return 0
				}
				total := 0.0
				for off := range sh.n {
					total += value(int16(off))
				}
				best, bestO := math.Inf(1), 0
				for o, b := range r.brk[s] {
					x := 0.0
					for _, off := range b {
						x += value(off)
					}
					if x < best {
						best, bestO = x, o
					}
				}
				i := (c*m.D+d)*m.S + s
				r.clsCost[i], r.clsOpt[i] = -(total - best), int32(bestO)
			}
		}
	}
}

// price runs every agent's pricing programme, on every core. It reports false when r.halt said
// to stop before every agent was priced.
func (r *relaxation) price(lambda []float64) bool {
	m := r.m
	var wg sync.WaitGroup
	var halted atomic.Bool
	next := make(chan int, m.A)
	for a := range m.A {
		if r.skip == nil || !r.skip(a) {
			next <- a
		}
	}
	close(next)
	for _, p := range r.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range next {
				if halted.Load() || r.halt != nil && r.halt() {
					halted.Store(true)
					return
				}
				r.priceAgent(p, a, lambda)
			}
		}()
	}
	wg.Wait()
	return !halted.Load()
}

// priceAgent solves agent a's pricing programme with the day costs of the multipliers and keeps
// its schedule and its term of L.
func (r *relaxation) priceAgent(p *dp, a int, lambda []float64) {
	m, w := r.m, r.m.w
	ai := &m.agents[a]
	p.setSpan(r.st0, a, 0, m.D, 1)
	pi := lambda[r.agentOff+a*m.S : r.agentOff+(a+1)*m.S]
	kappa := lambda[r.weekOff+a*m.W : r.weekOff+(a+1)*m.W]
	constant := 0.0
	for wk, k := range kappa {
		if k >= 0 {
			constant -= k * (ai.weekMax[wk] - ai.weekBase[wk]) * r.scale[a]
		} else {
			constant -= k * (ai.weekMin[wk] - ai.weekBase[wk]) * r.scale[a]
		}
	}
	k := r.fairness[a]
	if !r.short {
		constant -= w.Nights*float64(k[0]*k[0]) + w.Weekends*float64(k[1]*k[1]) + w.Holidays*float64(k[2]*k[2])
	}
	for s, lim := range ai.maxShifts {
		p.penalty[s] = 0
		if lim >= 0 {
			p.penalty[s] = pi[s]
			constant -= pi[s] * float64(lim)
		}
	}
	broken := r.broken[a*m.S : (a+1)*m.S]
	if r.counted {
		p.countTemplates(a, broken)
	}
	for d := range m.D {
		i := a*m.D + d
		row := p.day[d*(m.S+1) : (d+1)*(m.S+1)]
		for v := range row {
			row[v] = math.Inf(1)
		}
		f := int(m.fixed[i])
		banned := func(v int) bool { return r.ban != nil && r.ban[i*(m.S+1)+v] }
		if (f == free || f == off) && !banned(0) {
			row[0] = 0
			if !r.short {
				_, row[0] = r.st0.requestsOn(i, off)
			}
		}
		for _, s16 := range ai.allowed {
			s := int(s16)
			if (f != free && f != s) || ai.maxShifts[s] == 0 || banned(s+1) {
				continue
			}
			c := 0.0
			if r.cover >= 0 {
				c += r.clsCost[(r.classOf[a]*m.D+d)*m.S+s]
			}
			if r.shift >= 0 {
				c -= lambda[r.shift+d*m.S+s]
			}
			c += kappa[m.week[d]] * m.paid(a, s) * r.scale[a]
			if !r.short {
				_, missed := r.st0.requestsOn(i, s)
				c += missed
				if m.shifts[s].night {
					c += 2 * w.Nights * float64(k[0])
				}
				if m.weekend[d] {
					c += 2 * w.Weekends * float64(k[1])
				}
				if m.holiday[d] {
					c += 2 * w.Holidays * float64(k[2])
				}
			}
			row[s+1] = c
		}
	}
	value, paid := r.fitMinutes(p, a)
	if r.counted && r.breaks(a) { // a limit newly broken: count it too, and price again
		p.countTemplates(a, broken)
		value, paid = r.fitMinutes(p, a)
	}
	col := r.cols[a]
	var nk [3]int
	for d, s := range col {
		if s >= 0 {
			if m.shifts[s].night {
				nk[0]++
			}
			if m.weekend[d] {
				nk[1]++
			}
			if m.holiday[d] {
				nk[2]++
			}
		}
	}
	r.paid[a] = paid
	r.bad[a] = math.IsInf(value, 1)
	r.part[a] = value + constant
	r.fairness[a] = nk
}

// breaks marks the limits of shifts per template that agent a's last priced schedule breaks and
// reports whether any was not marked before.
func (r *relaxation) breaks(a int) bool {
	m := r.m
	uses := templateUses(r.cols[a], m.S)
	fresh := false
	for s, lim := range m.agents[a].maxShifts {
		if lim >= 0 && uses[s] > lim && !r.broken[a*m.S+s] {
			r.broken[a*m.S+s], fresh = true, true
		}
	}
	return fresh
}

// templateUses counts the days schedule x (templates per day, off < 0) works each of S templates.
func templateUses(x []int16, S int) []int {
	uses := make([]int, S)
	for _, s := range x {
		if s >= 0 {
			uses[s]++
		}
	}
	return uses
}

// fitMinutes maximises agent a's inner dual over its minutes multiplier μ, the concave
//
//	φ(μ) = min_x [c(x) + μ·paid(x)] − μ·hi (μ ≥ 0),  − μ·lo (μ < 0),
//
// whose supergradient is paid(x*) − hi (or − lo): μ = 0 when the programme's schedule already lies
// in [lo, hi], otherwise bisection on μ from the agent's last μ. Every φ(μ) is a valid inner
// minimum, so the best one found is returned, with its schedule in r.cols[a] and its paid minutes.
// A schedule with a HARD violation (the programme's penalty) gives +Inf.
func (r *relaxation) fitMinutes(p *dp, a int) (float64, float64) {
	m := r.m
	best, bestPaid := math.Inf(-1), 0.0
	r.banded[a] = false
	try := func(mu float64) float64 {
		paid := p.solve(a, r.h, mu)
		phi := p.value - mu*r.hi[a]
		if mu < 0 {
			phi = p.value - mu*r.lo[a]
		}
		if p.value-r.violationFree(p, a, mu, paid) > r.h/2 {
			phi = math.Inf(1) // no schedule keeps the agent's HARD rules
		}
		if phi > best {
			best, bestPaid = phi, paid
			r.mu[a] = mu
			copy(r.cols[a], p.seq[:m.D])
		}
		return paid
	}
	paid := try(0)
	if math.IsInf(best, 1) {
		return best, bestPaid
	}
	lim, sign := r.hi[a], 1.0 // μ > 0 lowers the minutes
	switch {
	case paid > r.hi[a]:
	case paid < r.lo[a]:
		lim, sign = r.lo[a], -1
	default:
		return best, bestPaid
	}
	if r.exact && r.bandExact { // the band's own minimum, when the programme can take it, is at least every φ(μ)
		if r.exactInner(p, a, &best, &bestPaid); r.banded[a] {
			return best, bestPaid
		}
	}
	// Bracket [0, μ1] (in the direction sign) with the minutes on the other side of lim at μ1.
	lo, hi := 0.0, math.Abs(r.mu[a])
	if hi == 0 { // the largest day cost per mean shift
		c := 1.0
		for _, v := range p.day[:m.D*(m.S+1)] {
			if !math.IsInf(v, 0) {
				c = max(c, math.Abs(v))
			}
		}
		hi = c * r.scale[a]
	}
	beyond := func(paid float64) bool { return sign*(paid-lim) > 0 }
	halted := func() bool { return r.halt != nil && r.halt() } // φ so far is still a valid minimum
	for k := 0; k < fitSteps && !halted() && beyond(try(sign*hi)); k++ {
		lo, hi = hi, 2*hi
	}
	for range fitSteps {
		if halted() {
			break
		}
		mid := (lo + hi) / 2
		if beyond(try(sign * mid)) {
			lo = mid
		} else {
			hi = mid
		}
	}
	if r.exact && !r.bandExact && !halted() && (bestPaid < r.lo[a]-1e-9 || bestPaid > r.hi[a]+1e-9) {
		r.exactInner(p, a, &best, &bestPaid)
	}
	return best, bestPaid
}

// exactInner replaces agent a's inner dual by its inner minimum itself when the multiplier leaves
// a duality gap: the best φ(μ)'s schedule pays outside [lo, hi] (on a narrow band the schedules
// jump over it as μ moves), and the programme over the band's minutes (exactMinutes) gives
// min {c(x) : lo ≤ paid(x) ≤ hi}, which is at least every φ(μ) and still at most the agent's part
// of any roster. A schedule with a HARD violation, or a band too wide for the exact programme,
// leaves φ as it is.
func (r *relaxation) exactInner(p *dp, a int, best, bestPaid *float64) {
	paid, ok := p.exactMinutes(a, r.h, r.lo[a], r.hi[a])
	r.banded[a] = ok
	if !ok || p.value <= *best {
		return
	}
	if p.value-r.violationFree(p, a, 0, paid) > r.h/2 {
		return
	}
	*best, *bestPaid = p.value, paid
	r.mu[a] = 0
	copy(r.cols[a], p.seq[:r.m.D])
}

// fitSteps bounds the programmes of each phase of fitMinutes (bracketing, bisection).
const fitSteps = 8

// violationFree is the cost of the programme's last schedule without its HARD penalty.
func (r *relaxation) violationFree(p *dp, a int, mu, paid float64) float64 {
	m := r.m
	own := mu * paid
	for d, s := range p.seq[:m.D] {
		own += p.day[d*(m.S+1)+int(s)+1]
		if s >= 0 {
			own += p.penalty[s]
		}
	}
	return own
}

// subtract takes agent a's schedule out of the rows' subgradient and writes its own multipliers'
// subgradient.
func (r *relaxation) subtract(a int, lambda, g []float64) {
	m := r.m
	ai := &m.agents[a]
	c := r.classes[r.classOf[a]]
	w := float64(c.weight) / milli
	for d, s16 := range r.cols[a] {
		s := int(s16)
		if s < 0 {
			continue
		}
		if r.shift >= 0 {
			g[r.shift+d*m.S+s]--
		}
		if r.cover >= 0 {
			sh := &m.shifts[s]
			o := r.clsOpt[(r.classOf[a]*m.D+d)*m.S+s]
			for _, off := range sh.breakOptions[o].phone {
				t := d*m.P + sh.first + int(off)
				if t >= m.T {
					break
				}
				g[r.cover+t] -= w
				if r.minnan >= 0 && c.minnan {
					g[r.minnan+t] -= w
				}
				if r.leader >= 0 && c.leader {
					g[r.leader+t]--
				}
			}
		}
	}
	r.weekGradient(a, lambda, g)
	i := r.agentOff + a*m.S
	for s, lim := range ai.maxShifts {
		if lim < 0 {
			continue
		}
		n := 0
		for _, v := range r.cols[a] {
			if int(v) == s {
				n++
			}
		}
		g[i+s] = float64(n - lim)
	}
}

// weekGradient writes the subgradient of agent a's weekly multipliers κ_aw, in mean shifts: its
// week's paid minutes less the week's maximum (κ > 0) or minimum (κ < 0), whichever is broken at
// κ = 0.
func (r *relaxation) weekGradient(a int, lambda, g []float64) {
	m := r.m
	ai := &m.agents[a]
	paid := make([]float64, m.W)
	for d, s := range r.cols[a] {
		if s >= 0 {
			paid[m.week[d]] += m.paid(a, int(s))
		}
	}
	for w := range m.W {
		i := r.weekOff + a*m.W + w
		hi, lo := ai.weekMax[w]-ai.weekBase[w], ai.weekMin[w]-ai.weekBase[w]
		switch k := lambda[i]; {
		case k > 0 || k == 0 && paid[w] > hi:
			g[i] = (paid[w] - hi) * r.scale[a]
		case k < 0 || paid[w] < lo:
			g[i] = (paid[w] - lo) * r.scale[a]
		}
	}
}

// maximise runs the dual ascent from the multipliers start (nil: zero) until stop or iterations
// (0: no cap), towards upper, the objective of a known roster, telling observe (may be nil) each
// bound as it goes. It returns the best bound, or −Inf when the relaxation was withdrawn.
func (r *relaxation) maximise(start []float64, upper float64, stop func() bool, iterations int, observe func(float64)) float64 {
	res := r.run(start, upper, stop, iterations, observe)
	if r.withdrawn {
		return math.Inf(-1)
	}
	return res.Bound
}

// ascend is maximise returning the best multipliers instead (nil when withdrawn or none).
func (r *relaxation) ascend(start []float64, upper float64, stop func() bool, iterations int) []float64 {
	res := r.run(start, upper, stop, iterations, nil)
	if r.withdrawn || res.Iterations == 0 {
		return nil
	}
	return res.Lambda
}

func (r *relaxation) run(start []float64, upper float64, stop func() bool, iterations int, observe func(float64)) bound.Result {
	if start == nil {
		start = make([]float64, r.n)
	}
	return bound.Maximise(r, start, bound.Options{Lower: r.lower, Most: r.most, Upper: upper, Iterations: iterations, Stop: stop,
		Deflection: boundDeflection, Patience: boundPatience, Observe: func(_ int, v float64, _ []float64) {
			if observe != nil && !r.withdrawn {
				observe(v)
			}
		}})
}

// box sets the range of each multiplier that holds the dual's maximum: a row's multiplier
// beyond the steepest slope of its cost (the first agent short, with the empty interval) only
// lowers L, and so does one below minus the over-coverage weight. (L is valid anywhere; the box
// only spares the ascent useless steps.)
func (r *relaxation) box() {
	m, w := r.m, r.m.w
	r.most = make([]float64, r.n)
	for i := range r.most {
		r.most[i] = math.Inf(1)
	}
	set := func(i int, lo, hi float64) { r.lower[i], r.most[i] = lo, hi }
	if r.cover >= 0 {
		for t := range m.T {
			req := float64(m.req[t]) / milli
			switch {
			case r.short:
				set(r.cover+t, 0, 1)
			case w.Linear:
				set(r.cover+t, -w.Over, w.Under*m.underW[t]+w.Empty)
			default:
				set(r.cover+t, -w.Over, w.Under*m.underW[t]*max(1, req)+w.Empty)
			}
		}
	}
	if r.minnan >= 0 {
		for t := range m.T {
			set(r.minnan+t, 0, w.Minnan*max(1, float64(m.minnanReq[t])/milli))
		}
	}
	if r.leader >= 0 {
		for t := range m.T {
			set(r.leader+t, 0, w.Leader)
		}
	}
	if r.shift >= 0 {
		for i := range m.D * m.S {
			set(r.shift+i, -m.shiftWO[i], m.shiftWU[i])
		}
	}
}

// start is the first point of the ascent: the multipliers c·most on the rows' blocks (0 for the
// agents' own), with c ∈ [0, 1] the best of a golden-section search on L, which is concave in c,
// until stop; with the bound there (−Inf when none).
func (r *relaxation) start(evaluations int, stop func() bool) ([]float64, float64) {
	at := func(c float64) []float64 {
		lambda := make([]float64, r.n)
		for i := range lambda[:r.agentOff] {
			lambda[i] = max(r.lower[i], c*r.most[i])
		}
		return lambda
	}
	g := make([]float64, r.n)
	f := func(c float64) float64 {
		if v := r.Eval(at(c), g); v == v {
			return v
		}
		return math.Inf(-1) // cut short
	}
	phi := (math.Sqrt(5) - 1) / 2
	a, b := 0.0, 1.0
	x1, x2 := b-phi*(b-a), a+phi*(b-a)
	f1, f2 := f(x1), f(x2)
	for range max(0, evaluations-2) {
		if stop() {
			break
		}
		if f1 < f2 {
			a, x1, f1 = x1, x2, f2
			x2 = a + phi*(b-a)
			f2 = f(x2)
		} else {
			b, x2, f2 = x2, x1, f1
			x1 = b - phi*(b-a)
			f1 = f(x1)
		}
	}
	if r.withdrawn {
		return at(x1), math.Inf(-1)
	}
	if f1 > f2 {
		return at(x1), f1
	}
	return at(x2), f2
}

// Bounds of a solve: the Lagrangian relaxation gets boundShare of the time left after the first
// roster, after the search, with the search's best roster as the target of its steps, or
// boundIterations evaluations each under a move budget without a deadline, so that a solve with a
// move budget stays reproducible.
//
// Each bound starts from the compact programme's duals (compact.go), or the seed's multipliers
// when they bound better; column generation (colgen.go) takes the time left, and once the
// objective's generation has converged (branchPatience evaluations without a rise, within
// branchGap of its master's value), or ended on its evaluations, the tree on its
// master (branch.go) takes the rest; under a move budget each makes a quarter of the
// evaluations and the ascent the rest, from the generation's best multipliers. On
// interval demand the objective's bound keeps the ascent alone: its master leaves out the empty
// intervals (a jump at no presence, weighted 1,000 by default), and on the generated 200-agent
// month (30 s, seeds 1–3) the generation's bound was 6–33 % below the ascent's.
//
// On interval demand the bounds get boundShareIntervals, of which boundShortShare goes to
// agent-intervals short and the rest to the objective,
// and the search is not seeded: the ascent alone did not climb above the simple bounds there, and
// a seed from its unconverged multipliers cost the search (generated 200-agent month, 30 s, seeds
// 1–3: a tenth of the time on the bounds and a twentieth on the seed left 1.4 % more
// agent-intervals short than the search alone). The compact programme reaches its bound in
// about a second of a 2-core machine on a 150- or 200-agent month (compact.go).
const (
	boundShare          = 0.1
	boundShareIntervals = 0.08
	boundShortShare     = 0.6
	boundIterations     = 40
	boundStart          = 8 // evaluations of the golden-section start
	// The ascent's deflection and patience (package bound), the best of a few tried on the public
	// benchmark's instances 3 to 11.
	boundDeflection = 0.5
	boundPatience   = 30
)

// lowerBounds are the certified lower bounds of a solve: on the objective and on agent-intervals
// short (−Inf when not computed or withdrawn).
type lowerBounds struct {
	objective, short float64
}

// relax computes the lower bounds, with roster st's values as the targets of the ascents, in the
// pacer's time left; warm (may be nil) starts the objective's ascent. It also returns the column
// generation's master of the objective, for the dive (dive.go), when the generation bounded it
// (demand per day and template), else nil.
//
// On interval demand the bound on agent-intervals short comes first, from the compact programme
// (compact.go), column generation and the ascent, with boundShortShare of the time; the
// objective's bound has the rest.
func relax(st *state, pc *pacer, warm []float64) (lowerBounds, *colgen) {
	m := st.m
	lb := lowerBounds{objective: math.Inf(-1), short: math.Inf(-1)}
	var master *colgen
	kinds := []bool{false} // short?
	if m.req != nil {
		kinds = []bool{true, false}
	}
	pc.begin(PhaseBound, len(kinds)*boundIterations, "evaluations")
	for _, short := range kinds {
		iterations, until := 0, time.Time{}
		if d := pc.b.remaining(); !pc.b.deadline.IsZero() {
			share := 1.0
			if short {
				share = boundShortShare
			}
			until = time.Now().Add(time.Duration(float64(d) * share))
		} else {
			iterations = boundIterations
		}
		stop := func() bool { return pc.step(pc.done+1) || !until.IsZero() && time.Now().After(until) }
		r := newRelaxation(m, short)
		r.halt = func() bool { return pc.b.stopped() || !until.IsZero() && time.Now().After(until) }
		upper := st.soft()
		if short {
			upper = shortOf(st)
		}
		observe := func(v float64) {
			if !short {
				pc.bound = max(pc.bound, v, 0) // no objective is negative
			}
		}
		lambda, first := warm, math.Inf(-1)
		if m.req != nil || m.hasShiftDemand { // the short bound exists only on interval demand
			share := compactShare
			if m.req == nil {
				share = compactShareCovers
			}
			lambda, first = r.lpStart(stop, until, share)
		}
		if warm != nil && !short { // the seed's multipliers, when they bound better (NaN: cut short)
			if v := r.Eval(warm, make([]float64, r.n)); !math.IsNaN(v) && (v > first || lambda == nil) {
				lambda, first = warm, v
			}
		}
		if lambda == nil {
			lambda, first = r.start(boundStart, stop)
		}
		if short || m.req == nil { // on interval demand the objective's master lacks the empty intervals
			c := newColgen(r)
			c.addRoster(st)
			tree := !short // the tree branches once the generation has converged or ended (branch.go)
			p := newPlateau()
			rootStop := func() bool { return stop() || tree && p.stalled() && c.converged(p.best) }
			if v, l := c.generate(lambda, rootStop, until, iterations/4, func(v float64) {
				p.see(v)
				observe(v)
			}, m.req != nil); l != nil && v > first {
				lambda, first = l, v
			}
			if tree && !r.withdrawn && !stop() {
				first = max(first, c.branch(first, lambda, upper, stop, until, iterations/4, observe))
			}
			if !short && !r.withdrawn {
				master = c
			}
		}
		v := first
		if first < upper { // else the roster is proved optimal: no ascent can add to it
			v = max(first, r.maximise(lambda, upper, stop, iterations, observe))
		}
		if short {
			lb.short = v
		} else {
			lb.objective = m.roundBound(v)
			pc.bound = max(pc.bound, lb.objective, 0)
		}
		if pc.b.stopped() {
			break
		}
	}
	return lb, master
}

// shortOf is st's agent-intervals short (0 without interval demand).
func shortOf(st *state) float64 {
	m := st.m
	s := 0.0
	for t := range len(m.req) {
		s += max(0, float64(m.req[t]-st.on[t])/milli)
	}
	return s
}
