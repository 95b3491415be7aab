package validate

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"wfm"
)

// Report is the checker's verdict.
type Report struct {
	Violations []wfm.Violation // every HARD violation, rule id + agent + day + detail
	Objective  wfm.Objective   // all terms, Total, Hard = len(Violations)
	Coverage   *wfm.Coverage   // per interval (nil when the problem has no interval Demand)
}

// OK reports whether the roster breaks no HARD rule.
func (r *Report) OK() bool { return r != nil && len(r.Violations) == 0 }

// Compare returns an error naming every objective term (and the total and hard count) where o
// differs from the checker's by more than tol relative to the larger of 1 and the checker's value
// (so tol is absolute for small values), or nil when they agree. It is how a test holds the
// solver's own score against the oracle's.
func (r *Report) Compare(o wfm.Objective, tol float64) error {
	var diffs []string
	near := func(a, b float64) bool { return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b)) }
	if !near(o.Total, r.Objective.Total) {
		diffs = append(diffs, fmt.Sprintf("total %v, checker %v", o.Total, r.Objective.Total))
	}
	if o.Hard != r.Objective.Hard {
		diffs = append(diffs, fmt.Sprintf("hard %d, checker %d", o.Hard, r.Objective.Hard))
	}
	for _, want := range r.Objective.Terms {
		got := o.Term(want.Name)
		if !near(got.Penalty, want.Penalty) || !near(got.Amount, want.Amount) {
			diffs = append(diffs, fmt.Sprintf("%s penalty %v amount %v, checker %v and %v",
				want.Name, got.Penalty, got.Amount, want.Penalty, want.Amount))
		}
	}
	if len(diffs) == 0 {
		return nil
	}
	return fmt.Errorf("objective differs from the checker's: %s", strings.Join(diffs, "; "))
}

// Check recomputes every HARD rule and the whole objective of roster r for problem p. p is assumed
// valid (wfm.Problem.Validate); r may be anything, including nil.
func Check(p *wfm.Problem, r *wfm.Roster) *Report {
	if p == nil {
		v := []wfm.Violation{{Rule: wfm.RuleStructure, Detail: "no problem to check against"}}
		return &Report{Violations: v, Objective: assemble(nil, len(v))}
	}
	c := newChecker(p)
	c.readRoster(r)
	c.checkSessions(r)
	c.summarise()
	for a := range c.agents {
		if !c.broken[a] {
			c.agentRules(a)
		}
	}
	c.checkAnnualLeave()
	c.checkHall()
	cov := c.coverage()
	terms := c.objective(cov)
	return &Report{Violations: c.violations, Objective: assemble(terms, len(c.violations)), Coverage: cov.export()}
}

// agentRules runs every per-agent HARD rule on agent a, one small function per rule.
func (c *checker) agentRules(a int) {
	c.checkLeave(a)
	c.checkFixed(a)
	c.checkSuspended(a)
	c.checkTrainee(a)
	c.checkGroup(a)
	c.checkPeriodHours(a)
	c.checkWeeks(a)
	c.checkMinutesLimits(a)
	c.checkMaxShifts(a)
	c.checkBreaks(a)
	c.checkMaxConsecutive(a)
	c.checkRest(a)
	c.checkMinRuns(a)
	c.checkWeekends(a)
}

// cell is one agent-day of the roster as far as it can be read.
type cell struct {
	shift  int32 // template index, -1 when no (known) shift is worked
	leave  int8  // 1 + index into wfm.LeaveTypes, 0 when none
	breaks []wfm.Break
}

func (x cell) worked() bool { return x.shift >= 0 }

// agentInfo holds what the rules need to know about one problem agent.
type agentInfo struct {
	id                           string
	leader, trainee, suspended   bool
	minnan                       bool
	mentor                       int // index of the mentor, -1 none, -2 unknown id
	preShift                     int
	contract                     float64 // contract minutes over the horizon, without overtime cap
	leavePerDay                  float64 // minutes a counted day of approved leave counts (R3)
	leaveDaysPerWeek             int     // days of leave of one ISO week that count (R3)
	weekMin, weekMax             float64 // the weekly band, minutes
	may                          []bool  // per template: on the agent's own list (all true without one)
	overtimeCap                  float64 // minutes
	maxConsec, minConsec, minOff int
	maxWeekends                  int // -1 none
	limits                       *wfm.AgentLimits
}

