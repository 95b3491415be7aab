package solver

import "math/rand/v2"

// The neighbourhood. Each move changes a few agent-days through state.change, rescoring the agents
// it touched, and leaves its cost change in the journal; the caller accepts it or undoes it.
// A move that finds nothing to do returns false and changes nothing.
type move func(st *state, j *journal, rng *rand.Rand) bool

// moveWeights says how often each move is drawn: per move, its share of draws when the problem
// has breaks to place (second column: when it does not).
var moves = []struct {
	fn               move
	withBreaks, flat int
	shape            bool // drawn only when the roster-shape terms are on (model.shapeOn)
}{
	{reassign, 30, 35, false},
	{swapDay, 25, 30, false},
	{shiftDay, 15, 20, false},
	{blockSwap, 5, 15, false},
	{blockAssign, 5, 15, false},
	{rebreak, 25, 0, false},
	{fillGap, 10, 15, false},
	{relay, 5, 10, false},
	{withMentor, 3, 3, false},
	{alignRun, 5, 5, true},
	{joinOff, 5, 5, true},
	{crossSwap, 10, 10, true},
}

// sampleTries is how many random agents a move samples for a partner (fillGap: one off that day
// who may work the template; crossSwap: one to exchange days with).
const sampleTries = 8

// pickAgent draws the first agent of a move (the focused agent, during repair). While some agents
// break a HARD rule of their own, half of the moves start from one of them, so repairs do not
// wait for a uniform draw to land on the few agents (of thousands) that need them.
func (st *state) pickAgent(rng *rand.Rand) int {
	if st.focus >= 0 {
		return st.focus
	}
	if n := len(st.breaking.list); n > 0 && rng.IntN(2) == 0 {
		return int(st.breaking.list[rng.IntN(n)])
	}
	return rng.IntN(st.m.A)
}

// freeCell reports whether agent a's day d is free for the search (not pinned by leave, a fixed
// assignment or suspension).
func (m *model) freeCell(a, d int) bool { return m.fixed[a*m.D+d] == free }

// randomOption returns a break option for template s.
func randomOption(m *model, rng *rand.Rand, s int) int {
	return rng.IntN(len(m.shifts[s].breakOptions))
}

// reassign gives one agent-day another template or a day off.
func reassign(st *state, j *journal, rng *rand.Rand) bool {
	m := st.m
	a, d := st.pickAgent(rng), rng.IntN(m.D)
	al := m.agents[a].allowed
	if !m.freeCell(a, d) || len(al) == 0 {
		return false
	}
	cur := int(st.x[a*m.D+d])
	k := rng.IntN(len(al) + 1)
	s := off
	if k < len(al) {
		s = int(al[k])
	}
	if s == cur {
		return false
	}
	b := 0
	if s >= 0 {
		b = randomOption(m, rng, s)
		if cur >= 0 && len(m.shifts[s].breakOptions) == len(m.shifts[cur].breakOptions) {
			b = int(st.br[a*m.D+d]) // a same-length template keeps its break pattern
		}
	}
	st.change(j, a, d, s, b)
	return true
}

// swapDay exchanges two agents' assignments of one day.
func swapDay(st *state, j *journal, rng *rand.Rand) bool {
	m := st.m
	a, b, d := st.pickAgent(rng), rng.IntN(m.A), rng.IntN(m.D)
	ia, ib := a*m.D+d, b*m.D+d
	if a == b || !m.freeCell(a, d) || !m.freeCell(b, d) || st.x[ia] == st.x[ib] {
		return false
	}
	if !m.mayWork(a, int(st.x[ib])) || !m.mayWork(b, int(st.x[ia])) {
		return false
	}
	st.exchange(j, a, b, d)
	return true
}

// exchange swaps agents a and b's values of day d, templates and breaks.
func (st *state) exchange(j *journal, a, b, d int) {
	ia, ib := a*st.m.D+d, b*st.m.D+d
	sa, ba, sb, bb := int(st.x[ia]), int(st.br[ia]), int(st.x[ib]), int(st.br[ib])
	st.change(j, a, d, sb, bb)
	st.change(j, b, d, sa, ba)
}

// mayWork reports whether agent a's group allows template s (off is always allowed).
func (m *model) mayWork(a, s int) bool {
	if s < 0 {
		return true
	}
	for _, v := range m.agents[a].allowed {
		if int(v) == s {
			return true
		}
	}
	return false
}

