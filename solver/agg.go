package solver

// Incremental agent scoring. The state keeps, per agent, the aggregates the agent's cost is made
// of (paid minutes, per-template and per-week sums, weekend, night and holiday counts, full
// weekends worked, requests missed, and the HARD and SOFT penalty of its runs and of its pairs of
// worked days: rest, rotation and start changes) and updates them in O(length of the runs
// around the day) when one day changes, instead of re-reading the whole horizon: the cost of a move
// no longer grows with the horizon. evalAgent, the full re-read, stays as the reference the tests
// compare against.

// aggs holds the per-agent aggregates, each slice indexed by agent (or agent·width).
type aggs struct {
	paid                       []float64
	perShift                   []int32   // A·S
	weekPaid                   []float64 // A·W
	weekendDays                []int8    // A·W: weekend days worked in the week
	weekendsWorked             []int32
	fullWorked                 []int32 // weekends wholly in the horizon with a day worked
	nights, weekends, holidays []int32
	missed                     []int32
	missedWeight               []float64
	runPen                     []agentCost // runs (R21; shape: blocks off, isolated days) and pairs (rest, rotation; shape: start changes)
	weekPen                    []float64   // Σ over weeks of the weekly band's penalty
	shiftPen                   []float64   // Σ over templates of the excess over MaxShifts
	reqStart                   []int32     // A·D+1: requests of agent-day i are reqs[reqStart[i]:reqStart[i+1]]
	reqs                       []request
}

func newAggs(m *model) *aggs {
	W := m.W
	g := &aggs{paid: make([]float64, m.A), perShift: make([]int32, m.A*m.S), weekPaid: make([]float64, m.A*W),
		weekendDays: make([]int8, m.A*W), weekendsWorked: make([]int32, m.A), fullWorked: make([]int32, m.A), nights: make([]int32, m.A),
		weekends: make([]int32, m.A), holidays: make([]int32, m.A), missed: make([]int32, m.A),
		missedWeight: make([]float64, m.A), runPen: make([]agentCost, m.A), weekPen: make([]float64, m.A),
		shiftPen: make([]float64, m.A), reqStart: make([]int32, m.A*m.D+1)}
	counts := make([]int32, m.A*m.D)
	for a, ai := range m.agents {
		for _, r := range ai.requests {
			counts[a*m.D+r.day]++
		}
	}
	for i, c := range counts {
		g.reqStart[i+1] = g.reqStart[i] + c
	}
	g.reqs = make([]request, g.reqStart[len(counts)])
	fill := append([]int32(nil), g.reqStart[:len(counts)]...)
	for a, ai := range m.agents {
		for _, r := range ai.requests {
			g.reqs[fill[a*m.D+r.day]] = r
			fill[a*m.D+r.day]++
		}
	}
	return g
}

func (g *aggs) copyFrom(o *aggs) {
	copy(g.paid, o.paid)
	copy(g.perShift, o.perShift)
	copy(g.weekPaid, o.weekPaid)
	copy(g.weekendDays, o.weekendDays)
	copy(g.weekendsWorked, o.weekendsWorked)
	copy(g.fullWorked, o.fullWorked)
	copy(g.nights, o.nights)
	copy(g.weekends, o.weekends)
	copy(g.holidays, o.holidays)
	copy(g.missed, o.missed)
	copy(g.missedWeight, o.missedWeight)
	copy(g.runPen, o.runPen)
	copy(g.weekPen, o.weekPen)
	copy(g.shiftPen, o.shiftPen)
}

// weekPenalty is the weekly band's penalty of agent a in week w, in hours.
func (st *state) weekPenalty(a, w int) float64 {
	m := st.m
	return m.weekBand(&m.agents[a], w, st.g.weekPaid[a*m.W+w])
}

func (st *state) shiftPenalty(a, s int) float64 {
	if lim := st.m.agents[a].maxShifts[s]; lim >= 0 {
		if n := st.g.perShift[a*st.m.S+s]; int(n) > lim {
			return float64(int(n) - lim)
		}
	}
	return 0
}

