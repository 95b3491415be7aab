package workflow

import (
	"time"

	"wfm"
)

// AwardEligible reports whether agent a keeps the full-attendance award (R18) for a month as far
// as the roster can tell: not suspended (an agent in remedial training, R14, is not at work on the
// phones at all), no day of leave and no swap in the month. Lateness and absence, the award's
// other conditions, are recorded outside the roster. Negative counts read as none.
func AwardEligible(a *wfm.Agent, leaveDays int, swaps int) bool {
	return !a.Has(wfm.RoleSuspended) && leaveDays <= 0 && swaps <= 0
}

// LeaveDaysInMonth counts agent's days of leave in the calendar month (overlapping leave
// entries count a day once): the leaveDays of AwardEligible.
func LeaveDaysInMonth(agent string, leave []wfm.Leave, year int, month time.Month) int {
	first := wfm.DateOf(year, month, 1)
	last := wfm.DateOf(year, month+1, 1) - 1
	n := 0
	for d := first; d <= last; d++ {
		if _, ok := leaveOn(leave, agent, d); ok {
			n++
		}
	}
	return n
}
