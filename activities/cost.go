package activities

import (
	"fmt"
	"math"

	"wfm"
)

// eps is the tolerance below which a count of agents on the phones reads as none.
const eps = 1e-9

// coverage is the roster's staffing per interval as the placed sessions leave it, with what the
// coverage terms need (see the package documentation).
type coverage struct {
	grid               wfm.Grid
	on, minnan         []float64
	leaders            []int
	need, needM, needL []int
	under              []float64 // u_t
	w                  wfm.Weights
	underH             func(float64) float64
	perAgent           []float64 // phone weight of each agent: 1, a trainee its factor
	minnanOf, leaderOf []bool
}

func newCoverage(p *wfm.Problem, cov *wfm.Coverage) (*coverage, error) {
	d := p.Demand
	g := p.Horizon.Grid()
	n := g.Len()
	if d == nil || cov == nil || cov.Grid != g || len(cov.OnPhones) != n || len(cov.MinnanOnPhones) != n || len(cov.LeadersOnDuty) != n {
		return nil, &wfm.Error{Kind: wfm.KindInvalid, Rule: "R15", Field: "coverage",
			Message: fmt.Sprintf("placing activities needs the roster's coverage on the horizon's grid of %d intervals", n)}
	}
	c := &coverage{grid: g, on: append([]float64(nil), cov.OnPhones...), minnan: append([]float64(nil), cov.MinnanOnPhones...),
		leaders: append([]int(nil), cov.LeadersOnDuty...), need: d.Agents, needM: d.Minnan, needL: d.Leaders,
		under: d.UnderWeight, w: p.Rules.Weights}
	c.underH = h
	if c.w.Linear {
		c.underH = func(s float64) float64 { return s }
	}
	for i := range p.Agents {
		a := &p.Agents[i]
		f := 1.0
		if a.Has(wfm.RoleTrainee) {
			f = p.Rules.TraineeFactor
		}
		c.perAgent = append(c.perAgent, f)
		c.minnanOf = append(c.minnanOf, a.Speaks(wfm.SkillMinnan))
		c.leaderOf = append(c.leaderOf, a.Has(wfm.RoleLeader))
	}
	return c, nil
}

// h is the convex shortfall cost s(s+1)/2: the k-th missing agent costs k.
func h(s float64) float64 { return s * (s + 1) / 2 }

// f is the coverage terms of interval t with o agents on the phones, m Minnan speakers and l
// leaders.
func (c *coverage) f(t int, o, m float64, l int) float64 {
	r := float64(c.need[t])
	u := 1.0
	if c.under != nil {
		u = c.under[t]
	}
	v := c.w.Under * u * c.underH(math.Max(0, r-o))
	if r > 0 && o < eps {
		v += c.w.Empty
	}
	v += c.w.Over*math.Max(0, o-r) + c.w.Minnan*h(math.Max(0, float64(c.needM[t])-m)) + c.w.Leader*float64(max(0, c.needL[t]-l))
	return v
}

// off is the agents of a group off the phones in one interval: their weight, Minnan weight and
// leaders.
type off struct {
	o, m float64
	l    int
}

// add counts agent a off the phones.
func (x *off) add(c *coverage, a int) {
	x.o += c.perAgent[a]
	if c.minnanOf[a] {
		x.m += c.perAgent[a]
	}
	if c.leaderOf[a] {
		x.l++
	}
}

// delta is Δ of taking x[i] off the phones in interval ts[i], for every i.
func (c *coverage) delta(ts []int, x []off) float64 {
	d := 0.0
	for i, t := range ts {
		d += c.f(t, c.on[t]-x[i].o, c.minnan[t]-x[i].m, c.leaders[t]-x[i].l) - c.f(t, c.on[t], c.minnan[t], c.leaders[t])
	}
	return d
}

// take records x[i] off the phones in interval ts[i].
func (c *coverage) take(ts []int, x []off) {
	for i, t := range ts {
		c.on[t] -= x[i].o
		c.minnan[t] -= x[i].m
		c.leaders[t] -= x[i].l
	}
}
