package solver

import (
	"fmt"
	"math"
	"time"

	"wfm"
)

// Free, off and the template indexes are the values of an agent-day in the model.
const (
	off  = -1 // no shift: a day off or leave
	free = -2 // fixed: not pinned
)

// milli is the fixed-point scale of phone presence: an agent counts 1000, a trainee
// TraineeFactor·1000, so coverage sums are exact integers.
const milli = 1000

// model is a wfm.Problem compiled into dense arrays indexed by agent a, day d, template s and
// interval t (t = d·P + interval of day). It is immutable once built and shared by every search
// chain.
type model struct {
	p          *wfm.Problem
	A, D, S, P int
	T          int // intervals in the horizon, D·P
	// TC is the number of intervals coverage is counted on: the horizon's and, after them, the
	// first hours of the next day that only its shifts reach (wfm.EdgeIntervals).
	TC   int
	step int

	shifts []shiftInfo
	agents []agentInfo
	// covering[i] lists the templates starting on a day that cover its interval i.
	covering [][]int16
	// trainees lists the agents with a mentor.
	trainees []int
	// compat[s1*S+s2] reports whether s2 may be worked the day after s1 (rest and CannotFollow).
	compat []bool
	// reach is the number of days beyond which nothing couples two days of an agent: a rest run
	// that long keeps every minimum and no rest pair spans it.
	reach int

	// Per agent-day (index a·D+d): the pinned value (free, off or a template) and leave.
	fixed   []int16
	onLeave []bool

	// Interval demand, per t; nil when the problem has none.
	req, minnanReq, leaderReq []int32 // req in milli-agents
	underW                    []float64
	baseOn, baseMinnan        []int32 // presence carried in from history shifts (milli)
	baseLeaders               []int32

	// Shift demand per day and template (index d·S+s).
	shiftReq         []int32
	shiftWU, shiftWO []float64
	hasShiftDemand   bool
	unit             float64 // every roster's objective is a whole multiple of it; 0: none known (objectiveUnit)
	weekend, holiday []bool  // per day
	week             []int   // ISO week number of each day, 0-based from the first
	W                int     // ISO weeks with a day in the horizon
	w                wfm.Weights
	hall             *hallModel // the service hall's posts (R24); nil when the problem has none

	// Roster shape (wfm objective.go), each zero when its weight is: startCost[s1·S+s2] the
	// unweighted cost of s2 the day after s1 (Rules.StartChangeCost); offBlock the block of days
	// off; sunday per week, the Sunday of its full weekend (Saturday and Sunday both in the horizon)
	// or −1; nFull the number of full weekends and owedWeekends = min(MinFullWeekendsOff, nFull).
	startCost           []float64
	offBlock            int
	sunday              []int
	nFull, owedWeekends int
}

// shiftInfo is a template with its coverage and break options precomputed.
type shiftInfo struct {
	id             string
	start, minutes int
	paid           int // minutes paid, less the unpaid span (wfm.ShiftTemplate.PaidMinutes)
	night          bool
	unpaid         func(from, to int) bool // whether minutes [from, to) of the day meet the unpaid span
	first          int                     // first interval of its day fully covered
	n              int                     // number of intervals fully covered
	breakOptions   []breakOption
}

// breakOption is one admissible placement of a shift's breaks (none for short shifts): the
// breaks, and the offsets (from shift.first) of the intervals the agent is on the phones.
type breakOption struct {
	breaks []wfm.Break
	phone  []int16
}

