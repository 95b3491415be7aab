package validate

import (
	"fmt"
	"math"
)

// tolerance is the slack, in minutes, of every comparison of hours.
const tolerance = 1e-6

// checkPeriodHours is R3 over the period: paid ≤ max(0, contract − leave), plus the overtime cap
// when overtime is on.
func (c *checker) checkPeriodHours(a int) {
	info := c.agents[a]
	paid, leave := float64(c.sums[a].paid), c.leaveMinutes(a)
	limit, what := math.Max(0, info.contract-leave), "contract − leave"
	if c.rules.Overtime {
		limit += info.overtimeCap
		what = "contract − leave + overtime cap"
	}
	if paid > limit+tolerance {
		c.add("R3", a, noDay, "paid %s over the period, %s = %s: %s too many",
			hours(paid), what, hours(limit), hours(paid-limit))
	}
}

// checkWeeks is R3 per ISO week with a day in the horizon, on the week's known days: its days in
// the horizon and the days before it that the history states (a Fixed entry or leave). Paid time
// (history shifts included) plus leave over the known days is at least the agent's weekly minimum
// pro rata, min·known/7 (not for suspended agents, nor when the minimum is 0); paid time alone is
// at most its weekly maximum, whole (leave never pushes a week over it).
func (c *checker) checkWeeks(a int) {
	info := &c.agents[a]
	checkMin := info.weekMin > 0 && !info.suspended
	row := c.row(a)
	monday := -int((c.start.Weekday() + 6) % 7)
	for w := monday; w < c.days; w += 7 {
		first, last := max(w, 0), min(w+7, c.days)
		known, paid, leaveDays := 0, 0, 0
		for k := w; k < first; k++ {
			switch st := c.histState(a, k); {
			case st >= 0:
				paid += c.shifts[st].PaidMinutes() + info.preShift
			case st == histLeave:
				leaveDays++
			case st == histUnknown:
				continue
			}
			known++
		}
		for k := first; k < last; k++ {
			if row[k].worked() {
				paid += c.shifts[row[k].shift].PaidMinutes() + info.preShift
			}
			if c.leave[a*c.days+k] != 0 {
				leaveDays++
			}
			known++
		}
		leave := info.leaveOf(leaveDays)
		total := float64(paid) + leave
		week := fmt.Sprintf("week %s..%s (%d known days)", c.day(w), c.day(w+6), known)
		if need := info.weekMin * float64(known) / 7; checkMin && total < need-tolerance {
			c.add("R3", a, first, "%s: paid %s + leave %s = %s, weekly min %s × %d/7 = %s: %s short",
				week, hours(float64(paid)), hours(leave), hours(total), hours(info.weekMin), known, hours(need), hours(need-total))
		}
		if float64(paid) > info.weekMax+tolerance {
			c.add("R3", a, first, "%s: paid %s, weekly max %s: %s too many",
				week, hours(float64(paid)), hours(info.weekMax), hours(float64(paid)-info.weekMax))
		}
	}
}

// checkMinutesLimits is R3 with the agent's own limits: worked paid minutes over the period (leave
// excluded) within [MinMinutes, MaxMinutes].
func (c *checker) checkMinutesLimits(a int) {
	l := c.agents[a].limits
	if l == nil {
		return
	}
	paid := c.sums[a].paid
	if l.MinMinutes != nil && paid < *l.MinMinutes {
		c.add("R3", a, noDay, "paid %d min over the period, agent min %d: %d short", paid, *l.MinMinutes, *l.MinMinutes-paid)
	}
	if l.MaxMinutes != nil && paid > *l.MaxMinutes {
		c.add("R3", a, noDay, "paid %d min over the period, agent max %d: %d too many", paid, *l.MaxMinutes, paid-*l.MaxMinutes)
	}
}

// checkMaxShifts is R3 with the agent's own limits: shifts of each template ≤ MaxShifts.
func (c *checker) checkMaxShifts(a int) {
	l := c.agents[a].limits
	if l == nil || len(l.MaxShifts) == 0 {
		return
	}
	count := make([]int, len(c.shifts))
	for _, x := range c.row(a) {
		if x.worked() {
			count[x.shift]++
		}
	}
	for t, s := range c.shifts {
		if limit, ok := l.MaxShifts[s.ID]; ok && count[t] > limit {
			c.add("R3", a, noDay, "works shift %s %d times, agent max %d", s.ID, count[t], limit)
		}
	}
}
