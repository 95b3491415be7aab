package workflow

import (
	"fmt"
	"slices"
	"time"

	"wfm"
)

// MaxLeadDays is how far ahead of the day it is made a request may reach: leave may not start, and
// a swap may not fall, more than this many days after the request date. It bounds every loop over
// dates, so that an absurd date cannot make a check run for ever.
const MaxLeadDays = wfm.MaxHorizonDays

// fmtDay writes a date with its weekday, e.g. "2026-12-04 (Fri)".
func fmtDay(d wfm.Date) string { return fmt.Sprintf("%s (%s)", d, d.Weekday().String()[:3]) }

// plural returns "1 day" or "3 days".
func plural(n int64, unit string) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d %s", n, unit)
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// newErr builds a *wfm.Error; day is "" when the error is about no particular day.
func newErr(kind wfm.Kind, rule, field, agent, day, format string, args ...any) *wfm.Error {
	return &wfm.Error{Kind: kind, Rule: rule, Field: field, Agent: agent, Day: day, Message: fmt.Sprintf(format, args...)}
}

// requestDay is the civil date, in the centre's time zone, on which a request made at t arrived.
func requestDay(p *wfm.Problem, t time.Time, field string) (wfm.Date, *wfm.Error) {
	if t.IsZero() {
		return 0, newErr(wfm.KindInvalid, "", field, "", "", "the time the request was made is missing")
	}
	loc, err := p.Horizon.Location()
	if err != nil {
		return 0, &wfm.Error{Kind: wfm.KindInvalid, Field: "horizon.time_zone",
			Message: fmt.Sprintf("unknown time zone %q", p.Horizon.TimeZone), Err: err}
	}
	return wfm.DateFromTime(t.In(loc)), nil
}

// findAgent returns the problem's agent with id, or nil.
func findAgent(p *wfm.Problem, id string) *wfm.Agent {
	for i := range p.Agents {
		if p.Agents[i].ID == id {
			return &p.Agents[i]
		}
	}
	return nil
}

// findShift returns the problem's shift template with id, or nil.
func findShift(p *wfm.Problem, id string) *wfm.ShiftTemplate {
	for i := range p.Shifts {
		if p.Shifts[i].ID == id {
			return &p.Shifts[i]
		}
	}
	return nil
}

// paidMinutes is what a worked day of template s pays agent a (R3 with the R11 preparation time).
func paidMinutes(rules wfm.Rules, a *wfm.Agent, s *wfm.ShiftTemplate) int {
	pre := rules.PreShiftMinutes
	if a.Has(wfm.RoleLeader) {
		pre = rules.LeaderPreShiftMinutes
	}
	return s.PaidMinutes() + pre
}

// checkRosterHorizon requires a roster whose horizon is the problem's (start and length; the
// independent checker compares the rest).
func checkRosterHorizon(p *wfm.Problem, r *wfm.Roster) error {
	if r == nil {
		return newErr(wfm.KindInvalid, "", "roster", "", "", "no roster given")
	}
	if r.Horizon.Start != p.Horizon.Start || r.Horizon.Days != p.Horizon.Days {
		return newErr(wfm.KindInvalid, "", "roster.horizon", "", "",
			"roster covers %d days from %s, the problem %d days from %s",
			r.Horizon.Days, r.Horizon.Start, p.Horizon.Days, p.Horizon.Start)
	}
	return nil
}

// inHorizon reports whether d is a day of h.
func inHorizon(h wfm.Horizon, d wfm.Date) bool {
	k := int64(d) - int64(h.Start)
	return k >= 0 && k < int64(h.Days)
}

