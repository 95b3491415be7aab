package solver

// underLowerBound is a lower bound on the under-coverage of any roster, in agent-intervals: the
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
func underLowerBound(m *model) float64 {
	if m.req == nil {
		return 0
	}
	need := 0.0
	for _, r := range m.req {
		need += float64(r) / milli
	}
	capacity := 0.0
	for a, ai := range m.agents {
		if ai.suspends {
			continue
		}
		best := 0.0
		for _, s := range ai.allowed {
			sh := &m.shifts[s]
			phone := 0
			for _, o := range sh.breakOptions {
				phone = max(phone, len(o.phone))
			}
			best = max(best, float64(phone)/m.paid(a, int(s)))
		}
		capacity += ai.maxPaid * best * float64(ai.weight) / milli
	}
	volume := need - capacity

	avail := make([]float64, m.T)
	for a, ai := range m.agents {
		if ai.suspends {
			continue
		}
		for d := range m.D {
			f := m.fixed[a*m.D+d]
			if f == off {
				continue
			}
			covered := map[int]bool{}
			for _, s := range ai.allowed {
				if f >= 0 && int(s) != int(f) {
					continue
				}
				sh := &m.shifts[s]
				for k := range sh.n {
					if t := d*m.P + sh.first + k; t < m.T && !covered[t] {
						covered[t] = true
						avail[t] += float64(ai.weight) / milli
					}
				}
			}
		}
	}
	availability := 0.0
	for t, r := range m.req {
		if s := float64(r)/milli - avail[t] - float64(m.baseOn[t])/milli; s > 0 {
			availability += s
		}
	}
	return max(volume, availability, 0)
}
