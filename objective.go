package wfm

// The terms of the objective, by name. The solver minimises, and the independent checker
// recomputes, exactly these (w.X is Rules.Weights.X; sums run over the intervals t of the horizon,
// the agents a and the days d):
//
// Phone presence. Agent a is on the phones in interval t when a works a shift whose span
// [start, start+minutes) on its date covers all of t, and no break of that shift and no session
// (R15) the agent attends overlaps t. Pre-shift time (R11) lies before the start and is never
// phone time. A shift of the day before the horizon (a Fixed entry) counts for the intervals it
// covers. Trainees count TraineeFactor, others 1:
//
//	on_t = Σ_a f_a·[a on the phones in t],   minnan_t = same over Minnan speakers,
//	leaders_t = number of leaders on the phones in t.
//
// Coverage terms, with r_t the demand, s_t = max(0, r_t − on_t) the shortfall and u_t the demand's
// UnderWeight (1 when absent). Their sums over t also run over the first intervals of the day
// after the horizon that only the horizon's last shifts can cover (Problem.EdgeIntervals), whose
// r_t, u_t and Minnan and leader demand are the last day's at the same time (Demand.Source):
//
//	TermUnder   = w.Under  · Σ_t u_t·h(s_t),  h(s) = s(s+1)/2 (convex: the k-th missing agent costs k),
//	                                          or h(s) = s when w.Linear
//	TermEmpty   = w.Empty  · #{t : r_t > 0 and on_t = 0}                          (R1)
//	TermOver    = w.Over   · Σ_t max(0, on_t − r_t)
//	TermMinnan  = w.Minnan · Σ_t h(m_t),  m_t = max(0, minnan demand_t − minnan_t),  h(s) = s(s+1)/2 (R16)
//	                                          (convex whatever w.Linear: the k-th missing speaker costs
//	                                          k, so scarce speakers spread over the intervals)
//	TermLeader  = w.Leader · Σ_t max(0, leader demand_t − leaders_t)             (R12)
//
// Demand per day and shift (ShiftCover c, n_c = agents working c.Shift on c.Date):
//
//	TermShiftUnder = Σ_c c.UnderWeight·max(0, c.Required − n_c)
//	TermShiftOver  = Σ_c c.OverWeight ·max(0, n_c − c.Required)
//
// Requests (R23): an "on" request is missed when the agent does not work the shift named (any
// shift when none is named) that day; an "off" request is missed when the agent works it:
//
//	TermRequests = w.Requests · Σ_{missed requests} weight
//
// Fairness (R7, R23): per agent the number of night shifts (ShiftTemplate.IsNight), of weekend days
// worked (Saturday or Sunday) and of holidays worked (Problem.Holidays of kind Holiday); for a fixed
// total a sum of squares is least when the counts are equal:
//
//	TermNights = w.Nights · Σ_a nights_a²,  TermWeekends = w.Weekends · Σ_a weekends_a²,
//	TermHolidays = w.Holidays · Σ_a holidays_a²
//
// Overtime (R8), only when Rules.Overtime is on: hours paid beyond the period's contract,
//
//	TermOvertime = w.Overtime · Σ_a max(0, paid_a − max(0, contract_a − leave_a))
//
// where paid_a counts each worked shift's minutes plus its pre-shift minutes, leave_a counts
// what the leave days in the horizon count (Rules.LeaveMinutes), contract_a = Agent.WeeklyContract × days / 7.
//
// Roster shape (R21, R23). A day of an agent is worked when it holds a shift; the days before the
// horizon are the history's (hard.go: known when a Fixed entry or leave states them). With g =
// Rules.StartToleranceMinutes and δ(s1, s2) = min(|b1 − b2|, 1440 − |b1 − b2|) the distance of
// two templates' start times b on the 24-hour clock (a 22:00 night start and an 08:00 day start lie
// 10 h apart; 23:00 and 01:00 lie 2 h apart, so a night→day switch is always a change and a small
// move across midnight is not):
//
//	TermStartChange  = w.StartChange  · Σ_{(k−1, k)} (1 + (δ − g)/60)   over the pairs of calendar-
//	                   consecutive worked days with k in the horizon (k−1 the history's last day when
//	                   it is a worked day) whose templates have δ > g: a change costs one unit and one
//	                   more per hour beyond the tolerance
//	TermDaysOffBlock = w.DaysOffBlock · Σ_runs max(0, Rules.MinDaysOffBlock − length)   over the
//	                   maximal runs of days not worked (off or leave) that R21 judges (hard.go: start
//	                   known, end before the horizon's last day; the history's run ending the day
//	                   before the horizon counts when the first day is worked)
//	TermSingleDay    = w.SingleDay    · #{maximal runs of exactly one worked day that R21 judges}
//	TermWeekendsOff  = w.WeekendsOff  · Σ_a max(0, min(Rules.MinFullWeekendsOff, F) − off_a)
//
// where F is the number of weekends whose Saturday and Sunday both lie in the horizon and off_a the
// number of those on which agent a works neither day (days of leave are not worked). Every agent
// counts, part-timers included (a suspended agent never works, so it owes nothing). Amounts: the
// changing pairs, the days missing from blocks, the isolated days, the weekends missing.
//
// The objective's Total is the sum of the terms. Amounts reported with each term: agent-intervals
// short (under), intervals empty, agent-intervals over, Minnan and leader agent-intervals short (Σ_t m_t),
// shift-demand agents short and over, requests missed, the sums of counts for fairness, overtime hours.
const (
	TermUnder      = "under_coverage"
	TermEmpty      = "empty_intervals"
	TermOver       = "over_coverage"
	TermMinnan     = "minnan_shortfall"
	TermLeader     = "leader_shortfall"
	TermShiftUnder = "shift_under_coverage"
	TermShiftOver  = "shift_over_coverage"
	TermRequests   = "requests"
	TermNights     = "fair_nights"
	TermWeekends   = "fair_weekends"
	TermHolidays   = "fair_holidays"
	TermOvertime   = "overtime"

	TermStartChange  = "shape_start_changes"
	TermDaysOffBlock = "shape_days_off_blocks"
	TermSingleDay    = "shape_single_days"
	TermWeekendsOff  = "shape_weekends_off"
)

