package solver

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
)

// Best response: re-plan one agent's days at once, the others fixed. Single-day and
// block moves struggle with limits that couple many days (minimum and maximum runs of work and
// rest, weekends worked, a narrow band of total minutes): any one change breaks a limit that only a
// second, distant change can mend. A dynamic programme over the agent's days finds the sequence of
// shifts and days off that minimises
//
//	Σ_d c(d, v_d) + H·(run, rotation and weekend violations) + μ·Σ_d paid(v_d)
//
//	  + Σ shape(runs, pairs, weekends off)
//
// where c(d, v) is what template v (or a day off) on day d costs or saves in coverage, requests,
// trainee company, hall posts and fairness (linearised at the agent's current counts), given every other
// agent's day. The state of day d is (last value, length of the current run, whether the run's
// start is unknown, weekends worked so far, full weekends off so far); a run's start is unknown
// when it holds the first day and the history does not state the day before it, and such a run is
// exempt from the minimum runs (hard.go: R21 across the month's edge; the history's run enters as
// the first state). The roster-shape terms (wfm objective.go) are exact in the programme: a start
// change is priced on the transition between two worked values, a short block of days off and an
// isolated working day when their run closes (the state holds the run's length and whether its
// start is known), and the full weekends off when the programme ends, from the count the state
// carries up to what the agent still lacks after the weekends outside the span (a Sunday off
// after a Saturday off adds one; the last value is the Saturday's). The
// paid-minutes limits (the period, min and max minutes) are met through the multiplier μ, found by
// bisection; the weekly band is left to the search. The programme runs over the whole horizon or
// over a span of weeks (see span), the days around it fixed. The sequence is then applied and
// scored exactly, like any other move.
//
// Pooling. Two states that differ only in yesterday's worked template move to the same states
// tomorrow, at costs that differ only by the rest rule and the start change between yesterday's
// template and tomorrow's; templates with the same rows of both (a class, classify) are
// interchangeable there, so a day's transitions start from the cheapest state of each class: S+1
// values × S templates become S + K·S per state of the other dimensions, K the classes. On the
// public benchmark's Instance 13 (18 templates, 7 classes by their rules of what cannot follow)
// an evaluation of the relaxation (every agent priced once) took 1.2 s instead of 2.2 s (a probe
// timing each evaluation); on templates that each start at their own hour with a start change
// weighted (K = S), about 3 % more (BenchmarkProgramme).

// respondEffort sets how often a chain re-plans an agent: every days·states·(templates+1) /
// respondEffort moves (days and states of a typical span), so that the programme (that many steps
// per solve, a few solves per re-plan) takes a steady share of the search whatever the problem's size.
const respondEffort = 40

// respondBisections bounds the programmes run to fit the paid-minutes limits.
const respondBisections = 20

// Spans. On a long horizon the programme re-plans a span of whole weeks, the agent's other days
// fixed: the cost of a re-plan then no longer grows with the horizon, so the search can afford many
// more of them. Horizons up to spanFull days are re-planned whole; longer ones in spans of
// spanMinWeeks to spanMaxWeeks weeks.
const (
	spanFull     = 42
	spanMinWeeks = 3
	spanMaxWeeks = 6
)

// span is the stretch of days [d0, d1) a best response re-plans, and what the fixed days around it
// impose: the run entering d0, the run that starts at d1, and the weekends, minutes and templates
// worked outside it.
type span struct {
	d0, d1           int
	v0, run0, first0 int     // state entering d0: last value (0 off, s+1 template s), its run (history included), whether its start is unknown
	u, q, e          int     // the fixed run from d1: value of day d1 (template or off), length, last day
	weekendsOut      int     // weekends worked outside the span
	maxWeekends      int     // the weekends the agent may reach: its limit, or its share of it (setSpan); -1 for none
	weekendsOwed     int     // full weekends off the agent lacks after those outside the span
	paidOut          float64 // paid minutes outside the span
}

// dp holds the working arrays of the programme for one model. R, W and n are set by setSpan from
// the agent and its span, within the sizes the arrays were made for.
type dp struct {
	m          *model
	R, W, F    int       // run-length, weekend-count and weekends-off caps of this solve
	n          int       // states per day of this solve
	maxR       int       // the largest R any agent needs (the arrays' size)
	startPrice []float64 // per pair of templates: the weighted start-change cost
	sp         span      // the span being re-planned
	cost, next []float64 // per state
	back       []int32   // per day of the span and state: the previous state
	day        []float64 // per day and value: c(d, v)
	seq        []int16   // per day of the span
	penalty    []float64 // per template: a price per use that keeps it within its MaxShifts
	price      []float64 // per value, on the day being solved: its day cost, paid minutes and penalty
	shiftsOut  []int     // per template: uses outside the span
	jitter     float64   // relative size of the day costs' perturbation (respondJitter)
	value      float64   // the programme's optimum in the last solve
	// The paid-minutes dimension (exactMinutes): each value's units of paid minutes, and per
	// boundary k of the span (before its day d0+k) its layers of units, [uLo[k], uHi[k]] (and a
	// sink layer after them, see solve), and where its back pointers begin. Without it (the
	// Lagrangian programme) every unit and bound is 0: one layer.
	units    []int
	uLo, uHi []int
	backAt   []int
	to       []int // per value, in the layer being solved: the offset of the layer it moves to, or of the sink
	// Set by the construction: exact lets fitMinutes fall back on exactMinutes; warm holds per
	// agent the μ of its last fit inside the band, which the bisection probes first, doubling it
	// until the response crosses the band. The search's re-plans, many and meant to be cheap, use
	// neither.
	exact bool
	warm  []float64
	// The template-count dimension (countTemplates): per value, the stride of its count in a
	// layer's index (0: not counted) and the most uses left to it; nc count layers per layer of
	// units. Without it (every re-plan of the search) nc is 1.
	countStride, countMost []int
	nc                     int
	// Templates whose rows of compat and startPrice agree lead alike into the next day: follow
	// numbers each template's class (of classes), followCompat and followPrice hold a class's
	// rows, and least and arg are scratch per class and state (see solve).
	follow             []int
	classes            int
	followCompat       []bool
	followPrice, least []float64
	arg                []int
}

