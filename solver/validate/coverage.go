package validate

import "wfm"

// counts are the agents on the phones per interval of the horizon and of the first hours after it
// that the objective counts (wfm.EdgeIntervals), as integers so that the sum does not depend on the
// order agents are added in.
type counts struct {
	grid    wfm.Grid
	demand  *wfm.Demand
	factor  float64 // a trainee's share of an agent
	full    []int32 // non-trainees on the phones
	trainee []int32 // trainees on the phones
	mFull   []int32 // Minnan-speaking non-trainees
	mTrain  []int32 // Minnan-speaking trainees
	leaders []int32
}

func (n *counts) on(t int) float64     { return float64(n.full[t]) + n.factor*float64(n.trainee[t]) }
func (n *counts) minnan(t int) float64 { return float64(n.mFull[t]) + n.factor*float64(n.mTrain[t]) }

// coverage counts, per interval of the horizon, the agents on the phones: working a shift whose span
// covers the whole interval with no break and no session it attends (R15) overlapping it. History
// shifts (before the horizon, no breaks) count for the intervals they reach; suspended agents
// never count. It returns nil when the problem has no interval demand.
func (c *checker) coverage() *counts {
	if c.p.Demand == nil || c.step == 0 {
		return nil
	}
	g := c.p.Horizon.Grid()
	n := g.Len() + c.p.EdgeIntervals()
	cov := &counts{grid: g, demand: c.p.Demand, factor: c.rules.TraineeFactor,
		full: make([]int32, n), trainee: make([]int32, n), mFull: make([]int32, n), mTrain: make([]int32, n),
		leaders: make([]int32, n)}
	blocked := make([]bool, g.PerDay()+1)
	for a := range c.agents {
		info := &c.agents[a]
		if info.suspended {
			continue
		}
		for k := -wfm.HistoryDays; k < 0; k++ {
			if t := c.hist(a, k); t >= 0 {
				cov.addShift(info, k, c.shifts[t], nil, blocked)
			}
		}
		for k, x := range c.row(a) {
			if x.worked() {
				cov.addShift(info, k, c.shifts[x.shift], c.offPhones(a, k, x.breaks), blocked)
			}
		}
	}
	return cov
}

// addShift puts agent info on the phones for the intervals that template s worked on horizon day k
// covers, less those its breaks or its unpaid span overlap. blocked is scratch space of at least a
// day's intervals.
func (n *counts) addShift(info *agentInfo, k int, s wfm.ShiftTemplate, breaks []wfm.Break, blocked []bool) {
	step, size := n.grid.Step, len(n.full)
	s0 := k*wfm.MinutesPerDay + int(s.Start)
	lo := max(ceilDiv(s0, step), 0)               // first interval starting at or after the shift's start
	hi := min(floorDiv(s0+s.Minutes, step), size) // intervals ending at or before the shift's end
	hi = min(hi, lo+len(blocked))                 // a template lasts at most a day
	if lo >= hi {
		return
	}
	mark := blocked[:hi-lo]
	clear(mark)
	for _, b := range breaks {
		b0 := k*wfm.MinutesPerDay + int(b.Start)
		b1 := b0 + b.Minutes
		if b1 <= b0 {
			continue
		}
		for t := max(floorDiv(b0, step), lo); t < min(ceilDiv(b1, step), hi); t++ {
			mark[t-lo] = true
		}
	}
	for t := lo; t < hi; t++ {
		if from := t*step - k*wfm.MinutesPerDay; mark[t-lo] || s.Away(from, from+step) {
			continue
		}
		if info.trainee {
			n.trainee[t]++
			if info.minnan {
				n.mTrain[t]++
			}
		} else {
			n.full[t]++
			if info.minnan {
				n.mFull[t]++
			}
		}
		if info.leader {
			n.leaders[t]++
		}
	}
}

// export returns the coverage of the horizon as the roster reports it.
func (n *counts) export() *wfm.Coverage {
	if n == nil {
		return nil
	}
	size := n.grid.Len()
	out := &wfm.Coverage{Grid: n.grid,
		Required: fit(n.demand.Agents, size), OnPhones: make([]float64, size),
		MinnanRequired: fit(n.demand.Minnan, size), MinnanOnPhones: make([]float64, size),
		LeadersRequired: fit(n.demand.Leaders, size), LeadersOnDuty: make([]int, size)}
	for t := range size {
		out.OnPhones[t] = n.on(t)
		out.MinnanOnPhones[t] = n.minnan(t)
		out.LeadersOnDuty[t] = int(n.leaders[t])
	}
	return out
}

// fit copies v to length size, padding with zeros (a validated demand already has that length).
func fit(v []int, size int) []int {
	out := make([]int, size)
	copy(out, v)
	return out
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func ceilDiv(a, b int) int { return -floorDiv(-a, b) }
