package deferred

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"wfm"
)

// TestScheduleVerifiedIndependently places random work on random capacity and checks the schedule
// from the outside, with its own count of working days: every minute is done in an interval that
// starts at or after the item's release (a call back's: the end of the interval that finished its
// follow-up), no interval holds more than its idle capacity nor Minnan work beyond its speakers',
// the minutes the outcome calls on time are those in intervals that end by the deadline, and the
// status agrees. Without followers the minutes on time are also the most any schedule can do: a
// maximum flow from the items to the intervals of their windows, with the Minnan work through the
// speakers' capacity, is as large (without Minnan work) and the Minnan work alone as large as its
// own maximum flow.
func TestScheduleVerifiedIndependently(t *testing.T) {
	fri := wfm.DateOf(2026, 12, 4)
	cal := wfm.NewCalendar([]wfm.SpecialDay{{Date: fri.AddDays(3), Kind: wfm.Holiday}}) // Monday a holiday
	for seed := range uint64(300) {
		rng := rand.New(rand.NewPCG(seed, 7))
		days := 5
		c := hourly(fri, days, func(int) int { return rng.IntN(4) }, func(int) int { return 0 })
		for i := range c.Minnan {
			c.Minnan[i] = rng.IntN(c.Idle[i] + 1)
		}
		followers := seed%3 == 0
		minnan := seed%2 == 0
		var items []wfm.DeferredWork
		for i := range 4 + rng.IntN(12) {
			w := wfm.DeferredWork{ID: fmt.Sprintf("I%d", i), Kind: wfm.DeferredFollowUp, Minutes: float64(5 + rng.IntN(120)),
				Release: wfm.WallTimeOf(fri.AddDays(rng.IntN(days)), rng.IntN(24*60)), DeadlineDays: rng.IntN(3)}
			if minnan && rng.IntN(3) == 0 {
				w.Skill = wfm.SkillMinnan
			}
			if followers && i > 0 && rng.IntN(3) == 0 {
				w.Kind, w.After = wfm.DeferredCallBack, items[rng.IntN(i)].ID
			}
			items = append(items, w)
		}
		if err := wfm.ValidateDeferred(items); err != nil {
			t.Fatal(err)
		}
		s := Place(items, cal, c)
		verify(t, seed, items, c, s)
		if !followers {
			onTime, minnanOnTime := 0.0, 0.0
			for _, o := range s.Items {
				onTime += o.OnTime
				if o.Item.Minnan() {
					minnanOnTime += o.OnTime
				}
			}
			all, minnanOnly := maxOnTime(items, c, false), maxOnTime(items, c, true)
			if onTime > all+1e-6 || math.Abs(minnanOnTime-minnanOnly) > 1e-6 || (!minnan && math.Abs(onTime-all) > 1e-6) {
				t.Errorf("seed %d: %g minutes on time (%g Minnan); a maximum flow does %g (%g of the Minnan work alone)",
					seed, onTime, minnanOnTime, all, minnanOnly)
			}
		}
	}
}

// dueBy is the end of the n-th working day after the day of release, counted here day by day.
func dueBy(cal *wfm.Calendar, release wfm.WallTime, n int) wfm.WallTime {
	d := release.Date()
	for n > 0 {
		d++
		wd := d.Weekday()
		working := wd != time.Saturday && wd != time.Sunday
		switch cal.Kind(d) {
		case wfm.Holiday:
			working = false
		case wfm.Workday:
			working = true
		}
		if working {
			n--
		}
	}
	return wfm.WallTimeOf(d+1, 0)
}

