package solver

// agentCost is the part of the objective that depends on one agent's month alone: the HARD
// measure v (how far the agent's days are from keeping R3, R21 and the per-agent limits) and the
// SOFT penalty (requests, fairness, overtime).
type agentCost struct {
	hard, soft float64
}

// agentTally is what evalAgent counts on the way: the amounts behind the SOFT terms.
type agentTally struct {
	missed                     int     // requests not granted
	missedWeight               float64 // their weight (times the rules' multiplier)
	nights, weekends, holidays int
	overtime                   float64 // minutes
}

// The units of the HARD measure: hours for time limits, days for run limits, one per broken pair
// for rest and rotation. A unit costs the search H (see anneal.go).

// evalAgent scores agent a's days x (template or off per horizon day). scratch must hold at least
// len(m.shifts) + number of weeks ints; it is overwritten.
func (m *model) evalAgent(a int, x []int16, scratch []float64) agentCost {
	c, _ := m.evalAgentTally(a, x, scratch)
	return c
}

// evalAgentTally is evalAgent with the amounts behind the SOFT terms.
func (m *model) evalAgentTally(a int, x []int16, scratch []float64) (agentCost, agentTally) {
	ai := &m.agents[a]
	var c agentCost
	var tl agentTally
	nWeeks := len(m.weekFull)
	weekPaid := scratch[:nWeeks]
	clear(weekPaid)
	perShift := scratch[nWeeks : nWeeks+m.S]
	clear(perShift)

	paid, worked := 0.0, 0.0
	weekendWorked := -1 // index of the last week whose weekend was counted
	weekendsWorked := 0

	run := ai.histRun // current run of worked days
	offRun := 0       // current run of days not worked
	runStart := -1    // first day of the current work run, −1 when it started before the horizon
	if run == 0 {
		runStart = 0
	}
	offStart := 0
	prev := ai.histShift
	prevEnd := ai.histEnd // absolute end of the last worked shift, minutes from horizon start
	for d, v := range x {
		s := int(v)
		if s < 0 {
			if run > 0 {
				if d > 0 { // a run of history alone is not the roster's to judge
					c.hard += m.closeWorkRun(ai, run, runStart, d-1)
				}
				run = 0
				offStart = d
			}
			offRun++
			prev = off
			continue
		}
		if offRun > 0 {
			c.hard += m.closeOffRun(ai, offRun, offStart, d-1)
			offRun = 0
			runStart = d
		}
		run++
		sh := &m.shifts[s]
		p := float64(sh.minutes + ai.preShift)
		paid += p
		worked += p
		weekPaid[m.week[d]] += p
		perShift[s]++
		if sh.night {
			tl.nights++
		}
		if m.weekend[d] {
			tl.weekends++
			if weekendWorked != m.week[d] {
				weekendWorked = m.week[d]
				weekendsWorked++
			}
		}
		if m.holiday[d] {
			tl.holidays++
		}
		// Rest (R21) and rotation against the previous worked day.
		begin := d*1440 + sh.start
		if prev != off {
			if !m.compat[prev*m.S+s] {
				c.hard++
			}
		} else if prevEnd > -1<<30 && begin-prevEnd < m.p.Rules.MinRestMinutes {
			c.hard++
		}
		prev = s
		prevEnd = begin + sh.minutes
	}
	if run > 0 {
		c.hard += m.closeWorkRun(ai, run, runStart, len(x)-1)
	}
	// R3: the period and the weekly band, in hours.
	c.hard += over(paid, ai.maxPaid) / 60
	if ai.maxMinutes >= 0 {
		c.hard += over(worked, ai.maxMinutes) / 60
	}
	if ai.minMinutes >= 0 {
		c.hard += over(ai.minMinutes, worked) / 60
	}
	for w, p := range weekPaid {
		c.hard += over(p, ai.weeklyMax) / 60
		if m.weekFull[w] {
			c.hard += over(ai.weeklyMin, p+ai.leaveMinutesWeek[w]) / 60
		}
	}
	for s, n := range perShift {
		if lim := ai.maxShifts[s]; lim >= 0 && int(n) > lim {
			c.hard += n - float64(lim)
		}
	}
	if ai.maxWeekends >= 0 && weekendsWorked > ai.maxWeekends {
		c.hard += float64(weekendsWorked - ai.maxWeekends)
	}
	// SOFT: requests, fairness, overtime.
	for _, r := range ai.requests {
		s := int(x[r.day])
		hit := s >= 0 && (r.shift < 0 || s == r.shift)
		if hit != r.on {
			tl.missed++
			tl.missedWeight += r.weight
		}
	}
	c.soft += tl.missedWeight + m.w.Nights*float64(tl.nights*tl.nights) +
		m.w.Weekends*float64(tl.weekends*tl.weekends) + m.w.Holidays*float64(tl.holidays*tl.holidays)
	if m.p.Rules.Overtime {
		tl.overtime = over(paid, ai.contractPaid)
		c.soft += m.w.Overtime * tl.overtime / 60
	}
	return c, tl
}

// closeWorkRun measures a finished run of worked days [from, to]: too long for R21, or too short
// when it lies wholly inside the horizon.
func (m *model) closeWorkRun(ai *agentInfo, run, from, to int) float64 {
	v := 0.0
	if run > ai.maxConsec {
		v += float64(run - ai.maxConsec)
	}
	if from > 0 && to < m.D-1 && run < ai.minConsec {
		v += float64(ai.minConsec - run)
	}
	return v
}

// closeOffRun measures a finished run of days not worked [from, to] lying wholly inside the
// horizon when it ends before the last day.
func (m *model) closeOffRun(ai *agentInfo, run, from, to int) float64 {
	if from > 0 && to < m.D-1 && run < ai.minOff {
		return float64(ai.minOff - run)
	}
	return 0
}

func over(v, limit float64) float64 {
	if d := v - limit; d > 1e-9 {
		return d
	}
	return 0
}
