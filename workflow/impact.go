package workflow

import (
	"slices"
	"strings"

	"wfm"
	"wfm/solver/validate"
)

// ShiftRef is a shift an agent works on a day of the roster.
type ShiftRef struct {
	Date  wfm.Date `json:"date"`
	Shift string   `json:"shift"`
	Hours float64  `json:"hours"` // paid hours: the template's length plus preparation time (R3, R11)
}

// IntervalLoss is what a leave takes from one interval of the roster's grid.
type IntervalLoss struct {
	Interval     int     `json:"interval"` // index on the horizon's grid
	Time         string  `json:"time"`     // wall-clock start, e.g. "2026-12-08T09:00:00"
	Required     int     `json:"required"` // agents the demand asks for
	Before       float64 `json:"before"`   // agents on the phones before the leave
	After        float64 `json:"after"`    // and after it
	NewShortfall float64 `json:"new_shortfall"`
}

// LeaveImpact is what approving a leave costs a published roster.
type LeaveImpact struct {
	// Shifts are the shifts the agent loses, in date order, and HoursRemoved their paid hours.
	Shifts       []ShiftRef `json:"shifts"`
	HoursRemoved float64    `json:"hours_removed"`
	// LeaveHours is what the leave days inside the horizon count as hours done (R3).
	LeaveHours float64 `json:"leave_hours"`
	// AgentIntervalsLost is the coverage lost: the agent's intervals on the phones in the shifts
	// removed (a trainee counts Rules.TraineeFactor), summed over the grid.
	AgentIntervalsLost float64 `json:"agent_intervals_lost"`
	// NewShortfall is the under-coverage the leave adds: Σ_t max(0, r_t − on_t after) −
	// max(0, r_t − on_t before), in agent-intervals. Zero without interval demand.
	NewShortfall float64 `json:"new_shortfall"`
	// Intervals lists every interval where coverage drops (only with interval demand).
	Intervals []IntervalLoss `json:"intervals,omitempty"`
	// OnlyLeaderDays and OnlyMinnanDays are the days of a removed shift during which the agent was,
	// for at least one interval, the only leader (R12) or the only Minnan speaker (R16) on the phones.
	OnlyLeaderDays []wfm.Date `json:"only_leader_days,omitempty"`
	OnlyMinnanDays []wfm.Date `json:"only_minnan_days,omitempty"`
	// OutsideHorizon counts the leave days beyond the roster's horizon, which the impact ignores.
	OutsideHorizon int `json:"outside_horizon,omitempty"`
	// Violations are the HARD rules the roster breaks after the leave and did not break before,
	// e.g. a trainee left without its mentor (R14): what a planner must re-plan.
	Violations []wfm.Violation `json:"violations,omitempty"`
	// Roster is the roster with the leave applied, its objective and coverage recomputed by the
	// independent checker (coverage without the service-level projection).
	Roster *wfm.Roster `json:"roster"`
}

// onPhonesTolerance separates a real change of agents on the phones from rounding.
const onPhonesTolerance = 1e-9

