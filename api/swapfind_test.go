package api

// Finding agent-days in a published roster, read through the API, on which to build swap cases.

import (
	"slices"

	"wfm"
)

// rosterView is a published roster with the centre's agents and the fixture's shift templates.
type rosterView struct {
	r      *wfm.Roster
	agents map[string]wfm.Agent
	shifts map[string]wfm.ShiftTemplate
	order  []string // agent ids in the store's order (by id), the checker's order
	rules  wfm.Rules
}

func newRosterView(r *wfm.Roster, agents []wfm.Agent, shifts []wfm.ShiftTemplate) *rosterView {
	v := &rosterView{r: r, agents: map[string]wfm.Agent{}, shifts: map[string]wfm.ShiftTemplate{}, rules: wfm.DefaultRules()}
	for _, a := range agents {
		v.agents[a.ID] = a
		v.order = append(v.order, a.ID)
	}
	slices.Sort(v.order)
	for _, s := range shifts {
		v.shifts[s.ID] = s
	}
	return v
}

// day is agent's day d; ok is false outside the horizon.
func (v *rosterView) day(agent string, d wfm.Date) (wfm.DaySchedule, bool) {
	k := int(d - v.r.Horizon.Start)
	if k < 0 || k >= v.r.Horizon.Days {
		return wfm.DaySchedule{}, false
	}
	return dayOf(v.r, agent, d), true
}

// restOK reports whether agent working shift on d keeps the minimum rest (R21) against its
// neighbouring days as the roster has them (a day outside the horizon counts as free).
func (v *rosterView) restOK(agent string, d wfm.Date, shift string) bool {
	s := v.shifts[shift]
	if prev, ok := v.day(agent, d-1); ok && prev.Working() {
		ps := v.shifts[prev.Shift]
		if int(wfm.MinutesPerDay+s.Start)-int(ps.End()) < v.rules.MinRestMinutes {
			return false
		}
	}
	if next, ok := v.day(agent, d+1); ok && next.Working() {
		ns := v.shifts[next.Shift]
		if int(wfm.MinutesPerDay+ns.Start)-int(s.End()) < v.rules.MinRestMinutes {
			return false
		}
	}
	return true
}

// plain reports whether an agent's swaps touch no rule beyond the agent itself: not a trainee,
// nobody's mentor, not suspended (R14), free to work every template of its group (R22).
func (v *rosterView) plain(id string) bool {
	a := v.agents[id]
	if a.Has(wfm.RoleTrainee) || a.Has(wfm.RoleSuspended) || len(a.Shifts) > 0 {
		return false
	}
	for _, o := range v.agents {
		if o.Mentor == id {
			return false
		}
	}
	return true
}

// swapCase is a same-day swap of two agents.
type swapCase struct {
	a, b string
	d    wfm.Date
}

// pairs lists the same-day swaps (each pair of distinct agents both ways round), from date from
// on, for which keep holds, given both agents' days.
func (v *rosterView) pairs(from wfm.Date, keep func(c swapCase, da, db wfm.DaySchedule) bool) []swapCase {
	var out []swapCase
	for d := from; d < v.r.Horizon.Start.AddDays(v.r.Horizon.Days); d++ {
		for _, a := range v.order {
			for _, b := range v.order {
				if a == b {
					continue
				}
				da, _ := v.day(a, d)
				db, _ := v.day(b, d)
				if c := (swapCase{a, b, d}); keep(c, da, db) {
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// sameDaySwaps lists same-day swaps, from date from on, between two plain agents of group who
// both work shifts of equal length on that day, different ones, so that hours do not change (R3),
// for which keep(c) holds.
func (v *rosterView) sameDaySwaps(group string, from wfm.Date, keep func(c swapCase) bool) []swapCase {
	return v.pairs(from, func(c swapCase, da, db wfm.DaySchedule) bool {
		return v.agents[c.a].Group == group && v.agents[c.b].Group == group && v.plain(c.a) && v.plain(c.b) &&
			da.Working() && db.Working() && da.Shift != db.Shift &&
			v.shifts[da.Shift].Minutes == v.shifts[db.Shift].Minutes && keep(c)
	})
}

// keepsRest holds for a swap after which both agents keep the minimum rest.
func (v *rosterView) keepsRest(c swapCase) bool {
	da, _ := v.day(c.a, c.d)
	db, _ := v.day(c.b, c.d)
	return v.restOK(c.a, c.d, db.Shift) && v.restOK(c.b, c.d, da.Shift)
}

// breaksRest holds for a swap after which agent a's rest is too short and b's is not.
func (v *rosterView) breaksRest(c swapCase) bool {
	da, _ := v.day(c.a, c.d)
	db, _ := v.day(c.b, c.d)
	return !v.restOK(c.a, c.d, db.Shift) && v.restOK(c.b, c.d, da.Shift)
}

// keepsWeeklyMin reports whether agent, with leave on days (up to three shifts it gives away),
// still reaches the weekly minimum (R3) of every ISO week they touch: the paid time of its other
// worked days in the week plus a fifth of its contract week for each day of leave, at most five
// (the default leave_hours_per_day), against its weekly minimum (its own, or the rules' scaled to
// its contract), pro rata over the week's days in the horizon. Only days of the horizon count (the roster has no history).
func (v *rosterView) keepsWeeklyMin(agent string, days ...wfm.Date) bool {
	a := v.agents[agent]
	contract := a.WeeklyContract(v.rules)
	pre := v.rules.PreShiftMinutes
	if a.Has(wfm.RoleLeader) {
		pre = v.rules.LeaderPreShiftMinutes
	}
	for _, d := range days {
		monday := d - wfm.Date((int(d.Weekday())+6)%7)
		known, leave, hours := 0, 0, 0.0
		for k := monday; k < monday+7; k++ {
			dd, ok := v.day(agent, k)
			if !ok {
				continue
			}
			known++
			switch {
			case slices.Contains(days, k) || dd.Leave != "":
				leave++
			case dd.Working():
				hours += float64(v.shifts[dd.Shift].Minutes+pre) / 60
			}
		}
		hours += contract / 5 * float64(min(leave, 5))
		if lo, _ := a.WeeklyBand(v.rules); hours < lo*float64(known)/7 {
			return false
		}
	}
	return true
}
