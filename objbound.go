package wfm

import (
	"fmt"
	"math"
)

// Bounds on the numbers of a problem, so that every objective is finite and every sum exact
// enough. Each weight a user sets is at most MaxWeight, each per-interval value of the demand at
// most its own bound (MaxAgents agents, MaxIntervalCalls calls, MaxAHTSeconds of handling time),
// and ObjectiveBound, the largest objective any roster of the problem could have, at most
// MaxObjective.
//
// Why 1e15: float64 holds every integer below 2^53 ≈ 9.0e15 exactly and carries 15–16 significant
// digits, so an objective below 1e15 is summed, compared and reported without overflow and with
// an absolute rounding error under 1: a one-unit change of any term shows in the total, and the
// solver's running score and the checker's recomputation agree to far better than the smallest
// weight that means anything. The per-field bounds alone cannot promise that (a year of 1-minute
// intervals at 100,000 agents short in each is ~10^15 before any weight), so the bound on the whole
// is checked against the problem's own sizes; the per-field bounds name an absurd value directly.
const (
	MaxWeight        = 1e6
	MaxObjective     = 1e15
	MaxIntervalCalls = 1e6   // calls offered in one interval
	MaxAHTSeconds    = 86400 // mean handling time of a call: a day
)

// ObjectiveBound returns an upper bound on the objective of every roster of p (see Objective for
// the terms), term by term, with its total. Each term is bounded by its worst case: every
// interval's demand wholly short, every agent on the phones in every interval, every agent on
// nights, weekends and holidays every day, every hour of every day paid as overtime, every
// request missed, every day a shape penalty. p's sizes must already be valid (Validate checks them first).
func ObjectiveBound(p *Problem) (total float64, terms map[string]float64) {
	w := p.Rules.Weights
	n, days := float64(len(p.Agents)), float64(p.Horizon.Days)
	h := func(s float64) float64 {
		if w.Linear {
			return s
		}
		return s * (s + 1) / 2
	}
	terms = map[string]float64{}
	if d := p.Demand; d != nil {
		var under, empty, minnan, leaders float64
		intervals := len(d.Agents) + p.EdgeIntervals()
		for t := range intervals {
			i := d.Source(t)
			u := 1.0
			if d.UnderWeight != nil {
				u = d.UnderWeight[i]
			}
			r := d.Agents[i]
			under += u * h(float64(r))
			if r > 0 {
				empty++
			}
			minnan += float64(d.Minnan[i])
			leaders += float64(d.Leaders[i])
		}
		terms[TermUnder] = w.Under * under
		terms[TermEmpty] = w.Empty * empty
		terms[TermOver] = w.Over * float64(intervals) * n
		terms[TermMinnan] = w.Minnan * minnan
		terms[TermLeader] = w.Leader * leaders
	}
	for _, c := range p.ShiftDemand {
		terms[TermShiftUnder] += c.UnderWeight * float64(c.Required)
		terms[TermShiftOver] += c.OverWeight * n
	}
	for _, r := range p.Requests {
		terms[TermRequests] += w.Requests * r.Weight
	}
	terms[TermNights] = w.Nights * n * days * days
	terms[TermWeekends] = w.Weekends * n * days * days
	terms[TermHolidays] = w.Holidays * n * days * days
	if p.Rules.Overtime {
		paidPerDay := float64(MinutesPerDay+max(p.Rules.PreShiftMinutes, p.Rules.LeaderPreShiftMinutes)) / 60
		terms[TermOvertime] = w.Overtime * n * days * paidPerDay
	}
	// Shape: every day a change of start by 12 h, a missing day off or an isolated day; every
	// weekend off missing.
	r := p.Rules
	terms[TermStartChange] = w.StartChange * n * days * (1 + float64(MinutesPerDay/2)/60)
	terms[TermDaysOffBlock] = w.DaysOffBlock * n * days * float64(r.MinDaysOffBlock)
	terms[TermSingleDay] = w.SingleDay * n * days
	terms[TermWeekendsOff] = w.WeekendsOff * n * float64(r.MinFullWeekendsOff)
	for _, v := range terms {
		total += v
	}
	return total, terms
}

// termFields names the input a user lowers to shrink each term's bound.
var termFields = map[string]string{
	TermUnder: "rules.weights.under", TermEmpty: "rules.weights.empty", TermOver: "rules.weights.over",
	TermMinnan: "rules.weights.minnan", TermLeader: "rules.weights.leader", TermShiftUnder: "shift_demand",
	TermShiftOver: "shift_demand", TermRequests: "rules.weights.requests", TermNights: "rules.weights.nights",
	TermWeekends: "rules.weights.weekends", TermHolidays: "rules.weights.holidays", TermOvertime: "rules.weights.overtime",
	TermStartChange: "rules.weights.start_change", TermDaysOffBlock: "rules.weights.days_off_block",
	TermSingleDay: "rules.weights.single_day", TermWeekendsOff: "rules.weights.weekends_off",
}

// checkObjective refuses a problem whose objective could exceed MaxObjective, naming the weight
// (or the demand) behind the largest term.
func (p *Problem) checkObjective() error {
	total, terms := ObjectiveBound(p)
	if total <= MaxObjective {
		return nil
	}
	worst, most := "", math.Inf(-1)
	for _, name := range TermNames {
		if v, ok := terms[name]; ok && v > most {
			worst, most = name, v
		}
	}
	return &Error{Kind: KindInvalid, Rule: TermRules[worst], Field: termFields[worst], Message: fmt.Sprintf(
		"a roster's objective could reach %.3g, above the %g the solver sums exactly; the largest term, %s, could reach %.3g: lower its weight",
		total, float64(MaxObjective), worst, most)}
}
