package hall

import (
	"fmt"

	"wfm"
)

// Demo is a hall of n posts with 2n staff: post P01 is held by A01 (A) and B01 (B), and so on, all
// speaking Mandarin, the posts needing it. The first ⌈n/4⌉ A holders have leave in the month
// (annual for the first, personal for the others): A holder i (from 0) of them starts on working
// day 1 + ⌊i·W/⌈n/4⌉⌋ of the month's W working days and stays 3 + i mod 3 working days (fewer at
// the month's end), so a quarter of the posts run on their B holder for part of it.
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
	var working []wfm.Date
	for k := range days {
		if d := start.AddDays(k); cal.IsWorkingDay(d) {
			working = append(working, d)
		}
	}
	away := (n + 3) / 4
	for i := range away {
		first := 1 + i*len(working)/away
		if first >= len(working) {
			break
		}
		last := min(first+2+i%3, len(working)-1)
		typ := wfm.LeavePersonal
		if i == 0 {
			typ = wfm.LeaveAnnual
		}
		mo.Leave = append(mo.Leave, wfm.Leave{Agent: fmt.Sprintf("A%02d", i+1), Type: typ, From: working[first], To: working[last]})
	}
	return mo
}
