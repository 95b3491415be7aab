package deferred

import (
	"math"

	"wfm"
	"wfm/forecast/erlang"
)

// Effect is the inbound service the roster projects without and with the deferred work: the
// calls-weighted mean service level over the horizon, the agents answering being a_t and a_t − k_t
// (see the package documentation). Both are NaN when the demand has no calls.
type Effect struct {
	Calls   float64 `json:"calls"`
	Without float64 `json:"service_level_without"`
	With    float64 `json:"service_level_with"`
	// Lowest is the lowest service level of an interval with calls and deferred work, with the
	// work; NaN when no such interval.
	Lowest float64 `json:"lowest_interval_service_level"`
}

// Pulled is k_t, the agents deferred work takes off the phones in interval t.
func (s *Schedule) Pulled(t int) int {
	return int(math.Ceil(s.Used[t]/float64(s.Capacity.Grid.Step) - eps))
}

// Effect projects the inbound service level without and with the deferred work, from the
// demand's calls and handling time under its projection (erlang.ProjectionFor).
func (s *Schedule) Effect(d *wfm.Demand) Effect {
	e := Effect{Without: math.NaN(), With: math.NaN(), Lowest: math.NaN()}
	n := len(s.Used)
	if d == nil || len(d.Calls) != n || len(d.AHT) != n {
		return e
	}
	p := erlang.ProjectionFor(d)
	p.Shrinkage = 0 // the capacity counts the agents answering, after shrinkage
	seconds := float64(s.Capacity.Grid.Step * 60)
	var without, with float64
	for t := range n {
		calls := d.Calls[t]
		if calls <= 0 {
			continue
		}
		a := float64(s.Capacity.Answering[t])
		before := p.Metrics(calls, d.AHT[t], seconds, a).ServiceLevel
		after := before
		if k := s.Pulled(t); k > 0 {
			after = p.Metrics(calls, d.AHT[t], seconds, a-float64(k)).ServiceLevel
			if math.IsNaN(e.Lowest) || after < e.Lowest {
				e.Lowest = after
			}
		}
		e.Calls += calls
		without += calls * before
		with += calls * after
	}
	if e.Calls > 0 {
		e.Without, e.With = without/e.Calls, with/e.Calls
	}
	return e
}

// Day is one day of the schedule, in agent-minutes.
type Day struct {
	Date     wfm.Date `json:"date"`
	Released float64  `json:"released_minutes"` // work released that day
	Done     float64  `json:"done_minutes"`     // work done that day, on time or late
	Due      float64  `json:"due_minutes"`      // work due by the end of that day
	OnTime   float64  `json:"on_time_minutes"`  // of the work due, done by its deadline
	Missing  float64  `json:"missing_minutes"`  // of the work due, not done by its deadline
	Idle     float64  `json:"idle_minutes"`     // the idle capacity
	Used     float64  `json:"used_minutes"`     // of it, used by deferred work
}

// Totals are the horizon's figures. Items count pieces (DeferredWork.Pieces); the pieces due are
// those of items released in the horizon or before with a deadline in it (an item that waits for
// one never done is not released and not counted), and a piece is on time when its minutes are
// done by the deadline.
type Totals struct {
	Items       int     `json:"items"`
	ItemsDue    int     `json:"items_due"`     // with a deadline in the horizon
	ItemsOnTime int     `json:"items_on_time"` // of them, done by it
	Work        float64 `json:"work_minutes"`
	Due         float64 `json:"due_minutes"`
	OnTime      float64 `json:"on_time_minutes"`
	Missing     float64 `json:"missing_minutes"`
	Done        float64 `json:"done_minutes"`
	Idle        float64 `json:"idle_minutes"`
	Used        float64 `json:"used_minutes"`
}

// Days sums the schedule per day of its grid; work released or due outside the grid is left out.
func (s *Schedule) Days() []Day {
	g := s.Capacity.Grid
	days := make([]Day, g.Days)
	for k := range days {
		days[k].Date = g.Start.AddDays(k)
	}
	step := float64(g.Step)
	for t := range s.Used {
		k := t / g.PerDay()
		days[k].Idle += float64(s.Capacity.Idle[t]) * step
		days[k].Used += s.Used[t]
		days[k].Done += s.Used[t]
	}
	day := func(w wfm.WallTime) (int, bool) {
		k := int(w.Date() - g.Start)
		return k, k >= 0 && k < g.Days
	}
	for _, o := range s.Items {
		if o.Status == Waiting {
			continue
		}
		if k, ok := day(o.Released); ok {
			days[k].Released += o.Item.Work()
		}
		// A deadline is the midnight that ends its day.
		if k, ok := day(o.Due - 1); ok {
			days[k].Due += o.Item.Work()
			days[k].OnTime += o.OnTime
			days[k].Missing += o.Item.Work() - o.OnTime
		}
	}
	return days
}

// piecesOnTime is how many of the item's pieces were done by its deadline: all when the item is
// on time, else as many whole pieces as its minutes on time hold (pieces are done one after
// another).
func (o Outcome) piecesOnTime() int {
	switch {
	case o.Status == OnTime:
		return o.Item.Pieces()
	case o.Item.Minutes > 0:
		return min(o.Item.Pieces(), int(math.Floor(o.OnTime/o.Item.Minutes+eps)))
	}
	return 0
}

// Totals sums the schedule over its horizon.
func (s *Schedule) Totals() Totals {
	var tot Totals
	for _, d := range s.Days() {
		tot.Due += d.Due
		tot.OnTime += d.OnTime
		tot.Missing += d.Missing
		tot.Done += d.Done
		tot.Idle += d.Idle
		tot.Used += d.Used
	}
	end := wfm.WallTimeOf(s.Capacity.Grid.End(), 0)
	start := wfm.WallTimeOf(s.Capacity.Grid.Start, 0)
	for _, o := range s.Items {
		tot.Items += o.Item.Pieces()
		tot.Work += o.Item.Work()
		if o.Status != Waiting && o.Due > start && o.Due <= end {
			tot.ItemsDue += o.Item.Pieces()
			tot.ItemsOnTime += o.piecesOnTime()
		}
	}
	return tot
}
