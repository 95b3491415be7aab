package workflow

import (
	"wfm"
	"wfm/solver/validate"
)

// DayEdit is a planner's change of one agent's day: the shift template to work, or "" for a day
// off.
type DayEdit struct {
	Agent string   `json:"agent"`
	Date  wfm.Date `json:"date"`
	Shift string   `json:"shift"`
}

// EditImpact is what an edit does to a roster, as the independent checker sees it.
type EditImpact struct {
	Before wfm.DaySchedule `json:"before"`
	After  wfm.DaySchedule `json:"after"`
	// Violations are the HARD rules the roster breaks after the edit and did not break before.
	Violations []wfm.Violation `json:"violations,omitempty"`
	// ShortBefore and ShortAfter are the under-coverage, Σ_t max(0, required_t − on_t) in
	// agent-intervals, before and after; ShortChange is after − before (positive: the edit costs
	// coverage). All zero without interval demand.
	ShortBefore float64 `json:"short_before"`
	ShortAfter  float64 `json:"short_after"`
	ShortChange float64 `json:"short_change"`
	// ObjectiveBefore and ObjectiveAfter are the checker's totals.
	ObjectiveBefore float64 `json:"objective_before"`
	ObjectiveAfter  float64 `json:"objective_after"`
	// Roster is the edited roster, with the checker's objective and coverage.
	Roster *wfm.Roster `json:"-"`
}

// EditDay applies e to roster r of problem p and checks the result (r itself is not changed). A
// shift gets the breaks (R4) that the roster already gives that template elsewhere (a template
// starts at one time, so its breaks fit it on any day), the first found on the same day, else on
// any day; a template the roster never uses gets none, and the checker then names R4 if the shift
// needs them. A day of leave cannot be edited (leave changes only through a leave request, R9).
// The error is a *wfm.Error: KindInvalid for an unknown agent or template or a date outside the
// horizon, KindConflict for a leave day or an edit that changes nothing.
func EditDay(p *wfm.Problem, r *wfm.Roster, e DayEdit) (*EditImpact, error) {
	if p == nil {
		return nil, newErr(wfm.KindInvalid, "", "problem", e.Agent, "", "no problem given")
	}
	if err := checkRosterHorizon(p, r); err != nil {
		return nil, err
	}
	if findAgent(p, e.Agent) == nil {
		return nil, newErr(wfm.KindInvalid, "", "agent", e.Agent, "", "unknown agent %q", e.Agent)
	}
	if !inHorizon(p.Horizon, e.Date) {
		return nil, newErr(wfm.KindInvalid, "", "date", e.Agent, e.Date.String(), "%s is outside the roster's %d days from %s",
			e.Date, p.Horizon.Days, p.Horizon.Start)
	}
	if e.Shift != "" && findShift(p, e.Shift) == nil {
		return nil, newErr(wfm.KindInvalid, "", "shift", e.Agent, e.Date.String(), "unknown shift template %q", e.Shift)
	}
	ai, err := scheduleOf(r, e.Agent)
	if err != nil {
		return nil, err
	}
	k := int(e.Date - p.Horizon.Start)
	before := r.Schedules[ai].Days[k]
	if before.Leave != "" {
		return nil, newErr(wfm.KindConflict, "R9", "date", e.Agent, e.Date.String(),
			"%s is a day of %s leave: leave changes only through a leave request", fmtDay(e.Date), before.Leave)
	}
	if before.Shift == e.Shift {
		return nil, newErr(wfm.KindConflict, "", "shift", e.Agent, e.Date.String(), "the agent already has this day")
	}
	after := cloneRoster(r)
	day := wfm.DaySchedule{Date: e.Date, Shift: e.Shift}
	if e.Shift != "" {
		day.Breaks = templateBreaks(r, e.Shift, k)
	}
	after.Schedules[ai].Days[k] = day
	after.Schedules[ai].Shape = nil // the solver's figures no longer hold; reports recompute them
	was, now := validate.Check(p, r), validate.Check(p, after)
	after.Objective, after.Coverage = now.Objective, now.Coverage
	imp := &EditImpact{Before: before, After: day, Violations: newViolations(was.Violations, now.Violations),
		ObjectiveBefore: was.Objective.Total, ObjectiveAfter: now.Objective.Total, Roster: after}
	imp.ShortBefore, imp.ShortAfter = Shortfall(was.Coverage), Shortfall(now.Coverage)
	imp.ShortChange = imp.ShortAfter - imp.ShortBefore
	return imp, nil
}

// templateBreaks returns a copy of the breaks the roster gives template shift, on day k when some agent
// works it that day, else on the first day anyone does; nil when nobody works it.
func templateBreaks(r *wfm.Roster, shift string, k int) []wfm.Break {
	var found []wfm.Break
	for _, s := range r.Schedules {
		for i, d := range s.Days {
			if d.Shift != shift || len(d.Breaks) == 0 {
				continue
			}
			if i == k {
				return cloneDay(d).Breaks
			}
			if found == nil {
				found = cloneDay(d).Breaks
			}
		}
	}
	return found
}

// Shortfall is Σ_t max(0, required_t − on_t) of a coverage, 0 without one.
func Shortfall(c *wfm.Coverage) float64 {
	if c == nil {
		return 0
	}
	total := 0.0
	for t, req := range c.Required {
		if t < len(c.OnPhones) {
			total += max(0, float64(req)-c.OnPhones[t])
		}
	}
	return total
}
