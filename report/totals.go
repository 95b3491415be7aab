package report

import (
	"math"
	"slices"

	"wfm"
	"wfm/workflow"
)

// AgentTotals is one agent's month as the per-agent table shows it: what R18 award decisions
// and the fairness of R7/R23 need. Hours are exact (not rounded).
type AgentTotals struct {
	Agent, Name, Group string
	Roles, Skills      []string
	Shifts             int     // worked days
	PaidHours          float64 // Σ (template minutes + pre-shift minutes) / 60 over worked days (R3, R11)
	OvertimeHours      float64 // max(0, paid − max(0, contract − leave)) when Rules.Overtime, else 0 (R8)
	Nights             int     // worked night templates (ShiftTemplate.IsNight)
	Weekends           int     // Saturdays and Sundays worked
	Holidays           int     // worked days that are wfm.Holiday in Problem.Holidays
	LeaveDays          int     // approved leave days inside the horizon
	LeaveHours         float64 // what they count towards R3 (wfm.Rules.LeaveMinutes)
	LeaveByType        map[string]int
	Swaps              int            // approved swaps in the month (Input.Swaps)
	AwardEligible      bool           // R18: not suspended, no leave and no swaps in the month (workflow.AwardEligible)
	Shape              wfm.AgentShape // the month's shape (wfm.ShapeOf): start changes, days off, weekends
}

// Totals returns the per-agent totals, one per problem agent in the problem's order; nil when the
// input has no problem or roster.
func Totals(in Input) []AgentTotals {
	m, err := prepare(in, false)
	if err != nil {
		return nil
	}
	return m.totals
}

// contractHours is the agent's contract over the horizon, hours per week × days / 7 (R3).
func (m *model) contractHours(a *wfm.Agent) float64 {
	return a.WeeklyContract(m.p.Rules) * float64(len(m.days)) / 7
}

func (m *model) computeTotals() []AgentTotals {
	out := make([]AgentTotals, len(m.agents))
	rules := m.p.Rules
	for i := range m.agents {
		row := &m.agents[i]
		a := row.a
		t := AgentTotals{Agent: a.ID, Name: a.Name, Group: a.Group,
			Roles: slices.Clone(a.Roles), Skills: slices.Clone(a.Skills),
			LeaveByType: map[string]int{}, Swaps: m.in.Swaps[a.ID]}
		pre := m.preShift(a)
		paid := 0
		var leave []wfm.Date
		for k, d := range row.days {
			if lt := row.leave[k]; lt != "" {
				t.LeaveDays++
				t.LeaveByType[lt]++
				leave = append(leave, m.days[k].date)
			}
			if !d.Working() {
				continue
			}
			t.Shifts++
			s := m.shifts[d.Shift]
			if s == nil {
				continue // an unknown template: the checker reports it; it has no hours
			}
			paid += s.PaidMinutes() + pre
			if s.IsNight(rules) {
				t.Nights++
			}
			if m.days[k].weekend {
				t.Weekends++
			}
			if m.days[k].holiday {
				t.Holidays++
			}
		}
		t.PaidHours = float64(paid) / 60
		t.LeaveHours = rules.LeaveMinutes(a, leave) / 60
		if rules.Overtime {
			t.OvertimeHours = math.Max(0, t.PaidHours-math.Max(0, m.contractHours(a)-t.LeaveHours))
		}
		t.AwardEligible = workflow.AwardEligible(a, t.LeaveDays, t.Swaps)
		t.Shape = wfm.ShapeOf(m.p, row.days)
		out[i] = t
	}
	return out
}

// spread is the min and max of a count over some agents; ok is false when there are none.
type spread struct {
	min, max int
	ok       bool
}

func (s *spread) add(v int) {
	if !s.ok {
		s.min, s.max, s.ok = v, v, true
		return
	}
	s.min = min(s.min, v)
	s.max = max(s.max, v)
}

// fairness returns the spread of nights (agents who may work nights), weekends and holidays
// (agents who may work at all); suspended agents are left out.
func (m *model) fairness() (nights, weekends, holidays spread) {
	for i, t := range m.totals {
		a := m.agents[i].a
		if a.Has(wfm.RoleSuspended) {
			continue
		}
		if a.Group == wfm.GroupNight || a.Group == wfm.GroupAny {
			nights.add(t.Nights)
		}
		weekends.add(t.Weekends)
		holidays.add(t.Holidays)
	}
	return nights, weekends, holidays
}

// hasHolidays reports whether a day of the horizon is a holiday.
func (m *model) hasHolidays() bool {
	for _, d := range m.days {
		if d.holiday {
			return true
		}
	}
	return false
}