// summary is what the roster adds up to for one agent.
type summary struct {
	paid     int // paid minutes of worked shifts in the horizon (template + pre-shift)
	nights   int
	weekends int // weekend days (Sat, Sun) worked
	holidays int
}

type checker struct {
	p      *wfm.Problem
	start  wfm.Date
	days   int
	step   int // interval minutes; 0 when the problem's is unusable
	rules  wfm.Rules
	shifts []wfm.ShiftTemplate
	shift  map[string]int
	night  []bool
	cannot []bool // cannot[prev*len(shifts)+next]: next may not follow prev on the next day

	agents  []agentInfo
	agentIx map[string]int
	cells   []cell  // agent-major, days per agent
	broken  []bool  // agent's schedule has a structure violation
	leave   []int8  // approved leave, same layout and coding as cell.leave
	history []int32 // agent-major, wfm.HistoryDays per agent: template, or histUnknown, histOff, histLeave; slot h is day h-HistoryDays
	fixed   [][]wfm.Fixed
	sums    []summary
	staffed []int32 // per day and template: agents neither trainee nor suspended working it
	working []int32 // per day and template: agents working it

	weekend []bool // per horizon day
	holiday []bool // per horizon day

	away map[int][]wfm.Break // per agent-day (a*days+k): the sessions attended (R15), off the phones

	violations []wfm.Violation
}

func newChecker(p *wfm.Problem) *checker {
	c := &checker{p: p, start: p.Horizon.Start, days: max(p.Horizon.Days, 0), rules: p.Rules, shifts: p.Shifts}
	if s := p.Horizon.IntervalMinutes; s > 0 && wfm.MinutesPerDay%s == 0 {
		c.step = s
	}
	ns := len(p.Shifts)
	c.shift = make(map[string]int, ns)
	c.night = make([]bool, ns)
	for i, s := range p.Shifts {
		c.shift[s.ID] = i
		c.night[i] = s.IsNight(p.Rules)
	}
	c.cannot = make([]bool, ns*ns)
	for i, s := range p.Shifts {
		for _, id := range s.CannotFollow {
			if j, ok := c.shift[id]; ok {
				c.cannot[i*ns+j] = true
			}
		}
	}
	c.agentIx = make(map[string]int, len(p.Agents))
	for i, a := range p.Agents {
		if _, dup := c.agentIx[a.ID]; !dup {
			c.agentIx[a.ID] = i
		}
	}
	c.agents = make([]agentInfo, len(p.Agents))
	for i := range p.Agents {
		c.agents[i] = c.info(&p.Agents[i])
	}
	n := len(p.Agents)
	c.cells = make([]cell, n*c.days)
	for i := range c.cells {
		c.cells[i].shift = -1
	}
	c.broken = make([]bool, n)
	c.leave = make([]int8, n*c.days)
	for _, l := range p.Leave {
		a, ok := c.agentIx[l.Agent]
		code := leaveCode(l.Type)
		if !ok || code == 0 {
			continue
		}
		for k := max(int(l.From-c.start), 0); k < c.days && c.start.AddDays(k) <= l.To; k++ {
			c.leave[a*c.days+k] = code
		}
	}
	c.history = make([]int32, n*wfm.HistoryDays)
	for i := range c.history {
		c.history[i] = histUnknown
	}
	c.fixed = make([][]wfm.Fixed, n)
	for _, f := range p.Fixed {
		a, ok := c.agentIx[f.Agent]
		if !ok {
			continue
		}
		k := int(f.Date - c.start)
		switch {
		case k >= 0 && k < c.days:
			c.fixed[a] = append(c.fixed[a], f)
		case k < 0 && k >= -wfm.HistoryDays:
			slot := &c.history[a*wfm.HistoryDays+k+wfm.HistoryDays]
			if t, ok := c.shift[f.Shift]; ok {
				*slot = int32(t)
			} else if f.Shift == wfm.Off && *slot == histUnknown {
				*slot = histOff
			}
		}
	}
	for _, l := range p.Leave { // leave before the horizon: known days not worked, counting leave hours
		a, ok := c.agentIx[l.Agent]
		if !ok {
			continue
		}
		for k := max(int(l.From-c.start), -wfm.HistoryDays); k < 0 && c.start.AddDays(k) <= l.To; k++ {
			if slot := &c.history[a*wfm.HistoryDays+k+wfm.HistoryDays]; *slot < 0 {
				*slot = histLeave
			}
		}
	}
	c.weekend = make([]bool, c.days)
	c.holiday = make([]bool, c.days)
	for k := range c.days {
		wd := c.start.AddDays(k).Weekday()
		c.weekend[k] = wd == 0 || wd == 6
	}
	for _, h := range p.Holidays {
		if k := int(h.Date - c.start); h.Kind == wfm.Holiday && k >= 0 && k < c.days {
			c.holiday[k] = true
		}
	}
	return c
}

