package solver

import (
	"fmt"
	"math"

	"wfm"
	"wfm/forecast/erlang"
)

// roster writes the state as a wfm.Roster: every agent's days with breaks and leave, the objective
// per term, the coverage per interval and the advisories (the solver's and the problem's
// SkillCapacity).
func (st *state) roster() *wfm.Roster {
	m := st.m
	p := m.p
	r := &wfm.Roster{Horizon: p.Horizon, Schedules: make([]wfm.AgentSchedule, m.A), Advisories: append(advisories(m), p.SkillCapacity()...)}
	index := make(map[string]int, m.A)
	for a, ai := range m.agents {
		index[ai.id] = a
	}
	leaveType := map[int]string{}
	for _, l := range p.Leave {
		a := index[l.Agent]
		for d := max(l.From, p.Horizon.Start); d <= l.To && int(d-p.Horizon.Start) < m.D; d++ {
			leaveType[a*m.D+int(d-p.Horizon.Start)] = l.Type
		}
	}
	for a := range m.A {
		days := make([]wfm.DaySchedule, m.D)
		for d := range m.D {
			i := a*m.D + d
			days[d] = wfm.DaySchedule{Date: p.Horizon.Start.AddDays(d), Leave: leaveType[i]}
			if s := st.x[i]; s >= 0 {
				days[d].Shift = m.shifts[s].id
				days[d].Breaks = m.shifts[s].breakOptions[st.br[i]].breaks
			}
		}
		shape := wfm.ShapeOf(p, days)
		r.Schedules[a] = wfm.AgentSchedule{Agent: m.agents[a].id, Days: days, Shape: &shape}
	}
	r.Objective = st.objective()
	r.Coverage = st.coverage()
	return r
}

// objective breaks the state's objective into the terms of wfm (objective.go) with their amounts.
func (st *state) objective() wfm.Objective {
	m := st.m
	pen := map[string]float64{}
	amt := map[string]float64{}
	add := func(name string, penalty, amount float64) {
		pen[name] += penalty
		amt[name] += amount
	}
	for t := 0; t < m.TC && m.req != nil; t++ {
		r, on := float64(m.req[t])/milli, float64(st.on[t])/milli
		if s := r - on; s > 0 {
			h := s * (s + 1) / 2
			if m.w.Linear {
				h = s
			}
			add(wfm.TermUnder, m.w.Under*m.underW[t]*h, s)
			if st.on[t] == 0 {
				add(wfm.TermEmpty, m.w.Empty, 1)
			}
		} else if on > r {
			add(wfm.TermOver, m.w.Over*(on-r), on-r)
		}
		if s := float64(m.minnanReq[t]-st.minnan[t]) / milli; s > 0 {
			add(wfm.TermMinnan, m.w.Minnan*s*(s+1)/2, s)
		}
		if s := float64(m.leaderReq[t] - st.leaders[t]); s > 0 {
			add(wfm.TermLeader, m.w.Leader*s, s)
		}
	}
	if m.hasShiftDemand {
		for k, n := range st.shiftN {
			if r := m.shiftReq[k]; n < r {
				add(wfm.TermShiftUnder, m.shiftWU[k]*float64(r-n), float64(r-n))
			} else if n > r {
				add(wfm.TermShiftOver, m.shiftWO[k]*float64(n-r), float64(n-r))
			}
		}
	}
	for a := range m.A {
		_, tl := m.evalAgentTally(a, st.x[a*m.D:(a+1)*m.D], st.scratch)
		add(wfm.TermRequests, tl.missedWeight, float64(tl.missed))
		add(wfm.TermNights, m.w.Nights*float64(tl.nights*tl.nights), float64(tl.nights))
		add(wfm.TermWeekends, m.w.Weekends*float64(tl.weekends*tl.weekends), float64(tl.weekends))
		add(wfm.TermHolidays, m.w.Holidays*float64(tl.holidays*tl.holidays), float64(tl.holidays))
		add(wfm.TermOvertime, m.w.Overtime*tl.overtime/60, tl.overtime/60)
		add(wfm.TermStartChange, m.w.StartChange*tl.startCost, float64(tl.startChanges))
		add(wfm.TermDaysOffBlock, m.w.DaysOffBlock*float64(tl.offMissing), float64(tl.offMissing))
		add(wfm.TermSingleDay, m.w.SingleDay*float64(tl.singles), float64(tl.singles))
		add(wfm.TermWeekendsOff, m.w.WeekendsOff*float64(tl.weekendsOwed), float64(tl.weekendsOwed))
	}
	o := wfm.Objective{Hard: 0}
	for _, name := range wfm.TermNames {
		o.Terms = append(o.Terms, wfm.Term{Rule: wfm.TermRules[name], Name: name, Penalty: pen[name], Amount: amt[name]})
		o.Total += pen[name]
	}
	return o
}

