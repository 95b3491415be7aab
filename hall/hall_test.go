package hall

import (
	"strings"
	"testing"
	"time"

	"wfm"
	"wfm/calendar"
)

// TestProblem: the demand is one agent per post on the open intervals only (none on the
// Qingming holiday, the weekend or the closure), and only A holders ask to work, on their open
// days not on leave.
func TestProblem(t *testing.T) {
	mo := Demo(4, wfm.DateOf(2027, time.April, 1), 7, calendar.CN())
	p, err := mo.Problem()
	if err != nil {
		t.Fatal(err)
	}
	g := p.Horizon.Grid()
	at := func(day, h, m int) int {
		i, _ := g.Index(wfm.DateOf(2027, time.April, day), h*60+m)
		return p.Demand.Agents[i]
	}
	for _, c := range []struct{ day, h, m, want int }{
		{1, 8, 0, 0}, {1, 8, 30, 4}, {1, 11, 30, 4}, {1, 12, 0, 0}, {1, 14, 0, 0}, {1, 14, 30, 4}, {1, 17, 0, 4}, {1, 17, 30, 0},
		{3, 10, 0, 0}, {5, 10, 0, 0}, {6, 10, 0, 4},
	} {
		if got := at(c.day, c.h, c.m); got != c.want {
			t.Errorf("April %d %02d:%02d: demand %d, want %d", c.day, c.h, c.m, got, c.want)
		}
	}
	if len(mo.Leave) != 1 || mo.Leave[0].Agent != "A01" {
		t.Fatalf("leave %+v: want one A holder of four away", mo.Leave)
	}
	// Open days April 1, 2, 6, 7; A01 is away on some of them.
	want := 4 * 4 // four A holders, four open days
	for d := mo.Leave[0].From; d <= mo.Leave[0].To; d++ {
		if wfm.NewCalendar(p.Holidays).IsWorkingDay(d) && d < mo.Start.AddDays(7) {
			want--
		}
	}
	if len(p.Requests) != want {
		t.Errorf("%d requests, want %d", len(p.Requests), want)
	}
	for _, r := range p.Requests {
		if !strings.HasPrefix(r.Agent, "A") || r.Shift != Day.ID || r.Kind != wfm.RequestOn {
			t.Errorf("request %+v", r)
		}
	}
}

func TestReadMonthErrors(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{`{"site": {"posts": []}, "agents": [], "start": "2027-04-01", "days": 7, "extra": 1}`, `hall.json: json: unknown field "extra"`},
		{`{"site": {"posts": [{"id": "P1", "a": "x", "b": "y"}]}, "agents": [{"id": "x", "group": "day"}], "start": "2027-04-01", "days": 7}`,
			`hall.json: R24: agent y: field hall.posts[0].b: post P1: holder "y" is not an agent of the problem`},
		{`{"site": {"posts": []}, "agents": [], "start": "2027-04-01", "days": 0}`, "hall.json: field days: must be from 1"},
		{`{"site": {"posts": []}, "agents": [],
 "start": "2027-04-01", "days": "x"}`, "hall.json:2: field days: expected int"},
	} {
		_, err := ReadMonth(strings.NewReader(tc.text), "hall.json", calendar.CN())
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.text, err, tc.want)
		}
	}
}
