package wfm

// Roster is the solver's answer, written as roster.json: for every agent and day a shift, a day
// off or a leave type, with the breaks of every worked shift; the objective broken down per rule;
// and the coverage per interval.
type Roster struct {
	Horizon   Horizon         `json:"horizon"`
	Schedules []AgentSchedule `json:"schedules"`
	Objective Objective       `json:"objective"`
	Coverage  *Coverage       `json:"coverage,omitempty"`
	Solver    *SolverStats    `json:"solver,omitempty"`
	// Advisories are what the input makes impossible to meet but the roster may still be built
	// around: a day with every leader on leave (R12), more night hours demanded than the night
	// group's contracts hold (R22, R3).
	Advisories []Violation `json:"advisories,omitempty"`
	// Sessions are the placed sessions of the problem's activities (R15), and Unplaced the
	// attendees no session holds, with the reason.
	Sessions []Session  `json:"sessions,omitempty"`
	Unplaced []Unplaced `json:"unplaced_attendees,omitempty"`
}

// AgentSchedule is one agent's month: Days[k] is day k of the horizon, and the shape of those days
// (ShapeOf) as the solver wrote them; a change of the agent's days through the workflow (an edit,
// a swap, leave) drops it, and the reports compute it again from the days.
type AgentSchedule struct {
	Agent string        `json:"agent"`
	Days  []DaySchedule `json:"days"`
	Shape *AgentShape   `json:"shape,omitempty"`
}

// DaySchedule is what an agent does on one day: a shift (with its breaks), leave, or nothing (off).
type DaySchedule struct {
	Date   Date    `json:"date"`
	Shift  string  `json:"shift,omitempty"`
	Leave  string  `json:"leave,omitempty"`
	Breaks []Break `json:"breaks,omitempty"`
}

// Working reports whether the day holds a shift.
func (d DaySchedule) Working() bool { return d.Shift != "" }

// The break kinds of R4.
const (
	BreakMeal = "meal"
	BreakRest = "rest"
)

// Break is a break inside a shift, starting at Start on the shift's date (past 24:00 for the
// next day) and lasting Minutes.
type Break struct {
	Kind    string `json:"kind"`
	Start   Clock  `json:"start"`
	Minutes int    `json:"minutes"`
}

// Objective is the value of a roster, the sum of its terms; Hard counts broken HARD rules and is
// zero for every roster the solver returns.
type Objective struct {
	Total float64 `json:"total"`
	Hard  int     `json:"hard_violations"`
	Terms []Term  `json:"terms"`
}

// Term is one SOFT part of the objective: which rule, what it measures, its penalty and the
// amount behind it (agent-intervals short, requests missed, …).
type Term struct {
	Rule    string  `json:"rule"`
	Name    string  `json:"name"`
	Penalty float64 `json:"penalty"`
	Amount  float64 `json:"amount"`
}

// Term returns the term called name, or a zero term.
func (o Objective) Term(name string) Term {
	for _, t := range o.Terms {
		if t.Name == name {
			return t
		}
	}
	return Term{Name: name}
}

// Coverage is the roster's staffing per interval of the horizon: required and on the phones (after
// breaks, trainees counted by their factor), for all agents, Minnan speakers and leaders, and,
// where the demand carries calls and handling time, the projected service level of the agents
// answering calls after the demand's shrinkage (ServiceLevel) and of every agent on the phones
// (ServiceLevelBeforeShrinkage, the figure the roster would give if no one were absent).
type Coverage struct {
	Grid            Grid      `json:"grid"`
	Required        []int     `json:"required"`
	OnPhones        []float64 `json:"on_phones"`
	MinnanRequired  []int     `json:"minnan_required"`
	MinnanOnPhones  []float64 `json:"minnan_on_phones"`
	LeadersRequired []int     `json:"leaders_required"`
	LeadersOnDuty   []int     `json:"leaders_on_duty"`
	ServiceLevel    []float64 `json:"service_level,omitempty"`
	// ServiceLevelBeforeShrinkage is the service level of every agent on the phones, labelled as
	// such wherever it is shown.
	ServiceLevelBeforeShrinkage []float64 `json:"service_level_before_shrinkage,omitempty"`
}

// SolverStats records how a roster was found.
type SolverStats struct {
	Seed       uint64  `json:"seed"`
	Seconds    float64 `json:"seconds"`
	Iterations int64   `json:"iterations"`
	Feasible   bool    `json:"feasible"`
	LowerBound float64 `json:"under_coverage_lower_bound,omitempty"`
	// ObjectiveBound is a certified lower bound on the objective of every roster keeping the HARD
	// rules (the solver's Lagrangian relaxation); ObjectiveGap = 100·(objective − bound)/objective,
	// how far at most the roster is from the best possible, in % (0 when the objective is 0).
	// ShortGap is the same for agent-intervals short against LowerBound.
	ObjectiveBound float64 `json:"objective_lower_bound"`
	ObjectiveGap   float64 `json:"objective_gap_percent"`
	ShortGap       float64 `json:"under_coverage_gap_percent,omitempty"`
}

// SetBounds sets the gaps from the roster's objective and agent-intervals short, with the
// objective's bound (LowerBound already set).
func (s *SolverStats) SetBounds(objective, bound, short float64) {
	s.ObjectiveBound = bound
	s.ObjectiveGap = GapPercent(objective, bound)
	s.ShortGap = GapPercent(short, s.LowerBound)
}

// GapPercent is 100·(value − bound)/value, the certified distance of a value from the optimum, in %
// of the value; 0 when the value is 0.
func GapPercent(value, bound float64) float64 {
	if value <= 0 {
		return 0
	}
	return 100 * max(0, value-bound) / value
}
