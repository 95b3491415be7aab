package gen

import (
	"math/rand/v2"

	"wfm"
)

// Work patterns of the week before the horizon.
const (
	dayOn   = 5 // day staff work five days in seven
	nightOn = 4 // night staff four nights in seven (four 10-hour nights fill the 48-hour week)
)

// makeHistory writes the last wfm.HistoryDays days of the previous roster as Fixed entries before
// the horizon: the night group on N22 four nights in seven, the other staff on one day template
// five days in seven, phases spread so every day is staffed alike, trainees with their mentors,
// suspended agents not at all. It matters for the first morning, which only the night shift of the
// day before can cover (R1), and for the rest rules across the start (R21: runs of at most five or
// four days and the same template daily, so every agent can carry on or rest on the first day).
// History counts for no hours, so R3 is unaffected.
func makeHistory(p *wfm.Problem, rng *rand.Rand) []wfm.Fixed {
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
	var dayShifts []string
	nightShift := ""
	for _, s := range p.Shifts {
		if s.IsNight(p.Rules) {
			nightShift = s.ID
		} else {
			dayShifts = append(dayShifts, s.ID)
		}
	}
	const days = wfm.HistoryDays
	worked := make(map[int][]string, len(p.Agents)) // agent → shift per history day ("" off)
	// spread gives the agents of pool, in random order, phases spread evenly over the week, the
	// whole set turned so that the day before the horizon has the most of them at work (the night
	// shift of that day covers the first morning).
	spread := func(pool []int, on int, shift func() string) {
		m := len(pool)
		if m == 0 {
			return
		}
		order := rng.Perm(m)
		phase := func(j, turn int) int { return (j*7/m + turn) % 7 }
		best, bestCount := 0, -1
		for turn := range 7 {
			c := 0
			for j := range m {
				if (days-1+phase(j, turn))%7 < on {
					c++
				}
			}
			if c > bestCount {
				best, bestCount = turn, c
			}
		}
		for j, k := range order {
			s := shift()
			w := make([]string, days)
			for h := range days {
				if (h+phase(j, best))%7 < on {
					w[h] = s
				}
			}
			worked[pool[k]] = w
		}
	}
	spread(nightLeaders, nightOn, func() string { return nightShift })
	spread(night, nightOn, func() string { return nightShift })
	spread(day, dayOn, func() string { return dayShifts[rng.IntN(len(dayShifts))] })

	ids := make(map[string]int, len(p.Agents))
	for i, a := range p.Agents {
		ids[a.ID] = i
	}
	out := make([]wfm.Fixed, 0, dayOn*len(p.Agents))
	for h := range days {
		for i, a := range p.Agents {
			w := worked[i]
			if a.Has(wfm.RoleTrainee) {
				w = worked[ids[a.Mentor]]
			}
			if w != nil && w[h] != "" {
				out = append(out, wfm.Fixed{Agent: a.ID, Date: p.Horizon.Start.AddDays(h - days), Shift: w[h]})
			}
		}
	}
	return out
}
