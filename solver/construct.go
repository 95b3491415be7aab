package solver

import (
	"math/rand/v2"
	"slices"
	"sort"
)

// construct builds a first roster day by day. On each day the agents are taken in order of how
// far they are behind their hours; an agent works when a HARD rule needs it (the weekly minimum,
// the minimum run) or when it is behind its pace and a template gains coverage, and takes the
// template (among those its group, yesterday's shift, its run and its hours allow) that lowers the
// objective most. The result keeps most HARD rules by construction; the search repairs the rest.
// It reports whether it built every day; when pc stops it, the days not reached stay off.
func construct(st *state, rng *rand.Rand, pc *pacer) bool {
	m := st.m
	pc.begin(PhaseConstruct, m.D, "days")
	pl := newPlanner(m)
	order := make([]int, m.A)
	for a := range order {
		order[a] = a
	}
	for d := range m.D {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		sort.SliceStable(order, func(i, j int) bool {
			ti, tj := m.agents[order[i]].trainee, m.agents[order[j]].trainee
			if ti != tj {
				return tj // trainees last, to join shifts that already have their mentor or a colleague
			}
			return pl.behind(order[i], d) > pl.behind(order[j], d)
		})
		for _, a := range order {
			if pc.step(d) {
				return false
			}
			s := pl.choose(st, a, d)
			if s >= 0 {
				st.set(a, d, s, middleOption(&m.shifts[s]))
			}
			pl.record(a, d, s)
		}
	}
	pc.step(m.D)
	return true
}

// middleOption is the break placement closest to even stretches: the construction's default.
func middleOption(sh *shiftInfo) int { return len(sh.breakOptions) / 2 }

// planner tracks, while constructing, each agent's hours and runs so far.
type planner struct {
	m                 *model
	target            []float64 // paid minutes the agent should reach over the horizon
	avail             []int     // days the agent is free to work
	seen, worked      []int     // available days passed, and worked, so far
	paid, weekPaid    []float64
	run, offRun, prev []int
	shifts            [][]int // per agent, per template, count so far
	typical           []float64
	// weekNeed[a][w] is the least paid time, in whole shifts, that reaches the weekly minimum of
	// week w after leave and history; a week's need is reserved out of the period's hours until it
	// is met.
	weekNeed [][]float64
}

func newPlanner(m *model) *planner {
	pl := &planner{m: m, target: make([]float64, m.A), avail: make([]int, m.A), seen: make([]int, m.A),
		worked: make([]int, m.A), paid: make([]float64, m.A), weekPaid: make([]float64, m.A),
		run: make([]int, m.A), offRun: make([]int, m.A), prev: make([]int, m.A), shifts: make([][]int, m.A), typical: make([]float64, m.A)}
	for a := range m.A {
		ai := &m.agents[a]
		for d := range m.D {
			if m.fixed[a*m.D+d] != off {
				pl.avail[a]++
			}
		}
		t := ai.contractPaid
		if ai.maxMinutes >= 0 {
			t = min(t, ai.maxMinutes)
		}
		if ai.minMinutes >= 0 {
			t = max(t, ai.minMinutes)
		}
		pl.target[a] = t
		pl.run[a], pl.prev[a] = ai.histRun, ai.histShift
		pl.shifts[a] = make([]int, m.S)
		sum := 0.0
		for _, s := range ai.allowed {
			sum += m.paid(a, int(s))
		}
		if len(ai.allowed) > 0 {
			pl.typical[a] = sum / float64(len(ai.allowed))
		}
		pl.weekNeed = append(pl.weekNeed, m.weekNeeds(a))
	}
	return pl
}

// weekNeeds returns, per week, the least paid time in whole shifts, on the week's days in the
// horizon, that reaches agent a's weekly minimum (pro rata) after leave and history shifts.
func (m *model) weekNeeds(a int) []float64 {
	ai := &m.agents[a]
	var lengths []float64
	for _, s := range ai.allowed {
		if l := m.paid(a, int(s)); !slices.Contains(lengths, l) {
			lengths = append(lengths, l)
		}
	}
	need := make([]float64, m.W)
	if len(lengths) == 0 {
		return need
	}
	days := make([]int, m.W)
	for d := range m.D {
		days[m.week[d]]++
	}
	for w := range need {
		need[w] = leastReaching(lengths, ai.weekMin[w]-ai.weekBase[w], days[w])
	}
	return need
}

// reserve is the paid time agent a must keep for the weekly minimums from day d on, if it works
// pay minutes on day d.
func (pl *planner) reserve(a, d int, pay float64) float64 {
	w := pl.m.week[d]
	r := max(0, pl.weekNeed[a][w]-pl.weekPaid[a]-pay)
	for _, n := range pl.weekNeed[a][w+1:] {
		r += n
	}
	return r
}

