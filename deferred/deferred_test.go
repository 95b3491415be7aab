package deferred

import (
	"math"
	"testing"

	"wfm"
)

var tue = wfm.DateOf(2026, 12, 1) // a Tuesday

func at(d wfm.Date, hh, mm int) wfm.WallTime { return wfm.WallTimeOf(d, hh*60+mm) }

// hourly is a capacity of days hourly intervals from start with idle agents and Minnan speakers
// among them set by the functions of the interval.
func hourly(start wfm.Date, days int, idle, minnan func(t int) int) *Capacity {
	g := wfm.Grid{Start: start, Days: days, Step: 60}
	c := &Capacity{Grid: g, Answering: make([]int, g.Len()), Need: make([]int, g.Len()), Idle: make([]int, g.Len()), Minnan: make([]int, g.Len())}
	for t := range g.Len() {
		c.Idle[t], c.Minnan[t] = idle(t), minnan(t)
		c.Answering[t] = 5 + c.Idle[t]
		c.Need[t] = 5
	}
	return c
}

// atTen is one idle agent at 10:00 every day, a Minnan speaker when minnan.
func atTen(minnan int) (func(int) int, func(int) int) {
	return func(t int) int {
			if t%24 == 10 {
				return 1
			}
			return 0
		}, func(t int) int {
			if t%24 == 10 {
				return minnan
			}
			return 0
		}
}

func TestIdleCapacity(t *testing.T) {
	g := wfm.Grid{Start: tue, Days: 1, Step: 720}
	d := &wfm.Demand{Grid: g, Agents: []int{10, 1}, Minnan: []int{2, 0}, Leaders: []int{1, 1}, Shrinkage: 0.1}
	cov := &wfm.Coverage{Grid: g, OnPhones: []float64{14, 1}, MinnanOnPhones: []float64{5, 1}}
	c, err := IdleCapacity(d, cov)
	if err != nil {
		t.Fatal(err)
	}
	// ⌊14·0.9⌋ = 12 answering, ⌊10·0.9⌋ = 9 needed: 3 idle, of them ⌊(5−2)·0.9⌋ = 2 speakers.
	// One agent on the phones at night answers ⌊0.9⌋ = 0 calls' worth: none idle.
	want := Capacity{Answering: []int{12, 0}, Need: []int{9, 0}, Idle: []int{3, 0}, Minnan: []int{2, 0}}
	for i := range 2 {
		if c.Answering[i] != want.Answering[i] || c.Need[i] != want.Need[i] || c.Idle[i] != want.Idle[i] || c.Minnan[i] != want.Minnan[i] {
			t.Errorf("interval %d: got %d/%d/%d/%d, want %d/%d/%d/%d", i, c.Answering[i], c.Need[i], c.Idle[i], c.Minnan[i],
				want.Answering[i], want.Need[i], want.Idle[i], want.Minnan[i])
		}
	}
	cov.Grid.Start++
	if _, err := IdleCapacity(d, cov); wfm.ErrorKind(err) != wfm.KindInvalid {
		t.Errorf("a coverage on another grid: %v", err)
	}
}

func item(id string, minutes float64, release wfm.WallTime, days int) wfm.DeferredWork {
	return wfm.DeferredWork{ID: id, Kind: wfm.DeferredFollowUp, Minutes: minutes, Release: release, DeadlineDays: days}
}

func finished(t *testing.T, o Outcome, want wfm.WallTime) {
	t.Helper()
	if o.Finished == nil || *o.Finished != want {
		t.Errorf("%s: finished %v, want %s", o.Item.ID, o.Finished, want)
	}
}

// TestEarliestDeadlineFirst: one idle agent at 10:00 on Tuesday, Wednesday and Thursday; three
// hours of work released on Tuesday morning, due on Wednesday, Tuesday and Thursday. Taken in
// the order listed, the one due on Tuesday would miss; by deadline all three are on time, and a
// fourth due on Tuesday misses by its 30 minutes.
func TestEarliestDeadlineFirst(t *testing.T) {
	idle, minnan := atTen(0)
	c := hourly(tue, 3, idle, minnan)
	items := []wfm.DeferredWork{
		item("X", 60, at(tue, 9, 0), 1), item("Y", 60, at(tue, 9, 0), 0), item("Z", 60, at(tue, 9, 0), 2),
		item("W", 30, at(tue, 9, 30), 0),
	}
	s := Place(items, wfm.NewCalendar(nil), c)
	finished(t, s.Items[0], at(tue+1, 10, 0))
	finished(t, s.Items[1], at(tue, 10, 0))
	finished(t, s.Items[2], at(tue+2, 10, 0))
	for i, want := range []string{OnTime, OnTime, OnTime, Missed} {
		if s.Items[i].Status != want {
			t.Errorf("%s: %s, want %s", items[i].ID, s.Items[i].Status, want)
		}
	}
	tot := s.Totals()
	if tot.ItemsDue != 4 || tot.ItemsOnTime != 3 || tot.Missing != 30 || tot.Used != 180 || tot.Idle != 180 {
		t.Errorf("totals %+v", tot)
	}
	days := s.Days()
	if days[0].Due != 90 || days[0].Missing != 30 || days[0].OnTime != 60 || days[0].Released != 210 || days[1].Due != 60 {
		t.Errorf("days %+v", days)
	}
}