// dpSize returns the largest run-length and weekend caps any agent needs and the states per day
// they make.
func dpSize(m *model) (R, W, n int) {
	R, W = 2, 1
	for _, ai := range m.agents {
		R = max(R, m.runCap(&ai))
		if ai.maxWeekends >= 0 {
			W = max(W, ai.maxWeekends+2)
		}
	}
	R = min(R, m.D+1)
	return R, W, (m.S + 1) * (R + 1) * 2 * W * (m.owedWeekends + 1)
}

// runCap is the run length beyond which agent ai's limits and the shape's block of days off no
// longer tell runs apart.
func (m *model) runCap(ai *agentInfo) int {
	return max(2, ai.maxConsec+1, ai.minConsec, ai.minOff, m.offBlock)
}

func newDP(m *model) *dp {
	R, _, n := dpSize(m)
	p := &dp{m: m, maxR: R, cost: make([]float64, 2*n), next: make([]float64, 2*n),
		back: make([]int32, (m.D+1)*n), day: make([]float64, m.D*(m.S+1)), seq: make([]int16, m.D),
		penalty: make([]float64, m.S), price: make([]float64, m.S+1), shiftsOut: make([]int, m.S),
		startPrice: make([]float64, m.S*m.S), jitter: respondJitter,
		units: make([]int, m.S+1), uLo: make([]int, m.D+1), uHi: make([]int, m.D+1), backAt: make([]int, m.D+1),
		to: make([]int, m.S+1), countStride: make([]int, m.S+1), countMost: make([]int, m.S+1), nc: 1}
	for i, c := range m.startCost {
		p.startPrice[i] = m.w.StartChange * c
	}
	p.classify()
	return p
}

// classify sorts the templates into classes by their rows of compat and startPrice, the first
// template of each class giving the class's rows.
func (p *dp) classify() {
	m := p.m
	p.follow = make([]int, m.S)
	for s := range m.S {
		p.follow[s] = p.classes
		for k := range p.classes {
			if slices.Equal(p.followCompat[k*m.S:(k+1)*m.S], m.compat[s*m.S:(s+1)*m.S]) &&
				slices.Equal(p.followPrice[k*m.S:(k+1)*m.S], p.startPrice[s*m.S:(s+1)*m.S]) {
				p.follow[s] = k
				break
			}
		}
		if p.follow[s] == p.classes {
			p.followCompat = append(p.followCompat, m.compat[s*m.S:(s+1)*m.S]...)
			p.followPrice = append(p.followPrice, p.startPrice[s*m.S:(s+1)*m.S]...)
			p.classes++
		}
	}
	_, _, n := dpSize(m)
	stride := n / (m.S + 1) // states per value
	p.least, p.arg = make([]float64, p.classes*stride), make([]int, p.classes*stride)
}

// chooseSpan picks the days to re-plan: the whole horizon when it is short, otherwise a random run
// of whole weeks. A limit on the whole period (minutes, weekends, shifts per template) can be
// mended in any span, since the span's share is the limit less what the days outside it hold.
func chooseSpan(m *model, rng *rand.Rand) (d0, d1 int) {
	if m.D <= spanFull {
		return 0, m.D
	}
	nWeeks := m.week[m.D-1] + 1
	k := min(nWeeks, spanMinWeeks+rng.IntN(spanMaxWeeks-spanMinWeeks+1))
	return weekSpan(m, rng.IntN(nWeeks-k+1), k)
}

// weekSpan returns the days [d0, d1) of the k weeks from week w0, cut to the horizon.
func weekSpan(m *model, w0, k int) (d0, d1 int) {
	d0, d1 = m.D, m.D
	for d := range m.D {
		if m.week[d] >= w0 && d0 == m.D {
			d0 = d
		}
		if m.week[d] >= w0+k {
			return d0, d
		}
	}
	return d0, d1
}