// behind is how far agent a lags its pace before day d, in shifts.
func (pl *planner) behind(a, d int) float64 {
	if pl.avail[a] == 0 || pl.typical[a] == 0 {
		return -1e9
	}
	expected := pl.target[a] * float64(pl.seen[a]+1) / float64(pl.avail[a])
	return (expected - pl.paid[a]) / pl.typical[a]
}

// choose returns the template agent a should work on day d, or off.
func (pl *planner) choose(st *state, a, d int) int {
	m := pl.m
	ai := &m.agents[a]
	if f := int(m.fixed[a*m.D+d]); f != free {
		return f
	}
	if pl.run[a] >= ai.maxConsec || len(ai.allowed) == 0 {
		return off
	}
	if pl.offRun[a] > 0 && pl.offRun[a] < ai.minOff && d > pl.offRun[a] {
		return off // a rest run that started inside the horizon is still too short
	}
	if mt := ai.mentor; mt >= 0 && !m.anyColleague(a, d) {
		// A mentored trainee (R14) follows the mentor's days, within its own limits.
		s := int(st.x[mt*m.D+d])
		if s >= 0 && m.mayWork(a, s) && pl.fits(a, d, s) && pl.behind(a, d) > -1 {
			return s
		}
		return off
	}
	must := pl.mustWork(a, d)
	if !must && pl.behind(a, d) < 0.5 {
		return off
	}
	best, bestDelta := off, 0.0
	if must {
		bestDelta = 1e300
	}
	// A run started today is, with every later day still off, an isolated working day (TermSingleDay);
	// the next day will usually continue it, so that provisional cost does not count.
	provisional := 0.0
	if pl.run[a] == 0 && d < m.D-1 && (d > 0 || ai.workStart) {
		provisional = m.w.SingleDay
	}
	for _, s16 := range ai.allowed {
		s := int(s16)
		if !pl.fits(a, d, s) || !st.accompanied(a, d, s) {
			continue
		}
		soft, hard := st.set(a, d, s, middleOption(&m.shifts[s]))
		st.set(a, d, off, 0)
		if delta := soft - provisional + hard*1e6; delta < bestDelta {
			best, bestDelta = s, delta
		}
	}
	return best
}

// mustWork reports whether skipping day d would break the weekly minimum (R3) or cut a run
// shorter than the minimum (R21).
func (pl *planner) mustWork(a, d int) bool {
	m := pl.m
	ai := &m.agents[a]
	if pl.run[a] > 0 && pl.run[a] < ai.minConsec && d > pl.run[a] {
		return true // the run started inside the horizon and is still too short
	}
	w := m.week[d]
	if ai.weekMin[w] == 0 {
		return false
	}
	left := 0 // available days of this week after d
	for k := d + 1; k < m.D && m.week[k] == w; k++ {
		if m.fixed[a*m.D+k] != off {
			left++
		}
	}
	return pl.weekPaid[a]+ai.weekBase[w]+float64(left)*pl.typical[a] < ai.weekMin[w]
}

// fits reports whether template s on day d keeps agent a's rest, rotation, hour and count limits.
func (pl *planner) fits(a, d, s int) bool {
	m := pl.m
	ai := &m.agents[a]
	if p := pl.prev[a]; p >= 0 && !m.compat[p*m.S+s] {
		return false
	}
	pay := m.paid(a, s)
	if pl.paid[a]+pay+pl.reserve(a, d, pay) > ai.maxPaid+1e-9 || (ai.maxMinutes >= 0 && pl.paid[a]+pay > ai.maxMinutes+1e-9) {
		return false
	}
	if pl.weekPaid[a]+ai.weekBase[m.week[d]]+pay > ai.weekMax[m.week[d]]+1e-9 {
		return false
	}
	return ai.maxShifts[s] < 0 || pl.shifts[a][s] < ai.maxShifts[s]
}

// record notes agent a's day d.
func (pl *planner) record(a, d, s int) {
	m := pl.m
	if d > 0 && m.week[d] != m.week[d-1] {
		pl.weekPaid[a] = 0
	}
	if m.fixed[a*m.D+d] != off {
		pl.seen[a]++
	}
	if s < 0 {
		pl.run[a], pl.prev[a] = 0, off
		pl.offRun[a]++
		return
	}
	pl.offRun[a] = 0
	pay := m.paid(a, s)
	pl.paid[a] += pay
	pl.weekPaid[a] += pay
	pl.worked[a]++
	pl.shifts[a][s]++
	pl.run[a]++
	pl.prev[a] = s
}

