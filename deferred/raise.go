package deferred

import (
	"container/heap"
	"math"
	"slices"

	"wfm"
)

// Addition is the demand Raise added: per interval, the rostered agents that keep the work the
// schedule placed (Kept, ⌈k_t/(1 − s)⌉ for the k_t agents it takes off the phones) and those
// added for the work that missed (Agents), and of the latter Minnan speakers.
type Addition struct {
	Grid   wfm.Grid `json:"grid"`
	Kept   []int    `json:"kept"`
	Agents []int    `json:"agents"`
	Minnan []int    `json:"minnan"`
}

// Hours is the agent-hours added for the work that missed, in all and per day of the grid.
func (a *Addition) Hours() (total float64, perDay []float64) {
	perDay = make([]float64, a.Grid.Days)
	h := float64(a.Grid.Step) / 60
	for t, k := range a.Agents {
		perDay[t/a.Grid.PerDay()] += float64(k) * h
		total += float64(k) * h
	}
	return total, perDay
}

// KeptHours is the agent-hours of demand that keep the placed work.
func (a *Addition) KeptHours() float64 {
	total := 0
	for _, k := range a.Kept {
		total += k
	}
	return float64(total) * float64(a.Grid.Step) / 60
}

// Raise returns the demand d raised for the work the schedule s (made on d and a roster of
// coverage cov) could not do by its deadline, and what it added; nil when nothing is missing.
//
// The raised demand holds the inbound requirement, the work already placed (so that a roster
// solved for it keeps the capacity that work uses), and the work that missed: for each item,
// ⌈⌈missing/step⌉/(1 − shrinkage)⌉ agents added one at a time in the intervals from its release
// to its deadline, on top of the agents the roster has there, each to the interval of lowest load
// (the inbound requirement, with what was added so far, per agent on the phones) among those with
// at least their day's median of agents on the phones (all of the window when none has); Minnan
// work raises the Minnan requirement likewise. A missing agent where work was added weighs at least the mean
// under-coverage weight (1), so that the solver fills it.
func Raise(d *wfm.Demand, cov *wfm.Coverage, s *Schedule) (*wfm.Demand, *Addition) {
	g := s.Capacity.Grid
	n := g.Len()
	step := float64(g.Step)
	start := wfm.WallTimeOf(g.Start, 0)
	end := wfm.WallTimeOf(g.End(), 0)
	median := dayMedians(g, cov.OnPhones)
	gross := func(k float64) int { return int(math.Ceil(k/(1-d.Shrinkage) - eps)) }
	add := &Addition{Grid: g, Kept: make([]int, n), Agents: make([]int, n), Minnan: make([]int, n)}
	// base is what the roster must hold before anything is added: the requirement and the work
	// placed, or the agents it has on the phones where that is more.
	base := make([]int, n)
	for t := range n {
		add.Kept[t] = gross(float64(s.Pulled(t)))
		base[t] = max(d.Agents[t]+add.Kept[t], int(math.Floor(cov.OnPhones[t]+eps)))
	}
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
		q := loadQueue{req: d.Agents, cov: cov, add: add.Agents, at: window}
		heap.Init(&q)
		for range gross(math.Ceil(missing/step - eps)) {
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
	if d.UnderWeight != nil {
		out.UnderWeight = slices.Clone(d.UnderWeight)
	}
	for t := range out.Agents {
		kept := add.Kept[t]
		if add.Agents[t] > 0 {
			kept = base[t] - d.Agents[t]
			if out.UnderWeight != nil {
				out.UnderWeight[t] = max(out.UnderWeight[t], 1)
			}
		}
		out.Agents[t] = min(wfm.MaxAgents, d.Agents[t]+kept+add.Agents[t])
		minnanKept := gross(s.Minnan[t] / step)
		if add.Minnan[t] > 0 {
			minnanKept = max(minnanKept, int(math.Floor(cov.MinnanOnPhones[t]+eps))-d.Minnan[t])
		}
		out.Minnan[t] = min(out.Agents[t], d.Minnan[t]+minnanKept+add.Minnan[t])
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
	req []int
	cov *wfm.Coverage
	add []int
	at  []int
}

func (q *loadQueue) load(t int) float64 {
	return float64(q.req[t]+q.add[t]) / max(q.cov.OnPhones[t], 0.5)
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