func verify(t *testing.T, seed uint64, items []wfm.DeferredWork, c *Capacity, s *Schedule) {
	t.Helper()
	g := c.Grid
	start := wfm.WallTimeOf(g.Start, 0)
	begin := func(i int) wfm.WallTime { return start + wfm.WallTime(i*g.Step) }
	used, minnan := make([]float64, g.Len()), make([]float64, g.Len())
	done, onTime := make([]float64, len(items)), make([]float64, len(items))
	last := make([]int, len(items))
	for i := range last {
		last[i] = -1
	}
	for _, a := range s.Assigned {
		used[a.Interval] += a.Minutes
		if items[a.Item].Skill == wfm.SkillMinnan {
			minnan[a.Interval] += a.Minutes
		}
		done[a.Item] += a.Minutes
		last[a.Item] = max(last[a.Item], a.Interval)
	}
	index := map[string]int{}
	release := make([]wfm.WallTime, len(items))
	released := make([]bool, len(items))
	for i, w := range items {
		index[w.ID] = i
		release[i], released[i] = w.Release, true
		if w.After != "" {
			p := index[w.After]
			released[i] = released[p] && done[p] >= items[p].Work()-1e-6
			if released[i] {
				release[i] = max(w.Release, begin(last[p]+1))
			}
		}
	}
	for _, a := range s.Assigned {
		i := a.Item
		if !released[i] || begin(a.Interval) < release[i] {
			t.Errorf("seed %d: %s worked at %s, released %v at %s", seed, items[i].ID, begin(a.Interval), released[i], release[i])
		}
	}
	cal := wfm.NewCalendar([]wfm.SpecialDay{{Date: g.Start.AddDays(3), Kind: wfm.Holiday}})
	for _, a := range s.Assigned {
		i := a.Item
		if begin(a.Interval+1) <= dueBy(cal, release[i], items[i].DeadlineDays) {
			onTime[i] += a.Minutes
		}
	}
	for t2 := range used {
		if used[t2] > float64(c.Idle[t2]*g.Step)+1e-6 || minnan[t2] > float64(c.Minnan[t2]*g.Step)+1e-6 {
			t.Errorf("seed %d: interval %d holds %g minutes (%g Minnan) of idle %d agents (%d speakers)", seed, t2, used[t2], minnan[t2], c.Idle[t2], c.Minnan[t2])
		}
		if math.Abs(used[t2]-s.Used[t2]) > 1e-6 || math.Abs(minnan[t2]-s.Minnan[t2]) > 1e-6 {
			t.Errorf("seed %d: interval %d tallies %g/%g, the assignments %g/%g", seed, t2, s.Used[t2], s.Minnan[t2], used[t2], minnan[t2])
		}
	}
	end := begin(g.Len())
	for i, o := range s.Items {
		w := items[i]
		if done[i] > w.Work()+1e-6 || math.Abs(done[i]-o.Done) > 1e-6 || math.Abs(onTime[i]-o.OnTime) > 1e-6 {
			t.Errorf("seed %d: %s: %g done, %g on time; the outcome says %g, %g", seed, w.ID, done[i], onTime[i], o.Done, o.OnTime)
		}
		var want string
		due := dueBy(cal, release[i], w.DeadlineDays)
		switch {
		case !released[i]:
			want = Waiting
		case onTime[i] >= w.Work()-1e-6:
			want = OnTime
		case done[i] >= w.Work()-1e-6:
			want = Late
		case due > end:
			want = Open
		default:
			want = Missed
		}
		if o.Status != want || (released[i] && (o.Released != release[i] || o.Due != due)) {
			t.Errorf("seed %d: %s: %s released %s due %s; want %s, %s, %s", seed, w.ID, o.Status, o.Released, o.Due, want, release[i], due)
		}
	}
}

// maxOnTime is the most minutes of work (of the Minnan work alone with minnanOnly) any schedule
// does by the deadlines on capacity c: a maximum flow source → item (its minutes) → interval of
// its window (→ the interval's speakers, Minnan·step, for Minnan work) → the interval (Idle·step)
// → sink, in whole minutes (the test's items and intervals are whole minutes).
func maxOnTime(items []wfm.DeferredWork, c *Capacity, minnanOnly bool) float64 {
	g := c.Grid
	n := g.Len()
	cal := wfm.NewCalendar([]wfm.SpecialDay{{Date: g.Start.AddDays(3), Kind: wfm.Holiday}})
	// Nodes: 0 source, 1 sink, items, intervals, interval speakers.
	nodes := 2 + len(items) + 2*n
	capacity := make([][]int, nodes)
	for i := range capacity {
		capacity[i] = make([]int, nodes)
	}
	iv, sp := func(t int) int { return 2 + len(items) + t }, func(t int) int { return 2 + len(items) + n + t }
	start := wfm.WallTimeOf(g.Start, 0)
	for t := range n {
		capacity[iv(t)][1] = c.Idle[t] * g.Step
		capacity[sp(t)][iv(t)] = c.Minnan[t] * g.Step
	}
	for i, w := range items {
		if minnanOnly && !w.Minnan() {
			continue
		}
		capacity[0][2+i] = int(w.Work())
		due := dueBy(cal, w.Release, w.DeadlineDays)
		for t := range n {
			from := start + wfm.WallTime(t*g.Step)
			if from < w.Release || from+wfm.WallTime(g.Step) > due {
				continue
			}
			if w.Minnan() {
				capacity[2+i][sp(t)] = int(w.Work())
			} else {
				capacity[2+i][iv(t)] = int(w.Work())
			}
		}
	}
	flow := 0
	for {
		prev := make([]int, nodes)
		for i := range prev {
			prev[i] = -1
		}
		prev[0] = 0
		queue := []int{0}
		for len(queue) > 0 && prev[1] < 0 {
			u := queue[0]
			queue = queue[1:]
			for v := range nodes {
				if prev[v] < 0 && capacity[u][v] > 0 {
					prev[v] = u
					queue = append(queue, v)
				}
			}
		}
		if prev[1] < 0 {
			return float64(flow)
		}
		push := math.MaxInt
		for v := 1; v != 0; v = prev[v] {
			push = min(push, capacity[prev[v]][v])
		}
		for v := 1; v != 0; v = prev[v] {
			capacity[prev[v]][v] -= push
			capacity[v][prev[v]] += push
		}
		flow += push
	}
}