// requestsOn returns the requests missed, and their weight, on agent-day i if it held template s.
func (st *state) requestsOn(i, s int) (int32, float64) {
	var n int32
	w := 0.0
	for _, r := range st.g.reqs[st.g.reqStart[i]:st.g.reqStart[i+1]] {
		hit := s >= 0 && (r.shift < 0 || s == r.shift)
		if hit != r.on {
			n++
			w += r.weight
		}
	}
	return n, w
}

// addDay adds (sign +1) or removes (−1) the contributions of agent a working template s on day d
// to the aggregates other than runs.
func (st *state) addDay(a, d, s, sign int) {
	m, g := st.m, st.g
	W := m.W
	n, w := st.requestsOn(a*m.D+d, s)
	g.missed[a] += n * int32(sign)
	g.missedWeight[a] += w * float64(sign)
	if s < 0 {
		return
	}
	sh := &m.shifts[s]
	p := float64(sh.paid+m.agents[a].preShift) * float64(sign)
	wk := m.week[d]
	g.weekPen[a] -= st.weekPenalty(a, wk)
	g.weekPaid[a*W+wk] += p
	g.weekPen[a] += st.weekPenalty(a, wk)
	g.paid[a] += p
	g.shiftPen[a] -= st.shiftPenalty(a, s)
	g.perShift[a*m.S+s] += int32(sign)
	g.shiftPen[a] += st.shiftPenalty(a, s)
	if sh.night {
		g.nights[a] += int32(sign)
	}
	if m.holiday[d] {
		g.holidays[a] += int32(sign)
	}
	if m.weekend[d] {
		g.weekends[a] += int32(sign)
		k := a*W + wk
		before := g.weekendDays[k] > 0
		g.weekendDays[k] += int8(sign)
		if after := g.weekendDays[k] > 0; after != before {
			g.weekendsWorked[a] += int32(sign)
			if m.sunday[wk] >= 0 {
				g.fullWorked[a] += int32(sign)
			}
		}
	}
}

// minutesOutside is how many minutes paid lies outside the agent's limits on the horizon: above
// its paid maximum (R3, with the overtime cap) or MaxMinutes, or below MinMinutes.
func (ai *agentInfo) minutesOutside(paid float64) float64 {
	v := over(paid, ai.maxPaid)
	if ai.maxMinutes >= 0 {
		v += over(paid, ai.maxMinutes)
	}
	if ai.minMinutes >= 0 {
		v += over(ai.minMinutes, paid)
	}
	return v
}

// costOf derives agent a's cost from the aggregates, as evalAgent does from its days.
func (st *state) costOf(a int) agentCost {
	m, g := st.m, st.g
	ai := &m.agents[a]
	paid := g.paid[a]
	c := agentCost{hard: g.runPen[a].hard + g.weekPen[a] + g.shiftPen[a] + ai.minutesOutside(paid)/60}
	if ai.maxWeekends >= 0 && int(g.weekendsWorked[a]) > ai.maxWeekends {
		c.hard += float64(int(g.weekendsWorked[a]) - ai.maxWeekends)
	}
	n, we, h := float64(g.nights[a]), float64(g.weekends[a]), float64(g.holidays[a])
	c.soft = g.missedWeight[a] + m.w.Nights*n*n + m.w.Weekends*we*we + m.w.Holidays*h*h +
		g.runPen[a].soft + m.w.WeekendsOff*float64(m.weekendsOwed(int(g.fullWorked[a])))
	if m.p.Rules.Overtime {
		c.soft += m.w.Overtime * over(paid, ai.contractPaid) / 60
	}
	return c
}

