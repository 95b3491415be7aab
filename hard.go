package wfm

import "fmt"

// The HARD rules. No roster the solver returns breaks one; the independent checker
// (solver/validate) tests each of them from the problem and the roster alone. Rule ids are those
// of RULES.md; each check below names what it measures.
//
//   - Structure: one DaySchedule per agent and horizon day in date order; a shift names a template,
//     a leave names a leave type, never both; breaks only on worked days.
//   - R9 leave: on each day of approved leave the agent's day shows that leave type and no shift;
//     on other days it shows no leave.
//   - R10 annual leave: at most MaxConcurrentAnnualLeave agents on annual leave on any day.
//   - R14 suspended agents work no shift; a trainee working shift s on day d shares it with the
//     mentor (same template, same day) or, without a mentor, with at least one non-trainee.
//   - R22 groups: night shifts (ShiftTemplate.IsNight) only for groups night and any, other shifts
//     only for day and any.
//   - Fixed: a fixed assignment inside the horizon is kept (the shift, or a day off).
//   - R3 hours. Paid minutes of a worked day = template minutes + pre-shift minutes (R11: 10, 20
//     for leaders). Leave days count LeaveHoursPerDay. Over the horizon, paid ≤ max(0, contract −
//     leave), plus the overtime cap when overtime is on, with contract = ContractHours·days/7 (so
//     paid + leave ≤ contract, and leave beyond the contract only means no work). Each ISO week (Monday to
//     Sunday) wholly inside the horizon has paid + leave ≥ WeeklyMinHours (suspended agents are
//     exempt); every ISO week has paid ≤ WeeklyMaxHours over its days in the horizon. Per-agent
//     limits: worked paid minutes within [MinMinutes, MaxMinutes], shifts of each template ≤ MaxShifts.
//   - R4 breaks, when Rules.Breaks: a shift longer than BreaksAfter holds exactly one meal
//     (MealMinutes) and one rest break (RestMinutes), a shorter one none; every break starts on the
//     interval grid, lies inside [start+BreakWindow, end−BreakWindow], and breaks do not overlap;
//     every stretch of work between the shift's start, its breaks and its end is at most
//     MaxContinuousWork minutes (pre-shift preparation is not counted in a stretch).
//   - R21 rest: runs of worked days (leave and days off end a run; worked days before the horizon
//     from Fixed entries extend the first run) are at most MaxConsecutiveDays long; the next shift
//     starts at least MinRestMinutes after the previous one ends; a template listed in the previous
//     day's CannotFollow is not worked; runs of work, and runs of days not worked, that lie wholly
//     inside the horizon (touching neither its first nor its last day) are at least
//     MinConsecutiveDays and MinConsecutiveDaysOff long; weekends with a Saturday or Sunday worked
//     number at most MaxWeekends.
//
// Per-agent AgentLimits override the rules' value of the same name.
const (
	RuleStructure = "structure"
	RuleFixed     = "fixed"
)

// Violation is one broken HARD rule: which rule, which agent and day (empty when not about one),
// and what is wrong.
type Violation struct {
	Rule   string `json:"rule"`
	Agent  string `json:"agent,omitempty"`
	Day    string `json:"day,omitempty"`
	Detail string `json:"detail"`
}

func (v Violation) String() string {
	s := v.Rule
	if v.Agent != "" {
		s += " agent " + v.Agent
	}
	if v.Day != "" {
		s += " " + v.Day
	}
	return fmt.Sprintf("%s: %s", s, v.Detail)
}
