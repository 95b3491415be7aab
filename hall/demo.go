package hall

import (
	"fmt"

	"wfm"
)

// Demo is a hall of n posts with 2n staff: post P01 is held by A01 (A) and B01 (B), and so on, all
// speaking Mandarin, the posts needing it. The first ⌈n/4⌉ A holders have leave in the month
// (annual for the first, personal for the others), of 3 to 5 days on working days spread over
// the month, so a quarter of the posts run on their B holder for part of it.
func Demo(n int, start wfm.Date, days int, cal *wfm.Calendar) Month {
	mo := Month{Start: start, Days: days, Cal: cal}
	for i := 1; i <= n; i++ {
		a, b := fmt.Sprintf("A%02d", i), fmt.Sprintf("B%02d", i)
		mo.Site.Posts = append(mo.Site.Posts, wfm.Post{ID: fmt.Sprintf("P%02d", i), Name: fmt.Sprintf("counter %d", i),
			A: a, B: b, Skills: []string{"mandarin"}})
		for _, id := range []string{a, b} {
			mo.Agents = append(mo.Agents, wfm.Agent{ID: id, Group: wfm.GroupDay, Skills: []string{"mandarin"}})
		}
	}
	mo.Site.Name = "service hall"
	away := (n + 3) / 4
	for i := range away {
		// Leave starts on the (3 + 7i)-th working day of the month and lasts 3 + i%3 working days.
		from := nthWorkingDay(cal, start, days, 3+7*i)
		to := nthWorkingDay(cal, from, days, 3+i%3)
		typ := wfm.LeavePersonal
		if i == 0 {
			typ = wfm.LeaveAnnual
		}
		mo.Leave = append(mo.Leave, wfm.Leave{Agent: fmt.Sprintf("A%02d", i+1), Type: typ, From: from, To: min(to, start.AddDays(days-1))})
	}
	return mo
}

// nthWorkingDay is the k-th working day (k ≥ 1) from d on, or the last day within limit days.
func nthWorkingDay(cal *wfm.Calendar, d wfm.Date, limit, k int) wfm.Date {
	for i := range limit {
		x := d.AddDays(i)
		if cal.IsWorkingDay(x) {
			if k--; k == 0 {
				return x
			}
		}
	}
	return d.AddDays(limit - 1)
}
