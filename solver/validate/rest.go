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

// checkMinRuns is R21: runs of worked days, and runs of days not worked (off or leave), over the
// history and the horizon (an unknown history day ends a run) are at least MinConsecutiveDays and
// MinConsecutiveDaysOff long when their start is known (the day before is a known day of the other
// kind) and they end before the horizon's last day. A run wholly in the history is judged only when
// it ends on the day before the horizon, which the first day ends. The violation names the run's
// first day in the horizon (the first day, for a run that ends before it).
func (c *checker) checkMinRuns(a int) {
	info := c.agents[a]
	state := func(k int) int { // 1 worked, 0 not worked, -1 unknown
		switch {
		case k >= 0:
			if c.row(a)[k].worked() {
				return 1
			}
			return 0
		case c.histState(a, k) >= 0:
			return 1
		case c.histState(a, k) == histUnknown:
			return -1
		}
		return 0
	}
	for first := -wfm.HistoryDays; first < c.days; {
		kind := state(first)
		last := first
		for last+1 < c.days && state(last+1) == kind {
			last++
		}
		judged := kind >= 0 && last >= -1 && last < c.days-1 && state(first-1) >= 0
		if n := last - first + 1; judged {
			if kind == 1 && n < info.minConsec {
				c.add("R21", a, max(first, 0), "worked %d consecutive days %s..%s, min %d", n, c.day(first), c.day(last), info.minConsec)
			} else if kind == 0 && n < info.minOff {
				c.add("R21", a, max(first, 0), "%d consecutive days off %s..%s, min %d", n, c.day(first), c.day(last), info.minOff)
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