// setSpan reads from st what agent a's fixed days impose on a re-plan of [d0, d1), and sizes the
// programme for it. share is the part of the agent's weekend limit the days up to d1 may hold: 1,
// or in a construction by spans ⌈share·limit⌉, so that the early spans leave later ones their
// weekends as they leave them their minutes.
func (p *dp) setSpan(st *state, a, d0, d1 int, share float64) {
	m := p.m
	ai := &m.agents[a]
	x := st.x[a*m.D : (a+1)*m.D]
	sp := span{d0: d0, d1: d1, u: off, maxWeekends: ai.maxWeekends}
	if ai.maxWeekends >= 0 && share < 1 {
		sp.maxWeekends = int(math.Ceil(share*float64(ai.maxWeekends) - 1e-9))
	}
	// The run entering d0: that of the fixed days before d0, with the history's run of the same
	// kind when it reaches day 0; at d0 = 0, the history's last run (of work, or of days not worked).
	worked, k := ai.histRun > 0, d0
	if worked {
		sp.v0 = ai.histShift + 1
	}
	if d0 > 0 {
		worked, sp.v0 = x[d0-1] >= 0, int(x[d0-1])+1
		for k > 0 && (x[k-1] >= 0) == worked {
			k--
		}
	}
	sp.run0 = d0 - k
	if k == 0 {
		sp.run0 += ai.prefix(worked)
		if !ai.startKnown(worked) {
			sp.first0 = 1
		}
	}
	if d1 < m.D {
		sp.u, sp.e = int(x[d1]), d1
		for sp.e+1 < m.D && (x[sp.e+1] >= 0) == (sp.u >= 0) {
			sp.e++
		}
		sp.q = sp.e - d1 + 1
	}
	sp.paidOut = st.g.paid[a]
	for s := range m.S {
		p.shiftsOut[s] = int(st.g.perShift[a*m.S+s])
	}
	for d := d0; d < d1; d++ {
		if s := int(x[d]); s >= 0 {
			sp.paidOut -= m.paid(a, s)
			p.shiftsOut[s]--
		}
	}
	W := m.W
	offOut := 0 // full weekends off whose Sunday lies outside the span
	for w := range W {
		if (w < m.week[d0] || w > m.week[d1-1]) && st.g.weekendDays[a*W+w] > 0 {
			sp.weekendsOut++
		}
		if sun := m.sunday[w]; sun >= 0 && (sun < d0 || sun >= d1) && st.g.weekendDays[a*W+w] == 0 {
			offOut++
		}
	}
	sp.weekendsOwed = max(0, m.owedWeekends-offOut)
	p.sp = sp
	p.R = min(m.runCap(ai), sp.run0+d1-d0, p.maxR)
	p.W = 1
	if sp.maxWeekends >= 0 {
		p.W = max(1, min(m.week[d1-1]-m.week[d0]+2, sp.maxWeekends-sp.weekendsOut+2))
	}
	p.F = sp.weekendsOwed + 1
	p.n = (m.S + 1) * (p.R + 1) * 2 * p.W * p.F
	p.nc = 1
	clear(p.countStride)
	p.layout()
}

// layout places each day's back pointers (one layer of units, nc layers of counts) and sizes the
// working arrays for them.
func (p *dp) layout() {
	layer := p.n * p.nc
	for k := range p.sp.d1 - p.sp.d0 + 1 {
		p.backAt[k] = k * layer
	}
	if len(p.cost) < layer+p.n {
		p.cost, p.next = make([]float64, layer+p.n), make([]float64, layer+p.n)
	}
	if need := (p.sp.d1-p.sp.d0)*layer + p.n; len(p.back) < need {
		p.back = make([]int32, need)
	}
}

// countCap bounds nc, the count layers of countTemplates, and so the factor they add to the
// programme's time.
const countCap = 12

// countTemplates makes the programme count agent a's uses of the templates marked in want whose
// limit (MaxShifts) lies below the span's days, and forbid a use past the limit, so that the
// schedule keeps those limits by itself rather than through a price per use: smallest limit first,
// while the product of their (uses left + 1), nc, stays within countCap. The relaxation's pricing
// marks a limit once the agent's schedule has broken it: a multiplier prices a limit only on
// average over the master's columns, and an agent whose best schedule by price works a template
// more often than its limit leaves the bound as weak as if the limit were not there; agents whose
// schedules keep their limits pay nothing for the dimension.
func (p *dp) countTemplates(a int, want []bool) {
	m := p.m
	ai := &m.agents[a]
	days := p.sp.d1 - p.sp.d0
	var limited []int
	for s, lim := range ai.maxShifts {
		if want[s] && lim >= 0 && lim-p.shiftsOut[s] > 0 && lim-p.shiftsOut[s] < days {
			limited = append(limited, s)
		}
	}
	slices.SortFunc(limited, func(s, t int) int { return cmp.Compare(ai.maxShifts[s], ai.maxShifts[t]) })
	p.nc = 1
	clear(p.countStride)
	for _, s := range limited {
		left := ai.maxShifts[s] - p.shiftsOut[s]
		if p.nc*(left+1) > countCap {
			continue
		}
		p.countStride[s+1], p.countMost[s+1] = p.nc, left
		p.nc *= left + 1
	}
	p.layout()
}

