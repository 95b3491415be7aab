package solver

import "slices"

// underLowerBound is a lower bound on the under-coverage of any roster, in agent-intervals, that
// costs no search (a solve reports the larger of it and the Lagrangian bound of lagrange.go): the
// larger of
//
//   - the volume bound: Σ_t r_t minus the most agent-intervals the agents can be on the phones, each
//     at most its paid minutes allow (maxPaid) at the best phone share of any template it may work
//     (phone intervals per paid minute, after breaks and pre-shift), and
//   - the availability bound: Σ_t max(0, r_t − n_t), with n_t the number of agents, free on the
//     day, whose group allows a template covering t (suspended agents excluded).
//
// It ignores rest and run rules, so the true optimum can be higher; the gap between a roster's
// under-coverage and this bound is an upper bound on how far the roster is from the best possible.
// It takes time linear in agents·days (plus templates·days·intervals), so it never holds up a
// solve that ends at its deadline.
func underLowerBound(m *model) float64 {
	if m.req == nil {
		return 0
	}
	need := 0.0
	for _, r := range m.req {
		need += float64(r) / milli
	}
	phone := make([]int, m.S) // the most phone intervals of any break placement, per template
	for s := range m.shifts {
		for _, o := range m.shifts[s].breakOptions {
			phone[s] = max(phone[s], len(o.phone))
		}
	}
	capacity := 0.0
	for a, ai := range m.agents {
		if ai.suspends {
			continue
		}
		best := 0.0
		for _, s := range ai.allowed {
			best = max(best, float64(phone[s])/m.paid(a, int(s)))
		}
		capacity += ai.maxPaid * best * float64(ai.weight) / milli
	}
	volume := need - capacity

	avail := m.availability()
	availability := 0.0
	for t, r := range m.req[:m.T] {
		if s := float64(r)/milli - avail[t] - float64(m.baseOn[t])/milli; s > 0 {
			availability += s
		}
	}
	return max(volume, availability, 0)
}

// availability is, per interval t, the agents (by phone weight; suspended agents excluded) free
// on t's day, or fixed to a template covering t, whose group allows a template covering t. Agents
// with the same templates are summed per day first, then spread over the intervals those
// templates cover, so the cost is agents·days plus template sets·days·intervals.
func (m *model) availability() []float64 {
	type templates struct {
		allowed []int16
		free    []int64 // per day: milli-agents free that day
	}
	var sets []*templates
	fixed := make([]int64, m.S*m.D) // per template and day: milli-agents fixed to it
	for a, ai := range m.agents {
		if ai.suspends {
			continue
		}
		k := slices.IndexFunc(sets, func(ts *templates) bool { return slices.Equal(ts.allowed, ai.allowed) })
		if k < 0 {
			k = len(sets)
			sets = append(sets, &templates{allowed: ai.allowed, free: make([]int64, m.D)})
		}
		for d := range m.D {
			switch f := m.fixed[a*m.D+d]; {
			case f == free:
				sets[k].free[d] += int64(ai.weight)
			case f >= 0 && slices.Contains(ai.allowed, f):
				fixed[int(f)*m.D+d] += int64(ai.weight)
			}
		}
	}
	sum := make([]int64, m.T)
	spread := func(d int, covered []bool, w int64) {
		if w == 0 {
			return
		}
		for o, c := range covered {
			if t := d*m.P + o; c && t < m.T {
				sum[t] += w
			}
		}
	}
	reach := 0
	for _, sh := range m.shifts {
		reach = max(reach, sh.first+sh.n)
	}
	covered := make([]bool, reach) // per interval from the start of a day (into the next): covered
	mark := func(s int) {
		sh := &m.shifts[s]
		for k := range sh.n {
			covered[sh.first+k] = true
		}
	}
	for _, ts := range sets {
		clear(covered)
		for _, s := range ts.allowed {
			mark(int(s))
		}
		for d, w := range ts.free {
			spread(d, covered, w)
		}
	}
	for s := range m.S {
		clear(covered)
		mark(s)
		for d := range m.D {
			spread(d, covered, fixed[s*m.D+d])
		}
	}
	avail := make([]float64, m.T)
	for t, n := range sum {
		avail[t] = float64(n) / milli
	}
	return avail
}
