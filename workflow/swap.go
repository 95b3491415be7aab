package workflow

import (
	"fmt"
	"slices"
	"time"

	"wfm"
	"wfm/solver/validate"
)

// SwapRequest asks that agent A give up its day DateA and agent B its day DateB: afterwards B works
// A's former assignment on DateA and A works B's former assignment on DateB.
//
// With DateA == DateB (the common case) A and B exchange their days: each takes the other's shift,
// breaks included, and one of them may have been off, so that the other gets the day off. With two
// dates, A must work on DateA and be off on DateB, and B the reverse: A hands its DateA shift to B
// and takes B's DateB shift. Either way the swap exchanges A's and B's days on each date it names.
type SwapRequest struct {
	AgentA      string    `json:"agent_a"`
	DateA       wfm.Date  `json:"date_a"`
	AgentB      string    `json:"agent_b"`
	DateB       wfm.Date  `json:"date_b"`
	RequestedAt time.Time `json:"requested_at"`
}

// Earliest is the first date the swap changes: it sets the notice (R6) and the month it counts in.
func (s SwapRequest) Earliest() wfm.Date { return min(s.DateA, s.DateB) }

// Month is the calendar month a swap counts in for the monthly cap (R6) and the full-attendance
// award (R18): the month of its earliest date.
func (s SwapRequest) Month() (int, time.Month) {
	t := s.Earliest().Time(time.UTC)
	return t.Year(), t.Month()
}

// dates returns the distinct dates of the swap in ascending order.
func (s SwapRequest) dates() []wfm.Date {
	if s.DateA == s.DateB {
		return []wfm.Date{s.DateA}
	}
	return []wfm.Date{min(s.DateA, s.DateB), max(s.DateA, s.DateB)}
}

// DayChange is one agent-day that a change to the roster rewrites: what the roster audit (R19)
// records.
type DayChange struct {
	Agent  string          `json:"agent"`
	Date   wfm.Date        `json:"date"`
	Before wfm.DaySchedule `json:"before"`
	After  wfm.DaySchedule `json:"after"`
}

// SwapDecision is an acceptable swap: the roster after it, its objective and coverage recomputed by
// the independent checker, and the agent-days it changes.
type SwapDecision struct {
	After   *wfm.Roster `json:"after"`
	Changes []DayChange `json:"changes"`
	// NoticeWorkingDays is the notice given: working days strictly between the request date and
	// the swap's earliest date.
	NoticeWorkingDays int `json:"notice_working_days"`
	// Flags are what the planner should know, e.g. that the holiday calendar does not cover the
	// dates, so that notice was counted Monday to Friday.
	Flags []string `json:"flags,omitempty"`
}

// WorkingDaysBetween counts the working days (cal.IsWorkingDay: Monday to Friday less holidays,
// plus make-up working days) strictly between from and to: neither end counts. It is 0 when to is
// not at least two days after from; spans longer than MaxLeadDays are counted over their first
// MaxLeadDays days only.
func WorkingDaysBetween(cal *wfm.Calendar, from, to wfm.Date) int {
	n := 0
	last := min(int64(to)-1, int64(from)+MaxLeadDays)
	for d := int64(from) + 1; d <= last; d++ {
		if cal.IsWorkingDay(wfm.Date(d)) {
			n++
		}
	}
	return n
}

// SwapsInMonth counts, per agent, the swaps of approved that count in the given month (see
// SwapRequest.Month): the approvedThisMonth argument of CheckSwap for a swap in that month.
func SwapsInMonth(approved []SwapRequest, year int, month time.Month) map[string]int {
	n := map[string]int{}
	for _, s := range approved {
		if y, m := s.Month(); y == year && m == month {
			n[s.AgentA]++
			if s.AgentB != s.AgentA {
				n[s.AgentB]++
			}
		}
	}
	return n
}