// index numbers the state (last value v, run length, whether the run's start is unknown, weekends
// worked in the span, full weekends off in the span up to those owed); unpack reads it back.
func (p *dp) index(v, run, first, wk, fo int) int {
	return (((v*(p.R+1)+run)*2+first)*p.W+wk)*p.F + fo
}

func (p *dp) unpack(i int) (v, run, first, wk, fo int) {
	fo = i % p.F
	i /= p.F
	wk = i % p.W
	i /= p.W
	first = i % 2
	i /= 2
	run = i % (p.R + 1)
	v = i / (p.R + 1)
	return
}

// respondJitter is the relative size of the random perturbation of the day costs. Many days often
// cost the same (one template, one cover weight), and then the programme's paid minutes jump
// from far above a band to far below it as μ crosses a single value; unequal costs make the
// response to μ gradual, so that a μ with minutes inside the band exists.
const respondJitter = 0.05

// dayCosts fills c(d, v) for agent a and each day d of the span: the change of the cover cost and
// of the trainee and hall measures (R14, R24; times h) when the agent works template v−1 (v = 0:
// off) on day d instead of being off, with the requests and the linearised fairness of that value.
func (p *dp) dayCosts(st *state, a int, h float64, rng *rand.Rand) {
	m := p.m
	ai := &m.agents[a]
	g := st.g
	nights, weekends, holidays := float64(g.nights[a]), float64(g.weekends[a]), float64(g.holidays[a])
	days := p.day[p.sp.d0*(m.S+1) : p.sp.d1*(m.S+1)]
	for d := p.sp.d0; d < p.sp.d1; d++ {
		i := a*m.D + d
		cur, curB := int(st.x[i]), int(st.br[i])
		row := p.day[d*(m.S+1) : (d+1)*(m.S+1)]
		for v := range row {
			row[v] = math.Inf(1)
		}
		offSoft, offHard := 0.0, 0.0
		if cur >= 0 { // what leaving the day off saves, measured from the current value
			offSoft, offHard = st.setCover(a, d, cur, curB, off, 0)
			st.setCover(a, d, off, 0, cur, curB)
		}
		_, missed := st.requestsOn(i, off)
		row[0] = offSoft + h*offHard + missed
		if f := int(m.fixed[i]); f != free && f != off {
			row[0] = math.Inf(1)
		}
		for _, s16 := range ai.allowed {
			s := int(s16)
			if f := int(m.fixed[i]); (f != free && f != s) || ai.maxShifts[s] == 0 {
				continue
			}
			b := middleOption(&m.shifts[s])
			if s == cur {
				b = curB
			}
			soft, hard := 0.0, 0.0
			if s != cur {
				soft, hard = st.setCover(a, d, cur, curB, s, b)
				st.setCover(a, d, s, b, cur, curB)
			}
			_, missed := st.requestsOn(i, s)
			c := soft + h*hard + missed
			if m.shifts[s].night {
				c += m.w.Nights * (2*nights + 1)
			}
			if m.weekend[d] {
				c += m.w.Weekends * (2*weekends + 1)
			}
			if m.holiday[d] {
				c += m.w.Holidays * (2*holidays + 1)
			}
			row[s+1] = c
		}
	}
	scale := 0.0
	for _, c := range days {
		if !math.IsInf(c, 0) {
			scale = max(scale, math.Abs(c))
		}
	}
	scale = max(scale, 1) * p.jitter
	for i, c := range days {
		if !math.IsInf(c, 0) {
			days[i] += scale * rng.Float64()
		}
	}
}

