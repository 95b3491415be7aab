package wfm

import (
	"fmt"
	"time"
)

// The roster's shape as a planner reads it: the statistics behind the SOFT shape terms of the
// objective (objective.go), counted on the horizon's days alone so that they compare across
// rosters whatever history each had.
//
//   - Start changes: of the pairs of calendar-consecutive worked days, those whose templates start
//     BigStartChange minutes or more apart on the 24-hour clock (StartDistance).
//   - Days-off blocks: maximal runs of days not worked (off or leave) with a worked day on both
//     sides inside the horizon, so that their whole length is seen; single: those of one day.
//   - Isolated days: a worked day with a day not worked on both sides inside the horizon.
//   - Full weekends off: weekends whose Saturday and Sunday both lie in the horizon and are both
//     not worked.
//   - Templates: distinct templates worked.

// BigStartChange is the change of start time, in minutes, that the shape statistics count.
const BigStartChange = 180

// AgentShape is one agent's roster shape (see above).
type AgentShape struct {
	WorkPairs       int `json:"work_pairs"`
	StartChanges    int `json:"start_changes_3h"`
	OffBlocks       int `json:"days_off_blocks"`
	SingleDaysOff   int `json:"single_days_off"`
	IsolatedDays    int `json:"isolated_days"`
	FullWeekendsOff int `json:"full_weekends_off"`
	Templates       int `json:"templates"`
}

// ShapeOf reads the shape of one agent's days in a roster of p.
func ShapeOf(p *Problem, days []DaySchedule) AgentShape {
	var s AgentShape
	start := map[string]Clock{}
	for _, t := range p.Shifts {
		start[t.ID] = t.Start
	}
	seen := map[string]bool{}
	for k, d := range days {
		if !d.Working() {
			continue
		}
		if !seen[d.Shift] {
			seen[d.Shift] = true
			s.Templates++
		}
		if k > 0 && days[k-1].Working() {
			s.WorkPairs++
			if StartDistance(start[days[k-1].Shift], start[d.Shift]) >= BigStartChange {
				s.StartChanges++
			}
		}
	}
	for k := 0; k < len(days); {
		e := k
		for e+1 < len(days) && days[e+1].Working() == days[k].Working() {
			e++
		}
		inside := k > 0 && e < len(days)-1 // a day of the other kind on both sides
		switch {
		case inside && !days[k].Working():
			s.OffBlocks++
			if e == k {
				s.SingleDaysOff++
			}
		case inside && e == k:
			s.IsolatedDays++
		}
		k = e + 1
	}
	for k := 0; k+1 < len(days); k++ {
		if days[k].Date.Weekday() == time.Saturday && !days[k].Working() && !days[k+1].Working() {
			s.FullWeekendsOff++
		}
	}
	return s
}

// ShapeSummary is the shape of a whole roster: sums over its agents and the figures the planner
// reads off them.
type ShapeSummary struct {
	Agents                   int     // agents not suspended
	WorkPairs, StartChanges  int     // Σ over those agents of AgentShape's counts
	OffBlocks, SingleDaysOff int     // …
	IsolatedDays             int     // …
	StartChangeShare         float64 // StartChanges / WorkPairs, %
	SingleOffShare           float64 // SingleDaysOff / OffBlocks, %
	WithoutWeekend           int     // agents without a full weekend off (when the horizon has one)
	FullTimeWithoutWeekend   int     // of them, on at least the rules' contract hours
	TemplatesPerAgent        float64 // mean distinct templates worked, over agents who work
	FullWeekends             int     // weekends wholly in the horizon
	FullTime                 int     // agents on at least the rules' contract hours
	PartTimeWeeks            int     // part-timers' ISO weeks wholly in the horizon
	PartTimeOutside          int     // of them, weeks outside the agent's own band
}

// SummariseShape sums the shape of every agent of r who is not suspended.
func SummariseShape(p *Problem, r *Roster) ShapeSummary {
	var s ShapeSummary
	agents := make(map[string]*Agent, len(p.Agents))
	for i := range p.Agents {
		agents[p.Agents[i].ID] = &p.Agents[i]
	}
	for k := 0; k+1 < p.Horizon.Days; k++ {
		if p.Horizon.Start.AddDays(k).Weekday() == time.Saturday {
			s.FullWeekends++
		}
	}
	workers, templates := 0, 0
	for _, sc := range r.Schedules {
		a := agents[sc.Agent]
		if a == nil || a.Has(RoleSuspended) {
			continue
		}
		sh := ShapeOf(p, sc.Days)
		s.Agents++
		s.WorkPairs += sh.WorkPairs
		s.StartChanges += sh.StartChanges
		s.OffBlocks += sh.OffBlocks
		s.SingleDaysOff += sh.SingleDaysOff
		s.IsolatedDays += sh.IsolatedDays
		if sh.Templates > 0 {
			workers++
			templates += sh.Templates
		}
		full := a.WeeklyContract(p.Rules) >= p.Rules.ContractHoursPerWeek
		if full {
			s.FullTime++
		} else {
			weeks, outside := partTimeWeeks(p, a, sc.Days)
			s.PartTimeWeeks += weeks
			s.PartTimeOutside += outside
		}
		if s.FullWeekends > 0 && sh.FullWeekendsOff == 0 {
			s.WithoutWeekend++
			if full {
				s.FullTimeWithoutWeekend++
			}
		}
	}
	s.StartChangeShare = percent(s.StartChanges, s.WorkPairs)
	s.SingleOffShare = percent(s.SingleDaysOff, s.OffBlocks)
	if workers > 0 {
		s.TemplatesPerAgent = float64(templates) / float64(workers)
	}
	return s
}

// partTimeWeeks counts agent a's ISO weeks wholly in the horizon, and those outside its weekly band
// (Agent.WeeklyBand) as R3 judges it (hard.go): paid minutes (template and pre-shift, R11) and leave
// (Rules.LeaveMinutesInWeek) below the minimum, or paid minutes alone above the maximum.
func partTimeWeeks(p *Problem, a *Agent, days []DaySchedule) (weeks, outside int) {
	length := map[string]int{}
	for _, t := range p.Shifts {
		length[t.ID] = t.Minutes
	}
	pre := p.Rules.PreShiftMinutes
	if a.Has(RoleLeader) {
		pre = p.Rules.LeaderPreShiftMinutes
	}
	lo, hi := a.WeeklyBand(p.Rules)
	for k := 0; k+7 <= len(days); k++ {
		if days[k].Date.Weekday() != time.Monday {
			continue
		}
		paid, leave := 0.0, 0
		for _, d := range days[k : k+7] {
			switch {
			case d.Working():
				paid += float64(length[d.Shift] + pre)
			case d.Leave != "":
				leave++
			}
		}
		weeks++
		if paid+p.Rules.LeaveMinutesInWeek(a, leave) < lo*60-1e-6 || paid > hi*60+1e-6 {
			outside++
		}
	}
	return weeks, outside
}

func percent(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return 100 * float64(n) / float64(of)
}

// String is the one-line summary the command line prints.
func (s ShapeSummary) String() string {
	return fmt.Sprintf("Roster shape: start changes ≥3 h %.1f %% · single days off %.1f %% · agents without a full weekend off %d (full-time %d of %d)",
		s.StartChangeShare, s.SingleOffShare, s.WithoutWeekend, s.FullTimeWithoutWeekend, s.FullTime)
}