// scheduleOf returns the index in r.Schedules of agent's schedule, after checking that it is the
// agent's only schedule and holds one correctly dated day per horizon day.
func scheduleOf(r *wfm.Roster, agent string) (int, error) {
	if r == nil {
		return -1, newErr(wfm.KindInvalid, "", "roster", agent, "", "no roster given")
	}
	at := -1
	for i := range r.Schedules {
		if r.Schedules[i].Agent != agent {
			continue
		}
		if at >= 0 {
			return -1, newErr(wfm.KindInvalid, "", "roster.schedules", agent, "", "the roster holds two schedules for the agent")
		}
		at = i
	}
	if at < 0 {
		return -1, newErr(wfm.KindInvalid, "", "roster.schedules", agent, "", "the roster holds no schedule for the agent")
	}
	s := &r.Schedules[at]
	if len(s.Days) != r.Horizon.Days {
		return -1, newErr(wfm.KindInvalid, "", "roster.schedules", agent, "",
			"the agent's schedule has %d days, the roster's horizon %d", len(s.Days), r.Horizon.Days)
	}
	for k := range s.Days {
		if want := r.Horizon.Start.AddDays(k); s.Days[k].Date != want {
			return -1, newErr(wfm.KindInvalid, "", "roster.schedules", agent, want.String(),
				"day %d of the agent's schedule is dated %s", k, s.Days[k].Date)
		}
	}
	return at, nil
}

// cloneRoster returns a deep copy of r: nothing the copy holds is shared with r.
func cloneRoster(r *wfm.Roster) *wfm.Roster {
	c := *r
	c.Schedules = make([]wfm.AgentSchedule, len(r.Schedules))
	for i, s := range r.Schedules {
		c.Schedules[i] = wfm.AgentSchedule{Agent: s.Agent, Days: make([]wfm.DaySchedule, len(s.Days))}
		if s.Shape != nil {
			shape := *s.Shape
			c.Schedules[i].Shape = &shape
		}
		for k, d := range s.Days {
			d.Breaks = slices.Clone(d.Breaks)
			c.Schedules[i].Days[k] = d
		}
	}
	c.Objective.Terms = slices.Clone(r.Objective.Terms)
	if r.Coverage != nil {
		cv := *r.Coverage
		cv.Required = slices.Clone(cv.Required)
		cv.OnPhones = slices.Clone(cv.OnPhones)
		cv.MinnanRequired = slices.Clone(cv.MinnanRequired)
		cv.MinnanOnPhones = slices.Clone(cv.MinnanOnPhones)
		cv.LeadersRequired = slices.Clone(cv.LeadersRequired)
		cv.LeadersOnDuty = slices.Clone(cv.LeadersOnDuty)
		cv.ServiceLevel = slices.Clone(cv.ServiceLevel)
		cv.ServiceLevelBeforeShrinkage = slices.Clone(cv.ServiceLevelBeforeShrinkage)
		c.Coverage = &cv
	}
	if r.Solver != nil {
		st := *r.Solver
		c.Solver = &st
	}
	c.Advisories = slices.Clone(r.Advisories)
	return &c
}

// violationKey identifies a violation across two checks of nearly the same roster; the detail is
// left out because it quotes amounts (hours, counts) that a change elsewhere may alter.
func violationKey(v wfm.Violation) string { return v.Rule + "\x00" + v.Agent + "\x00" + v.Day }

// newViolations returns the violations of after that before does not have, in after's order
// (counted as multisets of violationKey).
func newViolations(before, after []wfm.Violation) []wfm.Violation {
	seen := make(map[string]int, len(before))
	for _, v := range before {
		seen[violationKey(v)]++
	}
	var out []wfm.Violation
	for _, v := range after {
		k := violationKey(v)
		if seen[k] > 0 {
			seen[k]--
			continue
		}
		out = append(out, v)
	}
	return out
}

// overlapping returns the first day on which [a0, a1] and [b0, b1] overlap.
func overlapping(a0, a1, b0, b1 wfm.Date) (wfm.Date, bool) {
	if a0 <= b1 && b0 <= a1 {
		return max(a0, b0), true
	}
	return 0, false
}

// leaveOn returns the type of approved leave agent has on d in list, if any.
func leaveOn(list []wfm.Leave, agent string, d wfm.Date) (string, bool) {
	for _, l := range list {
		if l.Agent == agent && l.From <= d && d <= l.To {
			return l.Type, true
		}
	}
	return "", false
}