// info reads an agent's roles and limits, with the rules' values where the agent sets none.
func (c *checker) info(a *wfm.Agent) agentInfo {
	r := c.rules
	x := agentInfo{id: a.ID, leader: a.Has(wfm.RoleLeader), trainee: a.Has(wfm.RoleTrainee),
		suspended: a.Has(wfm.RoleSuspended), minnan: a.Speaks(wfm.SkillMinnan), mentor: -1,
		preShift: r.PreShiftMinutes, maxConsec: r.MaxConsecutiveDays, minConsec: r.MinConsecutiveDays,
		minOff: r.MinConsecutiveDaysOff, maxWeekends: -1, limits: a.Limits}
	if x.leader {
		x.preShift = r.LeaderPreShiftMinutes
	}
	if a.Mentor != "" {
		x.mentor = -2
		if m, ok := c.agentIx[a.Mentor]; ok {
			x.mentor = m
		}
	}
	hours := a.ContractHours
	if hours == 0 {
		hours = r.ContractHoursPerWeek
	}
	x.contract = hours * 60 * float64(c.days) / 7
	// A day of leave: the rules' fixed hours for every calendar day, or a working day of the
	// contract week (contract_hours/5) for at most the five working days of each ISO week.
	x.leavePerDay, x.leaveDaysPerWeek = r.LeaveHoursPerDay*60, 7
	if r.LeaveHoursPerDay == 0 {
		x.leavePerDay, x.leaveDaysPerWeek = hours/5*60, 5
	}
	// The weekly band: the agent's own bounds, else the rules' scaled by its contract over the
	// rules' contract (unscaled when the rules state no contract).
	scale := 1.0
	if r.ContractHoursPerWeek > 0 {
		scale = hours / r.ContractHoursPerWeek
	}
	x.weekMin, x.weekMax = r.WeeklyMinHours*scale*60, r.WeeklyMaxHours*scale*60
	if a.WeeklyMinHours != nil {
		x.weekMin = *a.WeeklyMinHours * 60
	}
	if a.WeeklyMaxHours != nil {
		x.weekMax = *a.WeeklyMaxHours * 60
	}
	x.may = make([]bool, len(c.shifts))
	for t, s := range c.shifts {
		x.may[t] = len(a.Shifts) == 0 || slices.Contains(a.Shifts, s.ID)
	}
	capHours := a.OvertimeCapHours
	if capHours == 0 {
		capHours = r.OvertimeCapHours
	}
	x.overtimeCap = capHours * 60
	if r.MaxWeekends != nil {
		x.maxWeekends = *r.MaxWeekends
	}
	if l := a.Limits; l != nil {
		override(&x.maxConsec, l.MaxConsecutiveDays)
		override(&x.minConsec, l.MinConsecutiveDays)
		override(&x.minOff, l.MinConsecutiveDaysOff)
		override(&x.maxWeekends, l.MaxWeekends)
	}
	return x
}

