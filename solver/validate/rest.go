package validate

import (
	"strings"

	"wfm"
)

// checkMaxConsecutive is R21: runs of worked days, the history's worked days extending the first,
// are at most MaxConsecutiveDays long. A run that lies wholly in the history is not reported.
func (c *checker) checkMaxConsecutive(a int) {
	limit := c.agents[a].maxConsec
	run := 0 // length of the run ending at day k
	for k := -wfm.HistoryDays; k <= c.days; k++ {
		if k < c.days && c.shiftOn(a, k) >= 0 {
			run++
			continue
		}
		if first := k - run; run > limit && k > 0 {
			c.add("R21", a, max(first+limit, 0), "worked %d consecutive days %s..%s, max %d",
				run, c.day(first), c.day(k-1), limit)
		}
		run = 0
	}
}

// checkRest is R21 between consecutive worked days: the next shift starts at least MinRestMinutes
// after the previous one ends (any gap between them, the history's last shift included), and a
// template in the previous day's CannotFollow is not worked.
func (c *checker) checkRest(a int) {
	ns := len(c.shifts)
	prevDay, prev := 0, -1
	for k := -wfm.HistoryDays; k < c.days; k++ {
		t := c.shiftOn(a, k)
		if t < 0 {
			continue
		}
		if prev >= 0 && k >= 0 {
			p, s := c.shifts[prev], c.shifts[t]
			end := prevDay*wfm.MinutesPerDay + int(p.End())
			start := k*wfm.MinutesPerDay + int(s.Start)
			if rest := start - end; rest < c.rules.MinRestMinutes {
				c.add("R21", a, k, "rest of %d min between shift %s on %s and shift %s, min %d: %d short",
					rest, p.ID, c.day(prevDay), s.ID, c.rules.MinRestMinutes, c.rules.MinRestMinutes-rest)
			}
			if prevDay == k-1 && c.cannot[prev*ns+t] {
				c.add("R21", a, k, "shift %s cannot follow shift %s of the day before", s.ID, p.ID)
			}
		}
		prevDay, prev = k, t
	}
}

// checkMinRuns is R21: runs of worked days and runs of days not worked (off or leave) that touch
// neither the first nor the last day of the horizon are at least MinConsecutiveDays and
// MinConsecutiveDaysOff long.
func (c *checker) checkMinRuns(a int) {
	info := c.agents[a]
	row := c.row(a)
	for first := 0; first < c.days; {
		work := row[first].worked()
		last := first
		for last+1 < c.days && row[last+1].worked() == work {
			last++
		}
		n := last - first + 1
		if first > 0 && last < c.days-1 {
			if work && n < info.minConsec {
				c.add("R21", a, first, "worked %d consecutive days %s..%s, min %d", n, c.day(first), c.day(last), info.minConsec)
			} else if !work && n < info.minOff {
				c.add("R21", a, first, "%d consecutive days off %s..%s, min %d", n, c.day(first), c.day(last), info.minOff)
			}
		}
		first = last + 1
	}
}

// checkWeekends is R21: weekends (Saturday and Sunday of one ISO week) with a day worked number at
// most MaxWeekends.
func (c *checker) checkWeekends(a int) {
	limit := c.agents[a].maxWeekends
	if limit < 0 {
		return
	}
	row := c.row(a)
	var worked []string // first worked day of each weekend worked
	over := -1          // first day of the first weekend beyond the limit
	lastWeek := -1
	for k := range c.days {
		if !c.weekend[k] || !row[k].worked() {
			continue
		}
		// ISO week number relative to the horizon: Saturday and Sunday share one.
		week := (k + int((c.start.Weekday()+6)%7)) / 7
		if week == lastWeek {
			continue
		}
		lastWeek = week
		worked = append(worked, c.day(k))
		if len(worked) == limit+1 {
			over = k
		}
	}
	if len(worked) > limit {
		c.add("R21", a, over, "weekends worked: %d (%s), max %d", len(worked), strings.Join(worked, ", "), limit)
	}
}