// coverage reports the state's staffing per interval, with the service level projected from the
// demand's calls and handling time when it has them (erlang.Projection: the agents on the phones
// after the demand's shrinkage, and before it).
func (st *state) coverage() *wfm.Coverage {
	m := st.m
	if m.req == nil {
		return nil
	}
	d := m.p.Demand
	c := &wfm.Coverage{Grid: d.Grid, Required: d.Agents, MinnanRequired: d.Minnan, LeadersRequired: d.Leaders,
		OnPhones: make([]float64, m.T), MinnanOnPhones: make([]float64, m.T), LeadersOnDuty: make([]int, m.T)}
	for t := range m.T {
		c.OnPhones[t] = float64(st.on[t]) / milli
		c.MinnanOnPhones[t] = float64(st.minnan[t]) / milli
		c.LeadersOnDuty[t] = int(st.leaders[t])
	}
	if d.Calls != nil && d.AHT != nil {
		c.ServiceLevel, c.ServiceLevelBeforeShrinkage = ProjectedServiceLevels(d, c.OnPhones, 1, 1)
	}
	return c
}

// ProjectedServiceLevels projects the service level of every interval of demand d with onPhones
// agents on the phones, its calls times volume and its handling time times aht (1 and 1 for the
// demand as it is): after the demand's shrinkage, and before it.
func ProjectedServiceLevels(d *wfm.Demand, onPhones []float64, volume, aht float64) (after, before []float64) {
	seconds := float64(d.Grid.Step * 60)
	p := erlang.ProjectionFor(d)
	all := p
	all.Shrinkage = 0
	after, before = make([]float64, len(onPhones)), make([]float64, len(onPhones))
	for t, on := range onPhones {
		after[t] = p.Metrics(d.Calls[t]*volume, d.AHT[t]*aht, seconds, on).ServiceLevel
		before[t] = all.Metrics(d.Calls[t]*volume, d.AHT[t]*aht, seconds, on).ServiceLevel
	}
	return after, before
}

// checkFinite refuses a roster with a number that is not finite: weights so large that a term of
// the objective overflows (a roster whose objective is +Inf or NaN can be neither compared nor
// stored). The error names the term and the weight that scales it.
func checkFinite(r *wfm.Roster) error {
	for _, t := range r.Objective.Terms {
		if !isFinite(t.Penalty) || !isFinite(t.Amount) {
			return overflow(t.Name, t.Penalty)
		}
	}
	if !isFinite(r.Objective.Total) {
		return overflow("", r.Objective.Total)
	}
	if c := r.Coverage; c != nil {
		for _, list := range [][]float64{c.OnPhones, c.MinnanOnPhones, c.ServiceLevel} {
			for _, v := range list {
				if !isFinite(v) {
					return &wfm.Error{Kind: wfm.KindInvalid, Field: "demand", Message: fmt.Sprintf("the coverage of the roster holds %v: the demand's calls or handling times are out of range", v)}
				}
			}
		}
	}
	return nil
}

// checkObjective refuses a state whose objective is not finite, naming the first term that is not.
func (st *state) checkObjective() error {
	if isFinite(st.soft()) {
		return nil
	}
	for _, t := range st.objective().Terms {
		if !isFinite(t.Penalty) {
			return overflow(t.Name, t.Penalty)
		}
	}
	return overflow("", st.soft())
}

func isFinite(v float64) bool { return !math.IsInf(v, 0) && !math.IsNaN(v) }

// overflow is the error of an objective term that is not a finite number.
func overflow(term string, v float64) error {
	what := fmt.Sprintf("the objective's term %s is %v", term, v)
	if term == "" {
		what = fmt.Sprintf("the objective is %v", v)
	}
	return &wfm.Error{Kind: wfm.KindInvalid, Field: "rules.weights",
		Message: what + ": the weights are too large for the objective to be computed; lower them"}
}