func override(dst *int, v *int) {
	if v != nil {
		*dst = *v
	}
}

func leaveCode(t string) int8 {
	for i, l := range wfm.LeaveTypes {
		if l == t {
			return int8(i + 1)
		}
	}
	return 0
}

func leaveName(code int8) string {
	if code <= 0 || int(code) > len(wfm.LeaveTypes) {
		return ""
	}
	return wfm.LeaveTypes[code-1]
}

// row returns agent a's cells.
func (c *checker) row(a int) []cell { return c.cells[a*c.days : (a+1)*c.days] }

// The states of a history day that is not worked.
const (
	histUnknown = -1 // no Fixed entry or leave states the day
	histOff     = -2 // a Fixed entry "off"
	histLeave   = -3 // approved leave
)

// histState returns agent a's day k < 0 of the history: a template index, or one of histUnknown,
// histOff and histLeave (unknown before the history's reach).
func (c *checker) histState(a, k int) int {
	if k < -wfm.HistoryDays || k >= 0 {
		return histUnknown
	}
	return int(c.history[a*wfm.HistoryDays+k+wfm.HistoryDays])
}

// hist returns the template agent a worked on day k < 0 of the history, or -1.
func (c *checker) hist(a, k int) int { return max(c.histState(a, k), -1) }

// shiftOn returns the template agent a works on day k (history for k < 0), or -1.
func (c *checker) shiftOn(a, k int) int {
	if k < 0 {
		return c.hist(a, k)
	}
	if k >= c.days {
		return -1
	}
	return int(c.cells[a*c.days+k].shift)
}

func (c *checker) day(k int) string { return c.start.AddDays(k).String() }

func (c *checker) add(rule string, a int, k int, format string, args ...any) {
	v := wfm.Violation{Rule: rule, Detail: fmt.Sprintf(format, args...)}
	if a >= 0 {
		v.Agent = c.agents[a].id
	}
	if k != noDay {
		v.Day = c.day(k)
	}
	c.violations = append(c.violations, v)
}

// noDay marks a violation that is not about one day.
const noDay = math.MinInt

// summarise adds up each agent's paid minutes, leave days and fairness counts.
func (c *checker) summarise() {
	c.sums = make([]summary, len(c.agents))
	ns := len(c.shifts)
	c.staffed = make([]int32, c.days*ns)
	c.working = make([]int32, c.days*ns)
	for a := range c.agents {
		s := &c.sums[a]
		info := &c.agents[a]
		for k, x := range c.row(a) {
			if !x.worked() {
				continue
			}
			c.working[k*ns+int(x.shift)]++
			if !info.trainee && !info.suspended {
				c.staffed[k*ns+int(x.shift)]++
			}
			s.paid += c.shifts[x.shift].PaidMinutes() + c.agents[a].preShift
			if c.night[x.shift] {
				s.nights++
			}
			if c.weekend[k] {
				s.weekends++
			}
			if c.holiday[k] {
				s.holidays++
			}
		}
	}
}

// leaveMinutes is the hours (in minutes) agent a's approved leave in the horizon counts for.
// The days are counted by ISO week (leaveOf).
func (c *checker) leaveMinutes(a int) float64 {
	total := 0.0
	for w := -int((c.start.Weekday() + 6) % 7); w < c.days; w += 7 {
		n := 0
		for k := max(w, 0); k < min(w+7, c.days); k++ {
			if c.leave[a*c.days+k] != 0 {
				n++
			}
		}
		total += c.agents[a].leaveOf(n)
	}
	return total
}

// leaveOf is what n days of approved leave inside one ISO week count, in minutes.
func (x *agentInfo) leaveOf(n int) float64 {
	return float64(min(n, x.leaveDaysPerWeek)) * x.leavePerDay
}

// hours formats minutes as hours, e.g. "44.17 h".
func hours(minutes float64) string {
	return fmt.Sprintf("%s h", trim(minutes/60))
}

// trim formats x with at most two decimals and no trailing zeros.
func trim(x float64) string {
	s := fmt.Sprintf("%.2f", x)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
