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
	type lost struct {
		k     int
		shift *wfm.ShiftTemplate
		day   wfm.DaySchedule
	}
	var removed []lost
	for i := range int64(l.To) - int64(l.From) + 1 {
		d := l.From.AddDays(int(i))
		if !inHorizon(p.Horizon, d) {
			imp.OutsideHorizon++
			continue
		}
		k := int(d - p.Horizon.Start)
		imp.LeaveHours += p.Rules.LeaveHoursPerDay
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
		removed = append(removed, lost{k, s, row[k]})
	}

	before := validate.Check(p, r)
	rep := validate.Check(withLeave(p, l), after)
	after.Objective, after.Coverage = rep.Objective, rep.Coverage
	imp.Violations = newViolations(before.Violations, rep.Violations)

	g := p.Horizon.Grid()
	cb, ca := before.Coverage, rep.Coverage
	if cb == nil || ca == nil || len(cb.OnPhones) != g.Len() || len(ca.OnPhones) != g.Len() {
		// No interval demand: count the agent's phone intervals from the shifts alone.
		factor := 1.0
		switch {
		case agent.Has(wfm.RoleSuspended):
			factor = 0
		case agent.Has(wfm.RoleTrainee):
			factor = p.Rules.TraineeFactor
		}
		for _, x := range removed {
			imp.AgentIntervalsLost += factor * float64(len(phoneIntervals(g, x.k, x.shift, x.day.Breaks)))
		}
		return imp, nil
	}
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
	}
	leader, minnan := agent.Has(wfm.RoleLeader), agent.Speaks(wfm.SkillMinnan)
	for _, x := range removed {
		onlyLeader, onlyMinnan := false, false
		for _, t := range phoneIntervals(g, x.k, x.shift, x.day.Breaks) {
			if leader && cb.LeadersOnDuty[t] > 0 && ca.LeadersOnDuty[t] == 0 {
				onlyLeader = true
			}
			if minnan && cb.MinnanOnPhones[t] > onPhonesTolerance && ca.MinnanOnPhones[t] <= onPhonesTolerance {
				onlyMinnan = true
			}
		}
		d := p.Horizon.Start.AddDays(x.k)
		if onlyLeader {
			imp.OnlyLeaderDays = append(imp.OnlyLeaderDays, d)
		}
		if onlyMinnan {
			imp.OnlyMinnanDays = append(imp.OnlyMinnanDays, d)
		}
	}
	return imp, nil
}

// phoneIntervals returns the grid intervals in which a shift of template s worked on horizon day k
// has the agent on the phones: intervals lying wholly inside the shift's span and overlapped by none
// of its breaks (the phone presence of the objective, wfm/objective.go).
func phoneIntervals(g wfm.Grid, k int, s *wfm.ShiftTemplate, breaks []wfm.Break) []int {
	step, size := g.Step, g.Len()
	if step <= 0 || s.Minutes <= 0 {
		return nil
	}
	s0 := k*wfm.MinutesPerDay + int(s.Start)
	lo := max(ceilDiv(s0, step), 0)
	hi := min(floorDiv(s0+s.Minutes, step), size)
	var out []int
	for t := lo; t < hi; t++ {
		t0, t1 := t*step, (t+1)*step
		free := true
		for _, b := range breaks {
			b0 := k*wfm.MinutesPerDay + int(b.Start)
			if b.Minutes > 0 && b0 < t1 && t0 < b0+b.Minutes {
				free = false
				break
			}
		}
		if free {
			out = append(out, t)
		}
	}
	return out
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func ceilDiv(a, b int) int { return -floorDiv(-a, b) }

// withLeave returns a shallow copy of p whose approved leave includes l.
func withLeave(p *wfm.Problem, l wfm.Leave) *wfm.Problem {
	q := *p
	if !slices.Contains(p.Leave, l) {
		q.Leave = append(slices.Clip(p.Leave), l)
	}
	return &q
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