// CheckSwap validates a shift swap against R6 and every HARD rule, and returns the roster after it.
//
// approvedThisMonth holds, per agent, the swaps already approved in the calendar month the request
// counts in (SwapRequest.Month; SwapsInMonth computes it); cal decides working days (nil: Monday
// to Friday). r is not changed.
//
// The error is a *wfm.Error naming the field, agent and day:
//   - KindInvalid: no or invalid problem, no roster or one that does not fit the problem, an
//     agent unknown to the problem or without a well-formed schedule in the roster, the same agent
//     on both sides, a date outside the horizon, no request time or one more than MaxLeadDays
//     days before the swap, a negative count in approvedThisMonth, or a no-op (on one date both
//     agents off or on the same shift). Rule R6.
//   - KindConflict, rule R6: a day of the swap is a leave day of either agent (approved in p.Leave
//     or shown in the roster), or a two-date swap whose agents do not work the day they give up or
//     are not free on the day they take over.
//   - KindRule R6: a day-group agent with a night-group agent (group "any" swaps with either);
//     fewer than Rules.SwapNoticeWorkingDays working days strictly between the request date (in
//     the centre's zone) and the earliest date; more than Rules.MaxSwapsPerMonth swaps for an
//     agent in the month, counting this one.
//   - KindRule with the checker's rule id (R3, R4, R14, R21, R22, fixed, …): the roster after the
//     swap breaks a HARD rule it did not break before. The first such violation in the checker's
//     order is named with its agent, day and detail; a violation of a whole-period rule, which
//     names no day, is reported on the date that agent's day changed.
func CheckSwap(p *wfm.Problem, r *wfm.Roster, req SwapRequest, approvedThisMonth map[string]int, cal *wfm.Calendar) (SwapDecision, error) {
	var dec SwapDecision
	if p == nil {
		return dec, newErr(wfm.KindInvalid, "R6", "problem", req.AgentA, "", "no problem given")
	}
	if err := p.Validate(); err != nil {
		return dec, err
	}
	if err := checkRosterHorizon(p, r); err != nil {
		return dec, err
	}
	a, b, err := swapAgents(p, req)
	if err != nil {
		return dec, err
	}
	for _, x := range []struct {
		field, agent string
		d            wfm.Date
	}{{"date_a", req.AgentA, req.DateA}, {"date_b", req.AgentB, req.DateB}} {
		if !inHorizon(p.Horizon, x.d) {
			return dec, newErr(wfm.KindInvalid, "R6", x.field, x.agent, x.d.String(),
				"%s lies outside the roster's horizon %s to %s", fmtDay(x.d), p.Horizon.Start,
				p.Horizon.Start.AddDays(p.Horizon.Days-1))
		}
	}
	asked, e := requestDay(p, req.RequestedAt, "requested_at")
	if e != nil {
		e.Agent, e.Rule = req.AgentA, "R6"
		return dec, e
	}
	first := req.Earliest()
	if ahead := int64(first) - int64(asked); ahead > MaxLeadDays {
		return dec, newErr(wfm.KindInvalid, "R6", "requested_at", req.AgentA, first.String(),
			"swap requested %s for %s, %d days ahead: at most %d", fmtDay(asked), fmtDay(first), ahead, MaxLeadDays)
	}
	for _, id := range []string{req.AgentA, req.AgentB} {
		for _, d := range req.dates() {
			if typ, ok := leaveOn(p.Leave, id, d); ok {
				return dec, newErr(wfm.KindConflict, "R6", "", id, d.String(),
					"%s is a day of approved %s leave of agent %s: it cannot be swapped", fmtDay(d), typ, id)
			}
		}
	}
	after, changes, err := applySwap(r, req)
	if err != nil {
		return dec, err
	}

	// R6: groups, notice, monthly cap.
	if (a.Group == wfm.GroupDay && b.Group == wfm.GroupNight) || (a.Group == wfm.GroupNight && b.Group == wfm.GroupDay) {
		return dec, newErr(wfm.KindRule, "R6", "agent_b", req.AgentA, first.String(),
			"day staff never swap with night staff: %s is in the %s group, %s in the %s group",
			a.ID, a.Group, b.ID, b.Group)
	}
	notice := WorkingDaysBetween(cal, asked, first)
	if asked > first {
		return dec, newErr(wfm.KindRule, "R6", "requested_at", req.AgentA, first.String(),
			"a swap is requested ahead: requested %s for %s, a day already past", fmtDay(asked), fmtDay(first))
	}
	if need := p.Rules.SwapNoticeWorkingDays; notice < need {
		return dec, newErr(wfm.KindRule, "R6", "requested_at", req.AgentA, first.String(),
			"swap needs %s of notice: requested %s for %s, %s between",
			plural(int64(need), "working day"), fmtDay(asked), fmtDay(first), plural(int64(notice), "working day"))
	}
	y, m := req.Month()
	for _, id := range []string{req.AgentA, req.AgentB} {
		done := approvedThisMonth[id]
		if done < 0 {
			return dec, newErr(wfm.KindInvalid, "R6", "approved_this_month", id, "",
				"negative count of approved swaps: %d", done)
		}
		if limit := p.Rules.MaxSwapsPerMonth; done+1 > limit {
			return dec, newErr(wfm.KindRule, "R6", "", id, first.String(),
				"at most %s per agent a month: %s already has %d approved in %d-%02d, this would be swap %d",
				plural(int64(limit), "swap"), id, done, y, m, done+1)
		}
	}

	// Every HARD rule, by the independent checker.
	before := validate.Check(p, r)
	rep := validate.Check(p, after)
	if fresh := newViolations(before.Violations, rep.Violations); len(fresh) > 0 {
		v := fresh[0]
		day := v.Day
		if day == "" {
			day = first.String()
			for _, c := range changes {
				if c.Agent == v.Agent {
					day = c.Date.String()
					break
				}
			}
		}
		more := ""
		if len(fresh) > 1 {
			more = fmt.Sprintf(" (and %d more)", len(fresh)-1)
		}
		return dec, newErr(wfm.KindRule, v.Rule, "", v.Agent, day,
			"the roster after the swap breaks this HARD rule: %s%s", v.Detail, more)
	}
	after.Objective, after.Coverage = rep.Objective, rep.Coverage
	dec.After, dec.Changes, dec.NoticeWorkingDays = after, changes, notice
	switch {
	case cal == nil:
		dec.Flags = append(dec.Flags, "no holiday calendar: notice counted in days Monday to Friday")
	case !cal.Covers(asked, first):
		dec.Flags = append(dec.Flags, fmt.Sprintf("the holiday calendar covers %d to %d only: notice from %s counted without holidays outside it",
			cal.FirstYear, cal.LastYear, asked))
	}
	return dec, nil
}

