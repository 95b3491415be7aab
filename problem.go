package wfm

import "slices"

// Problem is everything the roster solver is given: the horizon, the rules, the shift templates,
// the agents with their leave, requests and fixed assignments, and the demand to cover. It is read
// from and written to problem.json.
type Problem struct {
	Horizon  Horizon         `json:"horizon"`
	Rules    Rules           `json:"rules"`
	Shifts   []ShiftTemplate `json:"shifts"`
	Agents   []Agent         `json:"agents"`
	Leave    []Leave         `json:"leave,omitempty"`
	Requests []Request       `json:"requests,omitempty"`
	Fixed    []Fixed         `json:"fixed,omitempty"`
	Holidays []SpecialDay    `json:"holidays,omitempty"`

	// Activities off the phones and the rooms they are held in (R15), placed into the solved
	// roster's shifts; with activities and no rooms, DefaultRooms.
	Activities []Activity `json:"activities,omitempty"`
	Rooms      []Room     `json:"rooms,omitempty"`

	// Demand per interval of the horizon (the contact-centre case), and/or per day and shift
	// template (rosters whose cover is stated per shift, as in nurse rostering benchmarks).
	Demand      *Demand      `json:"demand,omitempty"`
	ShiftDemand []ShiftCover `json:"shift_demand,omitempty"`

	// Hall is the site profile of a walk-in service hall whose posts the roster staffs (R24).
	Hall *Hall `json:"hall,omitempty"`
}

// Horizon is the planning period: Days days from Start, on an interval grid of IntervalMinutes, in
// the centre's time zone (an IANA name; default Asia/Shanghai).
type Horizon struct {
	Start           Date   `json:"start"`
	Days            int    `json:"days"`
	IntervalMinutes int    `json:"interval_minutes"`
	TimeZone        string `json:"time_zone,omitempty"`
}

// Grid returns the interval grid of the horizon.
func (h Horizon) Grid() Grid { return Grid{Start: h.Start, Days: h.Days, Step: h.IntervalMinutes} }

// ShiftTemplate is a shift that can be worked on any day: it starts at Start on its date and lasts
// Minutes (a night shift runs past midnight into the next day; it belongs to the day it starts).
// CannotFollow lists templates that may not be worked on the day after this one, on top of the
// minimum rest rule. Unpaid is a fixed span inside the shift that is neither paid nor presence,
// such as a service hall's midday closure: the shift's paid time is Minutes − Unpaid.Minutes
// (PaidMinutes), and the span is the shift's meal (R4), so such a template is worked with breaks
// off and no stretch of work on either side of the span over the R4 maximum.
type ShiftTemplate struct {
	ID           string   `json:"id"`
	Start        Clock    `json:"start"`
	Minutes      int      `json:"minutes"`
	CannotFollow []string `json:"cannot_follow,omitempty"`
	Unpaid       *Span    `json:"unpaid,omitempty"`
}

// PaidMinutes is the shift's paid time before pre-shift time (R11): Minutes less its unpaid span.
func (s ShiftTemplate) PaidMinutes() int {
	if s.Unpaid == nil {
		return s.Minutes
	}
	return s.Minutes - s.Unpaid.Minutes
}

// Away reports whether minute-of-day span [from, to) of a shift worked on its own day meets the
// shift's unpaid span, when the worker is not present.
func (s ShiftTemplate) Away(from, to int) bool {
	return s.Unpaid != nil && from < int(s.Unpaid.End()) && int(s.Unpaid.Start) < to
}

// End is the clock time the shift ends, past 24:00 for a shift that crosses midnight.
func (s ShiftTemplate) End() Clock { return s.Start + Clock(s.Minutes) }

// IsNight reports whether the shift overlaps the night window [r.NightStart, r.NightEnd) on its
// own day or the next (R22).
func (s ShiftTemplate) IsNight(r Rules) bool {
	for _, day := range []Clock{0, MinutesPerDay} {
		if s.Start < day+r.NightEnd && s.End() > day+r.NightStart {
			return true
		}
	}
	return false
}

// The agent roles of RULES.md.
const (
	RoleLeader    = "leader"    // shift leader, R12
	RoleTrainee   = "trainee"   // apprentice under a mentor, R14
	RoleSuspended = "suspended" // in remedial training, never on the phones, R14
)

// The agent groups of R22.
const (
	GroupDay   = "day"
	GroupNight = "night"
	GroupAny   = "any"
)

// SkillMinnan is the skill of agents who speak the Minnan dialect (R16).
const SkillMinnan = "minnan"

// Agent is one member of staff.
type Agent struct {
	ID     string   `json:"id"`
	Name   string   `json:"name,omitempty"`
	Skills []string `json:"skills,omitempty"`
	Roles  []string `json:"roles,omitempty"`
	Group  string   `json:"group"`
	// ContractHours per week, averaged over the period (R3); 0 means the rules' default.
	ContractHours float64 `json:"contract_hours,omitempty"`
	// WeeklyMinHours and WeeklyMaxHours are the agent's own weekly band (R3); a nil bound is the
	// rules' bound scaled to the agent's contract (see WeeklyBand).
	WeeklyMinHours *float64 `json:"weekly_min_hours,omitempty"`
	WeeklyMaxHours *float64 `json:"weekly_max_hours,omitempty"`
	// Shifts lists the templates the agent may work, each one its group allows (R22); empty means
	// every template the group allows.
	Shifts []string `json:"shifts,omitempty"`
	// OvertimeCapHours over the period when overtime is on (R8); 0 means the rules' default.
	OvertimeCapHours float64 `json:"overtime_cap_hours,omitempty"`
	// Mentor is the id of the agent a trainee must share shifts with (R14).
	Mentor string       `json:"mentor,omitempty"`
	Limits *AgentLimits `json:"limits,omitempty"`
}