// agentInfo is an agent with every limit resolved against the rules.
type agentInfo struct {
	id                                string
	weight                            int32 // phone presence in milli-agents
	minnan, leader, trainee, suspends bool
	mentor                            int // index of the mentor, or -1
	mentees                           []int
	allowed                           []int16 // templates the agent may work: its group's, or its own list
	preShift                          int
	maxPaid                           float64 // paid minutes allowed over the horizon (R3, with overtime cap)
	contractPaid                      float64 // paid minutes of the contract after leave (overtime threshold)
	minMinutes, maxMinutes            float64 // per-agent limits on worked minutes; -1 for none
	maxConsec, minConsec, minOff      int
	maxWeekends                       int       // -1 for none
	maxShifts                         []int     // per template, -1 for none
	weeklyMin, weeklyMax              float64   // the agent's weekly band (R3), minutes; weeklyMin 0 when suspended
	weekMin                           []float64 // per week: weeklyMin pro rata over the week's known days
	weekMax                           []float64 // per week: weeklyMax plus the week's leave (the maximum binds paid time only)
	weekBase                          []float64 // per week: minutes the roster does not choose, leave and history shifts
	leaveInWeek                       []int     // per week: days of approved leave in the horizon (R3 counts them by week)
	requests                          []request
	histRun                           int  // worked days in a row ending the day before the horizon
	histOff                           int  // known days not worked in a row ending the day before the horizon
	histShift                         int  // template worked the day before the horizon, or off
	histEnd                           int  // end of the last history shift, minutes from horizon start (≤ 0), or math.MinInt32
	edgeKnown                         bool // the history states the day before the horizon
	workStart, restStart              bool // the first day of a run of work (of rest) that holds day 0, or the history's last day, is known
}

// request is a wfm.Request compiled: on day d, template shift (−1 for any).
type request struct {
	day, shift int
	on         bool
	weight     float64
}

// compile builds the model of p. It fails when a template cannot hold breaks within R4 or when
// the problem is too large to represent.
func compile(p *wfm.Problem) (*model, error) {
	r := p.Rules
	m := &model{p: p, A: len(p.Agents), D: p.Horizon.Days, S: len(p.Shifts), step: p.Horizon.IntervalMinutes, w: r.Weights}
	m.P = wfm.MinutesPerDay / m.step
	m.T = m.D * m.P
	shiftIdx := map[string]int{}
	for i, s := range p.Shifts {
		shiftIdx[s.ID] = i
		info, err := compileShift(s, r, m.step)
		if err != nil {
			return nil, err
		}
		m.shifts = append(m.shifts, info)
	}
	m.covering = make([][]int16, m.P)
	for s, sh := range m.shifts {
		for k := range sh.n {
			if i := sh.first + k; i < m.P {
				m.covering[i] = append(m.covering[i], int16(s))
			}
		}
	}
	m.compat = make([]bool, m.S*m.S)
	for i, a := range p.Shifts {
		for j, b := range p.Shifts {
			rest := wfm.MinutesPerDay + int(b.Start) - int(a.End())
			m.compat[i*m.S+j] = rest >= r.MinRestMinutes && !contains(a.CannotFollow, b.ID)
		}
	}
	m.reach = restReach(p.Shifts, r)
	m.compileCalendar()
	m.compileShape()
	if err := m.compileAgents(shiftIdx); err != nil {
		return nil, err
	}
	m.compileDemand(shiftIdx)
	m.compileHall()
	m.unit = m.objectiveUnit()
	return m, nil
}