// TestFollowerReleasedWhenDone: a call back follows its follow-up and is released at the end of
// the interval that finishes it, its deadline counted from then.
func TestFollowerReleasedWhenDone(t *testing.T) {
	idle, minnan := atTen(0)
	c := hourly(tue, 3, idle, minnan)
	cb := wfm.DeferredWork{ID: "CB", Kind: wfm.DeferredCallBack, Minutes: 5, Release: at(tue, 9, 0), DeadlineDays: 1, After: "F"}
	never := wfm.DeferredWork{ID: "N", Kind: wfm.DeferredCallBack, Minutes: 5, Release: at(tue, 9, 0), DeadlineDays: 1, After: "BIG"}
	items := []wfm.DeferredWork{item("F", 60, at(tue, 9, 0), 0), item("BIG", 600, at(tue, 9, 0), 2), cb, never}
	s := Place(items, wfm.NewCalendar(nil), c)
	o := s.Items[2]
	if o.Released != at(tue, 11, 0) || o.Due != wfm.WallTimeOf(tue+2, 0) || o.Status != OnTime {
		t.Errorf("call back released %s, due %s, %s; want Tuesday 11:00, the end of Wednesday, on time", o.Released, o.Due, o.Status)
	}
	finished(t, o, at(tue+1, 10, 0))
	if s.Items[3].Status != Waiting {
		t.Errorf("the call back of a follow-up never done: %s", s.Items[3].Status)
	}
}

// TestMinnanWorkOnSpeakers: two idle agents at 10:00, one a Minnan speaker; 90 minutes of
// Minnan work and 60 of other work due the same day. The Minnan work gets the speaker's hour and
// the rest the other agent's; what is left of it is done late, the next day, by a speaker.
func TestMinnanWorkOnSpeakers(t *testing.T) {
	c := hourly(tue, 2, func(t int) int {
		if t%24 == 10 {
			return 2
		}
		return 0
	}, func(t int) int {
		if t%24 == 10 {
			return 1
		}
		return 0
	})
	m := item("M", 90, at(tue, 9, 0), 0)
	m.Skill = wfm.SkillMinnan
	s := Place([]wfm.DeferredWork{m, item("O", 60, at(tue, 9, 0), 0)}, wfm.NewCalendar(nil), c)
	if o := s.Items[0]; o.Status != Late || o.OnTime != 60 || o.Done != 90 {
		t.Errorf("Minnan work: %+v", o)
	}
	finished(t, s.Items[0], at(tue+1, 10, 0))
	if o := s.Items[1]; o.Status != OnTime {
		t.Errorf("other work: %+v", o)
	}
	if s.Minnan[10] != 60 || s.Used[10] != 120 || s.Minnan[34] != 30 {
		t.Errorf("used %v / Minnan %v at 10:00, %v Minnan the next day", s.Used[10], s.Minnan[10], s.Minnan[34])
	}
}

