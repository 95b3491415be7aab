package solver

import (
	"math"
	"math/rand/v2"
)

// Best response: re-plan one agent's whole horizon at once, the others fixed. Single-day and
// block moves struggle with limits that couple many days (minimum and maximum runs of work and
// rest, weekends worked, a narrow band of total minutes): any one change breaks a limit that only a
// second, distant change can mend. A dynamic programme over the agent's days finds the sequence of
// shifts and days off that minimises
//
//	Σ_d c(d, v_d) + H·(run, rotation and weekend violations) + μ·Σ_d paid(v_d)
//
// where c(d, v) is what template v (or a day off) on day d costs or saves in coverage, requests,
// trainee company and fairness (linearised at the agent's current counts), given every other
// agent's day. The state of day d is (last value, length of the current run, whether the run
// started on the first day, weekends worked so far, whether this week's weekend is counted); the
// paid-minutes limits (the period, min and max minutes) are met through the multiplier μ, found
// by bisection. The sequence is then applied and scored exactly, like any other move.

// respondEffort sets how often a chain re-plans an agent: every days·states·(templates+1) /
// respondEffort moves, so that the programme (days·states·(templates+1) steps per solve, a few
// solves per re-plan) takes a steady share of the search whatever the problem's size.
const respondEffort = 40

// respondBisections bounds the programmes run to fit the paid-minutes limits.
const respondBisections = 20

// dp holds the working arrays of the programme for one model.
type dp struct {
	m          *model
	R, W       int       // run-length and weekend-count caps
	n          int       // states per day
	cost, next []float64 // per state
	back       []int32   // per day and state: the previous state
	day        []float64 // per day and value: c(d, v)
	seq        []int16
	penalty    []float64 // per template: a price per use that keeps it within its MaxShifts
}

// dpSize returns the run-length and weekend caps of the programme and its states per day.
func dpSize(m *model) (R, W, n int) {
	R, W = 2, 1
	for _, ai := range m.agents {
		R = max(R, ai.maxConsec+1, ai.minConsec, ai.minOff)
		if ai.maxWeekends >= 0 {
			W = max(W, ai.maxWeekends+2)
		}
	}
	R = min(R, m.D+1)
	return R, W, (m.S + 1) * (R + 1) * 2 * W * 2
}

func newDP(m *model) *dp {
	R, W, n := dpSize(m)
	return &dp{m: m, R: R, W: W, n: n, cost: make([]float64, n), next: make([]float64, n),
		back: make([]int32, m.D*n), day: make([]float64, m.D*(m.S+1)), seq: make([]int16, m.D),
		penalty: make([]float64, m.S)}
}

func (p *dp) index(v, run, first, wk, flag int) int {
	return (((v*(p.R+1)+run)*2+first)*p.W+wk)*2 + flag
}