// shiftDay moves one of an agent's worked days to one of its days off, keeping the template.
func shiftDay(st *state, j *journal, rng *rand.Rand) bool {
	m := st.m
	a, d1, d2 := st.pickAgent(rng), rng.IntN(m.D), rng.IntN(m.D)
	i1, i2 := a*m.D+d1, a*m.D+d2
	if d1 == d2 || !m.freeCell(a, d1) || !m.freeCell(a, d2) || (st.x[i1] >= 0) == (st.x[i2] >= 0) {
		return false
	}
	if st.x[i1] < 0 {
		d1, d2 = d2, d1
	}
	st.moveShift(j, a, d1, d2)
	return true
}

// moveShift moves agent a's shift, template and breaks, from day from to day to, a day off.
func (st *state) moveShift(j *journal, a, from, to int) {
	i := a*st.m.D + from
	s, b := int(st.x[i]), int(st.br[i])
	st.change(j, a, from, off, 0)
	st.change(j, a, to, s, b)
}

// blockSwap exchanges a run of two to seven days between two agents.
func blockSwap(st *state, j *journal, rng *rand.Rand) bool {
	m := st.m
	a, b := st.pickAgent(rng), rng.IntN(m.A)
	n := 2 + rng.IntN(6)
	if a == b || n > m.D {
		return false
	}
	d0 := rng.IntN(m.D - n + 1)
	same := true
	for d := d0; d < d0+n; d++ {
		ia, ib := a*m.D+d, b*m.D+d
		if !m.freeCell(a, d) || !m.freeCell(b, d) || !m.mayWork(a, int(st.x[ib])) || !m.mayWork(b, int(st.x[ia])) {
			return false
		}
		same = same && st.x[ia] == st.x[ib]
	}
	if same {
		return false
	}
	for d := d0; d < d0+n; d++ {
		st.exchange(j, a, b, d)
	}
	return true
}

// blockAssign gives one agent the same value (a template or off) on two to four consecutive days,
// which keeps the minimum lengths of runs of work and rest that single-day changes keep breaking.
func blockAssign(st *state, j *journal, rng *rand.Rand) bool {
	m := st.m
	a := st.pickAgent(rng)
	al := m.agents[a].allowed
	n := 2 + rng.IntN(3)
	if n > m.D || len(al) == 0 {
		return false
	}
	d0 := rng.IntN(m.D - n + 1)
	s := off
	if k := rng.IntN(len(al) + 1); k < len(al) {
		s = int(al[k])
	}
	changed := false
	for d := d0; d < d0+n; d++ {
		if !m.freeCell(a, d) {
			return false
		}
		changed = changed || int(st.x[a*m.D+d]) != s
	}
	if !changed {
		return false
	}
	for d := d0; d < d0+n; d++ {
		b := 0
		if s >= 0 {
			b = middleOption(&m.shifts[s])
		}
		st.change(j, a, d, s, b)
	}
	return true
}

// rebreak moves the breaks of one worked shift to another admissible placement.
func rebreak(st *state, j *journal, rng *rand.Rand) bool {
	m := st.m
	a, d := rng.IntN(m.A), rng.IntN(m.D)
	s := int(st.x[a*m.D+d])
	if s < 0 || len(m.shifts[s].breakOptions) < 2 {
		return false
	}
	b := randomOption(m, rng, s)
	if b == int(st.br[a*m.D+d]) {
		return false
	}
	st.change(j, a, d, s, b)
	return true
}

// fillGap puts an agent who is off on a template that a day lacks: for demand per shift, the
// template of a random day with the largest weighted shortage; for interval demand, a template
// covering the most short of a few sampled intervals of the day. The agent is one of a few sampled
// agents who are off that day and may work the template.
func fillGap(st *state, j *journal, rng *rand.Rand) bool {
	m := st.m
	d, s := st.pickGap(rng)
	return s >= 0 && st.offFor(rng, d, s, func(a int) bool {
		st.change(j, a, d, s, randomOption(m, rng, s))
		return true
	})
}

// pickGap draws a day and a template that day lacks (shortTemplate); the template is −1 when the
// day lacks none.
func (st *state) pickGap(rng *rand.Rand) (d, s int) {
	d = rng.IntN(st.m.D)
	return d, st.shortTemplate(rng, d)
}

