package solver

// agentCost is the part of the objective that depends on one agent's month alone: the HARD
// measure v (how far the agent's days are from keeping R3, R21 and the per-agent limits) and the
// SOFT penalty (requests, fairness, overtime, roster shape).
type agentCost struct {
	hard, soft float64
}

func (c agentCost) plus(o agentCost) agentCost  { return agentCost{c.hard + o.hard, c.soft + o.soft} }
func (c agentCost) minus(o agentCost) agentCost { return agentCost{c.hard - o.hard, c.soft - o.soft} }

// agentTally is what evalAgent counts on the way: the amounts behind the SOFT terms.
type agentTally struct {
	missed                     int     // requests not granted
	missedWeight               float64 // their weight (times the rules' multiplier)
	nights, weekends, holidays int
	overtime                   float64 // minutes
	// Roster shape (objective.go): pairs changing start beyond the tolerance, their unweighted
	// cost, days missing from blocks of days off, isolated working days, full weekends off missing.
	startChanges                      int
	startCost                         float64
	offMissing, singles, weekendsOwed int
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
	nWeeks := m.W
	weekPaid := scratch[:nWeeks]
	clear(weekPaid)
	perShift := scratch[nWeeks : nWeeks+m.S]
	clear(perShift)

	paid, worked := 0.0, 0.0
	weekendWorked := -1                // index of the last week whose weekend was counted
	weekendsWorked, fullWorked := 0, 0 // weekends worked, and of them those wholly in the horizon

	run, offRun := ai.histRun, ai.histOff // current runs of worked days and of days not worked
	runStart, offStart := -run, -offRun   // their first days, negative in the history
	prev := ai.histShift
	prevEnd := ai.histEnd // absolute end of the last worked shift, minutes from horizon start
	for d, v := range x {
		s := int(v)
		if s < 0 {
			if run > 0 {
				c = c.plus(m.closeWorkRun(ai, run, runStart, d-1))
				tl.singles += m.isolated(ai, run, runStart, d-1)
				run = 0
				offStart = d
			}
			offRun++
			prev = off
			continue
		}
		if offRun > 0 {
			c = c.plus(m.closeOffRun(ai, offRun, offStart, d-1))
			tl.offMissing += m.offMissing(ai, offRun, offStart, d-1)
			offRun = 0
			runStart = d
		}
		run++
		sh := &m.shifts[s]
		p := float64(sh.paid + ai.preShift)
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
				if m.sunday[m.week[d]] >= 0 {
					fullWorked++
				}
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
			if sc := m.startCost[prev*m.S+s]; sc > 0 {
				tl.startChanges++
				tl.startCost += sc
			}
		} else if prevEnd > -1<<30 && begin-prevEnd < m.p.Rules.MinRestMinutes {
			c.hard++
		}
		prev = s
		prevEnd = begin + sh.minutes
	}
	if run > 0 {
		c = c.plus(m.closeWorkRun(ai, run, runStart, len(x)-1))
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
		c.hard += m.weekBand(ai, w, p)
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
	tl.weekendsOwed = m.weekendsOwed(fullWorked)
	c.soft += m.w.StartChange*tl.startCost + m.w.WeekendsOff*float64(tl.weekendsOwed)
	if m.p.Rules.Overtime {
		tl.overtime = over(paid, ai.contractPaid)
		c.soft += m.w.Overtime * tl.overtime / 60
	}
	return c, tl
}

// weekBand is the weekly band's penalty (R3), in hours, of agent ai paid p minutes in week w by the
// roster: with what the week holds besides (leave, history shifts), over the maximum (which
// binds paid time only: weekMax counts the week's leave back in), or under the minimum pro rata
// over the week's known days.
func (m *model) weekBand(ai *agentInfo, w int, p float64) float64 {
	total := p + ai.weekBase[w]
	return (over(total, ai.weekMax[w]) + over(ai.weekMin[w], total)) / 60
}

