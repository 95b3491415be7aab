package solver

// state is one roster under construction or search, with the running tallies that make a move's
// cost change computable from the intervals and agents it touches.
type state struct {
	m  *model
	x  []int16 // template or off, per agent-day (a·D+d)
	br []int16 // break option of the worked template, per agent-day

	on, minnan, leaders []int32 // presence per interval (milli-agents; leaders counted 1)
	shiftN              []int32 // agents working template s on day d (d·S+s)
	nonTrainee          []int32 // of which neither trainee nor suspended
	mentorless          []int32 // trainees working template s on day d whom any such colleague accompanies (anyColleague)

	g           *aggs
	agent       []agentCost
	coverCost   float64  // Σ interval terms + Σ shift-demand terms
	traineeHard float64  // trainees without a mentor or colleague on their shift (R14)
	hallHard    float64  // open intervals of hall posts neither holder covers (R24, hall.go)
	agentHard   float64  // Σ agent hard
	agentSoft   float64  // Σ agent soft
	breaking    agentSet // agents whose own HARD measure is above zero

	scratch []float64
	focus   int // agent every move starts from during repair, or −1
}

func newState(m *model) *state {
	st := &state{m: m, x: make([]int16, m.A*m.D), br: make([]int16, m.A*m.D),
		shiftN: make([]int32, m.D*m.S), nonTrainee: make([]int32, m.D*m.S), mentorless: make([]int32, m.D*m.S),
		g: newAggs(m), agent: make([]agentCost, m.A), breaking: newAgentSet(m.A), scratch: make([]float64, m.W+m.S), focus: -1}
	for i := range st.x {
		st.x[i] = off
	}
	if m.req != nil {
		st.on = append([]int32(nil), m.baseOn...)
		st.minnan = append([]int32(nil), m.baseMinnan...)
		st.leaders = append([]int32(nil), m.baseLeaders...)
	}
	st.recompute()
	return st
}

// recompute rebuilds every tally and cost from x and br.
func (st *state) recompute() {
	m := st.m
	if m.req != nil {
		copy(st.on, m.baseOn)
		copy(st.minnan, m.baseMinnan)
		copy(st.leaders, m.baseLeaders)
	}
	clear(st.shiftN)
	clear(st.nonTrainee)
	clear(st.mentorless)
	for a := range m.A {
		for d := range m.D {
			if s := st.x[a*m.D+d]; s >= 0 {
				st.addPresence(a, d, int(s), int(st.br[a*m.D+d]), 1)
				st.countShift(a, d, int(s), 1)
			}
		}
	}
	st.traineeHard = 0
	for a := range m.A {
		if m.agents[a].trainee {
			for d := range m.D {
				if st.traineeAlone(a, d) {
					st.traineeHard++
				}
			}
		}
	}
	st.hallHard = st.hallTotal()
	st.g.copyFrom(newAggs(m))
	for a := range m.A {
		for w := range m.W {
			st.g.weekPen[a] += st.weekPenalty(a, w)
		}
		for d := range m.D {
			st.addDay(a, d, int(st.x[a*m.D+d]), 1)
		}
		st.g.runPen[a] = st.fullRunPenalty(a)
		st.agent[a] = st.costOf(a)
		st.breaking.put(a, st.agent[a].hard > 1e-9)
	}
	st.resum()
}

// resum recomputes the running totals from their parts, so that rounding in millions of
// incremental updates cannot drift: agent costs from the per-agent costs, cover cost from the tallies.
func (st *state) resum() {
	m := st.m
	st.agentHard, st.agentSoft = 0, 0
	for _, c := range st.agent {
		st.agentHard += c.hard
		st.agentSoft += c.soft
	}
	st.coverCost = 0
	for t := 0; t < m.TC && m.req != nil; t++ {
		st.coverCost += st.costAt(t)
	}
	if m.hasShiftDemand {
		for k := range st.shiftN {
			st.coverCost += st.shiftCostAt(k)
		}
	}
}

// fullRunPenalty is agent a's run penalty read from all its days: every maximal run (the first
// with the history's run before it, and the history's run that day 0 ends), every pair of
// consecutive worked days, and the first worked day against the history.
func (st *state) fullRunPenalty(a int) agentCost {
	m := st.m
	x := st.x[a*m.D : (a+1)*m.D]
	ai := &m.agents[a]
	var pen agentCost
	prev := -1
	for k := 0; k < m.D; {
		e := k
		for e+1 < m.D && (x[e+1] >= 0) == (x[k] >= 0) {
			e++
		}
		run, from := e-k+1, k
		if k == 0 {
			run, from = ai.firstRun(x[0] >= 0, e)
		}
		if x[k] >= 0 {
			pen = pen.plus(m.closeWorkRun(ai, run, from, e))
			for j := k; j <= e; j++ {
				if prev >= 0 {
					pen = pen.plus(m.pairPenalty(int(x[prev]), prev, int(x[j]), j))
				} else {
					pen = pen.plus(m.historyPenalty(ai, int(x[j]), j))
				}
				prev = j
			}
		} else {
			pen = pen.plus(m.closeOffRun(ai, run, from, e))
		}
		k = e + 1
	}
	return pen.plus(m.edgePenalty(ai, x[0] >= 0))
}