// AgentLimits are per-agent overrides of limits that otherwise come from the rules. Nil fields do
// not override.
type AgentLimits struct {
	MaxShifts             map[string]int `json:"max_shifts,omitempty"`  // per shift template over the period
	MinMinutes            *int           `json:"min_minutes,omitempty"` // paid minutes over the period
	MaxMinutes            *int           `json:"max_minutes,omitempty"`
	MaxConsecutiveDays    *int           `json:"max_consecutive_days,omitempty"`
	MinConsecutiveDays    *int           `json:"min_consecutive_days,omitempty"`
	MinConsecutiveDaysOff *int           `json:"min_consecutive_days_off,omitempty"`
	MaxWeekends           *int           `json:"max_weekends,omitempty"`
}

// WeeklyContract returns the agent's contract hours per week: its own, or the rules' default.
func (a *Agent) WeeklyContract(r Rules) float64 {
	if a.ContractHours > 0 {
		return a.ContractHours
	}
	return r.ContractHoursPerWeek
}

// WeeklyBand returns the agent's weekly band in hours (R3): each bound the agent's own when set,
// otherwise the rules' bound scaled by the agent's contract over the rules' contract,
//
//	min = Rules.WeeklyMinHours · c / Rules.ContractHoursPerWeek,  max likewise,
//
// with c = WeeklyContract (so an agent on 24 h under the default 32–48 h band of a 40-hour week
// gets 19.2–28.8 h). When Rules.ContractHoursPerWeek is 0 the rules' band applies unscaled.
func (a *Agent) WeeklyBand(r Rules) (lo, hi float64) {
	scale := 1.0
	if r.ContractHoursPerWeek > 0 {
		scale = a.WeeklyContract(r) / r.ContractHoursPerWeek
	}
	lo, hi = r.WeeklyMinHours*scale, r.WeeklyMaxHours*scale
	if a.WeeklyMinHours != nil {
		lo = *a.WeeklyMinHours
	}
	if a.WeeklyMaxHours != nil {
		hi = *a.WeeklyMaxHours
	}
	return lo, hi
}

// Has reports whether the agent holds role.
func (a *Agent) Has(role string) bool { return slices.Contains(a.Roles, role) }

// Speaks reports whether the agent has skill.
func (a *Agent) Speaks(skill string) bool { return slices.Contains(a.Skills, skill) }

// The leave types of R9.
const (
	LeaveAnnual    = "annual"
	LeaveSick      = "sick"
	LeavePersonal  = "personal"
	LeaveMarriage  = "marriage"
	LeaveMaternity = "maternity"
	LeaveOther     = "other" // e.g. an unavailability stated by a benchmark
)

// LeaveTypes lists the leave types in the order reports show them.
var LeaveTypes = []string{LeaveAnnual, LeaveSick, LeavePersonal, LeaveMarriage, LeaveMaternity, LeaveOther}

// Leave is approved leave from From to To inclusive: the agent is not rostered on those days
// (R9), and the days count as hours done, by ISO week (Rules.LeaveMinutesInWeek, R3). Days of
// leave in the HistoryDays days before the horizon are history: not rostered, but known days not
// worked (R21 runs) and leave hours of the ISO week that straddles the start (R3); earlier days
// are ignored.
type Leave struct {
	Agent  string `json:"agent"`
	Type   string `json:"type"`
	From   Date   `json:"from"`
	To     Date   `json:"to"`
	Reason string `json:"reason,omitempty"` // private: never shown to other agents (R20)
	// Handover records who takes over each hall post the agent holds as A, and a note (R24), as
	// approved with the leave; nil for an agent who holds no post as A.
	Handover *Handover `json:"handover,omitempty"`
}

// Handover is an A holder's handover of its hall posts for a leave (R24): per post the agent who
// takes it over (its B holder), and a note of what is handed over.
type Handover struct {
	Posts []PostHandover `json:"posts"`
	Note  string         `json:"note,omitempty"`
}

// PostHandover hands hall post Post to agent To.
type PostHandover struct {
	Post string `json:"post"`
	To   string `json:"to"`
}

// Request is an agent's preference for a day (R23): Kind "on" asks to work Shift (any shift when
// Shift is empty), "off" asks not to work it. Weight is the penalty when it is not granted.
type Request struct {
	Agent  string  `json:"agent"`
	Date   Date    `json:"date"`
	Shift  string  `json:"shift,omitempty"`
	Kind   string  `json:"kind"`
	Weight float64 `json:"weight"`
}

// The request kinds.
const (
	RequestOn  = "on"
	RequestOff = "off"
)

// Fixed pins an agent's day to a shift, or to a day off when Shift is "off". A fixed assignment
// dated in the HistoryDays days before the horizon is history (the previous roster's days): it is
// not rostered but states what the agent did that day, for the rest and run rules across the start
// (R21), the ISO week that straddles the start (R3) and the coverage of a night shift running into
// the first day (hard.go).
type Fixed struct {
	Agent string `json:"agent"`
	Date  Date   `json:"date"`
	Shift string `json:"shift"`
}

// Off is the shift value of a fixed day off.
const Off = "off"

// ShiftCover is a demand stated per day and shift template: Required agents on Shift on Date,
// with the penalty per missing and per surplus agent.
type ShiftCover struct {
	Date        Date    `json:"date"`
	Shift       string  `json:"shift"`
	Required    int     `json:"required"`
	UnderWeight float64 `json:"under_weight"`
	OverWeight  float64 `json:"over_weight"`
}