// offFor offers up to sampleTries sampled agents who are off on day d and may work template s to
// try, until try takes one (reports true).
func (st *state) offFor(rng *rand.Rand, d, s int, try func(a int) bool) bool {
	m := st.m
	for range sampleTries {
		a := rng.IntN(m.A)
		if st.x[a*m.D+d] < 0 && m.freeCell(a, d) && m.mayWork(a, s) && try(a) {
			return true
		}
	}
	return false
}

// relay fills a template that a day lacks with an agent who is off that day but whose hours have
// no room for it: on another day the agent exchanges values with a colleague (the colleague's
// day off, or a shorter template) so that both end within their paid-minute limits. Where hours
// are tight nearly every agent is at its limit, so fillGap breaks one and no single-day move
// repairs it without opening the gap again; the relay moves the colleague's spare minutes to
// the gap in one step. The agent and the exchange are sampled (sampleTries each) among those
// whose minutes fit; every other rule is left to the move's cost.
func relay(st *state, j *journal, rng *rand.Rand) bool {
	m := st.m
	d0, s0 := st.pickGap(rng)
	return s0 >= 0 && st.offFor(rng, d0, s0, func(a int) bool {
		gain := m.paid(a, s0)
		if st.fits(a, gain, s0, off) {
			return false // fillGap's move: no exchange needed
		}
		for range sampleTries {
			d1, b := rng.IntN(m.D), rng.IntN(m.A)
			i, k := a*m.D+d1, b*m.D+d1
			sa, sb := int(st.x[i]), int(st.x[k])
			if d1 == d0 || b == a || sa < 0 || sa == sb || !m.freeCell(a, d1) || !m.freeCell(b, d1) ||
				!m.mayWork(b, sa) || !m.mayWork(a, sb) || !st.fits(a, gain+m.paidOrZero(a, sb)-m.paid(a, sa), sb, sa) ||
				!st.fits(b, m.paid(b, sa)-m.paidOrZero(b, sb), sa, sb) {
				continue
			}
			st.change(j, a, d0, s0, randomOption(m, rng, s0))
			st.exchange(j, a, b, d1)
			return true
		}
		return false
	})
}

// fits reports whether agent a stays within its paid-minute limits and its MaxShifts of template
// in (off: none) when its paid minutes change by delta and one of template out (off: none) is
// given up.
func (st *state) fits(a int, delta float64, in, out int) bool {
	ai := &st.m.agents[a]
	if ai.minutesOutside(st.g.paid[a]+delta) > 0 {
		return false
	}
	return in < 0 || in == out || ai.maxShifts[in] < 0 || int(st.g.perShift[a*st.m.S+in]) < ai.maxShifts[in]
}

// paidOrZero is the paid minutes of template s for agent a, 0 for off.
func (m *model) paidOrZero(a, s int) float64 {
	if s < 0 {
		return 0
	}
	return m.paid(a, s)
}

// shortTemplate picks a template that day d lacks, or −1.
func (st *state) shortTemplate(rng *rand.Rand, d int) int {
	m := st.m
	best, bestGap := -1, 0.0
	if m.hasShiftDemand {
		for s := range m.S {
			k := d*m.S + s
			if gap := float64(m.shiftReq[k]-st.shiftN[k]) * m.shiftWU[k]; gap > bestGap {
				best, bestGap = s, gap
			}
		}
		return best
	}
	if m.req == nil {
		return -1
	}
	t := -1
	for range sampleTries {
		u := d*m.P + rng.IntN(m.P)
		if gap := float64(m.req[u]-st.on[u]) * m.underW[u]; gap > bestGap {
			t, bestGap = u, gap
		}
	}
	if t < 0 {
		return -1
	}
	cover := m.covering[t%m.P]
	if len(cover) == 0 {
		return -1
	}
	return int(cover[rng.IntN(len(cover))])
}

// withMentor gives a trainee and its mentor the same value on one day: both on one template, or
// both off. A trainee's hours can then change without leaving it alone on a shift (R14).
func withMentor(st *state, j *journal, rng *rand.Rand) bool {
	m := st.m
	a := st.pickAgent(rng)
	mt := m.agents[a].mentor
	if mt < 0 {
		if len(m.trainees) == 0 {
			return false
		}
		a = m.trainees[rng.IntN(len(m.trainees))]
		mt = m.agents[a].mentor
	}
	d := rng.IntN(m.D)
	if !m.freeCell(a, d) || !m.freeCell(mt, d) {
		return false
	}
	al := m.agents[a].allowed
	s := off
	if k := rng.IntN(len(al) + 1); k < len(al) {
		s = int(al[k])
	}
	if !m.mayWork(mt, s) || (int(st.x[a*m.D+d]) == s && int(st.x[mt*m.D+d]) == s) {
		return false
	}
	b := 0
	if s >= 0 {
		b = randomOption(m, rng, s)
	}
	st.change(j, mt, d, s, b)
	st.change(j, a, d, s, randomOption(m, rng, max(s, 0)))
	return true
}