// feasibleTolerance absorbs the rounding of the HARD measure's running sums.
const feasibleTolerance = 1e-6

// feasible reports whether the roster keeps every HARD rule.
func (st *state) feasible() bool { return st.hard() < feasibleTolerance }

// hard is the HARD measure v of the roster; soft its SOFT objective.
func (st *state) hard() float64 { return st.agentHard + st.traineeHard + st.hallHard }
func (st *state) soft() float64 { return st.coverCost + st.agentSoft }

// costAt is the interval terms of t (objective.go): under, empty, over, Minnan and leaders.
func (st *state) costAt(t int) float64 {
	m := st.m
	r, on := m.req[t], st.on[t]
	c := 0.0
	if short := r - on; short > 0 {
		s := float64(short) / milli
		if m.w.Linear {
			c += m.w.Under * m.underW[t] * s
		} else {
			c += m.w.Under * m.underW[t] * s * (s + 1) / 2
		}
		if on == 0 {
			c += m.w.Empty
		}
	} else if on > r {
		c += m.w.Over * float64(on-r) / milli
	}
	if short := m.minnanReq[t] - st.minnan[t]; short > 0 {
		s := float64(short) / milli
		c += m.w.Minnan * s * (s + 1) / 2
	}
	if short := m.leaderReq[t] - st.leaders[t]; short > 0 {
		c += m.w.Leader * float64(short)
	}
	return c
}

func (st *state) shiftCostAt(k int) float64 {
	m := st.m
	n, r := st.shiftN[k], m.shiftReq[k]
	if n < r {
		return m.shiftWU[k] * float64(r-n)
	}
	return m.shiftWO[k] * float64(n-r)
}

// addPresence adds (sign +1) or removes (−1) agent a's phone presence on day d working s with
// break option b, and returns the change of the interval cost.
func (st *state) addPresence(a, d, s, b, sign int) float64 {
	m := st.m
	if m.req == nil {
		return 0
	}
	ai := &m.agents[a]
	if ai.suspends {
		return 0
	}
	sh := &m.shifts[s]
	base := d*m.P + sh.first
	w := ai.weight * int32(sign)
	delta := 0.0
	for _, k := range sh.breakOptions[b].phone {
		t := base + int(k)
		if t >= m.TC {
			break
		}
		before := st.costAt(t)
		st.on[t] += w
		if ai.minnan {
			st.minnan[t] += w
		}
		if ai.leader {
			st.leaders[t] += int32(sign)
		}
		delta += st.costAt(t) - before
	}
	return delta
}

// countShift adds or removes agent a on (d, s) in the shift tallies and returns the change of
// the shift-demand cost and of the trainee HARD measure.
func (st *state) countShift(a, d, s, sign int) (shiftDelta, traineeDelta float64) {
	m := st.m
	k := d*m.S + s
	ai := &m.agents[a]
	if m.hasShiftDemand {
		before := st.shiftCostAt(k)
		st.shiftN[k] += int32(sign)
		shiftDelta = st.shiftCostAt(k) - before
	} else {
		st.shiftN[k] += int32(sign)
	}
	switch {
	case ai.suspends:
	case ai.trainee:
		if m.anyColleague(a, d) {
			st.mentorless[k] += int32(sign)
		}
	default:
		// A colleague joining an empty shift rescues its mentorless trainees; leaving strands them.
		was := st.nonTrainee[k]
		st.nonTrainee[k] += int32(sign)
		if was == 0 && sign > 0 {
			traineeDelta -= float64(st.mentorless[k])
		} else if was == 1 && sign < 0 {
			traineeDelta += float64(st.mentorless[k])
		}
	}
	return shiftDelta, traineeDelta
}

// traineeAlone reports whether trainee a works day d without the required company (R14).
func (st *state) traineeAlone(a, d int) bool {
	m := st.m
	s := st.x[a*m.D+d]
	if s < 0 {
		return false
	}
	if mt := m.agents[a].mentor; mt >= 0 && !m.anyColleague(a, d) {
		return st.x[mt*m.D+d] != s
	}
	return st.nonTrainee[d*m.S+int(s)] == 0
}

// anyColleague reports whether trainee a is accompanied on day d by any colleague who is neither a
// trainee nor suspended on its template (R14): it has no mentor, or a colleague stands in for a
// mentor on leave that day or suspended (Rules.MentorStandIn).
func (m *model) anyColleague(a, d int) bool {
	mt := m.agents[a].mentor
	return mt < 0 || (m.p.Rules.MentorStandIn && (m.agents[mt].suspends || m.onLeave[mt*m.D+d]))
}

