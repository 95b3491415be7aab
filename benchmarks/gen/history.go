package gen

import (
	"math/rand/v2"
	"slices"

	"wfm"
)

// Work patterns of the week before the horizon.
const (
	rosterHistoryDays = 7 // the previous roster's last week
	dayOn             = 5 // full-time day staff work five days in seven
	nightOn           = 4 // full-time night staff four nights in seven (four 10-hour nights fill the 48-hour week)
)

// makeHistory writes the last week of the previous roster as Fixed entries before the horizon,
// every day of every agent stated (a shift, or off): each agent works h.pattern shifts in seven
// (full-time night staff four nights, other full-timers five day shifts, part-timers what their
// weekly maximum takes) of one template it may work, phases spread so every day is staffed alike,
// trainees with their mentors, suspended agents not at all. It matters for the first morning,
// which only the night shift of the day before can cover (R1), for the rest and run rules across
// the start (R21: runs of at most five days and the same template daily, so every agent can carry
// on or rest on the first day), and for the ISO week that straddles the start (R3), whose days
// before the horizon it states: it records in h the shifts each agent works on them.
func makeHistory(p *wfm.Problem, h *hours, rng *rand.Rand) []wfm.Fixed {
	var night, nightLeaders, day []int
	for i, a := range p.Agents {
		switch {
		case a.Has(wfm.RoleSuspended) || a.Has(wfm.RoleTrainee):
		case a.Group == wfm.GroupNight && a.Has(wfm.RoleLeader):
			nightLeaders = append(nightLeaders, i)
		case a.Group == wfm.GroupNight:
			night = append(night, i)
		default:
			day = append(day, i)
		}
	}
	worked := make(map[int][]string, len(p.Agents)) // agent → shift per history day ("" off)
	// spread gives the agents of pool, in random order, phases spread evenly over the week, the
	// whole set turned so that the day before the horizon has the most of them at work (the night
	// shift of that day covers the first morning).
	spread := func(pool []int, shift func(a *wfm.Agent) string) {
		m := len(pool)
		if m == 0 {
			return
		}
		order := rng.Perm(m)
		on := func(j int) int { return h.pattern(&p.Agents[pool[order[j]]]) }
		phase := func(j, turn int) int { return (j*7/m + turn) % 7 }
		best, bestCount := 0, -1
		for turn := range 7 {
			c := 0
			for j := range m {
				if (rosterHistoryDays-1+phase(j, turn))%7 < on(j) {
					c++
				}
			}
			if c > bestCount {
				best, bestCount = turn, c
			}
		}
		for j, k := range order {
			s := shift(&p.Agents[pool[k]])
			w := make([]string, rosterHistoryDays)
			for d := range rosterHistoryDays {
				if (d+phase(j, best))%7 < on(j) {
					w[d] = s
				}
			}
			worked[pool[k]] = w
		}
	}
	templates := func(a *wfm.Agent, night bool) []string {
		var out []string
		for _, s := range p.Shifts {
			if s.IsNight(p.Rules) == night && allowed(a.Group, s, p.Rules) && (len(a.Shifts) == 0 || slices.Contains(a.Shifts, s.ID)) {
				out = append(out, s.ID)
			}
		}
		return out
	}
	nightShift := func(a *wfm.Agent) string { return templates(a, true)[0] }
	dayShift := func(a *wfm.Agent) string { ids := templates(a, false); return ids[rng.IntN(len(ids))] }
	spread(nightLeaders, nightShift)
	spread(night, nightShift)
	spread(day, dayShift)

	ids := make(map[string]int, len(p.Agents))
	for i, a := range p.Agents {
		ids[a.ID] = i
	}
	out := make([]wfm.Fixed, 0, rosterHistoryDays*len(p.Agents))
	for d := range rosterHistoryDays {
		for i, a := range p.Agents {
			w := worked[i]
			if a.Has(wfm.RoleTrainee) {
				w = worked[ids[a.Mentor]]
			}
			f := wfm.Fixed{Agent: a.ID, Date: p.Horizon.Start.AddDays(d - rosterHistoryDays), Shift: wfm.Off}
			if w != nil && w[d] != "" {
				f.Shift = w[d]
				if d >= rosterHistoryDays-h.before {
					h.hist0[a.ID]++
				}
			}
			out = append(out, f)
		}
	}
	for _, a := range p.Agents {
		if _, ok := h.hist0[a.ID]; !ok {
			h.hist0[a.ID] = 0
		}
	}
	return out
}