// runPenaltyAround is the part of agent a's run penalty that a change of day d can alter: the
// penalty of every maximal run meeting days d−1..d+1 (a run from day 0 with the history's run
// before it, and the history's run that day 0 ends), and of the rest, rotation and start pairs
// between consecutive worked days among the last worked day before d, d, and the first worked day
// after d. Scans over days off stop after m.reach days: a longer rest run costs nothing (it is
// longer than every minimum and block) and no rest pair spans it.
func (st *state) runPenaltyAround(a, d int) agentCost {
	m := st.m
	x := st.x[a*m.D : (a+1)*m.D]
	ai := &m.agents[a]
	lo, hi := max(d-1, 0), min(d+1, m.D-1)
	loCut, hiCut := false, false // the outer run was cut short: a long rest run, penalty 0
	for lo > 0 && (x[lo-1] >= 0) == (x[lo] >= 0) {
		if x[lo] < 0 && d-lo > m.reach {
			loCut = true
			break
		}
		lo--
	}
	for hi < m.D-1 && (x[hi+1] >= 0) == (x[hi] >= 0) {
		if x[hi] < 0 && hi-d > m.reach {
			hiCut = true
			break
		}
		hi++
	}
	var pen agentCost
	for k := lo; k <= hi; {
		e := k
		for e < hi && (x[e+1] >= 0) == (x[k] >= 0) {
			e++
		}
		run, from := e-k+1, k
		if k == 0 {
			run, from = ai.firstRun(x[0] >= 0, e)
		}
		switch {
		case x[k] >= 0:
			pen = pen.plus(m.closeWorkRun(ai, run, from, e))
		case !(k == lo && loCut) && !(e == hi && hiCut):
			pen = pen.plus(m.closeOffRun(ai, run, from, e))
		}
		k = e + 1
	}
	if lo == 0 {
		pen = pen.plus(m.edgePenalty(ai, x[0] >= 0))
	}
	return pen.plus(st.pairPenaltyAround(a, d))
}

// pairPenaltyAround is the rest, rotation and start-change penalty of the pairs among the previous
// worked day p, d and the next worked day n, looked for within reach (farther pairs keep the rest
// rule whatever they are, and only calendar-consecutive days change start).
func (st *state) pairPenaltyAround(a, d int) agentCost {
	m := st.m
	x := st.x[a*m.D : (a+1)*m.D]
	ai := &m.agents[a]
	var pen agentCost
	p := d - 1
	for p >= 0 && x[p] < 0 && d-p <= m.reach {
		p--
	}
	atStart := p < 0 // no worked day before d: the history is the previous one
	if p >= 0 && x[p] < 0 {
		p = -1
	}
	nx := d + 1
	for nx < m.D && x[nx] < 0 && nx-d <= m.reach {
		nx++
	}
	prev := p
	for _, k := range [2]int{d, nx} {
		if k >= m.D || x[k] < 0 {
			continue
		}
		switch {
		case prev >= 0:
			pen = pen.plus(m.pairPenalty(int(x[prev]), prev, int(x[k]), k))
		case atStart:
			pen = pen.plus(m.historyPenalty(ai, int(x[k]), k))
		}
		prev, atStart = k, false
	}
	return pen
}

// pairPenalty is, HARD, 1 when template s2 on day d2 may not follow s1 on day d1 (the previous
// worked day): rotation (CannotFollow) and rest on adjacent days, rest alone across days off; and,
// SOFT, the start change of adjacent days.
func (m *model) pairPenalty(s1, d1, s2, d2 int) agentCost {
	if d2 == d1+1 {
		c := agentCost{soft: m.w.StartChange * m.startCost[s1*m.S+s2]}
		if !m.compat[s1*m.S+s2] {
			c.hard = 1
		}
		return c
	}
	end := d1*1440 + m.shifts[s1].start + m.shifts[s1].minutes
	if d2*1440+m.shifts[s2].start-end < m.p.Rules.MinRestMinutes {
		return agentCost{hard: 1}
	}
	return agentCost{}
}

// historyPenalty is the pair penalty of the first worked day of the horizon against the history.
func (m *model) historyPenalty(ai *agentInfo, s, d int) agentCost {
	if d == 0 && ai.histShift != off {
		return m.pairPenalty(ai.histShift, -1, s, 0)
	}
	if ai.histEnd > -1<<30 && d*1440+m.shifts[s].start-ai.histEnd < m.p.Rules.MinRestMinutes {
		return agentCost{hard: 1}
	}
	return agentCost{}
}
