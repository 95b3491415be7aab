package deferred

import (
	"container/heap"
	"math"
	"slices"

	"wfm"
)

// Addition is the demand Raise added for work that missed its deadline: rostered agents per
// interval, and of them Minnan speakers.
type Addition struct {
	Grid   wfm.Grid `json:"grid"`
	Agents []int    `json:"agents"`
	Minnan []int    `json:"minnan"`
}

// Hours is the agent-hours added, in all and per day of the grid.
func (a *Addition) Hours() (total float64, perDay []float64) {
	perDay = make([]float64, a.Grid.Days)
	h := float64(a.Grid.Step) / 60
	for t, k := range a.Agents {
		perDay[t/a.Grid.PerDay()] += float64(k) * h
		total += float64(k) * h
	}
	return total, perDay
}

// Raise returns the demand d raised for the work the schedule s (made on d and a roster of
// coverage cov) could not do by its deadline, and what it added; nil when nothing is missing.
// For each item, ⌈⌈missing/step⌉/(1 − shrinkage)⌉ agents are added one at a time in the
// intervals from its release to its deadline, each to the interval of lowest load, the
// requirement (raised so far) per agent on the phones, among those with at least their day's
// median of agents on the phones (all of the window when none has); Minnan work raises the
// Minnan requirement at the same intervals.
func Raise(d *wfm.Demand, cov *wfm.Coverage, s *Schedule) (*wfm.Demand, *Addition) {
	g := s.Capacity.Grid
	step := float64(g.Step)
	start := wfm.WallTimeOf(g.Start, 0)
	end := wfm.WallTimeOf(g.End(), 0)
	median := dayMedians(g, cov.OnPhones)
	add := &Addition{Grid: g, Agents: make([]int, g.Len()), Minnan: make([]int, g.Len())}
	raised := false
	for _, o := range s.Items {
		missing := o.Missing(end)
		if missing <= eps || o.Status == Waiting {
			continue
		}
		lo := int(max(0, (o.Released-start+wfm.WallTime(g.Step)-1)/wfm.WallTime(g.Step)))
		hi := int(min(end, o.Due)-start) / g.Step // intervals [lo, hi)
		if lo >= hi {
			continue
		}
		agents := int(math.Ceil(math.Ceil(missing/step-eps)/(1-d.Shrinkage) - eps))
		window := make([]int, 0, hi-lo)
		for t := lo; t < hi; t++ {
			if cov.OnPhones[t] >= median[t/g.PerDay()] && cov.OnPhones[t] > 0 {
				window = append(window, t)
			}
		}
		if len(window) == 0 {
			for t := lo; t < hi; t++ {
				window = append(window, t)
			}
		}
		q := loadQueue{d: d, cov: cov, add: add.Agents, at: window}
		heap.Init(&q)
		for range agents {
			t := q.at[0]
			add.Agents[t]++
			if o.Item.Minnan() {
				add.Minnan[t]++
			}
			heap.Fix(&q, 0)
		}
		raised = true
	}
	if !raised {
		return d, nil
	}
	out := *d
	out.Agents, out.Minnan = slices.Clone(d.Agents), slices.Clone(d.Minnan)
	for t := range out.Agents {
		out.Agents[t] = min(wfm.MaxAgents, out.Agents[t]+add.Agents[t])
		out.Minnan[t] = min(out.Agents[t], out.Minnan[t]+add.Minnan[t])
	}
	return &out, add
}

// dayMedians returns the median of v over each day of g.
func dayMedians(g wfm.Grid, v []float64) []float64 {
	out := make([]float64, g.Days)
	p := g.PerDay()
	for k := range out {
		day := slices.Clone(v[k*p : (k+1)*p])
		slices.Sort(day)
		out[k] = day[len(day)/2]
	}
	return out
}

// loadQueue orders intervals by load, (requirement + added)/on the phones, lowest first, the
// earlier interval first among equals.
type loadQueue struct {
	d   *wfm.Demand
	cov *wfm.Coverage
	add []int
	at  []int
}

func (q *loadQueue) load(t int) float64 {
	return float64(q.d.Agents[t]+q.add[t]) / max(q.cov.OnPhones[t], 0.5)
}

func (q loadQueue) Len() int { return len(q.at) }
func (q loadQueue) Less(i, j int) bool {
	a, b := q.load(q.at[i]), q.load(q.at[j])
	return a < b || (a == b && q.at[i] < q.at[j])
}
func (q loadQueue) Swap(i, j int) { q.at[i], q.at[j] = q.at[j], q.at[i] }
func (q *loadQueue) Push(x any)   { q.at = append(q.at, x.(int)) }
func (q *loadQueue) Pop() any {
	x := q.at[len(q.at)-1]
	q.at = q.at[:len(q.at)-1]
	return x
}
