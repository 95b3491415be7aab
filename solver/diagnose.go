package solver

import (
	"fmt"
	"strings"

	"wfm"
)

// diagnose looks for inputs no roster can satisfy and explains every one it finds, each as a
// *wfm.Error naming the rule, the agent and the days (a wfm.ErrorList when there are several):
// an agent whose free days cannot reach a week's minimum or its minimum minutes, or whose leave,
// history and fixed shifts already exceed a week's maximum (R3), fixed shifts that break rest,
// rotation or run limits (R21), a group without any template it may work and fixed shifts
// outside the agent's templates (R22), a trainee who can reach its weekly or period minimum only
// on days its mentor cannot share (R14), a hall post whose holders are both away on an open day
// or whose open hours no template they may work holds (R24).
func diagnose(m *model) error {
	var found wfm.ErrorList
	for a := range m.A {
		for _, check := range []func(a int) []*wfm.Error{m.checkWeeks, m.checkWeeksAgainstPeriod, m.checkMinutes,
			m.checkFixedRuns, m.checkMentor} {
			found = append(found, check(a)...)
		}
	}
	found = append(found, m.checkHall()...)
	return found.Join()
}

func (m *model) infeasible(rule string, a, day int, format string, args ...any) *wfm.Error {
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
// and its history and fixed shifts alone must not exceed the maximum (which binds paid time only).
func (m *model) checkWeeks(a int) []*wfm.Error {
	ai := &m.agents[a]
	if ai.weeklyMin > 0 && len(ai.allowed) == 0 {
		return []*wfm.Error{m.infeasible("R22", a, -1, "group %s may work none of the shift templates, but the weekly minimum is %.0f h",
			m.p.Agents[a].Group, ai.weeklyMin/60)}
	}
	var out []*wfm.Error
	for w := range m.W {
		first, most, least := m.weekReach(a, w, func(int) bool { return true })
		if most+1e-9 < ai.weekMin[w] {
			out = append(out, m.infeasible("R3", a, first, "the week %s allows at most %.1f h (leave, history and free days at the longest shift), below its weekly minimum of %.1f h",
				m.weekName(w), most/60, ai.weekMin[w]/60))
		}
		// least counts the week's leave, which weekMax adds to the maximum: the paid time alone is
		// least − leave against weeklyMax.
		if leave := ai.weekMax[w] - ai.weeklyMax; least > ai.weekMax[w]+1e-9 {
			out = append(out, m.infeasible("R3", a, first, "history and fixed shifts of the week %s hold %.1f h, more than the weekly maximum of %.1f h",
				m.weekName(w), (least-leave)/60, ai.weeklyMax/60))
		}
	}
	return out
}

// weekReach returns the first horizon day of week w and the most and the least paid time plus
// leave and history agent a's week can hold: leave and history, fixed shifts, and the longest
// shift on every free day that may (free days that may not count nothing).
func (m *model) weekReach(a, w int, may func(d int) bool) (first int, most, least float64) {
	ai := &m.agents[a]
	first, most, least = -1, ai.weekBase[w], ai.weekBase[w]
	long := m.longestPaid(a)
	for d := range m.D {
		if m.week[d] != w {
			continue
		}
		if first < 0 {
			first = d
		}
		switch f := m.fixed[a*m.D+d]; {
		case f == free && may(d):
			most += long
		case f >= 0:
			most += m.paid(a, int(f))
			least += m.paid(a, int(f))
		}
	}
	return first, most, least
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
func (m *model) checkWeeksAgainstPeriod(a int) []*wfm.Error {
	ai := &m.agents[a]
	if ai.weeklyMin == 0 || len(ai.allowed) == 0 {
		return nil
	}
	need := 0.0
	for _, n := range m.weekNeeds(a) {
		need += n
	}
	if need > ai.maxPaid+1e-9 {
		return []*wfm.Error{m.infeasible("R3", a, -1, "the weekly minimum of %.1f h (pro rata in partial weeks) needs at least %.1f h in whole shifts, more than the %.1f h the period's contract allows",
			ai.weeklyMin/60, need/60, ai.maxPaid/60)}
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
func (m *model) checkMinutes(a int) []*wfm.Error {
	ai := &m.agents[a]
	if ai.minMinutes <= 0 {
		return nil
	}
	if most := m.periodReach(a, func(int) bool { return true }); most+1e-9 < ai.minMinutes {
		return []*wfm.Error{m.infeasible("R3", a, -1, "free days allow at most %.0f worked minutes, below the minimum of %.0f", most, ai.minMinutes)}
	}
	return nil
}

// periodReach is the most paid time agent a can work over the horizon: fixed shifts, and the
// longest shift on every free day that may.
func (m *model) periodReach(a int, may func(d int) bool) float64 {
	most := 0.0
	long := m.longestPaid(a)
	for d := range m.D {
		switch f := m.fixed[a*m.D+d]; {
		case f == free && may(d):
			most += long
		case f >= 0:
			most += m.paid(a, int(f))
		}
	}
	return most
}

// checkFixedRuns tests fixed shifts against each other: consecutive fixed shifts must respect
// rest and rotation, runs of fixed work must not exceed the maximum, fixed shifts must be
// templates the agent may work and fit the period's hours; and the history's last run, when a
// fixed first day (leave, a day off or a shift) ends it, must reach its minimum.
func (m *model) checkFixedRuns(a int) []*wfm.Error {
	ai := &m.agents[a]
	var out []*wfm.Error
	if f := m.fixed[a*m.D]; f != free && m.edgePenalty(ai, f >= 0).hard > 0 {
		kind, lim, n := "of work", ai.minConsec, ai.histRun
		if f >= 0 {
			kind, lim, n = "not worked", ai.minOff, ai.histOff
		}
		out = append(out, m.infeasible("R21", a, 0, "the previous roster ends with %d days %s, fewer than %d, and the first day, fixed, ends the run",
			n, kind, lim))
	}
	prev, run, paid := ai.histShift, ai.histRun, 0.0
	for d := range m.D {
		f := int(m.fixed[a*m.D+d])
		if f < 0 {
			prev, run = off, 0
			continue
		}
		if !m.mayWork(a, f) {
			out = append(out, m.infeasible("R22", a, d, "fixed to %s, a shift the agent may not work (group %s%s)",
				m.shifts[f].id, m.p.Agents[a].Group, ownShifts(&m.p.Agents[a])))
		}
		if prev >= 0 && !m.compat[prev*m.S+f] {
			out = append(out, m.infeasible("R21", a, d, "fixed to %s right after %s: too little rest, or a rotation the shift forbids",
				m.shifts[f].id, m.shifts[prev].id))
		}
		run++
		if run == ai.maxConsec+1 {
			out = append(out, m.infeasible("R21", a, d, "fixed shifts make %d working days in a row, more than %d", run, ai.maxConsec))
		}
		paid += m.paid(a, f)
		prev = f
	}
	if paid > ai.maxPaid+1e-9 {
		out = append(out, m.infeasible("R3", a, -1, "fixed shifts alone pay %.1f h, more than the %.1f h the period allows", paid/60, ai.maxPaid/60))
	}
	return out
}

// ownShifts names the agent's own list of templates, when it has one.
func ownShifts(a *wfm.Agent) string {
	if len(a.Shifts) == 0 {
		return ""
	}
	return ", shifts " + strings.Join(a.Shifts, ", ")
}

// checkMentor tests a trainee's weeks and period minimum against the days it can work with its
// mentor (R14): without stand-in, a trainee works only on a template its mentor works that day, so
// the days the mentor is on leave, fixed off, suspended, or on no template the trainee may work
// are lost to it (with stand-in, a mentor's leave and suspension are not: a colleague stands in).
// When the trainee could reach a week's minimum, or its minimum minutes, only on such days, the
// error names the trainee, the mentor, the days and why the mentor is away. Weeks the trainee
// cannot reach even with its mentor are checkWeeks' to report.
func (m *model) checkMentor(a int) []*wfm.Error {
	ai := &m.agents[a]
	mt := ai.mentor
	if mt < 0 || len(ai.allowed) == 0 {
		return nil
	}
	away := make([]string, m.D) // why the mentor cannot share day d, "" when it can
	for d := range m.D {
		away[d] = m.mentorAway(a, d)
	}
	may := func(d int) bool { return away[d] == "" }
	var out []*wfm.Error
	for d := range m.D {
		if f := m.fixed[a*m.D+d]; f >= 0 && away[d] != "" {
			out = append(out, m.infeasible("R14", a, d, "trainee %s is fixed to %s, when its mentor %s %s; %s",
				ai.id, m.shifts[f].id, m.agents[mt].id, away[d], m.mentorAdvice()))
		}
	}
	for w := range m.W {
		first, most, _ := m.weekReach(a, w, may)
		if most+1e-9 >= ai.weekMin[w] {
			continue
		}
		if _, all, _ := m.weekReach(a, w, func(int) bool { return true }); all+1e-9 < ai.weekMin[w] {
			continue
		}
		out = append(out, m.infeasible("R14", a, first, "trainee %s can reach the weekly minimum of %.1f h of week %s only by working %s; %s",
			ai.id, ai.weekMin[w]/60, m.weekName(w), m.awayDays(a, away, func(d int) bool { return m.week[d] == w }), m.mentorAdvice()))
	}
	if ai.minMinutes > 0 && m.periodReach(a, may)+1e-9 < ai.minMinutes && m.periodReach(a, func(int) bool { return true })+1e-9 >= ai.minMinutes {
		out = append(out, m.infeasible("R14", a, -1, "trainee %s can reach its minimum of %.0f worked minutes only by working %s; %s",
			ai.id, ai.minMinutes, m.awayDays(a, away, func(int) bool { return true }), m.mentorAdvice()))
	}
	return out
}

// mentorAway says why trainee a's mentor cannot share day d ("" when it can, when a colleague
// stands in for it, or when the trainee is not free that day): on leave, fixed off, suspended, or
// on no template both may work.
func (m *model) mentorAway(a, d int) string {
	ai := &m.agents[a]
	mt := ai.mentor
	if m.anyColleague(a, d) {
		return ""
	}
	i, j := a*m.D+d, mt*m.D+d
	switch {
	case m.fixed[i] == off:
		return "" // the trainee is not free either
	case m.agents[mt].suspends:
		return "is suspended"
	case m.onLeave[j]:
		return "is on " + m.leaveType(mt, d) + " leave"
	case m.fixed[j] == off:
		return "is fixed off"
	}
	for _, s := range ai.allowed {
		if m.mayWork(mt, int(s)) && (m.fixed[i] == free || m.fixed[i] == s) && (m.fixed[j] == free || m.fixed[j] == s) {
			return ""
		}
	}
	return "works no template the trainee may work"
}

// leaveType is the type of agent a's approved leave on day d.
func (m *model) leaveType(a, d int) string {
	date := m.p.Horizon.Start.AddDays(d)
	for _, l := range m.p.Leave {
		if l.Agent == m.agents[a].id && l.From <= date && date <= l.To {
			return l.Type
		}
	}
	return ""
}

// awayDays lists the days (those in keep) the trainee is free and its mentor away, as ranges of
// consecutive days with the same reason: "2026-10-06..10-09, when its mentor A0031 is on sick leave".
func (m *model) awayDays(a int, away []string, keep func(d int) bool) string {
	var parts []string
	for d := 0; d < m.D; d++ {
		if away[d] == "" || !keep(d) {
			continue
		}
		e := d
		for e+1 < m.D && away[e+1] == away[d] && keep(e+1) {
			e++
		}
		parts = append(parts, fmt.Sprintf("%s, when its mentor %s %s", m.dayRange(d, e), m.agents[m.agents[a].mentor].id, away[d]))
		d = e
	}
	return strings.Join(parts, ", and ")
}

// dayRange names days d to e of the horizon: "2026-10-06", or "2026-10-06..10-09".
func (m *model) dayRange(d, e int) string {
	s := m.p.Horizon.Start.AddDays(d).String()
	if e > d {
		s += ".." + m.p.Horizon.Start.AddDays(e).String()[5:]
	}
	return s
}

// mentorAdvice says what would let the trainee work without its mentor.
func (m *model) mentorAdvice() string {
	if m.p.Rules.MentorStandIn {
		return "give the trainee another mentor"
	}
	return "set mentor_stand_in or give the trainee another mentor"
}

// advisories lists what the input makes impossible to meet in full but the roster can be built
// around: the first morning's intervals no template can cover when no previous roster is given
// (R1), days on which no leader can be on duty (R12) or no Minnan speaker (R16), and night
// demand beyond what the night-capable agents' contracts hold (R22, R3).
func advisories(m *model) []wfm.Violation {
	if m.req == nil {
		return nil
	}
	out := m.firstMorning()
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

// firstMorning names the intervals of the first day with demand that no template of the horizon
// covers (those a night shift started the evening before covers) when the history states nobody's
// day before the horizon: without the previous roster nobody can be on the phones then. The
// empty-interval term still counts them; the advisory says why and what would help.
func (m *model) firstMorning() []wfm.Violation {
	for _, ai := range m.agents {
		if ai.edgeKnown {
			return nil
		}
	}
	var out []wfm.Violation
	start := m.p.Horizon.Start
	for i := 0; i < m.P && i < m.T; i++ {
		if m.req[i] == 0 || len(m.covering[i]) > 0 {
			continue
		}
		e := i
		for e+1 < m.P && m.req[e+1] > 0 && len(m.covering[e+1]) == 0 {
			e++
		}
		out = append(out, wfm.Violation{Rule: "R1", Day: start.String(), Detail: fmt.Sprintf(
			"%s %s–%s: no shift of the horizon can cover these intervals and no previous roster was given; give the previous month's roster (wfm plan --previous) or staff the night of %s",
			start, wfm.Clock(i*m.step), wfm.Clock((e+1)*m.step), start.AddDays(-1))})
		i = e
	}
	return out
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

// aloneTrainees names up to n trainees who work without the company R14 asks for, each with its
// mentor and the days.
func (st *state) aloneTrainees(n int) string {
	m := st.m
	var parts []string
	for a := range m.A {
		if !m.agents[a].trainee {
			continue
		}
		var days []string
		for d := 0; d < m.D; d++ {
			if !st.traineeAlone(a, d) {
				continue
			}
			e := d
			for e+1 < m.D && st.traineeAlone(a, e+1) {
				e++
			}
			days = append(days, m.dayRange(d, e))
			d = e
		}
		if len(days) == 0 {
			continue
		}
		who := "no mentor"
		if mt := m.agents[a].mentor; mt >= 0 {
			who = "mentor " + m.agents[mt].id
		}
		if len(parts) == n {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, fmt.Sprintf("trainee %s (%s) alone on %s", m.agents[a].id, who, strings.Join(days, ", ")))
	}
	return strings.Join(parts, "; ")
}
