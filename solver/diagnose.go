package solver

import (
	"fmt"

	"wfm"
)

// diagnose looks for inputs no roster can satisfy and explains the first one found as a
// *wfm.Error naming the rule, the agent and the days: an agent whose free days cannot reach the
// weekly minimum or its minimum minutes (R3), fixed shifts that break rest, rotation or run limits
// (R21), a group without any template it may work (R22), a trainee fixed on a day its mentor
// cannot share (R14).
func diagnose(m *model) error {
	for a := range m.A {
		for _, check := range []func(a int) error{m.checkWeeks, m.checkWeeksAgainstPeriod, m.checkMinutes, m.checkFixedRuns} {
			if err := check(a); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m *model) infeasible(rule string, a, day int, format string, args ...any) error {
	e := &wfm.Error{Kind: wfm.KindRule, Rule: rule, Agent: m.agents[a].id, Message: fmt.Sprintf(format, args...)}
	if day >= 0 {
		e.Day = m.p.Horizon.Start.AddDays(day).String()
	}
	return e
}

// longestPaid is the most paid minutes agent a can earn in one day.
func (m *model) longestPaid(a int) float64 {
	best := 0.0
	for _, s := range m.agents[a].allowed {
		best = max(best, m.paid(a, int(s)))
	}
	return best
}

// checkWeeks tests every week against the agent's band (R3): its leave and history shifts plus
// the longest shift on every free day must reach the week's minimum (pro rata over its known days),
// and its leave, history and fixed shifts alone must not exceed the maximum.
func (m *model) checkWeeks(a int) error {
	ai := &m.agents[a]
	if ai.weeklyMin > 0 && len(ai.allowed) == 0 {
		return m.infeasible("R22", a, -1, "group %s may work none of the shift templates, but the weekly minimum is %.0f h",
			m.p.Agents[a].Group, ai.weeklyMin/60)
	}
	long := m.longestPaid(a)
	for w := range m.W {
		first, most, least := -1, ai.weekBase[w], ai.weekBase[w]
		for d := range m.D {
			if m.week[d] != w {
				continue
			}
			if first < 0 {
				first = d
			}
			switch f := m.fixed[a*m.D+d]; {
			case f == free:
				most += long
			case f >= 0:
				most += m.paid(a, int(f))
				least += m.paid(a, int(f))
			}
		}
		if most+1e-9 < ai.weekMin[w] {
			return m.infeasible("R3", a, first, "the week %s allows at most %.1f h (leave, history and free days at the longest shift), below its weekly minimum of %.1f h",
				m.weekName(w), most/60, ai.weekMin[w]/60)
		}
		if least > ai.weeklyMax+1e-9 {
			return m.infeasible("R3", a, first, "leave, history and fixed shifts of the week %s hold %.1f h, more than the weekly maximum of %.1f h",
				m.weekName(w), least/60, ai.weeklyMax/60)
		}
	}
	return nil
}

// weekName names ISO week w by its Monday and Sunday, e.g. "2026-10-05..10-11".
func (m *model) weekName(w int) string {
	offset := (int(m.p.Horizon.Start.Weekday()) + 6) % 7
	monday := m.p.Horizon.Start.AddDays(w*7 - offset)
	return monday.String() + ".." + monday.AddDays(6).String()[5:]
}

// maxExactLengths bounds the distinct shift lengths leastReaching searches exhaustively.
const maxExactLengths = 4

// checkWeeksAgainstPeriod tests the weekly minimums together against the period's limit: each
// week needs at least the least paid time, in whole shifts of the agent's templates, that
// reaches its minimum after leave and history (weekNeeds); their sum must fit in the paid
// minutes the period allows. With 10-hour night shifts and 10 minutes of pre-shift time, for
// example, four nights a week (40 h 40 min) over four full weeks exceed a 40-hour contract.
func (m *model) checkWeeksAgainstPeriod(a int) error {
	ai := &m.agents[a]
	if ai.weeklyMin == 0 || len(ai.allowed) == 0 {
		return nil
	}
	need := 0.0
	for _, n := range m.weekNeeds(a) {
		need += n
	}
	if need > ai.maxPaid+1e-9 {
		return m.infeasible("R3", a, -1, "the weekly minimum of %.1f h (pro rata in partial weeks) needs at least %.1f h in whole shifts, more than the %.1f h the period's contract allows",
			ai.weeklyMin/60, need/60, ai.maxPaid/60)
	}
	return nil
}

// leastReaching returns the least sum of at most n values from lengths (repetition allowed) that
// reaches target, or 0 when target ≤ 0; when no sum reaches it, the largest possible sum. With
// more than maxExactLengths distinct lengths it returns target itself, a weaker but valid bound.
func leastReaching(lengths []float64, target float64, n int) float64 {
	if target <= 1e-9 {
		return 0
	}
	if len(lengths) > maxExactLengths {
		return target
	}
	best, longest := 0.0, 0.0
	var walk func(sum float64, left int)
	walk = func(sum float64, left int) {
		if sum+1e-9 >= target {
			if best == 0 || sum < best {
				best = sum
			}
			return
		}
		longest = max(longest, sum)
		if left == 0 {
			return
		}
		for _, l := range lengths {
			walk(sum+l, left-1)
		}
	}
	walk(0, n)
	if best == 0 {
		return longest
	}
	return best
}

// checkMinutes tests the per-agent minimum of worked minutes against the free days.
func (m *model) checkMinutes(a int) error {
	ai := &m.agents[a]
	if ai.minMinutes <= 0 {
		return nil
	}
	most := 0.0
	long := m.longestPaid(a)
	for d := range m.D {
		switch f := m.fixed[a*m.D+d]; {
		case f == free:
			most += long
		case f >= 0:
			most += m.paid(a, int(f))
		}
	}
	if most+1e-9 < ai.minMinutes {
		return m.infeasible("R3", a, -1, "free days allow at most %.0f worked minutes, below the minimum of %.0f", most, ai.minMinutes)
	}
	return nil
}

// checkFixedRuns tests fixed shifts against each other: consecutive fixed shifts must respect
// rest and rotation, runs of fixed work must not exceed the maximum, fixed shifts must fit the
// agent's group and the period's hours.
func (m *model) checkFixedRuns(a int) error {
	ai := &m.agents[a]
	prev, run, paid := ai.histShift, ai.histRun, 0.0
	for d := range m.D {
		f := int(m.fixed[a*m.D+d])
		if f < 0 {
			prev, run = off, 0
			continue
		}
		if !m.mayWork(a, f) {
			return m.infeasible("R22", a, d, "fixed to %s, a shift group %s may not work", m.shifts[f].id, m.p.Agents[a].Group)
		}
		if prev >= 0 && !m.compat[prev*m.S+f] {
			return m.infeasible("R21", a, d, "fixed to %s right after %s: too little rest, or a rotation the shift forbids",
				m.shifts[f].id, m.shifts[prev].id)
		}
		run++
		if run > ai.maxConsec {
			return m.infeasible("R21", a, d, "fixed shifts make %d working days in a row, more than %d", run, ai.maxConsec)
		}
		paid += m.paid(a, f)
		prev = f
	}
	if paid > ai.maxPaid+1e-9 {
		return m.infeasible("R3", a, -1, "fixed shifts alone pay %.1f h, more than the %.1f h the period allows", paid/60, ai.maxPaid/60)
	}
	return nil
}

// advisories lists what the input makes impossible to meet in full but the roster can be built
// around: days on which no leader can be on duty (R12) or no Minnan speaker (R16), and night
// demand beyond what the night-capable agents' contracts hold (R22, R3).
func advisories(m *model) []wfm.Violation {
	if m.req == nil {
		return nil
	}
	var out []wfm.Violation
	for d := range m.D {
		needLeader, needMinnan := false, false
		for t := d * m.P; t < (d+1)*m.P; t++ {
			needLeader = needLeader || m.leaderReq[t] > 0
			needMinnan = needMinnan || m.minnanReq[t] > 0
		}
		canLeader, canMinnan := false, false
		for a := range m.A {
			if m.fixed[a*m.D+d] == off || len(m.agents[a].allowed) == 0 {
				continue
			}
			canLeader = canLeader || m.agents[a].leader
			canMinnan = canMinnan || m.agents[a].minnan
		}
		day := m.p.Horizon.Start.AddDays(d).String()
		if needLeader && !canLeader {
			out = append(out, wfm.Violation{Rule: "R12", Day: day, Detail: "every leader is on leave or unavailable; no leader can be on duty"})
		}
		if needMinnan && !canMinnan {
			out = append(out, wfm.Violation{Rule: "R16", Day: day, Detail: "no Minnan speaker is available"})
		}
	}
	return append(out, m.nightCapacity()...)
}

// nightCapacity compares the agent-hours demanded in night intervals with the most the
// night-capable agents (groups night and any) can give: their contract hours, each shift spending
// at most its night share on the night window.
func (m *model) nightCapacity() []wfm.Violation {
	r := m.p.Rules
	need := 0.0
	for t := range m.T {
		minute := (t % m.P) * m.step
		if minute >= int(r.NightStart) && minute < int(r.NightEnd) {
			need += float64(m.req[t]) / milli * float64(m.step) / 60
		}
	}
	share := 0.0 // the largest night share of any night template
	for _, sh := range m.shifts {
		if !sh.night {
			continue
		}
		inNight := 0
		for k := range sh.n {
			minute := ((sh.first + k) * m.step) % wfm.MinutesPerDay
			if minute >= int(r.NightStart) && minute < int(r.NightEnd) {
				inNight += m.step
			}
		}
		share = max(share, float64(inNight)/float64(sh.minutes))
	}
	have := 0.0
	for a, ai := range m.agents {
		if m.p.Agents[a].Group != wfm.GroupDay && !ai.suspends {
			have += ai.maxPaid / 60 * share
		}
	}
	if need > have+1e-9 {
		return []wfm.Violation{{Rule: "R22", Detail: fmt.Sprintf(
			"night intervals need %.0f agent-hours; the night and any groups' contracts allow at most %.0f (R3)", need, have)}}
	}
	return nil
}