// Impact computes what approving leave l costs the roster r of problem p: the shifts the agent
// loses and their hours, the coverage lost per interval and the new shortfall against the demand,
// the days the agent was the only leader or Minnan speaker on the phones, and the roster with the
// leave applied (r itself is not changed). It does not judge the request (see CheckLeave). The
// error is a *wfm.Error: KindInvalid for a problem that does not validate, a roster that does not
// fit it or lacks the agent, a malformed leave; KindConflict when the roster already shows other
// leave on one of its days.
func Impact(p *wfm.Problem, r *wfm.Roster, l wfm.Leave) (*LeaveImpact, error) {
	if p == nil {
		return nil, newErr(wfm.KindInvalid, "", "problem", l.Agent, "", "no problem given")
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := checkRosterHorizon(p, r); err != nil {
		return nil, err
	}
	agent := findAgent(p, l.Agent)
	if agent == nil {
		return nil, newErr(wfm.KindInvalid, "R9", "agent", l.Agent, "", "unknown agent %q", l.Agent)
	}
	after, err := ApplyLeave(r, l)
	if err != nil {
		return nil, err
	}
	ai, err := scheduleOf(r, l.Agent)
	if err != nil {
		return nil, err
	}
	row := r.Schedules[ai].Days
	imp := &LeaveImpact{Roster: after}
	var removed []int // horizon days of the shifts the leave removes
	var leaveDays []wfm.Date
	for i := range int64(l.To) - int64(l.From) + 1 {
		d := l.From.AddDays(int(i))
		if !inHorizon(p.Horizon, d) {
			imp.OutsideHorizon++
			continue
		}
		k := int(d - p.Horizon.Start)
		leaveDays = append(leaveDays, d)
		if !row[k].Working() {
			continue
		}
		s := findShift(p, row[k].Shift)
		if s == nil {
			return nil, newErr(wfm.KindInvalid, "", "roster.schedules", l.Agent, d.String(),
				"the roster shows shift %q, which the problem does not have", row[k].Shift)
		}
		hours := float64(paidMinutes(p.Rules, agent, s)) / 60
		imp.Shifts = append(imp.Shifts, ShiftRef{Date: d, Shift: s.ID, Hours: hours})
		imp.HoursRemoved += hours
		removed = append(removed, k)
	}
	imp.LeaveHours = addedLeaveHours(p, agent, leaveDays)

	before := validate.Check(p, r)
	rep := validate.Check(WithLeave(p, l), after)
	after.Objective, after.Coverage = rep.Objective, rep.Coverage
	imp.Violations = newViolations(before.Violations, rep.Violations)

	// Only the agent's days changed, so the coverage the checker counts before and after differs
	// exactly in the agent's phone intervals of the removed shifts.
	g := p.Horizon.Grid()
	cb, ca := before.Coverage, rep.Coverage
	if cb == nil || ca == nil || len(cb.OnPhones) != g.Len() || len(ca.OnPhones) != g.Len() {
		return imp, nil // no interval demand: no coverage to lose
	}
	leader, minnan := agent.Has(wfm.RoleLeader), agent.Speaks(wfm.SkillMinnan)
	onlyLeader, onlyMinnan := map[int]bool{}, map[int]bool{}
	for t := range g.Len() {
		diff := cb.OnPhones[t] - ca.OnPhones[t]
		if diff <= onPhonesTolerance {
			continue
		}
		req := float64(cb.Required[t])
		short := max(0, req-ca.OnPhones[t]) - max(0, req-cb.OnPhones[t])
		imp.AgentIntervalsLost += diff
		imp.NewShortfall += short
		imp.Intervals = append(imp.Intervals, IntervalLoss{Interval: t, Time: g.Label(t), Required: cb.Required[t],
			Before: cb.OnPhones[t], After: ca.OnPhones[t], NewShortfall: short})
		day := shiftDay(removed, t, g.PerDay())
		if leader && cb.LeadersOnDuty[t] > 0 && ca.LeadersOnDuty[t] == 0 {
			onlyLeader[day] = true
		}
		if minnan && cb.MinnanOnPhones[t] > onPhonesTolerance && ca.MinnanOnPhones[t] <= onPhonesTolerance {
			onlyMinnan[day] = true
		}
	}
	for _, k := range removed {
		if onlyLeader[k] {
			imp.OnlyLeaderDays = append(imp.OnlyLeaderDays, p.Horizon.Start.AddDays(k))
		}
		if onlyMinnan[k] {
			imp.OnlyMinnanDays = append(imp.OnlyMinnanDays, p.Horizon.Start.AddDays(k))
		}
	}
	return imp, nil
}

// shiftDay returns the horizon day of the removed shift that covers interval t: the latest removed
// day starting at or before t's day (a night shift reaches into the next day).
func shiftDay(removed []int, t, perDay int) int {
	day := t / perDay
	best := -1
	for _, k := range removed {
		if k <= day && k > best {
			best = k
		}
	}
	return best
}

// ApplyLeave returns a copy of r in which the agent's days of leave l inside the horizon show the
// leave type, their shifts and breaks removed. r is not changed; the copy's Objective and Coverage
// are r's until recomputed (Impact does). Days already showing the same leave are kept; a day
// showing another leave type is a KindConflict error.
func ApplyLeave(r *wfm.Roster, l wfm.Leave) (*wfm.Roster, error) {
	if r == nil {
		return nil, newErr(wfm.KindInvalid, "", "roster", l.Agent, "", "no roster given")
	}
	if !slices.Contains(wfm.LeaveTypes, l.Type) {
		return nil, newErr(wfm.KindInvalid, "R9", "type", l.Agent, "",
			"unknown leave type %q (%s)", l.Type, strings.Join(wfm.LeaveTypes, ", "))
	}
	if l.To < l.From {
		return nil, newErr(wfm.KindInvalid, "R9", "to", l.Agent, l.From.String(),
			"leave ends on %s, before it starts on %s", fmtDay(l.To), fmtDay(l.From))
	}
	if n := int64(l.To) - int64(l.From) + 1; n > wfm.MaxHorizonDays {
		return nil, newErr(wfm.KindInvalid, "R9", "to", l.Agent, l.From.String(),
			"leave of %d days, at most %d at once", n, wfm.MaxHorizonDays)
	}
	ai, err := scheduleOf(r, l.Agent)
	if err != nil {
		return nil, err
	}
	out := cloneRoster(r)
	days := out.Schedules[ai].Days
	out.Schedules[ai].Shape = nil // the solver's figures no longer hold
	first := max(int64(l.From), int64(r.Horizon.Start))
	last := min(int64(l.To), int64(r.Horizon.Start)+int64(r.Horizon.Days)-1)
	for d := first; d <= last; d++ {
		cell := &days[d-int64(r.Horizon.Start)]
		if cell.Leave != "" && cell.Leave != l.Type {
			return nil, newErr(wfm.KindConflict, "R9", "from", l.Agent, cell.Date.String(),
				"the roster already shows %s leave on %s", cell.Leave, fmtDay(cell.Date))
		}
		*cell = wfm.DaySchedule{Date: cell.Date, Leave: l.Type}
	}
	return out, nil
}

// addedLeaveHours is what the new leave days add to the hours the agent's approved leave in the
// horizon counts (R3, wfm.Rules.LeaveMinutes, which counts at most five days of an ISO week): the
// count with them less the count without.
func addedLeaveHours(p *wfm.Problem, agent *wfm.Agent, days []wfm.Date) float64 {
	var approved []wfm.Date
	for _, l := range p.Leave {
		if l.Agent != agent.ID {
			continue
		}
		for d := l.From; d <= l.To; d++ {
			if inHorizon(p.Horizon, d) {
				approved = append(approved, d)
			}
		}
	}
	before := p.Rules.LeaveMinutes(agent, approved)
	return (p.Rules.LeaveMinutes(agent, append(approved, days...)) - before) / 60
}