// solve runs the programme for agent a over the span with multiplier mu on paid minutes and leaves
// the best sequence in p.seq; it returns the sequence's paid minutes.
//
// Whether this week's weekend is already counted needs no state of its own: weekend days are the
// week's last two, so on a Sunday it is counted exactly when the day before (the state's last
// value) was a worked Saturday of the span.
//
// With the paid-minutes dimension (exactMinutes) the cells of a boundary k form layers, one per
// number u ∈ [uLo[k], uHi[k]] of units of paid minutes the span has paid so far, each layer holding
// every state: template s moves a cell from layer u to layer u + units[s] of the next boundary,
// and a move that leaves that boundary's layers is dropped. Without it there is one layer and the
// dimension is void.
func (p *dp) solve(a int, h, mu float64) float64 {
	m := p.m
	ai := &m.agents[a]
	sp := &p.sp
	inf := math.Inf(1)
	n := p.n
	nc := p.nc
	cost, next := p.cost[:n*(p.uHi[0]-p.uLo[0]+1)*nc], p.next
	for i := range cost {
		cost[i] = inf
	}
	cost[-p.uLo[0]*nc*n+p.index(sp.v0, min(sp.run0, p.R), sp.first0, 0, 0)] = 0
	price := p.price[:m.S+1]
	units, to := p.units[:m.S+1], p.to[:m.S+1]
	stride := (p.R + 1) * 2 * p.W * p.F // states per value
	for d := sp.d0; d < sp.d1; d++ {
		k := d - sp.d0
		lo, lo1, hi1 := p.uLo[k], p.uLo[k+1], p.uHi[k+1]
		sink := n * (hi1 - lo1 + 1) * nc // a layer past the last that takes the moves out of bounds, never read
		next = next[:sink+n]
		for i := range next[:sink] {
			next[i] = inf
		}
		row := p.day[d*(m.S+1) : (d+1)*(m.S+1)]
		for w := 1; w <= m.S; w++ {
			price[w] = row[w] + mu*m.paid(a, w-1) + p.penalty[w-1]
		}
		fresh := 0 // a run starting today has an unknown start only on day 0, when the history does not state the day before
		if d == 0 && !ai.edgeKnown {
			fresh = 1
		}
		weekend := m.weekend[d]
		counted := d > sp.d0 && m.weekend[d-1] && m.week[d-1] == m.week[d] // a worked yesterday counted this weekend
		sunday := m.sunday[m.week[d]] == d                                 // a day off after a Saturday off makes a full weekend off
		back := p.back[p.backAt[k] : p.backAt[k]+len(next)]
		for l := range (p.uHi[k] - lo + 1) * nc { // layer l: units lo + l/nc, counts l%nc
			u, counts := lo+l/nc, l%nc
			layer := cost[l*n : (l+1)*n]
			from := int32(l * n) // the layer's first cell
			for v := range to {  // the offset of the layer value v moves to
				to[v] = sink
				t, c := u+units[v], counts
				if st := p.countStride[v]; st > 0 {
					if c/st%(p.countMost[v]+1) == p.countMost[v] {
						continue
					}
					c += st
				}
				if t >= lo1 && t <= hi1 {
					to[v] = ((t-lo1)*nc + c) * n
				}
			}
			// Yesterday off: each state moves on its own.
			for i := range stride {
				c := layer[i]
				if c == inf {
					continue
				}
				_, run, first, wk, fo := p.unpack(i)
				if row[0] < inf { // another day off
					orun, ofo := min(run+1, p.R), fo
					if sunday {
						ofo = min(fo+1, p.F-1)
					}
					if j := to[0] + p.index(0, orun, first, wk, ofo); c+row[0] < next[j] {
						next[j], back[j] = c+row[0], from+int32(i)
					}
				}
				wc, wk2 := c, wk // a run of work starts: the run of rest closes
				if run > 0 && first == 0 {
					wc += h*p.shortRun(ai, false, run) + p.shapeRun(false, run)
				}
				if ai.maxConsec < 1 {
					wc += h
				}
				if weekend && sp.maxWeekends >= 0 {
					if sp.weekendsOut+wk+1 > sp.maxWeekends {
						wc += h
					}
					wk2 = min(wk+1, p.W-1)
				}
				j := p.index(1, 1, fresh, wk2, fo)
				for w := 1; w <= m.S; w, j = w+1, j+stride {
					if jt := j + to[w]; wc+price[w] < next[jt] {
						next[jt], back[jt] = wc+price[w], from+int32(i)
					}
				}
			}
			// Yesterday worked: the states that differ only in yesterday's template move to the
			// same states, at costs that differ only by the start price and the rest between the
			// two templates, which depend on yesterday's template through its class (follow). So
			// the cheapest state of each class stands for the class.
			K := p.classes
			least, arg := p.least[:K*stride], p.arg[:K*stride] // per class and state of the others
			for i := range least {
				least[i] = inf
			}
			for v := 1; v <= m.S; v++ {
				at := p.follow[v-1] * stride
				for o, c := range layer[v*stride : (v+1)*stride] {
					if c < least[at+o] {
						least[at+o], arg[at+o] = c, v*stride+o
					}
				}
			}
			for o := range stride {
				c, i := inf, 0 // the cheapest state of any class
				for k := range K {
					if l := least[k*stride+o]; l < c {
						c, i = l, arg[k*stride+o]
					}
				}
				if c == inf {
					continue
				}
				_, run, first, wk, fo := p.unpack(o)
				if row[0] < inf { // a day off closes the run of work
					oc := c + row[0]
					if run > 0 && first == 0 {
						oc += h*p.shortRun(ai, true, run) + p.shapeRun(true, run)
					}
					if j := to[0] + p.index(0, 1, fresh, wk, fo); oc < next[j] {
						next[j], back[j] = oc, from+int32(i)
					}
				}
				wc, wrun, wk2 := 0.0, min(run+1, p.R), wk
				if wrun > ai.maxConsec {
					wc += h
				}
				if weekend && !counted && sp.maxWeekends >= 0 {
					if sp.weekendsOut+wk+1 > sp.maxWeekends {
						wc += h
					}
					wk2 = min(wk+1, p.W-1)
				}
				j := p.index(1, wrun, first, wk2, fo)
				for w := 1; w <= m.S; w, j = w+1, j+stride {
					jt := j + to[w]
					base := wc + price[w]
					for k := range K {
						l := least[k*stride+o]
						if l == inf {
							continue
						}
						tc := l + base + p.followPrice[k*m.S+w-1]
						if !p.followCompat[k*m.S+w-1] {
							tc += h
						}
						if tc < next[jt] {
							next[jt], back[jt] = tc, from+int32(arg[k*stride+o])
						}
					}
				}
			}
		}
		cost, next = next, cost[:cap(cost)]
	}
	best, bestCost := 0, inf
	for i, c := range cost[:n*(p.uHi[sp.d1-sp.d0]-p.uLo[sp.d1-sp.d0]+1)*nc] {
		if c < inf {
			v, run, first, _, fo := p.unpack(i % n)
			jn := p.join(ai, v, run, first)
			if c += h*jn.hard + jn.soft + m.w.WeekendsOff*float64(sp.weekendsOwed-fo); c < bestCost {
				best, bestCost = i, c
			}
		}
	}
	p.value = bestCost
	if bestCost == inf { // no sequence: p.seq is left as it was
		return 0
	}
	paid := 0.0
	for d := sp.d1 - 1; d >= sp.d0; d-- {
		k := d - sp.d0
		v, _, _, _, _ := p.unpack(best % n)
		p.seq[k] = int16(v - 1)
		if v > 0 {
			paid += m.paid(a, v-1)
		}
		best = int(p.back[p.backAt[k]+best])
	}
	return paid
}

