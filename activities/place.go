package activities

import (
	"cmp"
	"fmt"
	"slices"

	"wfm"
)

// Strategy is how a session's slot is chosen among those that hold the largest group.
type Strategy int

// The strategies.
const (
	LeastCost Strategy = iota // the least added coverage cost Δ
	Busiest                   // the most agents required: the busiest hour, for comparison
)

// Placement is the sessions placed and the attendees left out.
type Placement struct {
	Sessions []wfm.Session
	// Cost is Δ of each session (see the package documentation), in the order of Sessions.
	Cost     []float64
	Unplaced []wfm.Unplaced
}

// Total is the sum of the sessions' costs: the change in the objective the placement makes.
func (pl *Placement) Total() float64 {
	s := 0.0
	for _, c := range pl.Cost {
		s += c
	}
	return s
}

// span is a stretch of minutes [from, to) since the start of the horizon's first day.
type span struct{ from, to int }

func (s span) overlaps(o span) bool { return s.from < o.to && o.from < s.to }

type placer struct {
	p      *wfm.Problem
	how    Strategy
	start  wfm.Date
	days   int
	step   int
	shift  map[string]wfm.ShiftTemplate
	rows   [][]wfm.DaySchedule // per problem agent; nil when the roster has no schedule for it
	booked [][]span            // per agent, the sessions it attends
	rooms  []wfm.Room
	busy   [][]span // per room, its sessions
	cov    *coverage
	out    Placement
}

// Place places the sessions of the activities of problem p into roster r, which must be a roster
// of p with its coverage (the roster's objective and coverage are left as they are).
func Place(p *wfm.Problem, r *wfm.Roster, how Strategy) (*Placement, error) {
	if r == nil {
		return nil, &wfm.Error{Kind: wfm.KindInvalid, Rule: "R15", Message: "placing activities needs a roster"}
	}
	cov, err := newCoverage(p, r.Coverage)
	if err != nil {
		return nil, err
	}
	pl := &placer{p: p, how: how, start: p.Horizon.Start, days: p.Horizon.Days, step: p.Horizon.IntervalMinutes,
		shift: map[string]wfm.ShiftTemplate{}, rows: make([][]wfm.DaySchedule, len(p.Agents)),
		booked: make([][]span, len(p.Agents)), cov: cov}
	for _, s := range p.Shifts {
		pl.shift[s.ID] = s
	}
	ix := map[string]int{}
	for i, a := range p.Agents {
		ix[a.ID] = i
	}
	for _, s := range r.Schedules {
		if a, ok := ix[s.Agent]; ok && len(s.Days) == pl.days {
			pl.rows[a] = s.Days
		}
	}
	pl.rooms = slices.Clone(p.RoomsOf())
	slices.SortStableFunc(pl.rooms, func(x, y wfm.Room) int { // own rooms first, then the smallest
		if x.Own != y.Own {
			if x.Own {
				return -1
			}
			return 1
		}
		return cmp.Compare(x.Seats(), y.Seats())
	})
	pl.busy = make([][]span, len(pl.rooms))
	for i := range p.Activities {
		act := &p.Activities[i]
		who := pl.attendees(act, ix)
		for o, w := range act.Occurrences() {
			pl.occurrence(act, o, w, who)
		}
	}
	out := &pl.out
	order := make([]int, len(out.Sessions))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := &out.Sessions[i], &out.Sessions[j]
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Start, b.Start), cmp.Compare(a.Activity, b.Activity))
	})
	sorted := &Placement{Unplaced: out.Unplaced}
	for _, i := range order {
		sorted.Sessions = append(sorted.Sessions, out.Sessions[i])
		sorted.Cost = append(sorted.Cost, out.Cost[i])
	}
	return sorted, nil
}