// TermRules gives the RULES.md id each term implements, for reports.
var TermRules = map[string]string{
	TermUnder: "R17", TermEmpty: "R1", TermOver: "R17", TermMinnan: "R16", TermLeader: "R12",
	TermShiftUnder: "R2", TermShiftOver: "R2", TermRequests: "R23", TermNights: "R7",
	TermWeekends: "R23", TermHolidays: "R7", TermOvertime: "R8",
	TermStartChange: "R23", TermDaysOffBlock: "R21", TermSingleDay: "R21", TermWeekendsOff: "R23",
}

// TermNames lists the terms in report order.
var TermNames = []string{TermUnder, TermEmpty, TermOver, TermMinnan, TermLeader, TermShiftUnder,
	TermShiftOver, TermRequests, TermNights, TermWeekends, TermHolidays, TermOvertime,
	TermStartChange, TermDaysOffBlock, TermSingleDay, TermWeekendsOff}

// StartDistance is δ of TermStartChange: the minutes between two start times on the 24-hour clock.
func StartDistance(a, b Clock) int {
	d := int(a) - int(b)
	if d < 0 {
		d = -d
	}
	d %= MinutesPerDay
	return min(d, MinutesPerDay-d)
}

// StartChangeCost is the unweighted cost of TermStartChange for a pair of consecutive worked days
// whose templates start at a and b: 0 within the tolerance, else 1 plus the hours beyond it.
func (r Rules) StartChangeCost(a, b Clock) float64 {
	if d := StartDistance(a, b); d > r.StartToleranceMinutes {
		return 1 + float64(d-r.StartToleranceMinutes)/60
	}
	return 0
}
