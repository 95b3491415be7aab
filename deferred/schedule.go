package deferred

import (
	"cmp"
	"math"
	"slices"

	"wfm"
)

// The outcomes of an item.
const (
	OnTime  = "on_time" // all of its work done by its deadline
	Late    = "late"    // done, after its deadline
	Missed  = "missed"  // due in the horizon and not done in it
	Open    = "open"    // due after the horizon, not yet done
	Waiting = "waiting" // never released: the item it follows was not done in the horizon
)

// Outcome is what became of one item.
type Outcome struct {
	Item     wfm.DeferredWork `json:"item"`
	Status   string           `json:"status"`
	Released wfm.WallTime     `json:"released"` // when it was released (after the item it follows)
	Due      wfm.WallTime     `json:"due"`
	Done     float64          `json:"done_minutes"`    // minutes done in the horizon
	OnTime   float64          `json:"on_time_minutes"` // of them, by the deadline
	// Finished is the interval (YYYY-MM-DDTHH:MM, its start) in which its last minute was done;
	// nil when it was not finished.
	Finished *wfm.WallTime `json:"finished,omitempty"`
}

// Missing is the minutes of the item not done by its deadline, when that deadline lies in the
// horizon that ends at end; 0 otherwise.
func (o Outcome) Missing(end wfm.WallTime) float64 {
	if o.Due > end {
		return 0
	}
	return max(0, o.Item.Work()-o.OnTime)
}

// Schedule is deferred work placed in a roster's idle capacity.
type Schedule struct {
	Capacity *Capacity
	Items    []Outcome    // in the order of the input
	Assigned []Assignment // the work, in time order
	Used     []float64    // minutes of deferred work per interval
	Minnan   []float64    // of them, Minnan work
	// Share is the share of each interval's idle agents the schedule was allowed to use.
	Share float64
}

// Assignment is minutes of one item's work done in one interval.
type Assignment struct {
	Item     int     // index in Schedule.Items
	Interval int     // on the capacity's grid
	Minutes  float64 // agent-minutes
}

// eps absorbs floating error in sums of minutes.
const eps = 1e-9

// Place schedules items into the idle capacity c, earliest deadline first, using no more of each
// interval's idle agents than needed (see the package documentation), with deadlines on calendar
// cal. The items must have passed wfm.ValidateDeferred.
func Place(items []wfm.DeferredWork, cal *wfm.Calendar, c *Capacity) *Schedule {
	full := placeWithin(items, cal, c, 1)
	most := full.onTime()
	for k := 1; k < shares; k++ {
		if s := placeWithin(items, cal, c, float64(k)/shares); s.onTime() >= most-eps {
			return s
		}
	}
	return full
}

// shares is how finely Place tries the share of the idle agents it may use.
const shares = 20

// onTime is the minutes of work done by their deadlines.
func (s *Schedule) onTime() float64 {
	total := 0.0
	for _, o := range s.Items {
		total += o.OnTime
	}
	return total
}

// placeWithin is Place using at most ⌊share·I_t⌋ of the idle agents of interval t (and of its
// Minnan speakers, ⌊share·M_t⌋).
func placeWithin(items []wfm.DeferredWork, cal *wfm.Calendar, c *Capacity, share float64) *Schedule {
	g := c.Grid
	n, step := g.Len(), float64(g.Step)
	s := &Schedule{Capacity: c, Share: share, Items: make([]Outcome, len(items)), Used: make([]float64, n), Minnan: make([]float64, n)}
	part := func(k int) float64 { return math.Floor(share*float64(k)+eps) * step }
	byID := make(map[string]int, len(items))
	followers := make(map[int][]int)
	var ready []int // released at Item.Release, by release time
	for i, w := range items {
		byID[w.ID] = i
		s.Items[i] = Outcome{Item: w, Status: Waiting}
		if w.After != "" {
			followers[byID[w.After]] = append(followers[byID[w.After]], i)
			continue
		}
		ready = append(ready, i)
		s.release(i, w.Release, cal)
	}
	slices.SortStableFunc(ready, func(a, b int) int { return cmp.Compare(s.Items[a].Released, s.Items[b].Released) })
	start := wfm.WallTimeOf(g.Start, 0)
	at := func(t int) wfm.WallTime { return start + wfm.WallTime(t*g.Step) }
	var active []int // released, with work left, by deadline
	add := func(i int) {
		k, _ := slices.BinarySearchFunc(active, i, func(a, b int) int {
			return cmp.Or(cmp.Compare(s.Items[a].Due, s.Items[b].Due), cmp.Compare(a, b))
		})
		active = slices.Insert(active, k, i)
	}
	next := 0
	for t := range n {
		from, to := at(t), at(t+1)
		for ; next < len(ready) && s.Items[ready[next]].Released <= from; next++ {
			add(ready[next])
		}
		left, minnanLeft := part(c.Idle[t]), part(c.Minnan[t])
		// One pass per kind of capacity use, each over the active items by deadline: Minnan work
		// on time, other work on time, then whatever is past its deadline.
		for _, pass := range []func(o *Outcome) bool{
			func(o *Outcome) bool { return o.Item.Minnan() && o.Due >= to },
			func(o *Outcome) bool { return !o.Item.Minnan() && o.Due >= to },
			func(o *Outcome) bool { return o.Due < to },
		} {
			for _, i := range active {
				o := &s.Items[i]
				if !pass(o) || left <= eps {
					continue
				}
				room := left
				if o.Item.Minnan() {
					room = min(left, minnanLeft)
				}
				take := min(room, o.Item.Work()-o.Done)
				if take <= eps {
					continue
				}
				o.Done += take
				s.Assigned = append(s.Assigned, Assignment{Item: i, Interval: t, Minutes: take})
				if o.Due >= to {
					o.OnTime += take
				}
				left -= take
				s.Used[t] += take
				if o.Item.Minnan() {
					minnanLeft -= take
					s.Minnan[t] += take
				}
			}
		}
		// Finished items leave; their followers are released at the end of this interval.
		var released []int
		active = slices.DeleteFunc(active, func(i int) bool {
			o := &s.Items[i]
			if o.Item.Work()-o.Done > eps {
				return false
			}
			o.Done = o.Item.Work()
			f := from
			o.Finished = &f
			released = append(released, followers[i]...)
			return true
		})
		for _, j := range released {
			s.release(j, max(to, items[j].Release), cal)
			ready = insertByRelease(ready, next, j, s.Items)
		}
	}
	end := at(n)
	for i := range s.Items {
		o := &s.Items[i]
		switch {
		case o.Status == Waiting:
		case o.Finished != nil && o.OnTime >= o.Item.Work()-eps:
			o.Status, o.OnTime = OnTime, o.Item.Work()
		case o.Finished != nil:
			o.Status = Late
		case o.Due > end:
			o.Status = Open
		default:
			o.Status = Missed
		}
	}
	return s
}

// release sets item i released at t, with its deadline counted from then.
func (s *Schedule) release(i int, t wfm.WallTime, cal *wfm.Calendar) {
	o := &s.Items[i]
	o.Released, o.Due, o.Status = t, o.Item.Deadline(cal, t), ""
}

// insertByRelease inserts item i into the part of ready from next on, kept in release order.
func insertByRelease(ready []int, next, i int, items []Outcome) []int {
	k := next
	for k < len(ready) && items[ready[k]].Released <= items[i].Released {
		k++
	}
	return slices.Insert(ready, k, i)
}
