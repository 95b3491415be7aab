package validate

import (
	"time"

	"wfm"
)

// shapeTerms: the roster-shape terms of wfm/objective.go, read from each agent's days over the
// history and the horizon. A term whose weight is 0 is off: penalty and amount 0.
func (c *checker) shapeTerms(terms map[string]term) {
	w := c.rules.Weights
	var start, block, single, weekends term
	saturdays := c.fullWeekends()
	owed := min(c.rules.MinFullWeekendsOff, len(saturdays))
	for a := range c.agents {
		s := c.agentShape(a, saturdays)
		if w.StartChange > 0 {
			start.amount += float64(s.changes)
			start.penalty += s.changeCost
		}
		if w.DaysOffBlock > 0 {
			block.amount += float64(s.missing)
		}
		if w.SingleDay > 0 {
			single.amount += float64(s.isolated)
		}
		if w.WeekendsOff > 0 {
			weekends.amount += float64(max(0, owed-s.weekendsOff))
		}
	}
	start.penalty *= w.StartChange
	block.penalty = w.DaysOffBlock * block.amount
	single.penalty = w.SingleDay * single.amount
	weekends.penalty = w.WeekendsOff * weekends.amount
	terms[wfm.TermStartChange] = start
	terms[wfm.TermDaysOffBlock] = block
	terms[wfm.TermSingleDay] = single
	terms[wfm.TermWeekendsOff] = weekends
}

// agentShape is one agent's roster shape: start changes beyond the tolerance (and their unweighted
// cost), days missing from judged blocks of days off, judged isolated working days, and full
// weekends off.
type agentShape struct {
	changes     int
	changeCost  float64
	missing     int
	isolated    int
	weekendsOff int
}

// fullWeekends returns the horizon days that are a Saturday followed by a Sunday in the horizon.
func (c *checker) fullWeekends() []int {
	var sat []int
	for k := 0; k+1 < c.days; k++ {
		if c.start.AddDays(k).Weekday() == time.Saturday {
			sat = append(sat, k)
		}
	}
	return sat
}

// agentShape reads agent a's shape. Days are worked (a shift), not worked (a day off, leave, or a
// history day stated off or on leave) or unknown (a history day nothing states). A run is maximal
// over the history and the horizon and judged, as R21 judges its minimums, when the day before it
// is known and it ends before the horizon's last day, and ends the day before the horizon or later.
func (c *checker) agentShape(a int, saturdays []int) agentShape {
	var s agentShape
	kind := func(k int) int { // 1 worked, 0 not worked, -1 unknown
		if k >= 0 {
			if c.shiftOn(a, k) >= 0 {
				return 1
			}
			return 0
		}
		switch h := c.histState(a, k); {
		case h >= 0:
			return 1
		case h == histUnknown:
			return -1
		}
		return 0
	}
	tol := c.rules.StartToleranceMinutes
	for k := range c.days {
		t, p := c.shiftOn(a, k), c.shiftOn(a, k-1)
		if t < 0 || p < 0 {
			continue
		}
		d := int(c.shifts[t].Start) - int(c.shifts[p].Start)
		if d < 0 {
			d = -d
		}
		if 1440-d < d {
			d = 1440 - d
		}
		if d > tol {
			s.changes++
			s.changeCost += 1 + float64(d-tol)/60
		}
	}
	for first := -wfm.HistoryDays; first < c.days; {
		kd := kind(first)
		last := first
		for last+1 < c.days && kind(last+1) == kd {
			last++
		}
		if kd >= 0 && last >= -1 && last < c.days-1 && kind(first-1) >= 0 {
			n := last - first + 1
			if kd == 1 && n == 1 {
				s.isolated++
			}
			if kd == 0 && n < c.rules.MinDaysOffBlock {
				s.missing += c.rules.MinDaysOffBlock - n
			}
		}
		first = last + 1
	}
	for _, k := range saturdays {
		if kind(k) == 0 && kind(k+1) == 0 {
			s.weekendsOff++
		}
	}
	return s
}