// traineeStatus counts the trainees among a and a's mentees who work day d alone.
func (st *state) traineeStatus(a, d int) float64 {
	m := st.m
	n := 0.0
	if m.agents[a].trainee && st.traineeAlone(a, d) {
		n++
	}
	for _, t := range m.agents[a].mentees {
		if st.traineeAlone(t, d) {
			n++
		}
	}
	return n
}

// set changes agent a's day d to template s (or off) with break option b, updating every tally
// and cost, and returns the change of the SOFT objective and of the HARD measure.
func (st *state) set(a, d, s, b int) (soft, hard float64) {
	m := st.m
	i := a*m.D + d
	oldS, oldB := int(st.x[i]), int(st.br[i])
	if oldS == s && oldB == b {
		return 0, 0
	}
	if oldS != s {
		soft, hard = st.setAgentDay(a, d, oldS, s)
	}
	cs, ch := st.setCover(a, d, oldS, oldB, s, b)
	return soft + cs, hard + ch
}

// setAgentDay moves agent a's day d from template oldS to s in x and in the agent's aggregates, and
// returns the change of the agent's cost.
func (st *state) setAgentDay(a, d, oldS, s int) (soft, hard float64) {
	g := st.g
	i := a*st.m.D + d
	around := st.runPenaltyAround
	if (oldS >= 0) == (s >= 0) {
		around = st.pairPenaltyAround // the runs stay as they are; only rest, rotation and start changes can change
	}
	before := around(a, d)
	st.addDay(a, d, oldS, -1)
	st.x[i] = int16(s)
	st.addDay(a, d, s, 1)
	g.runPen[a] = g.runPen[a].plus(around(a, d).minus(before))
	st.x[i] = int16(oldS) // setCover applies the change to x again
	old := st.agent[a]
	c := st.costOf(a)
	st.agent[a] = c
	st.breaking.put(a, c.hard > 1e-9)
	st.agentHard += c.hard - old.hard
	st.agentSoft += c.soft - old.soft
	return c.soft - old.soft, c.hard - old.hard
}

// setCover moves agent a's day d from (oldS, oldB) to (s, b) in x, br and the coverage and shift
// tallies, and returns the change of the cover cost and of the trainee and hall HARD measures.
func (st *state) setCover(a, d, oldS, oldB, s, b int) (soft, hard float64) {
	m := st.m
	i := a*m.D + d
	hall := -st.hallStatus(a, d)
	hard -= st.traineeStatus(a, d)
	if oldS >= 0 {
		soft += st.addPresence(a, d, oldS, oldB, -1)
		sd, td := st.countShift(a, d, oldS, -1)
		soft += sd
		hard += td
	}
	st.x[i], st.br[i] = int16(s), int16(b)
	if s >= 0 {
		soft += st.addPresence(a, d, s, b, 1)
		sd, td := st.countShift(a, d, s, 1)
		soft += sd
		hard += td
	} else {
		st.br[i] = 0
	}
	hard += st.traineeStatus(a, d)
	hall += st.hallStatus(a, d)
	st.coverCost += soft
	st.traineeHard += hard
	st.hallHard += hall
	return soft, hard + hall
}

// copyFrom makes st a copy of o (same model).
func (st *state) copyFrom(o *state) {
	copy(st.x, o.x)
	copy(st.br, o.br)
	copy(st.on, o.on)
	copy(st.minnan, o.minnan)
	copy(st.leaders, o.leaders)
	copy(st.shiftN, o.shiftN)
	copy(st.nonTrainee, o.nonTrainee)
	copy(st.mentorless, o.mentorless)
	copy(st.agent, o.agent)
	st.breaking.copyFrom(&o.breaking)
	st.g.copyFrom(o.g)
	st.coverCost, st.traineeHard, st.hallHard = o.coverCost, o.traineeHard, o.hallHard
	st.agentHard, st.agentSoft = o.agentHard, o.agentSoft
}

// agentSet is a set of agents with constant-time insertion, removal and uniform draw.
type agentSet struct {
	list []int32 // the members, in no particular order
	pos  []int32 // each agent's index in list, −1 when absent
}

func newAgentSet(n int) agentSet {
	s := agentSet{pos: make([]int32, n)}
	for a := range s.pos {
		s.pos[a] = -1
	}
	return s
}

// put adds agent a to the set (in true) or removes it.
func (s *agentSet) put(a int, in bool) {
	k := s.pos[a]
	switch {
	case in && k < 0:
		s.pos[a] = int32(len(s.list))
		s.list = append(s.list, int32(a))
	case !in && k >= 0:
		last := s.list[len(s.list)-1]
		s.list[k], s.pos[last] = last, k
		s.list = s.list[:len(s.list)-1]
		s.pos[a] = -1
	}
}

func (s *agentSet) copyFrom(o *agentSet) {
	s.list = append(s.list[:0], o.list...)
	copy(s.pos, o.pos)
}
