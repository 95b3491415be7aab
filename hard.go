package wfm

import "fmt"

// The HARD rules. No roster the solver returns breaks one; the independent checker
// (solver/validate) tests each of them from the problem and the roster alone. Rule ids are those
// of RULES.md; each check below names what it measures.
//
// History. The days in the HistoryDays days before the horizon are the previous roster's: a day is
// known when a Fixed entry (a shift, or "off") or approved leave states it, worked when the entry
// is a shift, and unknown otherwise. History is not rostered; it counts where a rule reaches across
// the start, as said below (runs and rest of R21, the straddling ISO week of R3, coverage).
//
//   - Structure: one DaySchedule per agent and horizon day in date order; a shift names a template,
//     a leave names a leave type, never both; breaks only on worked days.
//   - R9 leave: on each day of approved leave the agent's day shows that leave type and no shift;
//     on other days it shows no leave.
//   - R10 annual leave: at most MaxConcurrentAnnualLeave agents on annual leave on any day.
//   - R14 suspended agents work no shift; a trainee working shift s on day d shares it with the
//     mentor (same template, same day) or, without a mentor, with at least one agent who is neither
//     a trainee nor suspended. With Rules.MentorStandIn, on a day of the mentor's approved leave
//     (every day, when the mentor is suspended) such a colleague on s stands in for the mentor.
//   - R22 groups: night shifts (ShiftTemplate.IsNight) only for groups night and any, other shifts
//     only for day and any; an agent with a list of Shifts works only those templates.
//   - Fixed: a fixed assignment inside the horizon is kept (the shift, or a day off).
//   - R3 hours. Paid minutes of a worked day = template minutes less its unpaid span
//     (ShiftTemplate.PaidMinutes) + pre-shift minutes (R11: 10, 20 for leaders). Approved leave counts by ISO week: n days of leave in one week count
//     Rules.LeaveMinutesInWeek(agent, n) (by default contract/5 a day for at most five days). Over
//     the horizon, paid ≤ max(0, contract − leave), plus the overtime cap when overtime is on, with
//     contract = Agent.WeeklyContract·days/7 and leave = Σ_w LeaveMinutesInWeek(leave days of w
//     in the horizon) (so paid + leave ≤ contract, and leave beyond the contract only means no
//     work). Each ISO week w (Monday to Sunday) with a day in the horizon is judged on its known
//     days K_w: its days in the horizon and its days before the horizon that the history states.
//     With paid_w the paid minutes of the worked days of K_w (history shifts included) and
//     leave_w = LeaveMinutesInWeek(leave days of K_w), and the agent's band [lo, hi] =
//     Agent.WeeklyBand: paid_w + leave_w ≥ lo·|K_w|/7 (the minimum pro rata; not for suspended
//     agents, nor when lo = 0) and paid_w ≤ hi (not pro rata; leave never pushes a week over it).
//     So a week wholly inside the horizon carries the whole minimum, the week that straddles the
//     start is judged on the whole week when the previous roster's days are given, and the first
//     week without them and the last partial week carry their share, which leaves the next month
//     a week it can complete. Per-agent limits: worked paid minutes within [MinMinutes,
//     MaxMinutes], shifts of each template ≤ MaxShifts.
//   - R4 breaks, when Rules.Breaks: a shift longer than BreaksAfter holds exactly one meal
//     (MealMinutes) and one rest break (RestMinutes), a shorter one none; every break starts on the
//     interval grid, lies inside [start+BreakWindow, end−BreakWindow], and breaks do not overlap;
//     every stretch of work between the shift's start, its breaks and its end is at most
//     MaxContinuousWork minutes (pre-shift preparation is not counted in a stretch).
//   - R21 rest. Runs are maximal runs of worked days, and of days not worked (days off and leave),
//     over the history and the horizon; an unknown history day ends a run. Runs of worked days with
//     a day in the horizon are at most MaxConsecutiveDays long, history days included. The next
//     shift starts at least MinRestMinutes after the previous one ends (the history's last shift
//     included); a template listed in the previous day's CannotFollow is not worked. A run of work
//     is at least MinConsecutiveDays long, and a run of days not worked at least
//     MinConsecutiveDaysOff, when its start is known (the day before it is a known day of the other
//     kind) and it ends before the horizon's last day; a run wholly in the history counts only when
//     it ends the day before the horizon (the first day ends it). So without history a run touching
//     the first day is exempt from the minimums, with the previous roster's days it is judged on its
//     whole length, and a run touching the last day is exempt (the next month may continue it).
//     Weekends with a Saturday or Sunday worked in the horizon number at most MaxWeekends.
//   - R15 sessions (Roster.Sessions) of the problem's activities: each names a known activity,
//     room and agents; lies on a date of the window of its occurrence (Activity.Occurrences),
//     starts on the interval grid and lasts the activity's minutes; every attendee is one the
//     activity may have (named, or eligible: Activity.Eligible), listed once, and works a shift on
//     the session's date whose span [start, end) holds the session, which overlaps none of that
//     shift's breaks (so the stretches of R4 are unchanged: a session is work); its room takes
//     its group (Activity.Takes: capacity, own or company, an own room fewer than OwnRoomLimit);
//     no room holds two sessions at once and no agent attends two at once (spans half-open). An
//     attendee in a session is off the phones for the intervals it overlaps (objective.go).
//     Attendees left unplaced (Roster.Unplaced) break no rule; they are reported.
//   - R24 hall posts (Problem.Hall): on every open interval of every post (Hall.OpenOn: the
//     weekday's spans on the calendar's working days) its A or its B holder works a shift that day
//     whose span holds the interval, outside its breaks, the sessions it attends and its unpaid
//     span (ShiftTemplate.Unpaid, never presence).
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