// attendees returns the agents of an activity: those it names, or Count drawn (see the package
// documentation).
func (pl *placer) attendees(act *wfm.Activity, ix map[string]int) []int {
	var who []int
	if len(act.Agents) > 0 {
		for _, id := range act.Agents {
			who = append(who, ix[id])
		}
		return who
	}
	// free[a]: the slots (day of the window, start) whose span agent a's shift holds clear of
	// its breaks.
	k0, k1 := int(act.From-pl.start), int(act.To-pl.start)
	starts := (2*wfm.MinutesPerDay-act.Minutes)/pl.step + 1
	free := map[int][]bool{}
	var pool []int
	for a := range pl.p.Agents {
		if !act.Eligible(&pl.p.Agents[a]) || pl.rows[a] == nil {
			continue
		}
		v := make([]bool, (k1-k0+1)*starts)
		for k := k0; k <= k1; k++ {
			for i := range starts {
				v[(k-k0)*starts+i] = pl.fits(a, k, i*pl.step, act.Minutes)
			}
		}
		free[a] = v
		pool = append(pool, a)
	}
	// Greedy: first the agent free in the most slots, then each time the one free in the slots
	// where the most of those drawn are free (Σ_slot free·drawn), ties in the problem's order.
	drawn := make([]int, (k1-k0+1)*starts)
	for len(who) < act.Count && len(pool) > 0 {
		best, bestScore := -1, -1
		for j, a := range pool {
			score := 0
			for i, ok := range free[a] {
				if ok {
					score += 1 + (len(drawn)+1)*drawn[i] // Σ drawn first, then the slots
				}
			}
			if score > bestScore {
				best, bestScore = j, score
			}
		}
		a := pool[best]
		who = append(who, a)
		pool = slices.Delete(pool, best, best+1)
		for i, ok := range free[a] {
			if ok {
				drawn[i]++
			}
		}
	}
	return who
}

// fits reports whether agent a works a shift on day k whose span holds [s, s+m) clear of its
// breaks, and the session ends by the horizon's end (the first hours after it count in the
// objective, wfm.EdgeIntervals, but belong to the next period's plan).
func (pl *placer) fits(a, k, s, m int) bool {
	row := pl.rows[a]
	if row == nil || !row[k].Working() || k*wfm.MinutesPerDay+s+m > pl.cov.grid.Days*wfm.MinutesPerDay {
		return false
	}
	sh := pl.shift[row[k].Shift]
	if s < int(sh.Start) || s+m > int(sh.End()) {
		return false
	}
	for _, b := range row[k].Breaks {
		if s < int(b.Start)+b.Minutes && int(b.Start) < s+m {
			return false
		}
	}
	return true
}

// free reports whether agent a may attend [s, s+m) on day k: it fits a's shift and a attends no
// session then.
func (pl *placer) free(a, k, s, m int) bool {
	if !pl.fits(a, k, s, m) {
		return false
	}
	at := span{k*wfm.MinutesPerDay + s, k*wfm.MinutesPerDay + s + m}
	for _, b := range pl.booked[a] {
		if b.overlaps(at) {
			return false
		}
	}
	return true
}

// onPhones reports whether agent a, working on day k, is on the phones in interval t now.
func (pl *placer) onPhones(a, k, t int) bool {
	d := pl.rows[a][k]
	sh := pl.shift[d.Shift]
	iv := span{t * pl.step, (t + 1) * pl.step}
	base := k * wfm.MinutesPerDay
	if iv.from < base+int(sh.Start) || iv.to > base+int(sh.End()) {
		return false
	}
	for _, b := range d.Breaks {
		if iv.overlaps(span{base + int(b.Start), base + int(b.Start) + b.Minutes}) {
			return false
		}
	}
	for _, b := range pl.booked[a] {
		if iv.overlaps(b) {
			return false
		}
	}
	return true
}

// slot is a candidate session.
type slot struct {
	k, s  int
	group []int
	room  int
	ts    []int
	x     []off
	score float64
}

// occurrence places occurrence o (window w) of act for the attendees who.
func (pl *placer) occurrence(act *wfm.Activity, o int, w [2]wfm.Date, who []int) {
	k0, k1 := int(w[0]-pl.start), int(w[1]-pl.start)
	m := act.Minutes
	last := 2*wfm.MinutesPerDay - m // a night shift runs into the next day
	// hardness: each attendee's slots that fit its shifts; the fewest go first.
	hard := map[int]int{}
	for _, a := range who {
		for k := k0; k <= k1; k++ {
			for s := 0; s <= last; s += pl.step {
				if pl.fits(a, k, s, m) {
					hard[a]++
				}
			}
		}
	}
	left := slices.Clone(who)
	slices.SortStableFunc(left, func(x, y int) int { return cmp.Compare(hard[x], hard[y]) })
	for len(left) > 0 {
		var best *slot
		for k := k0; k <= k1; k++ {
			for s := 0; s <= last; s += pl.step {
				c := pl.candidate(act, left, k, s)
				if c != nil && (best == nil || len(c.group) > len(best.group) ||
					len(c.group) == len(best.group) && c.score < best.score-eps) {
					best = c
				}
			}
		}
		if best == nil {
			break
		}
		pl.commit(act, o, best)
		left = slices.DeleteFunc(left, func(a int) bool { return slices.Contains(best.group, a) })
	}
	for _, a := range left {
		pl.out.Unplaced = append(pl.out.Unplaced, wfm.Unplaced{Activity: act.ID, Occurrence: o,
			Agent: pl.p.Agents[a].ID, Reason: pl.reason(a, k0, k1, m)})
	}
}

