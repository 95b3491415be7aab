package validate

import (
	"math"

	"wfm"
)

// term is one objective term before it is reported.
type term struct{ penalty, amount float64 }

// objective computes every term of wfm/objective.go, by name.
func (c *checker) objective(cov *counts) map[string]term {
	terms := map[string]term{}
	c.coverageTerms(cov, terms)
	c.shiftDemandTerms(terms)
	terms[wfm.TermRequests] = c.requestsTerm()
	c.fairnessTerms(terms)
	terms[wfm.TermOvertime] = c.overtimeTerm()
	c.shapeTerms(terms)
	return terms
}

// assemble reports the terms in wfm.TermNames order, every term present, with the total and the
// number of HARD violations.
func assemble(terms map[string]term, hard int) wfm.Objective {
	o := wfm.Objective{Hard: hard, Terms: make([]wfm.Term, 0, len(wfm.TermNames))}
	for _, name := range wfm.TermNames {
		t := terms[name]
		o.Terms = append(o.Terms, wfm.Term{Rule: wfm.TermRules[name], Name: name, Penalty: t.penalty, Amount: t.amount})
		o.Total += t.penalty
	}
	return o
}

// coverageTerms: under-coverage (convex or linear, weighted per interval), empty intervals, over-
// coverage, Minnan shortfall (convex) and leader shortfall, over the horizon's intervals and the
// first hours after it (wfm.EdgeIntervals).
func (c *checker) coverageTerms(cov *counts, terms map[string]term) {
	if cov == nil {
		return
	}
	w := c.rules.Weights
	d := cov.demand
	var under, short, empty, over, minnan, minnanShort, leaders float64
	for t := range len(cov.full) {
		i := d.Source(t)
		r := float64(at(d.Agents, i))
		on := cov.on(t)
		if s := r - on; s > 0 {
			u := 1.0
			if d.UnderWeight != nil {
				u = atf(d.UnderWeight, i)
			}
			h := s * (s + 1) / 2
			if w.Linear {
				h = s
			}
			under += u * h
			short += s
		}
		if r > 0 && on == 0 {
			empty++
		}
		if on > r {
			over += on - r
		}
		if s := float64(at(d.Minnan, i)) - cov.minnan(t); s > 0 {
			minnan += s * (s + 1) / 2 // convex, as under-coverage: the k-th missing speaker costs k
			minnanShort += s
		}
		if s := at(d.Leaders, i) - int(cov.leaders[t]); s > 0 {
			leaders += float64(s)
		}
	}
	terms[wfm.TermUnder] = term{w.Under * under, short}
	terms[wfm.TermEmpty] = term{w.Empty * empty, empty}
	terms[wfm.TermOver] = term{w.Over * over, over}
	terms[wfm.TermMinnan] = term{w.Minnan * minnan, minnanShort}
	terms[wfm.TermLeader] = term{w.Leader * leaders, leaders}
}

func at(v []int, t int) int {
	if t >= 0 && t < len(v) {
		return v[t]
	}
	return 0
}

func atf(v []float64, t int) float64 {
	if t >= 0 && t < len(v) {
		return v[t]
	}
	return 0
}

// shiftDemandTerms: per day and template, the agents short of and beyond the required number,
// each weighted by the cover's own weights.
func (c *checker) shiftDemandTerms(terms map[string]term) {
	var under, over term
	ns := len(c.shifts)
	for _, sc := range c.p.ShiftDemand {
		k := int(sc.Date - c.start)
		t, ok := c.shift[sc.Shift]
		if !ok || k < 0 || k >= c.days {
			continue
		}
		n := int(c.working[k*ns+t])
		if s := sc.Required - n; s > 0 {
			under.amount += float64(s)
			under.penalty += sc.UnderWeight * float64(s)
		}
		if s := n - sc.Required; s > 0 {
			over.amount += float64(s)
			over.penalty += sc.OverWeight * float64(s)
		}
	}
	terms[wfm.TermShiftUnder] = under
	terms[wfm.TermShiftOver] = over
}

// requestsTerm: an on request is missed when the agent does not work the shift named (any shift
// when none is), an off request when the agent works it.
func (c *checker) requestsTerm() term {
	var t term
	for _, q := range c.p.Requests {
		a, ok := c.agentIx[q.Agent]
		k := int(q.Date - c.start)
		if !ok || k < 0 || k >= c.days {
			continue
		}
		worked := c.shiftOn(a, k)
		match := worked >= 0 && (q.Shift == "" || c.shifts[worked].ID == q.Shift)
		if missed := (q.Kind == wfm.RequestOn && !match) || (q.Kind == wfm.RequestOff && match); missed {
			t.amount++
			t.penalty += q.Weight
		}
	}
	t.penalty *= c.rules.Weights.Requests
	return t
}

// fairnessTerms: per agent the squared counts of night shifts, weekend days and holidays worked.
func (c *checker) fairnessTerms(terms map[string]term) {
	var nights, weekends, holidays term
	for _, s := range c.sums {
		nights.amount += float64(s.nights)
		nights.penalty += float64(s.nights * s.nights)
		weekends.amount += float64(s.weekends)
		weekends.penalty += float64(s.weekends * s.weekends)
		holidays.amount += float64(s.holidays)
		holidays.penalty += float64(s.holidays * s.holidays)
	}
	w := c.rules.Weights
	nights.penalty *= w.Nights
	weekends.penalty *= w.Weekends
	holidays.penalty *= w.Holidays
	terms[wfm.TermNights] = nights
	terms[wfm.TermWeekends] = weekends
	terms[wfm.TermHolidays] = holidays
}

// overtimeTerm, only when overtime is on: the hours paid beyond each agent's contract less leave
// (without the overtime cap).
func (c *checker) overtimeTerm() term {
	var t term
	if !c.rules.Overtime {
		return t
	}
	for a := range c.agents {
		if h := (float64(c.sums[a].paid) - math.Max(0, c.agents[a].contract-c.leaveMinutes(a))) / 60; h > 0 {
			t.amount += h
		}
	}
	t.penalty = c.rules.Weights.Overtime * t.amount
	return t
}
