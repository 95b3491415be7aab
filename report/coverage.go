package report

import (
	"math"

	"wfm"
	"wfm/forecast/erlang"
)

// coverage is the staffing per interval the reports show (see the package documentation for
// where each series comes from).
type coverage struct {
	grid   wfm.Grid
	perDay int
	hours  float64 // length of an interval in hours
	req    []int
	on     []float64
	mReq   []int
	mOn    []float64
	lReq   []int
	lOn    []int
	calls  []float64 // nil without calls in the demand
	sl     []float64 // projected service level after shrinkage; nil when there is none to show
	// The projection's other figures, nil when the demand has no calls and handling time: the
	// service level before shrinkage, and after it the ASA and the share of callers abandoning.
	slBefore, asa, abandoned []float64
	shrinkage, patience      float64
}

// stats sums a stretch of intervals.
type stats struct {
	reqHours, onHours      float64 // required and on-phone agent-hours
	shortHours             float64 // Σ max(0, req − on) × interval hours
	minnanShort, leaderGap float64 // the same for Minnan speakers and leaders, hours
	shortIntervals         int
	sl                     float64 // calls-weighted mean service level, NaN when none
	calls                  float64
	// Calls-weighted over intervals with calls (NaN without): the service level before shrinkage,
	// the share of callers abandoning, and the ASA of the answered calls over the intervals whose
	// queue can keep up; overloaded is the calls of the intervals whose cannot (fewer agents
	// answering than the load under Erlang C: no steady state, no finite ASA).
	slBefore, abandoned, asa float64
	overloaded               float64
}

func (m *model) buildCoverage() *coverage {
	src := m.check.Coverage
	if src == nil {
		src = m.r.Coverage
	}
	if src == nil || src.Grid.Step <= 0 || wfm.MinutesPerDay%src.Grid.Step != 0 {
		return nil
	}
	n := src.Grid.Len()
	c := &coverage{grid: src.Grid, perDay: src.Grid.PerDay(), hours: float64(src.Grid.Step) / 60,
		req: fitInts(src.Required, n), on: fitFloats(src.OnPhones, n),
		mReq: fitInts(src.MinnanRequired, n), mOn: fitFloats(src.MinnanOnPhones, n),
		lReq: fitInts(src.LeadersRequired, n), lOn: fitInts(src.LeadersOnDuty, n)}
	d := m.p.Demand
	if d != nil && len(d.Calls) == n {
		c.calls = d.Calls
	}
	if d != nil && len(d.Calls) == n && len(d.AHT) == n {
		c.project(d)
	}
	if rc := m.r.Coverage; rc != nil && len(rc.ServiceLevel) == n && rc.Grid == src.Grid {
		c.sl = rc.ServiceLevel
	}
	return c
}

// project fills the projected figures of every interval from the demand's calls and handling
// time and the agents on the phones, as the solver projects them (erlang.Projection).
func (c *coverage) project(d *wfm.Demand) {
	n := len(c.req)
	p := erlang.ProjectionFor(d)
	all := p
	all.Shrinkage = 0
	c.shrinkage, c.patience = p.Shrinkage, p.Patience
	c.sl, c.slBefore, c.asa, c.abandoned = make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	seconds := float64(c.grid.Step * 60)
	for t := range n {
		after := p.Metrics(d.Calls[t], d.AHT[t], seconds, c.on[t])
		c.sl[t], c.asa[t], c.abandoned[t] = after.ServiceLevel, after.ASA, after.Abandonment
		c.slBefore[t] = all.Metrics(d.Calls[t], d.AHT[t], seconds, c.on[t]).ServiceLevel
	}
}

func fitInts(v []int, n int) []int {
	out := make([]int, n)
	copy(out, v)
	return out
}

func fitFloats(v []float64, n int) []float64 {
	out := make([]float64, n)
	copy(out, v)
	return out
}

// short is the shortfall of agents on the phones in interval t.
func (c *coverage) short(t int) float64 { return math.Max(0, float64(c.req[t])-c.on[t]) }

// sum adds up intervals [lo, hi).
func (c *coverage) sum(lo, hi int) stats {
	var s stats
	var slw, w, before, abandoned, asa, answered float64
	for t := lo; t < hi; t++ {
		s.reqHours += float64(c.req[t]) * c.hours
		s.onHours += c.on[t] * c.hours
		if x := c.short(t); x > 0 {
			s.shortHours += x * c.hours
			s.shortIntervals++
		}
		s.minnanShort += math.Max(0, float64(c.mReq[t])-c.mOn[t]) * c.hours
		s.leaderGap += float64(max(0, c.lReq[t]-c.lOn[t])) * c.hours
		if c.sl != nil {
			weight := 1.0
			if c.calls != nil {
				weight = c.calls[t]
				s.calls += weight
			}
			slw += weight * c.sl[t]
			w += weight
		}
		if c.slBefore != nil && c.calls[t] > 0 {
			before += c.calls[t] * c.slBefore[t]
			abandoned += c.calls[t] * c.abandoned[t]
			if a := c.calls[t] * (1 - c.abandoned[t]); math.IsInf(c.asa[t], 1) {
				s.overloaded += c.calls[t]
			} else if a > 0 {
				asa += a * c.asa[t]
				answered += a
			}
		}
	}
	s.sl, s.slBefore, s.abandoned, s.asa = math.NaN(), math.NaN(), math.NaN(), math.NaN()
	if w > 0 {
		s.sl = slw / w
	}
	if s.calls > 0 && c.slBefore != nil {
		s.slBefore, s.abandoned = before/s.calls, abandoned/s.calls
	}
	if answered > 0 {
		s.asa = asa / answered
	}
	return s
}

// day sums day k of the grid.
func (c *coverage) day(k int) stats { return c.sum(k*c.perDay, (k+1)*c.perDay) }

// all sums the whole horizon.
func (c *coverage) all() stats { return c.sum(0, len(c.req)) }
