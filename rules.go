package wfm

// Rules holds every scheduling rule of RULES.md as a parameter, with the defaults of that page
// (DefaultRules). A centre with other rules changes a setting, not code. Durations are minutes,
// hours are hours. A pointer limit left nil does not bind.
type Rules struct {
	// R3: contract hours, averaged over the period; the weekly band of an agent on
	// ContractHoursPerWeek (an agent on other hours gets it scaled, Agent.WeeklyBand); leave
	// counted as hours done: LeaveHoursPerDay hours per calendar day of leave when positive, and
	// when 0 (the default) the agent's contract hours per working day of a normal week of five
	// working days, for at most five days of each ISO week (LeaveMinutesInWeek).
	ContractHoursPerWeek float64 `json:"contract_hours_per_week"`
	WeeklyMinHours       float64 `json:"weekly_min_hours"`
	WeeklyMaxHours       float64 `json:"weekly_max_hours"`
	LeaveHoursPerDay     float64 `json:"leave_hours_per_day"`

	// R8: overtime beyond the period's contract hours, off by default.
	Overtime         bool    `json:"overtime"`
	OvertimeCapHours float64 `json:"overtime_cap_hours"` // per agent per period, when Overtime is on

	// R4: breaks. A shift longer than BreaksAfter minutes holds a meal and a rest break; no stretch
	// of continuous work exceeds MaxContinuousWork; breaks start on the interval grid and not
	// within BreakWindow minutes of the shift's start or end.
	Breaks            bool `json:"breaks"`
	BreaksAfter       int  `json:"breaks_after_minutes"`
	MaxContinuousWork int  `json:"max_continuous_work_minutes"`
	MealMinutes       int  `json:"meal_minutes"`
	RestMinutes       int  `json:"rest_minutes"`
	BreakWindow       int  `json:"break_window_minutes"`

	// R21: rest. At most MaxConsecutiveDays working days in a row (so a day off in every
	// MaxConsecutiveDays+1), at least MinRestMinutes between the end of one shift and the start of
	// the next. MinConsecutiveDays and MinConsecutiveDaysOff bound the length of runs of work and
	// of rest that lie wholly inside the horizon.
	MaxConsecutiveDays    int  `json:"max_consecutive_days"`
	MinRestMinutes        int  `json:"min_rest_minutes"`
	MinConsecutiveDays    int  `json:"min_consecutive_days"`
	MinConsecutiveDaysOff int  `json:"min_consecutive_days_off"`
	MaxWeekends           *int `json:"max_weekends,omitempty"` // weekends (Sat or Sun worked) per period

	// R22: a shift that overlaps [NightStart, NightEnd) of either day it touches is a night shift.
	NightStart Clock `json:"night_start"`
	NightEnd   Clock `json:"night_end"`

	// R10: agents on annual leave at the same time.
	MaxConcurrentAnnualLeave int `json:"max_concurrent_annual_leave"`

	// R9: calendar days of notice a leave request needs, per leave type (sudden sickness is
	// accepted without notice when flagged as an emergency).
	LeaveNoticeDays map[string]int `json:"leave_notice_days"`

	// R6: a swap is requested at least SwapNoticeWorkingDays working days ahead (holiday-aware);
	// each agent takes part in at most MaxSwapsPerMonth swaps a calendar month.
	SwapNoticeWorkingDays int `json:"swap_notice_working_days"`
	MaxSwapsPerMonth      int `json:"max_swaps_per_month"`

	// R11: paid preparation before the shift, not phone time.
	PreShiftMinutes       int `json:"pre_shift_minutes"`
	LeaderPreShiftMinutes int `json:"leader_pre_shift_minutes"`

	// R14: a trainee counts as this fraction of an agent on the phones. With MentorStandIn, on a
	// day its mentor is on approved leave (every day, when the mentor is suspended) any colleague
	// who is neither a trainee nor suspended and works the trainee's template that day stands in
	// for the mentor; without it the trainee works only beside its mentor.
	TraineeFactor float64 `json:"trainee_factor"`
	MentorStandIn bool    `json:"mentor_stand_in"`

	// Roster shape (SOFT, see Objective): two consecutive working days whose start times lie more
	// than StartToleranceMinutes apart on the 24-hour clock; runs of days not worked shorter than
	// MinDaysOffBlock; fewer than MinFullWeekendsOff full weekends off; a working day alone between
	// two days not worked. Each is priced by its weight in Weights; a weight of 0 turns it off.
	StartToleranceMinutes int `json:"start_tolerance_minutes"`
	MinDaysOffBlock       int `json:"min_days_off_block"`
	MinFullWeekendsOff    int `json:"min_full_weekends_off"`

	Weights Weights `json:"weights"`
}