// shortRun is how far a run of run days, worked or not, that closes inside the horizon and whose
// start is known falls short of agent ai's minimum.
func (p *dp) shortRun(ai *agentInfo, worked bool, run int) float64 {
	lim := ai.minOff
	if worked {
		lim = ai.minConsec
	}
	return float64(max(0, lim-run))
}

// shapeRun is the SOFT shape cost of a run of run days, worked or not, that closes inside the
// horizon and whose start is known: an isolated working day, or the days a block of days off lacks.
func (p *dp) shapeRun(worked bool, run int) float64 {
	m := p.m
	if worked {
		if run == 1 {
			return m.w.SingleDay
		}
		return 0
	}
	return m.w.DaysOffBlock * float64(max(0, m.offBlock-run))
}

// join is the cost the span's last state (v, run, first) adds where it meets the fixed run from
// d1: HARD, the merged run's shortfall and the fixed days beyond the maximum, or the closing of the
// span's run and the fixed run standing alone, and the rotation between d1−1 and d1; SOFT, the
// same runs' shape and the start change between d1−1 and d1. The fixed days' other terms do not
// depend on the span. (run may be capped at R, beyond every limit and block that tells runs apart,
// so a capped run is beyond them all either way.)
func (p *dp) join(ai *agentInfo, v, run, first int) agentCost {
	m, sp := p.m, &p.sp
	if sp.d1 >= m.D {
		return agentCost{}
	}
	worked, next := v > 0, sp.u >= 0
	if worked != next {
		var pen agentCost
		if run > 0 && first == 0 {
			pen = agentCost{hard: p.shortRun(ai, worked, run), soft: p.shapeRun(worked, run)}
		}
		if next {
			return pen.plus(m.closeWorkRun(ai, sp.q, sp.d1, sp.e))
		}
		return pen.plus(m.closeOffRun(ai, sp.q, sp.d1, sp.e))
	}
	total := run + sp.q
	var pen agentCost
	if first == 0 && sp.e < m.D-1 {
		pen = agentCost{hard: p.shortRun(ai, worked, total), soft: p.shapeRun(worked, total)}
	}
	if worked {
		pen.hard += float64(min(sp.q, max(0, total-ai.maxConsec))) // the fixed days beyond the maximum
		if !m.compat[(v-1)*m.S+sp.u] {
			pen.hard++
		}
		pen.soft += p.startPrice[(v-1)*m.S+sp.u]
	}
	return pen
}

// respond re-plans agent a (usually one that breaks a HARD rule) over a span of days chosen by
// chooseSpan, and applies the result through the journal. It reports whether anything changed.
func (p *dp) respond(st *state, j *journal, rng *rand.Rand, a int, h float64) bool {
	d0, d1 := chooseSpan(p.m, rng)
	return p.replan(st, j, rng, a, h, d0, d1, 1)
}