func (p *dp) unpack(i int) (v, run, first, wk, flag int) {
	flag = i % 2
	i /= 2
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

// dayCosts fills c(d, v) for agent a: the change of the cover cost and of the trainee measure
// (times h) when the agent works template v−1 (v = 0: off) on day d instead of being off, with the
// requests and the linearised fairness of that value.
func (p *dp) dayCosts(st *state, a int, h float64, rng *rand.Rand) {
	m := p.m
	ai := &m.agents[a]
	g := st.g
	nights, weekends, holidays := float64(g.nights[a]), float64(g.weekends[a]), float64(g.holidays[a])
	for d := range m.D {
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
	for _, c := range p.day {
		if !math.IsInf(c, 0) {
			scale = max(scale, math.Abs(c))
		}
	}
	scale = max(scale, 1) * respondJitter
	for i, c := range p.day {
		if !math.IsInf(c, 0) {
			p.day[i] += scale * rng.Float64()
		}
	}
}

// solve runs the programme for agent a with multiplier mu on paid minutes and leaves the best
// sequence in p.seq; it returns the sequence's paid minutes.
func (p *dp) solve(a int, h, mu float64) float64 {
	m := p.m
	ai := &m.agents[a]
	inf := math.Inf(1)
	for i := range p.cost {
		p.cost[i] = inf
	}
	// The state before the first day: the history's last run, counted as touching the first day.
	v0, run0 := 0, 0
	if ai.histRun > 0 && ai.histShift >= 0 {
		v0, run0 = ai.histShift+1, min(ai.histRun, p.R)
	}
	p.cost[p.index(v0, run0, 1, 0, 0)] = 0
	for d := range m.D {
		for i := range p.next {
			p.next[i] = inf
		}
		newWeek := d > 0 && m.week[d] != m.week[d-1]
		row := p.day[d*(m.S+1) : (d+1)*(m.S+1)]
		back := p.back[d*p.n : (d+1)*p.n]
		for i, c := range p.cost {
			if c == inf {
				continue
			}
			v, run, first, wk, flag := p.unpack(i)
			if newWeek {
				flag = 0
			}
			for w, dc := range row {
				if dc == inf {
					continue
				}
				cost := c + dc
				worked, was := w > 0, v > 0
				run2, first2 := 1, 0
				if worked == was {
					run2, first2 = min(run+1, p.R), first
				} else if run > 0 && first == 0 {
					lim := ai.minOff
					if was {
						lim = ai.minConsec
					}
					if run < lim {
						cost += h * float64(lim-run)
					}
				}
				wk2, flag2 := wk, flag
				if worked {
					cost += mu*m.paid(a, w-1) + p.penalty[w-1]
					if run2 > ai.maxConsec {
						cost += h
					}
					if was && !m.compat[(v-1)*m.S+w-1] {
						cost += h
					}
					if m.weekend[d] && flag == 0 {
						flag2 = 1
						if ai.maxWeekends >= 0 {
							if wk+1 > ai.maxWeekends {
								cost += h
							}
							wk2 = min(wk+1, p.W-1)
						}
					}
				}
				j := p.index(w, run2, first2, wk2, flag2)
				if cost < p.next[j] {
					p.next[j], back[j] = cost, int32(i)
				}
			}
		}
		p.cost, p.next = p.next, p.cost
	}
	best := 0
	for i, c := range p.cost {
		if c < p.cost[best] {
			best = i
		}
	}
	paid := 0.0
	for d := m.D - 1; d >= 0; d-- {
		v, _, _, _, _ := p.unpack(best)
		p.seq[d] = int16(v - 1)
		if v > 0 {
			paid += m.paid(a, v-1)
		}
		best = int(p.back[d*p.n+best])
	}
	return paid
}

// respond re-plans agent a (usually one that breaks a HARD rule) by the programme, fitting its
// paid minutes into [lo, hi] by bisection on μ, and applies the sequence to the state through the
// journal. It reports whether anything changed.
func (p *dp) respond(st *state, j *journal, rng *rand.Rand, a int, h float64) bool {
	m := p.m
	ai := &m.agents[a]
	p.dayCosts(st, a, h, rng)
	lo, hi := 0.0, ai.maxPaid
	if ai.maxMinutes >= 0 {
		hi = min(hi, ai.maxMinutes)
	}
	if ai.minMinutes >= 0 {
		lo = ai.minMinutes
	}
	clear(p.penalty)
	for range respondRounds {
		p.fitMinutes(a, h, lo, hi)
		over := false
		for s, lim := range ai.maxShifts {
			if n := p.count(s); lim >= 0 && n > lim {
				p.penalty[s] += h * float64(n-lim) / float64(n)
				over = true
			}
		}
		if !over {
			break
		}
	}
	changed := false
	for d, s16 := range p.seq {
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

// fitMinutes solves with μ = 0 and, when the paid minutes miss [lo, hi], bisects on μ, keeping in
// p.seq the first sequence inside the band or, when the band falls between two steps of the
// (stepwise) response to μ, the one nearest to it.
func (p *dp) fitMinutes(a int, h, lo, hi float64) {
	miss := func(paid float64) float64 { return max(0, paid-hi, lo-paid) }
	paid := p.solve(a, h, 0)
	if miss(paid) < 1e-9 {
		return
	}
	best, bestMiss := append([]int16(nil), p.seq...), miss(paid)
	// μ > 0 lowers the minutes, μ < 0 raises them; H/60 per minute outweighs any one hour.
	muLo, muHi := -h/60, h/60
	if paid > hi {
		muLo = 0
	} else {
		muHi = 0
	}
	for range respondBisections {
		mu := (muLo + muHi) / 2
		paid = p.solve(a, h, mu)
		if d := miss(paid); d < 1e-9 {
			return
		} else if d < bestMiss {
			best, bestMiss = append(best[:0], p.seq...), d
		}
		if paid > hi {
			muLo = mu
		} else {
			muHi = mu
		}
	}
	copy(p.seq, best)
}

// count is how often template s appears in the sequence.
func (p *dp) count(s int) int {
	n := 0
	for _, v := range p.seq {
		if int(v) == s {
			n++
		}
	}
	return n
}

// respondEvery is the number of moves between two best responses of a chain.
func respondEvery(m *model) int {
	_, _, n := dpSize(m)
	return max(500, m.D*n*(m.S+1)/respondEffort)
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