// Weights of the SOFT terms of the objective (see Objective for the formulas).
type Weights struct {
	Under    float64 `json:"under"`    // per unit of under-coverage cost (R1, R17)
	Empty    float64 `json:"empty"`    // per interval with demand and nobody on the phones (R1)
	Over     float64 `json:"over"`     // per agent above requirement (R17)
	Minnan   float64 `json:"minnan"`   // per missing Minnan speaker per interval (R16)
	Leader   float64 `json:"leader"`   // per missing leader per interval (R12)
	Requests float64 `json:"requests"` // multiplier of each request's own weight (R23)
	Nights   float64 `json:"nights"`   // fairness: per agent, squared count of night shifts (R7, R23)
	Weekends float64 `json:"weekends"` // fairness: squared count of weekend days worked
	Holidays float64 `json:"holidays"` // fairness: squared count of holidays worked
	Overtime float64 `json:"overtime"` // per overtime hour (R8)
	// Roster shape (R21, R23): per start change beyond the tolerance plus per hour beyond it, per
	// day missing from a short block of days off, per full weekend off missing, per isolated
	// working day.
	StartChange  float64 `json:"start_change"`
	DaysOffBlock float64 `json:"days_off_block"`
	WeekendsOff  float64 `json:"weekends_off"`
	SingleDay    float64 `json:"single_day"`
	Linear       bool    `json:"linear"` // under-coverage cost linear instead of convex (see Objective)
}

// DefaultRules returns the rules of RULES.md with their defaults.
func DefaultRules() Rules {
	return Rules{
		ContractHoursPerWeek: 40, WeeklyMinHours: 32, WeeklyMaxHours: 48, LeaveHoursPerDay: 0,
		OvertimeCapHours: 16,
		Breaks:           true, BreaksAfter: 360, MaxContinuousWork: 360, MealMinutes: 30, RestMinutes: 30, BreakWindow: 60,
		MaxConsecutiveDays: 6, MinRestMinutes: 660, MinConsecutiveDays: 1, MinConsecutiveDaysOff: 1,
		NightStart: 0, NightEnd: 360,
		MaxConcurrentAnnualLeave: 1,
		LeaveNoticeDays: map[string]int{LeaveSick: 3, LeavePersonal: 3, LeaveAnnual: 30, LeaveMarriage: 30,
			LeaveMaternity: 30, LeaveOther: 0},
		SwapNoticeWorkingDays: 1, MaxSwapsPerMonth: 2,
		PreShiftMinutes: 10, LeaderPreShiftMinutes: 20,
		TraineeFactor:         0.5,
		StartToleranceMinutes: 120, MinDaysOffBlock: 2, MinFullWeekendsOff: 1,
		Weights: Weights{Under: 10, Empty: 1000, Over: 1, Minnan: 200, Leader: 200, Requests: 1,
			Nights: 1, Weekends: 1, Holidays: 1, Overtime: 5,
			StartChange: 1, DaysOffBlock: 10, WeekendsOff: 100, SingleDay: 2},
	}
}

// LeaveMinutesPerDay is what one counted day of approved leave of agent a counts towards R3, in
// minutes: LeaveHoursPerDay·60 when that is positive, otherwise the agent's contract hours per
// working day of a normal week of five working days:
//
//	leave per day = contract hours per week · 60 / 5
//
// so a sick day in place of a shift counts a working day (8 h on a 40-hour contract).
func (r Rules) LeaveMinutesPerDay(a *Agent) float64 {
	if r.LeaveHoursPerDay > 0 {
		return r.LeaveHoursPerDay * 60
	}
	return a.WeeklyContract(r) * 60 / leaveDaysPerWeek
}

// leaveDaysPerWeek is the working days of a normal week: by default at most this many days of
// leave in one ISO week count towards R3.
const leaveDaysPerWeek = 5

// LeaveMinutesInWeek is what n calendar days of approved leave of agent a inside one ISO week
// count towards R3, in minutes:
//
//	L·n                when LeaveHoursPerDay > 0 (L = LeaveHoursPerDay·60, every day as written)
//	L·min(n, 5)        otherwise (L = contract/5: a normal week has five working days)
//
// so a whole week of leave counts the contract week, one day of leave counts one working day, and
// 15 days of leave from a Monday count 11 working days (88 h of a 40-hour contract), not 15. Every
// count of leave hours (the solver, the reports, the leave workflow, the capacity advisories) uses
// this definition; the independent checker computes the same from the problem.
func (r Rules) LeaveMinutesInWeek(a *Agent, n int) float64 {
	if r.LeaveHoursPerDay > 0 {
		return float64(n) * r.LeaveHoursPerDay * 60
	}
	return float64(min(n, leaveDaysPerWeek)) * r.LeaveMinutesPerDay(a)
}

// LeaveMinutes is what approved leave of agent a on the given calendar days counts towards R3, in
// minutes: the days grouped by ISO week, each week counted by LeaveMinutesInWeek. A day listed
// twice counts once.
func (r Rules) LeaveMinutes(a *Agent, days []Date) float64 {
	perWeek := map[Date]map[Date]bool{}
	for _, d := range days {
		monday := d.AddDays(-int((d.Weekday() + 6) % 7))
		if perWeek[monday] == nil {
			perWeek[monday] = map[Date]bool{}
		}
		perWeek[monday][d] = true
	}
	total := 0.0
	for _, week := range perWeek {
		total += r.LeaveMinutesInWeek(a, len(week))
	}
	return total
}