// swapAgents returns the problem's agents A and B of a swap, which must be two different agents.
func swapAgents(p *wfm.Problem, req SwapRequest) (*wfm.Agent, *wfm.Agent, error) {
	a := findAgent(p, req.AgentA)
	if req.AgentA == "" || a == nil {
		return nil, nil, newErr(wfm.KindInvalid, "R6", "agent_a", req.AgentA, "", "unknown agent %q", req.AgentA)
	}
	b := findAgent(p, req.AgentB)
	if req.AgentB == "" || b == nil {
		return nil, nil, newErr(wfm.KindInvalid, "R6", "agent_b", req.AgentB, "", "unknown agent %q", req.AgentB)
	}
	if a.ID == b.ID {
		return nil, nil, newErr(wfm.KindInvalid, "R6", "agent_b", req.AgentA, req.DateA.String(),
			"a swap needs two different agents, got %s twice", a.ID)
	}
	return a, b, nil
}

// ApplySwap returns a copy of r with the swap made (see SwapRequest): on each date it names, A's
// and B's days are exchanged, breaks travelling with their shift. It checks the swap's shape only
// (agents with schedules, dates in the horizon, no leave day, not a no-op, a two-date swap's agents
// working the day they give up and free on the day they take over), not the rules: CheckSwap does.
// r is not changed; the copy's Objective and Coverage are r's until recomputed.
func ApplySwap(r *wfm.Roster, req SwapRequest) (*wfm.Roster, error) {
	out, _, err := applySwap(r, req)
	return out, err
}

