package validate

import (
	"strings"
	"testing"
	"time"

	"wfm"
	"wfm/calendar"
	"wfm/hall"
)

// hallWeek is a two-post hall over the week of Monday 2027-04-05 (Qingming, a holiday): A01 is on
// personal leave Wednesday and Thursday. hallRoster has every A holder at work on every open day
// but its leave, and B01 standing in on A01's leave.
func hallWeek(t *testing.T) (*wfm.Problem, *wfm.Roster) {
	t.Helper()
	mo := hall.Demo(2, wfm.DateOf(2027, time.April, 5), 7, calendar.CN())
	mo.Leave = []wfm.Leave{{Agent: "A01", Type: wfm.LeavePersonal, From: wfm.DateOf(2027, time.April, 7), To: wfm.DateOf(2027, time.April, 8)}}
	p, err := mo.Problem()
	if err != nil {
		t.Fatal(err)
	}
	r := &wfm.Roster{Horizon: p.Horizon}
	cal := wfm.NewCalendar(p.Holidays)
	for _, a := range p.Agents {
		s := wfm.AgentSchedule{Agent: a.ID}
		for k := range p.Horizon.Days {
			d := p.Horizon.Start.AddDays(k)
			day := wfm.DaySchedule{Date: d}
			away := a.ID == "A01" && k >= 2 && k <= 3
			switch {
			case away:
				day.Leave = wfm.LeavePersonal
			case len(p.Hall.OpenOn(d, cal)) > 0 && (strings.HasPrefix(a.ID, "A") || (a.ID == "B01" && k >= 2 && k <= 3)):
				day.Shift = hall.Day.ID
			}
			s.Days = append(s.Days, day)
		}
		r.Schedules = append(r.Schedules, s)
	}
	return p, r
}

func TestHallPosts(t *testing.T) {
	wed, thu, tue := "2027-04-07", "2027-04-08", "2027-04-06"
	for _, tc := range []struct {
		name    string
		problem func(p *wfm.Problem)
		roster  func(r *wfm.Roster)
		want    []want
	}{
		{name: "ok B stands in on A's leave"},
		{name: "R24 B off while A is on leave", roster: func(r *wfm.Roster) { r.Schedules[1].Days[3].Shift = "" },
			want: []want{{"R24", "A01", thu}}},
		{name: "R24 both holders off", roster: func(r *wfm.Roster) { r.Schedules[2].Days[1].Shift = "" },
			want: []want{{"R24", "A02", tue}}},
		{name: "ok the holiday is closed", roster: func(r *wfm.Roster) { r.Schedules[2].Days[0].Shift = "" }},
		{name: "ok B at work beside A", roster: func(r *wfm.Roster) { r.Schedules[3].Days[1].Shift = hall.Day.ID }},
		{name: "ok R3 pays the hall day 6.5 h and the pre-shift, not 9 h", problem: func(p *wfm.Problem) {
			// Four days of 400 paid minutes are 26.7 h, within a 30-hour week; at 9 h they would be 36.7 h.
			agent(p, "A02").ContractHours = 30
		}},
		{name: "R3 the hall day's paid time still counts", problem: func(p *wfm.Problem) { agent(p, "A02").ContractHours = 26 },
			want: []want{{"R3", "A02", ""}}},
		{name: "R24 the midday closure is no presence", problem: func(p *wfm.Problem) {
			p.Hall.Hours = []wfm.HallHours{{Weekday: "wed", Open: []wfm.Span{{Start: 11 * 60, Minutes: 120}}}}
		}, want: []want{{"R24", "A01", wed}, {"R24", "A02", wed}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, r := hallWeek(t)
			if tc.problem != nil {
				tc.problem(p)
			}
			if tc.roster != nil {
				tc.roster(r)
			}
			rep := Check(p, r)
			expect(t, rep, tc.want...)
			for _, v := range rep.Violations {
				if v.Rule == "R24" && !strings.Contains(v.Detail, "post P0") {
					t.Errorf("%v does not name the post", v)
				}
			}
		})
	}
}