func TestEffect(t *testing.T) {
	g := wfm.Grid{Start: tue, Days: 1, Step: 720}
	d := &wfm.Demand{Grid: g, Agents: []int{20, 20}, Minnan: []int{0, 0}, Leaders: []int{1, 1},
		Calls: []float64{1000, 1000}, AHT: []float64{300, 300}, Shrinkage: 0.1}
	cov := &wfm.Coverage{Grid: g, OnPhones: []float64{30, 30}, MinnanOnPhones: []float64{0, 0}}
	c, err := IdleCapacity(d, cov)
	if err != nil {
		t.Fatal(err)
	}
	none := Place(nil, wfm.NewCalendar(nil), c).Effect(d)
	if none.Without != none.With || math.IsNaN(none.Without) || !math.IsNaN(none.Lowest) {
		t.Errorf("without work: %+v", none)
	}
	work := Place([]wfm.DeferredWork{item("A", 720*5, at(tue, 0, 0), 0)}, wfm.NewCalendar(nil), c)
	e := work.Effect(d)
	if !(e.With < e.Without) || e.Without != none.Without || math.IsNaN(e.Lowest) {
		t.Errorf("with five agents off the phones in one interval: %+v", e)
	}
	// Nine agents are idle in each half of the day; the work, five agents' half day due by its end,
	// is spread over both halves (⌊0.35·9⌋ = 3 agents at most in each) rather than taking five
	// of the first, and the service level loses less.
	if work.Pulled(0) != 3 || work.Pulled(1) != 2 || work.Share != 0.35 {
		t.Errorf("pulled %d, %d with a share of %g", work.Pulled(0), work.Pulled(1), work.Share)
	}
	greedy := placeWithin([]wfm.DeferredWork{item("A", 720*5, at(tue, 0, 0), 0)}, wfm.NewCalendar(nil), c, 1)
	if g := greedy.Effect(d); greedy.Pulled(0) != 5 || !(g.With < e.With) {
		t.Errorf("all the idle agents allowed: %d pulled, service level %v; spread: %v", greedy.Pulled(0), g.With, e.With)
	}
}

// TestRaise: work that misses raises the demand in its window, where the roster has people and
// the load is lowest, by the missing minutes over the interval, grossed up by the shrinkage.
func TestRaise(t *testing.T) {
	g := wfm.Grid{Start: tue, Days: 2, Step: 60}
	n := g.Len()
	d := &wfm.Demand{Grid: g, Agents: make([]int, n), Minnan: make([]int, n), Leaders: make([]int, n), Shrinkage: 0.5}
	cov := &wfm.Coverage{Grid: g, OnPhones: make([]float64, n), MinnanOnPhones: make([]float64, n)}
	for i := range n {
		d.Agents[i] = 10
		cov.OnPhones[i] = 2 // nights: hardly anyone
		if h := i % 24; h >= 8 && h < 20 {
			cov.OnPhones[i] = 10
			if h == 15 {
				d.Agents[i] = 4 // the quietest hour of the day
			}
		}
		cov.MinnanOnPhones[i] = 1
	}
	c, err := IdleCapacity(d, cov)
	if err != nil {
		t.Fatal(err)
	}
	m := item("M", 90, at(tue, 12, 0), 0)
	m.Skill = wfm.SkillMinnan
	// Other work placed at 15:00, the only interval with idle agents: one agent, kept by two
	// rostered at shrinkage 0.5.
	s := Place([]wfm.DeferredWork{m, item("O", 60, at(tue, 14, 30), 0)}, wfm.NewCalendar(nil), c)
	if s.Pulled(15) != 1 {
		t.Fatalf("the other work took %d agents at 15:00", s.Pulled(15))
	}
	raised, add := Raise(d, cov, s)
	if add == nil {
		t.Fatal("nothing raised")
	}
	// 90 minutes missing: 2 agent-intervals, 4 rostered at shrinkage 0.5, all on Tuesday between
	// 12:00 and 20:00 where the day's people are; the quietest hour first.
	total, perDay := add.Hours()
	if total != 4 || perDay[0] != 4 {
		t.Errorf("added %g h, per day %v", total, perDay)
	}
	if add.Agents[15] == 0 || add.Minnan[15] != add.Agents[15] {
		t.Errorf("the quietest hour got %d agents, %d speakers", add.Agents[15], add.Minnan[15])
	}
	for i := range n {
		if add.Agents[i] > 0 && (i < 12 || i >= 20) {
			t.Errorf("added at interval %d, outside the window or where the roster has nobody", i)
		}
		// Where work is added it comes on top of the agents the roster has; elsewhere the
		// requirement stays (nothing was placed to keep).
		want := d.Agents[i]
		if add.Agents[i] > 0 {
			want = int(cov.OnPhones[i]) + add.Agents[i]
		}
		kept := 0
		if i == 15 {
			kept = 2
		}
		if raised.Agents[i] != want || add.Kept[i] != kept {
			t.Errorf("interval %d: raised to %d, want %d", i, raised.Agents[i], want)
		}
	}
	if _, none := Raise(d, cov, Place(nil, wfm.NewCalendar(nil), c)); none != nil {
		t.Error("raised with nothing missing")
	}
}