func applySwap(r *wfm.Roster, req SwapRequest) (*wfm.Roster, []DayChange, error) {
	if r == nil {
		return nil, nil, newErr(wfm.KindInvalid, "R6", "roster", req.AgentA, "", "no roster given")
	}
	if req.AgentA == req.AgentB {
		return nil, nil, newErr(wfm.KindInvalid, "R6", "agent_b", req.AgentA, req.DateA.String(),
			"a swap needs two different agents, got %q twice", req.AgentA)
	}
	ia, err := scheduleOf(r, req.AgentA)
	if err != nil {
		return nil, nil, err
	}
	ib, err := scheduleOf(r, req.AgentB)
	if err != nil {
		return nil, nil, err
	}
	for _, x := range []struct {
		field, agent string
		d            wfm.Date
	}{{"date_a", req.AgentA, req.DateA}, {"date_b", req.AgentB, req.DateB}} {
		if !inHorizon(r.Horizon, x.d) {
			return nil, nil, newErr(wfm.KindInvalid, "R6", x.field, x.agent, x.d.String(),
				"%s lies outside the roster's horizon", fmtDay(x.d))
		}
	}
	rowA, rowB := r.Schedules[ia].Days, r.Schedules[ib].Days
	at := func(d wfm.Date) int { return int(d - r.Horizon.Start) }
	for _, d := range req.dates() {
		for _, x := range []struct {
			id  string
			day wfm.DaySchedule
		}{{req.AgentA, rowA[at(d)]}, {req.AgentB, rowB[at(d)]}} {
			if x.day.Leave != "" {
				return nil, nil, newErr(wfm.KindConflict, "R6", "", x.id, d.String(),
					"the roster shows %s leave for agent %s on %s: it cannot be swapped", x.day.Leave, x.id, fmtDay(d))
			}
		}
	}
	if req.DateA == req.DateB {
		da, db := rowA[at(req.DateA)], rowB[at(req.DateA)]
		if da.Shift == db.Shift {
			what := "are both off"
			if da.Working() {
				what = "both work shift " + da.Shift
			}
			return nil, nil, newErr(wfm.KindInvalid, "R6", "", req.AgentA, req.DateA.String(),
				"%s and %s %s on %s: the swap would change nothing", req.AgentA, req.AgentB, what, fmtDay(req.DateA))
		}
	} else {
		for _, x := range []struct {
			id      string
			give    wfm.DaySchedule // must be worked
			take    wfm.DaySchedule // must be free
			g, t    wfm.Date
			partner string
		}{
			{req.AgentA, rowA[at(req.DateA)], rowA[at(req.DateB)], req.DateA, req.DateB, req.AgentB},
			{req.AgentB, rowB[at(req.DateB)], rowB[at(req.DateA)], req.DateB, req.DateA, req.AgentA},
		} {
			if !x.give.Working() {
				return nil, nil, newErr(wfm.KindConflict, "R6", "", x.id, x.g.String(),
					"agent %s works no shift on %s to give up", x.id, fmtDay(x.g))
			}
			if x.take.Working() {
				return nil, nil, newErr(wfm.KindConflict, "R6", "", x.id, x.t.String(),
					"agent %s already works shift %s on %s, the day it would take over %s's shift (a same-day swap exchanges shifts)",
					x.id, x.take.Shift, fmtDay(x.t), x.partner)
			}
		}
	}
	out := cloneRoster(r)
	oa, ob := out.Schedules[ia].Days, out.Schedules[ib].Days
	out.Schedules[ia].Shape, out.Schedules[ib].Shape = nil, nil // the solver's figures no longer hold
	var changes []DayChange
	for _, d := range req.dates() {
		k := at(d)
		before := []wfm.DaySchedule{oa[k], ob[k]}
		oa[k], ob[k] = ob[k], oa[k]
		oa[k].Date, ob[k].Date = d, d
		for i, x := range []struct {
			id  string
			now wfm.DaySchedule
		}{{req.AgentA, oa[k]}, {req.AgentB, ob[k]}} {
			if x.now.Shift != before[i].Shift || !slices.Equal(x.now.Breaks, before[i].Breaks) {
				changes = append(changes, DayChange{Agent: x.id, Date: d, Before: cloneDay(before[i]), After: cloneDay(x.now)})
			}
		}
	}
	return out, changes, nil
}

// cloneDay copies a day so that a DayChange shares no breaks with a roster.
func cloneDay(d wfm.DaySchedule) wfm.DaySchedule {
	d.Breaks = slices.Clone(d.Breaks)
	return d
}