// replan re-plans agent a's days [d0, d1) by the programme, fitting its paid minutes into the
// share of their period limits (1: the limits themselves) by bisection on μ, and applies the
// sequence to the state through the journal. It reports whether anything changed. The exact
// programme of fitMinutes, dearer than the bisection, serves the construction (p.exact) when the
// span answers to the period's limits themselves and the agent breaks a HARD rule (every agent
// still short of its minimum minutes does).
func (p *dp) replan(st *state, j *journal, rng *rand.Rand, a int, h float64, d0, d1 int, share float64) bool {
	m := p.m
	ai := &m.agents[a]
	exact := p.exact && st.agent[a].hard > 1e-9 && share == 1
	p.setSpan(st, a, d0, d1, share)
	p.dayCosts(st, a, h, rng)
	lo, hi := 0.0, ai.maxPaid
	if ai.maxMinutes >= 0 {
		hi = min(hi, ai.maxMinutes)
	}
	if ai.minMinutes >= 0 {
		lo = ai.minMinutes
	}
	lo, hi = lo*share-p.sp.paidOut, hi*share-p.sp.paidOut
	if share < 1 {
		// A share is a pace, not a limit: the band widens by the agent's longest shift on either
		// side, which the later spans, aiming at their own cumulative shares, make up.
		longest := 0.0
		for _, s := range ai.allowed {
			longest = max(longest, m.paid(a, int(s)))
		}
		lo, hi = lo-longest, hi+longest
	}
	clear(p.penalty)
	for range respondRounds {
		p.fitMinutes(a, h, lo, hi, exact)
		over := false
		for s, lim := range ai.maxShifts {
			if n := p.count(s) + p.shiftsOut[s]; lim >= 0 && n > lim {
				p.penalty[s] += h * float64(n-lim) / float64(n)
				over = true
			}
		}
		if !over {
			break
		}
	}
	changed := false
	for k, s16 := range p.seq[:d1-d0] {
		d := d0 + k
		i := a*m.D + d
		s := int(s16)
		if s == int(st.x[i]) {
			continue
		}
		b := 0
		if s >= 0 {
			b = middleOption(&m.shifts[s])
		}
		st.change(j, a, d, s, b)
		changed = true
	}
	return changed
}

// respondRounds bounds the rounds that price templates over their MaxShifts.
const respondRounds = 3

// fitMinutes solves with μ = 0 and, when the paid minutes miss [lo, hi], bisects on μ. A sequence
// x* that minimises c(x) + μ·paid(x) and lies inside the band is optimal among the band's
// sequences within the gap |μ|·slack, the slack being hi − paid(x*) for μ > 0 and paid(x*) − lo
// for μ < 0 (for any x in the band, c(x) ≥ c(x*) + μ·(paid(x*) − paid(x))). It is kept when that
// gap is below h, less than one HARD violation; otherwise, and when the band falls between two
// steps of the (stepwise) response to μ, exactMinutes solves the band exactly. When that is out of
// reach too, or not allowed (exact false), p.seq keeps the bisection's sequence inside the band,
// or the one nearest to it.
func (p *dp) fitMinutes(a int, h, lo, hi float64, exact bool) {
	L := p.sp.d1 - p.sp.d0
	miss := func(paid float64) float64 { return max(0, paid-hi, lo-paid) }
	paid := p.solve(a, h, 0)
	if miss(paid) < 1e-9 {
		return
	}
	best, bestMiss := append([]int16(nil), p.seq[:L]...), miss(paid)
	// μ > 0 lowers the minutes, μ < 0 raises them; H/60 per minute outweighs any one hour.
	muLo, muHi := -h/60, h/60
	if paid > hi {
		muLo = 0
	} else {
		muHi = 0
	}
	probe := 0.0
	if p.warm != nil {
		probe = p.warm[a]
	}
	for range respondBisections {
		mu := (muLo + muHi) / 2
		if muLo < probe && probe < muHi {
			mu = probe
		}
		probe *= 2
		paid = p.solve(a, h, mu)
		if d := miss(paid); d < 1e-9 {
			if p.warm != nil {
				p.warm[a] = mu
			}
			slack := hi - paid
			if mu < 0 {
				slack = paid - lo
			}
			if !exact || math.Abs(mu)*slack < h {
				return
			}
			best, bestMiss = append(best[:0], p.seq[:L]...), 0
			break
		} else if d < bestMiss {
			best, bestMiss = append(best[:0], p.seq[:L]...), d
		}
		if paid > hi {
			muLo = mu
		} else {
			muHi = mu
		}
	}
	if exact {
		if _, ok := p.exactMinutes(a, h, lo, hi); ok {
			return
		}
	}
	copy(p.seq, best)
}

// exactCells bounds the cells (states × units) of exactMinutes' programme over the whole span,
// and so its time and memory.
const exactCells = 1 << 22