// closeWorkRun measures a finished run of run worked days from day from (negative in the history)
// to day to: HARD, the days of the horizon beyond MaxConsecutiveDays (history days beyond it are
// not the roster's doing) and the shortfall against MinConsecutiveDays (shortfall); SOFT, an
// isolated working day (TermSingleDay).
func (m *model) closeWorkRun(ai *agentInfo, run, from, to int) agentCost {
	v := 0.0
	if long := run - ai.maxConsec; long > 0 {
		v += float64(min(long, to-max(from, 0)+1))
	}
	return agentCost{hard: v + m.shortfall(ai, true, run, from, to),
		soft: m.w.SingleDay * float64(m.isolated(ai, run, from, to))}
}

// closeOffRun measures a finished run of run days not worked from day from to day to: HARD, its
// shortfall against MinConsecutiveDaysOff; SOFT, the days it lacks of a block (TermDaysOffBlock).
func (m *model) closeOffRun(ai *agentInfo, run, from, to int) agentCost {
	return agentCost{hard: m.shortfall(ai, false, run, from, to),
		soft: m.w.DaysOffBlock * float64(m.offMissing(ai, run, from, to))}
}

// judged reports whether R21 judges a run of work (or of rest) from day from to day to: its start
// known (inside the horizon, or stated by the history) and its end before the horizon's last day.
func (m *model) judged(ai *agentInfo, worked bool, from, to int) bool {
	return (from > 0 || ai.startKnown(worked)) && to < m.D-1
}

// shortfall is how far a judged run of work (or of rest) falls short of agent ai's minimum.
func (m *model) shortfall(ai *agentInfo, worked bool, run, from, to int) float64 {
	lim := ai.minOff
	if worked {
		lim = ai.minConsec
	}
	if run < lim && m.judged(ai, worked, from, to) {
		return float64(lim - run)
	}
	return 0
}

// offMissing is the days a judged run of rest lacks of the shape's block (Rules.MinDaysOffBlock).
func (m *model) offMissing(ai *agentInfo, run, from, to int) int {
	if run < m.offBlock && m.judged(ai, false, from, to) {
		return m.offBlock - run
	}
	return 0
}

// isolated is 1 when a run of work is a single judged day (TermSingleDay), else 0.
func (m *model) isolated(ai *agentInfo, run, from, to int) int {
	if run == 1 && m.w.SingleDay > 0 && m.judged(ai, true, from, to) {
		return 1
	}
	return 0
}

// weekendsOwed is how many full weekends off an agent that works fullWorked of the horizon's full
// weekends lacks (TermWeekendsOff).
func (m *model) weekendsOwed(fullWorked int) int {
	return max(0, m.owedWeekends-(m.nFull-fullWorked))
}

// prefix is the length of the history's run of work (or of rest) that ends the day before the
// horizon, 0 when the history's last day is of the other kind or unknown.
func (ai *agentInfo) prefix(worked bool) int {
	if worked {
		return ai.histRun
	}
	return ai.histOff
}

// startKnown reports whether the first day of a run of work (or of rest) that holds day 0 is known:
// the history states the day before it (the day before the history's run of that kind, or the day
// before the horizon when there is none).
func (ai *agentInfo) startKnown(worked bool) bool {
	if worked {
		return ai.workStart
	}
	return ai.restStart
}

// edgePenalty is the cost of the history's last run when day 0 ends it (worked0 says whether day 0
// is worked): a run of rest before a worked first day, or a run of work before a first day off.
func (m *model) edgePenalty(ai *agentInfo, worked0 bool) agentCost {
	if worked0 && ai.histOff > 0 {
		return m.closeOffRun(ai, ai.histOff, -ai.histOff, -1)
	}
	if !worked0 && ai.histRun > 0 {
		return m.closeWorkRun(ai, ai.histRun, -ai.histRun, -1)
	}
	return agentCost{}
}

// firstRun returns the length and first day of the run of days [0, e] (worked or not) with the
// history's run of the same kind before it.
func (ai *agentInfo) firstRun(worked bool, e int) (run, from int) {
	n := ai.prefix(worked)
	return e + 1 + n, -n
}

func over(v, limit float64) float64 {
	if d := v - limit; d > 1e-9 {
		return d
	}
	return 0
}