// alignRun gives the days of one of an agent's runs of work the template of one of them, so that
// the run keeps one start time (TermStartChange): single-day moves mend a run's start changes
// only one pair at a time, each often worse for coverage alone. Days pinned, or whose template
// the agent may not work, keep theirs.
func alignRun(st *state, j *journal, rng *rand.Rand) bool {
	m := st.m
	a, d := st.pickAgent(rng), rng.IntN(m.D)
	x := st.x[a*m.D : (a+1)*m.D]
	s := int(x[d])
	if s < 0 {
		return false
	}
	lo, hi := d, d
	for lo > 0 && x[lo-1] >= 0 {
		lo--
	}
	for hi < m.D-1 && x[hi+1] >= 0 {
		hi++
	}
	changed := false
	for k := lo; k <= hi; k++ {
		if int(x[k]) == s || !m.freeCell(a, k) {
			continue
		}
		b := int(st.br[a*m.D+k])
		if len(m.shifts[s].breakOptions) != len(m.shifts[x[k]].breakOptions) {
			b = middleOption(&m.shifts[s])
		}
		st.change(j, a, k, s, b)
		changed = true
	}
	return changed
}

// joinOff turns a single day off into a block of two (TermDaysOffBlock): it moves the shift of a
// worked neighbour of the day off to another day off of the same ISO week, so the week's hours stay
// as they were.
func joinOff(st *state, j *journal, rng *rand.Rand) bool {
	m := st.m
	a, d := st.pickAgent(rng), rng.IntN(m.D)
	x := st.x[a*m.D : (a+1)*m.D]
	if x[d] >= 0 || d == 0 || d == m.D-1 || x[d-1] < 0 || x[d+1] < 0 {
		return false
	}
	n := d - 1 + 2*rng.IntN(2)
	var days []int // other days off of n's week, not next to d
	for e := range m.D {
		if m.week[e] == m.week[n] && x[e] < 0 && (e < d-1 || e > d+1) && m.freeCell(a, e) {
			days = append(days, e)
		}
	}
	if len(days) == 0 || !m.freeCell(a, n) {
		return false
	}
	st.moveShift(j, a, n, days[rng.IntN(len(days))])
	return true
}

// crossSwap exchanges a worked day and a day off between two agents: agent a works d1 and is off
// on d2, a few days away; agent b the reverse. Afterwards a works d2 with b's shift and b works
// d1 with a's: each day keeps its shifts, so coverage moves only by who is on the phones, and each
// agent keeps its number of shifts, while both agents' runs (and so the roster's shape) change.
func crossSwap(st *state, j *journal, rng *rand.Rand) bool {
	m := st.m
	a, d1 := st.pickAgent(rng), rng.IntN(m.D)
	d2 := d1 + 1 + rng.IntN(3)
	if rng.IntN(2) == 0 {
		d2 = d1 - 1 - rng.IntN(3)
	}
	if d2 < 0 || d2 >= m.D || !m.freeCell(a, d1) || !m.freeCell(a, d2) {
		return false
	}
	ia1, ia2 := a*m.D+d1, a*m.D+d2
	s := int(st.x[ia1])
	if s < 0 || st.x[ia2] >= 0 {
		return false
	}
	for range sampleTries {
		b := rng.IntN(m.A)
		ib1, ib2 := b*m.D+d1, b*m.D+d2
		t := int(st.x[ib2])
		if b == a || t < 0 || st.x[ib1] >= 0 || !m.freeCell(b, d1) || !m.freeCell(b, d2) || !m.mayWork(b, s) || !m.mayWork(a, t) {
			continue
		}
		sb, tb := int(st.br[ia1]), int(st.br[ib2])
		st.change(j, a, d1, off, 0)
		st.change(j, b, d2, off, 0)
		st.change(j, a, d2, t, tb)
		st.change(j, b, d1, s, sb)
		return true
	}
	return false
}