// candidate is the session at start s of day k: the largest group of free attendees from left
// (in their order) that a free room takes, with its score; nil when none.
func (pl *placer) candidate(act *wfm.Activity, left []int, k, s int) *slot {
	m := act.Minutes
	var group []int
	for _, a := range left {
		if len(group) < act.GroupLimit() && pl.free(a, k, s, m) {
			group = append(group, a)
		}
	}
	if len(group) == 0 {
		return nil
	}
	at := span{k*wfm.MinutesPerDay + s, k*wfm.MinutesPerDay + s + m}
	room := -1
	for n := len(group); n > 0 && room < 0; n-- {
		for i := range pl.rooms {
			if act.Takes(&pl.rooms[i], n) && !slices.ContainsFunc(pl.busy[i], at.overlaps) {
				room, group = i, group[:n]
				break
			}
		}
	}
	if room < 0 {
		return nil
	}
	c := &slot{k: k, s: s, group: group, room: room}
	for t := max(at.from/pl.step, 0); t < min((at.to+pl.step-1)/pl.step, pl.cov.grid.Len()); t++ {
		var x off
		for _, a := range group {
			if pl.onPhones(a, k, t) {
				x.add(pl.cov, a)
			}
		}
		c.ts, c.x = append(c.ts, t), append(c.x, x)
	}
	if pl.how == Busiest {
		need := 0
		for _, t := range c.ts {
			need += pl.cov.need[t]
		}
		c.score = -float64(need) / float64(max(1, len(c.ts)))
	} else {
		c.score = pl.cov.delta(c.ts, c.x)
	}
	return c
}

// commit places slot c as a session of occurrence o of act.
func (pl *placer) commit(act *wfm.Activity, o int, c *slot) {
	cost := pl.cov.delta(c.ts, c.x)
	pl.cov.take(c.ts, c.x)
	at := span{c.k*wfm.MinutesPerDay + c.s, c.k*wfm.MinutesPerDay + c.s + act.Minutes}
	ids := make([]string, len(c.group))
	for i, a := range c.group {
		ids[i] = pl.p.Agents[a].ID
		pl.booked[a] = append(pl.booked[a], at)
	}
	pl.busy[c.room] = append(pl.busy[c.room], at)
	pl.out.Sessions = append(pl.out.Sessions, wfm.Session{Activity: act.ID, Occurrence: o, Date: pl.start.AddDays(c.k),
		Start: wfm.Clock(c.s), Minutes: act.Minutes, Room: pl.rooms[c.room].ID, Attendees: ids})
	pl.out.Cost = append(pl.out.Cost, cost)
}

// reason says why agent a attends no session of an occurrence on days k0..k1 of m minutes.
func (pl *placer) reason(a, k0, k1, m int) string {
	window := fmt.Sprintf("%s to %s", pl.start.AddDays(k0), pl.start.AddDays(k1))
	row := pl.rows[a]
	if row == nil {
		return "has no schedule in the roster"
	}
	leave, works, fits := 0, 0, false
	for k := k0; k <= k1; k++ {
		if row[k].Leave != "" {
			leave++
		}
		if row[k].Working() {
			works++
		}
		for s := 0; s <= 2*wfm.MinutesPerDay-m && !fits; s += pl.step {
			fits = pl.fits(a, k, s, m)
		}
	}
	switch {
	case leave == k1-k0+1:
		return "on leave on every day of the window " + window
	case works == 0:
		return "works no shift in the window " + window
	case !fits:
		return fmt.Sprintf("no shift in the window %s holds %d min clear of its breaks", window, m)
	}
	return fmt.Sprintf("every time its shifts in the window %s allow, it attends another session or no room is free", window)
}