// exactMinutes runs the programme without multiplier and with the span's paid minutes as a state
// dimension: the least cost, HARD penalties included, over the sequences that pay [lo, hi] in the
// span. Minutes are counted in units of g, the greatest common divisor of the agent's templates'
// paid minutes, so the band is [⌈lo/g⌉, ⌊hi/g⌋] units. At boundary k (before the span's day k)
// the cells hold only what a sequence keeping the run limits can have paid and still complete:
//
//	u ≤ min(⌊hi/g⌋, most(days before k)),  u ≥ ⌈lo/g⌉ − most(days from k),
//
// most being the largest units a stretch of days can pay with runs of work of at most
// MaxConsecutiveDays separated by at least MinConsecutiveDaysOff days off (mostUnits, a
// relaxation: the stretch's edges and the other limits are free). So every sequence in the band
// that keeps the run limits is among the cells, and an agent whose minimum asks for nearly all
// the work its runs allow is solved in a narrow corridor. It reports whether a sequence in the
// band was found within exactCells; then it is in p.seq, its paid minutes returned.
func (p *dp) exactMinutes(a int, h, lo, hi float64) (float64, bool) {
	m := p.m
	ai := &m.agents[a]
	g := 0
	for _, s := range ai.allowed {
		pay := m.paid(a, int(s))
		if pay < 0 || pay != math.Trunc(pay) {
			return 0, false
		}
		g = gcd(g, int(pay))
	}
	if g == 0 {
		return 0, false
	}
	loU, hiU := max(0, int(math.Ceil(lo/float64(g)-1e-9))), int(math.Floor(hi/float64(g)+1e-9))
	if hiU < loU {
		return 0, false
	}
	sp := &p.sp
	L := sp.d1 - sp.d0
	for _, s := range ai.allowed {
		p.units[s+1] = int(m.paid(a, int(s))) / g
	}
	most := make([]int, L) // per day: the most units its values pay, −1 when it cannot be worked
	for k := range most {
		row := p.day[(sp.d0+k)*(m.S+1) : (sp.d0+k+1)*(m.S+1)]
		most[k] = -1
		for v := 1; v <= m.S; v++ {
			if !math.IsInf(row[v], 1) {
				most[k] = max(most[k], p.units[v])
			}
		}
	}
	before := mostUnits(most, ai.maxConsec, ai.minOff)
	slices.Reverse(most)
	after := mostUnits(most, ai.maxConsec, ai.minOff)
	cells, widest := 0, 0
	for k := range L + 1 {
		p.uLo[k], p.uHi[k] = max(0, loU-after[L-k]), min(hiU, before[k])
		if p.uLo[k] > p.uHi[k] {
			cells = exactCells + 1 // no sequence keeping the run limits reaches the band
			break
		}
		nu := (p.uHi[k] - p.uLo[k] + 1) * p.nc
		widest = max(widest, nu)
		if k > 0 {
			p.backAt[k-1] = cells
			cells += p.n * (nu + 1) // and the sink
		}
	}
	paid, found := 0.0, false
	if cells <= exactCells {
		if len(p.cost) < p.n*(widest+1) {
			p.cost, p.next = make([]float64, p.n*(widest+1)), make([]float64, p.n*(widest+1))
		}
		if len(p.back) < cells {
			p.back = make([]int32, cells)
		}
		paid = p.solve(a, h, 0)
		found = !math.IsInf(p.value, 1)
	}
	clear(p.units)
	clear(p.uLo[:L+1])
	clear(p.uHi[:L+1])
	p.layout()
	return paid, found
}

// mostUnits returns, for k = 0..len(most), the largest units the first k days can pay, day d
// paying up to most[d] (−1: not worked), in runs of work of at most maxRun days separated by at
// least minOff days off (the first and last runs of either kind free).
func mostUnits(most []int, maxRun, minOff int) []int {
	maxRun, minOff = min(maxRun, len(most)), max(minOff, 1)
	// f[w*(minOff+1)+o]: the best pay so far in a state with w days of work, or o days off
	// (capped at minOff), ending the stretch; −1 when unreachable.
	width := minOff + 1
	f, g := make([]int, (maxRun+1)*width), make([]int, (maxRun+1)*width)
	for i := range f {
		f[i] = -1
	}
	f[minOff] = 0 // rested: free to work or not
	out := make([]int, len(most)+1)
	for d, u := range most {
		for i := range g {
			g[i] = -1
		}
		for w := 0; w <= maxRun; w++ {
			for o := 0; o < width; o++ {
				c := f[w*width+o]
				if c < 0 {
					continue
				}
				if j := min(o+1, minOff); g[j] < c { // off (w = 0 afterwards)
					g[j] = c
				}
				if u >= 0 && w < maxRun && (w > 0 || o == minOff) {
					if j := (w + 1) * width; g[j] < c+u {
						g[j] = c + u
					}
				}
			}
		}
		f, g = g, f
		out[d+1] = slices.Max(f)
	}
	return out
}

// count is how often template s appears in the span's sequence.
func (p *dp) count(s int) int {
	n := 0
	for _, v := range p.seq[:p.sp.d1-p.sp.d0] {
		if int(v) == s {
			n++
		}
	}
	return n
}

// respondEvery is the number of moves between two best responses of a chain: the programme's
// steps over a typical span (the horizon, or spanMaxWeeks weeks), divided by respondEffort.
func respondEvery(m *model) int {
	_, _, n := dpSize(m)
	days := m.D
	if m.D > spanFull {
		days = min(m.D, 7*spanMaxWeeks)
	}
	return max(500, days*n*(m.S+1)/respondEffort)
}

// respondStep re-plans one agent, preferring one that breaks a HARD rule, and keeps the result by
// the annealing rule at temperature temp.
func (c *chain) respondStep(temp float64) {
	st := c.st
	if c.dp == nil {
		c.dp = newDP(st.m)
	}
	a := st.pickAgent(c.rng)
	c.j.reset()
	if !c.dp.respond(st, &c.j, c.rng, a, c.h) {
		return
	}
	delta := c.j.soft + c.h*c.j.hard
	if delta > 0 && c.rng.Float64() >= math.Exp(-delta/temp) {
		st.undo(&c.j)
		return
	}
	c.afterAccept()
}