// restReach is the smallest k such that days k apart can never break the rest rule, whatever
// templates they hold (k·1440 + earliest start − latest end ≥ MinRest), and at least the longest
// minimum run of rest, plus one.
func restReach(shifts []wfm.ShiftTemplate, r wfm.Rules) int {
	earliest, latest := wfm.MinutesPerDay, 0
	for _, s := range shifts {
		earliest = min(earliest, int(s.Start))
		latest = max(latest, int(s.End()))
	}
	k := 1
	for k*wfm.MinutesPerDay+earliest-latest < r.MinRestMinutes {
		k++
	}
	return max(k, r.MinConsecutiveDaysOff) + 1
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// compileShift precomputes a template's covered intervals and every admissible break placement.
func compileShift(s wfm.ShiftTemplate, r wfm.Rules, step int) (shiftInfo, error) {
	start, end := int(s.Start), int(s.End())
	info := shiftInfo{id: s.ID, start: start, minutes: s.Minutes, paid: s.PaidMinutes(), night: s.IsNight(r), unpaid: s.Away}
	info.first = (start + step - 1) / step
	info.n = max(0, end/step-info.first)
	if !r.Breaks || s.Minutes <= r.BreaksAfter {
		info.breakOptions = []breakOption{info.option(nil, step)}
		return info, nil
	}
	lo := start + r.BreakWindow
	for meal := roundUp(lo, step); meal+r.MealMinutes <= end-r.BreakWindow; meal += step {
		for rest := roundUp(lo, step); rest+r.RestMinutes <= end-r.BreakWindow; rest += step {
			bs := []wfm.Break{{Kind: wfm.BreakMeal, Start: wfm.Clock(meal), Minutes: r.MealMinutes},
				{Kind: wfm.BreakRest, Start: wfm.Clock(rest), Minutes: r.RestMinutes}}
			if breaksFit(bs, start, end, r.MaxContinuousWork) {
				info.breakOptions = append(info.breakOptions, info.option(bs, step))
			}
		}
	}
	if len(info.breakOptions) == 0 {
		return info, &wfm.Error{Kind: wfm.KindRule, Rule: "R4", Field: "shifts", Message: fmt.Sprintf(
			"shift %s (%s, %d min) cannot hold a %d-min meal and a %d-min rest break on the %d-min grid, outside its first and last %d min, with no stretch of work over %d min",
			s.ID, s.Start, s.Minutes, r.MealMinutes, r.RestMinutes, step, r.BreakWindow, r.MaxContinuousWork)}
	}
	return info, nil
}

func roundUp(v, step int) int { return (v + step - 1) / step * step }

// breaksFit reports whether breaks bs (two, any order) do not overlap and leave no stretch of
// work longer than maxWork in [start, end).
func breaksFit(bs []wfm.Break, start, end, maxWork int) bool {
	a, b := bs[0], bs[1]
	if b.Start < a.Start {
		a, b = b, a
	}
	aEnd, bEnd := int(a.Start)+a.Minutes, int(b.Start)+b.Minutes
	if aEnd > int(b.Start) {
		return false
	}
	return int(a.Start)-start <= maxWork && int(b.Start)-aEnd <= maxWork && end-bEnd <= maxWork
}

// option builds the phone mask of a placement: covered intervals that no break overlaps.
func (s *shiftInfo) option(bs []wfm.Break, step int) breakOption {
	o := breakOption{breaks: bs}
	for k := range s.n {
		t0 := (s.first + k) * step
		onBreak := s.unpaid(t0, t0+step)
		for _, b := range bs {
			if int(b.Start) < t0+step && t0 < int(b.Start)+b.Minutes {
				onBreak = true
			}
		}
		if !onBreak {
			o.phone = append(o.phone, int16(k))
		}
	}
	return o
}

// compileCalendar marks weekends, holidays and ISO weeks.
func (m *model) compileCalendar() {
	m.weekend, m.holiday, m.week = make([]bool, m.D), make([]bool, m.D), make([]int, m.D)
	cal := wfm.NewCalendar(m.p.Holidays)
	start := m.p.Horizon.Start
	// Week 0 is the ISO week of the first day.
	offset := (int(start.Weekday()) + 6) % 7 // days since Monday
	m.W = (offset + m.D + 6) / 7
	for d := range m.D {
		date := start.AddDays(d)
		wd := date.Weekday()
		m.weekend[d] = wd == time.Saturday || wd == time.Sunday
		m.holiday[d] = cal.Kind(date) == wfm.Holiday
		m.week[d] = (offset + d) / 7
	}
}

// shapeOn reports whether any roster-shape term is on.
func (m *model) shapeOn() bool {
	return m.w.StartChange > 0 || m.offBlock > 0 || m.w.SingleDay > 0 || m.owedWeekends > 0
}

// compileShape prices the roster-shape terms that a weight turns on.
func (m *model) compileShape() {
	r := m.p.Rules
	m.startCost = make([]float64, m.S*m.S)
	if m.w.StartChange > 0 {
		for i, a := range m.p.Shifts {
			for j, b := range m.p.Shifts {
				m.startCost[i*m.S+j] = r.StartChangeCost(a.Start, b.Start)
			}
		}
	}
	if m.w.DaysOffBlock > 0 {
		m.offBlock = r.MinDaysOffBlock
		m.reach = max(m.reach, m.offBlock+1)
	}
	m.sunday = make([]int, m.W)
	for w := range m.sunday {
		m.sunday[w] = -1
	}
	for d := 0; d+1 < m.D; d++ {
		if m.p.Horizon.Start.AddDays(d).Weekday() == time.Saturday {
			m.sunday[m.week[d]] = d + 1
			m.nFull++
		}
	}
	if m.w.WeekendsOff > 0 {
		m.owedWeekends = min(r.MinFullWeekendsOff, m.nFull)
	}
}

// compileAgents resolves each agent's limits, availability, history and requests.
func (m *model) compileAgents(shiftIdx map[string]int) error {
	p, r := m.p, m.p.Rules
	idx := map[string]int{}
	for i, a := range p.Agents {
		idx[a.ID] = i
	}
	m.fixed = make([]int16, m.A*m.D)
	m.onLeave = make([]bool, m.A*m.D)
	for i := range m.fixed {
		m.fixed[i] = free
	}
	m.agents = make([]agentInfo, m.A)
	for i := range m.agents {
		m.agents[i].weekBase = make([]float64, m.W)
		m.agents[i].leaveInWeek = make([]int, m.W)
	}
	for _, l := range p.Leave {
		a := idx[l.Agent]
		for d := max(l.From, p.Horizon.Start); d <= l.To && int(d-p.Horizon.Start) < m.D; d++ {
			k := int(d - p.Horizon.Start)
			m.onLeave[a*m.D+k] = true
			m.fixed[a*m.D+k] = off
			m.agents[a].leaveInWeek[m.week[k]]++
		}
	}
	for i, a := range p.Agents {
		ai := agentInfo{id: a.ID, weight: milli, minnan: a.Speaks(wfm.SkillMinnan), leader: a.Has(wfm.RoleLeader),
			trainee: a.Has(wfm.RoleTrainee), suspends: a.Has(wfm.RoleSuspended), mentor: -1,
			preShift: r.PreShiftMinutes, histShift: off, histEnd: math.MinInt32,
			weekBase: m.agents[i].weekBase, leaveInWeek: m.agents[i].leaveInWeek}
		if ai.trainee {
			ai.weight = int32(math.Round(r.TraineeFactor * milli))
		}
		if ai.leader {
			ai.preShift = r.LeaderPreShiftMinutes
		}
		if a.Mentor != "" {
			ai.mentor = idx[a.Mentor]
		}
		for s, sh := range m.shifts {
			group := (sh.night && a.Group != wfm.GroupDay) || (!sh.night && a.Group != wfm.GroupNight)
			if group && (len(a.Shifts) == 0 || contains(a.Shifts, sh.id)) {
				ai.allowed = append(ai.allowed, int16(s))
			}
		}
		leave := 0.0
		for _, n := range ai.leaveInWeek {
			leave += r.LeaveMinutesInWeek(&p.Agents[i], n)
		}
		ai.contractPaid = math.Max(0, a.WeeklyContract(r)*60*float64(m.D)/7-leave)
		ai.maxPaid = ai.contractPaid
		if r.Overtime {
			cap := a.OvertimeCapHours
			if cap == 0 {
				cap = r.OvertimeCapHours
			}
			ai.maxPaid += cap * 60
		}
		lo, hi := a.WeeklyBand(r)
		ai.weeklyMin, ai.weeklyMax = lo*60, hi*60
		if ai.suspends {
			ai.weeklyMin = 0
		}
		ai.applyLimits(a.Limits, r, m.S, shiftIdx)
		m.agents[i] = ai
	}
	for i := range m.agents {
		if mt := m.agents[i].mentor; mt >= 0 {
			m.agents[mt].mentees = append(m.agents[mt].mentees, i)
			m.trainees = append(m.trainees, i)
		}
		if m.agents[i].suspends {
			for d := range m.D {
				m.fixed[i*m.D+d] = off
			}
		}
	}
	for _, ai := range m.agents {
		m.reach = max(m.reach, ai.minOff+1)
	}
	m.compileFixed(idx, shiftIdx)
	for _, rq := range p.Requests {
		a := idx[rq.Agent]
		s := -1
		if rq.Shift != "" {
			s = shiftIdx[rq.Shift]
		}
		m.agents[a].requests = append(m.agents[a].requests,
			request{day: int(rq.Date - p.Horizon.Start), shift: s, on: rq.Kind == wfm.RequestOn, weight: rq.Weight * m.w.Requests})
	}
	return nil
}

// applyLimits sets the run, weekend, minute and per-template limits from the rules and overrides.
func (ai *agentInfo) applyLimits(l *wfm.AgentLimits, r wfm.Rules, nShifts int, shiftIdx map[string]int) {
	ai.maxConsec, ai.minConsec, ai.minOff = r.MaxConsecutiveDays, r.MinConsecutiveDays, r.MinConsecutiveDaysOff
	ai.maxWeekends = -1
	if r.MaxWeekends != nil {
		ai.maxWeekends = *r.MaxWeekends
	}
	ai.minMinutes, ai.maxMinutes = -1, -1
	ai.maxShifts = make([]int, nShifts)
	for s := range ai.maxShifts {
		ai.maxShifts[s] = -1
	}
	if l == nil {
		return
	}
	set := func(dst *int, v *int) {
		if v != nil {
			*dst = *v
		}
	}
	set(&ai.maxConsec, l.MaxConsecutiveDays)
	set(&ai.minConsec, l.MinConsecutiveDays)
	set(&ai.minOff, l.MinConsecutiveDaysOff)
	set(&ai.maxWeekends, l.MaxWeekends)
	if l.MinMinutes != nil {
		ai.minMinutes = float64(*l.MinMinutes)
	}
	if l.MaxMinutes != nil {
		ai.maxMinutes = float64(*l.MaxMinutes)
	}
	for id, n := range l.MaxShifts {
		ai.maxShifts[shiftIdx[id]] = n
	}
}

// The state of a day before the horizon, in compileFixed.
const (
	histUnknown = -3 // neither a Fixed entry nor leave states the day
	histLeave   = -2 // approved leave
	// off (a Fixed day off) and template indexes as in the horizon
)

// compileFixed pins fixed days and reads the history before the horizon (Fixed entries and leave,
// hard.go): the runs of work and of rest that end the day before the horizon and whether their
// start is known, the last shift worked (rest, and the coverage of the first morning), and the
// week that straddles the start: its history shifts' paid time and leave, and its known days.
// Every week's minimum is then the agent's weekly minimum pro rata over its known days.
func (m *model) compileFixed(idx, shiftIdx map[string]int) {
	start := m.p.Horizon.Start
	hist := make([][]int, m.A) // per agent, days −HistoryDays..−1 at index day+HistoryDays: template, off, histLeave or histUnknown
	day := func(a, d int) *int {
		if hist[a] == nil {
			hist[a] = make([]int, wfm.HistoryDays)
			for k := range hist[a] {
				hist[a][k] = histUnknown
			}
		}
		return &hist[a][d+wfm.HistoryDays]
	}
	for _, f := range m.p.Fixed {
		a, d := idx[f.Agent], int(f.Date-start)
		s := off
		if f.Shift != wfm.Off {
			s = shiftIdx[f.Shift]
		}
		if d >= 0 {
			m.fixed[a*m.D+d] = int16(s)
			continue
		}
		*day(a, d) = s
	}
	for _, l := range m.p.Leave {
		a := idx[l.Agent]
		for d := max(int(l.From-start), -wfm.HistoryDays); d < 0 && start.AddDays(d) <= l.To; d++ {
			*day(a, d) = histLeave
		}
	}
	offset := (int(start.Weekday()) + 6) % 7 // days of week 0 before the horizon
	for a := range m.agents {
		ai := &m.agents[a]
		state := func(d int) int {
			if hist[a] == nil || d < -wfm.HistoryDays {
				return histUnknown
			}
			return hist[a][d+wfm.HistoryDays]
		}
		known := func(d int) bool { return state(d) != histUnknown }
		ai.histShift = max(state(-1), off)
		for ai.histRun < wfm.HistoryDays && state(-1-ai.histRun) >= 0 {
			ai.histRun++
		}
		for s := state(-1 - ai.histOff); ai.histOff < wfm.HistoryDays && (s == off || s == histLeave); s = state(-1 - ai.histOff) {
			ai.histOff++
		}
		ai.edgeKnown = known(-1)
		ai.workStart, ai.restStart = known(-1-ai.histRun), known(-1-ai.histOff)
		for d := -wfm.HistoryDays; d < 0; d++ {
			if s := state(d); s >= 0 {
				ai.histEnd = d*wfm.MinutesPerDay + m.shifts[s].start + m.shifts[s].minutes
			}
		}
		knownDays := make([]int, m.W)
		for d := range m.D {
			knownDays[m.week[d]]++
		}
		histLeaveDays := 0 // leave before the horizon in week 0
		for d := -offset; d < 0; d++ {
			switch s := state(d); {
			case s >= 0:
				ai.weekBase[0] += m.paid(a, s)
			case s == histLeave:
				histLeaveDays++
			}
			if known(d) {
				knownDays[0]++
			}
		}
		ai.weekMax = make([]float64, m.W)
		for w, n := range ai.leaveInWeek {
			if w == 0 {
				n += histLeaveDays
			}
			leave := m.p.Rules.LeaveMinutesInWeek(&m.p.Agents[a], n)
			ai.weekBase[w] += leave
			ai.weekMax[w] = ai.weeklyMax + leave
		}
		ai.weekMin = make([]float64, m.W)
		for w, n := range knownDays {
			ai.weekMin[w] = ai.weeklyMin * float64(n) / 7
		}
	}
}

// compileDemand lays the interval and shift demand on arrays (the interval demand over the TC
// intervals of coverage), and the coverage carried in by history shifts of the day before the
// horizon.
func (m *model) compileDemand(shiftIdx map[string]int) {
	m.TC = m.T
	if d := m.p.Demand; d != nil {
		m.TC += m.p.EdgeIntervals()
		m.req, m.minnanReq, m.leaderReq = make([]int32, m.TC), make([]int32, m.TC), make([]int32, m.TC)
		m.underW = make([]float64, m.TC)
		for t := range m.TC {
			i := d.Source(t)
			m.req[t] = int32(d.Agents[i] * milli)
			m.minnanReq[t] = int32(d.Minnan[i] * milli)
			m.leaderReq[t] = int32(d.Leaders[i])
			m.underW[t] = 1
			if d.UnderWeight != nil {
				m.underW[t] = d.UnderWeight[i]
			}
		}
		m.baseOn, m.baseMinnan, m.baseLeaders = make([]int32, m.TC), make([]int32, m.TC), make([]int32, m.TC)
		for a, ai := range m.agents {
			if ai.histShift == off || ai.suspends {
				continue
			}
			sh := &m.shifts[ai.histShift]
			for k := range sh.n {
				t := sh.first + k - m.P // the day before: interval index relative to day 0
				if t < 0 || t >= m.T {
					continue
				}
				m.baseOn[t] += m.agents[a].weight
				if ai.minnan {
					m.baseMinnan[t] += ai.weight
				}
				if ai.leader {
					m.baseLeaders[t]++
				}
			}
		}
	}
	if len(m.p.ShiftDemand) > 0 {
		m.hasShiftDemand = true
		m.shiftReq = make([]int32, m.D*m.S)
		m.shiftWU, m.shiftWO = make([]float64, m.D*m.S), make([]float64, m.D*m.S)
		for _, c := range m.p.ShiftDemand {
			k := int(c.Date-m.p.Horizon.Start)*m.S + shiftIdx[c.Shift]
			m.shiftReq[k], m.shiftWU[k], m.shiftWO[k] = int32(c.Required), c.UnderWeight, c.OverWeight
		}
	}
}

// paid returns the paid minutes of agent a working template s.
func (m *model) paid(a, s int) float64 { return float64(m.shifts[s].paid + m.agents[a].preShift) }