// accompanied reports whether a trainee a working s on day d would have the company R14 asks for
// (always true for other agents).
func (st *state) accompanied(a, d, s int) bool {
	ai := &st.m.agents[a]
	switch {
	case !ai.trainee:
		return true
	case !st.m.anyColleague(a, d):
		return int(st.x[ai.mentor*st.m.D+d]) == s
	default:
		return st.nonTrainee[d*st.m.S+s] > 0
	}
}

// constructByResponse builds the first roster of a problem whose demand is per day and template
// (no interval demand to place breaks against): the agents, in random order, each take their best
// response (respond.go) to the cover the agents before them left, so every agent starts with
// the sequence of shifts that keeps its own limits and serves the most valuable uncovered shifts.
// A long horizon is planned in spans of spanMaxWeeks weeks, each span held to its pro-rata share
// (by the days the agent may work) of the period's minutes and weekends, so the early weeks do not
// take the whole period's hours; the last span, held to the period's limits themselves, may need
// the exact programme of fitMinutes to land inside a narrow band, and mendAgents re-plans the
// agents the spans still leave breaking a rule of their own. It reports whether it reached every
// agent; the agents not reached when pc stops it stay off.
func constructByResponse(st *state, rng *rand.Rand, pc *pacer) bool {
	m := st.m
	pc.begin(PhaseConstruct, m.A, "agents")
	p := newDP(m)
	p.exact, p.warm = true, make([]float64, m.A)
	h := 1.0 // outweighs any one shift's cover weight tenfold
	for _, w := range m.shiftWU {
		h = max(h, 10*w)
	}
	var j journal
	for k, a := range rng.Perm(m.A) {
		if pc.step(k) {
			return false
		}
		tile := m.week[m.D-1] + 1 // weeks per span: the whole horizon, or spanMaxWeeks on a long one
		if m.D > spanFull {
			tile = spanMaxWeeks
		}
		free := 0 // days the agent may work, before each span's end and in all
		for d := range m.D {
			if m.fixed[a*m.D+d] != off {
				free++
			}
		}
		before := 0
		for w0 := 0; w0 <= m.week[m.D-1]; w0 += tile {
			d0, d1 := weekSpan(m, w0, tile)
			for d := d0; d < d1; d++ {
				if m.fixed[a*m.D+d] != off {
					before++
				}
			}
			share := 1.0
			if d1 < m.D && free > 0 {
				share = float64(before) / float64(free)
			}
			j.reset()
			p.replan(st, &j, rng, a, h, d0, d1, share)
		}
	}
	return mendAgents(st, rng, pc, p, h)
}

// mendAgents re-plans every agent that still breaks a HARD rule of its own under the period's
// limits themselves: on a long horizon windows of spanMaxWeeks weeks, each overlapping the next by
// half, then its whole horizon, until the agent keeps its rules; each re-plan is kept when it
// lowers the agent's HARD measure. These re-plans price a violation at h·D, above any sum of day
// costs over the horizon (each below h), so that they trade no HARD rule for coverage. The spans
// of the construction hold each agent to a share of the period's minutes and weekends, and the
// shares the earlier spans met can leave the last one no schedule inside the period's band; an
// agent whose band asks for nearly all the work its runs allow may need its whole horizon
// re-planned at once (the exact programme of fitMinutes keeps that affordable). It reports
// whether it reached every agent.
func mendAgents(st *state, rng *rand.Rand, pc *pacer, p *dp, h float64) bool {
	m := st.m
	nWeeks := m.week[m.D-1] + 1
	var windows [][2]int
	if m.D > spanFull {
		for w0 := 0; w0 < nWeeks; w0 += spanMaxWeeks / 2 {
			d0, d1 := weekSpan(m, min(w0, max(0, nWeeks-spanMaxWeeks)), spanMaxWeeks)
			if k := len(windows); k == 0 || windows[k-1] != [2]int{d0, d1} {
				windows = append(windows, [2]int{d0, d1})
			}
		}
	}
	windows = append(windows, [2]int{0, m.D})
	var j journal
	for a := range m.A {
		for _, win := range windows {
			if st.agent[a].hard < 1e-9 {
				break
			}
			if pc.step(m.A) {
				return false
			}
			before := st.agent[a].hard
			j.reset()
			p.replan(st, &j, rng, a, h*float64(m.D), win[0], win[1], 1)
			if st.agent[a].hard > before-1e-9 {
				st.undo(&j)
			}
		}
	}
	pc.step(m.A)
	return true
}
