package wfm

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// hallProblem is a valid two-post hall: agents a1..a4 speak mandarin, a hall template with the
// midday closure unpaid, breaks off.
func hallProblem() *Problem {
	start := DateOf(2027, time.April, 5)
	p := &Problem{Horizon: Horizon{Start: start, Days: 7, IntervalMinutes: 30}, Rules: DefaultRules(),
		Shifts: []ShiftTemplate{{ID: "day", Start: 510, Minutes: 540, Unpaid: &Span{Start: 720, Minutes: 150}}}}
	p.Rules.Breaks = false
	for _, id := range []string{"a1", "a2", "a3", "a4"} {
		p.Agents = append(p.Agents, Agent{ID: id, Group: GroupDay, Skills: []string{"mandarin"}})
	}
	g := p.Horizon.Grid()
	p.Demand = &Demand{Grid: g, Agents: make([]int, g.Len()), Minnan: make([]int, g.Len()), Leaders: make([]int, g.Len())}
	p.Hall = &Hall{Posts: []Post{{ID: "P1", A: "a1", B: "a2", Skills: []string{"mandarin"}}, {ID: "P2", A: "a3", B: "a4"}}}
	return p
}

func TestHallValidate(t *testing.T) {
	if err := hallProblem().Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, field, agent, rule string
		edit                     func(p *Problem)
	}{
		{"A is B", "hall.posts[1].b", "a3", "R24", func(p *Problem) { p.Hall.Posts[1].B = "a3" }},
		{"unknown holder", "hall.posts[0].a", "ghost", "R24", func(p *Problem) { p.Hall.Posts[0].A = "ghost" }},
		{"skill missing", "hall.posts[0].b", "a2", "R24", func(p *Problem) { p.Agents[1].Skills = nil }},
		{"duplicate post", "hall.posts[1].id", "", "R24", func(p *Problem) { p.Hall.Posts[1].ID = "P1" }},
		{"no posts", "hall.posts", "", "R24", func(p *Problem) { p.Hall.Posts = nil }},
		{"bad weekday", "hall.hours[0].weekday", "", "R24", func(p *Problem) { p.Hall.Hours = []HallHours{{Weekday: "monday"}} }},
		{"off grid", "hall.hours[0].open[0]", "", "R24", func(p *Problem) {
			p.Hall.Hours = []HallHours{{Weekday: "mon", Open: []Span{{Start: 500, Minutes: 60}}}}
		}},
		{"overlapping spans", "hall.hours[0].open[1]", "", "R24", func(p *Problem) {
			p.Hall.Hours = []HallHours{{Weekday: "mon", Open: []Span{{Start: 480, Minutes: 120}, {Start: 540, Minutes: 60}}}}
		}},
		{"suspended holder", "hall.posts[0].a", "a1", "R24", func(p *Problem) { p.Agents[0].Roles = []string{RoleSuspended} }},
		{"unpaid outside the shift", "shifts[0].unpaid", "", "R4", func(p *Problem) { p.Shifts[0].Unpaid.Start = 1020 }},
		{"unpaid with breaks on", "shifts[0].unpaid", "", "R4", func(p *Problem) { p.Rules.Breaks = true }},
		{"stretch too long", "shifts[0].unpaid", "", "R4", func(p *Problem) { p.Shifts[0].Minutes = 960 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := hallProblem()
			tc.edit(p)
			err := p.Validate()
			e, ok := err.(*Error)
			if !ok || e.Field != tc.field || e.Agent != tc.agent || e.Rule != tc.rule || e.Kind != KindInvalid {
				t.Fatalf("got %#v, want field %s agent %q rule %s", err, tc.field, tc.agent, tc.rule)
			}
		})
	}
}

func TestHallOpenOn(t *testing.T) {
	cal := NewCalendar([]SpecialDay{{Date: DateOf(2027, time.April, 5), Kind: Holiday}, {Date: DateOf(2027, time.April, 10), Kind: Workday}})
	h := &Hall{}
	for _, tc := range []struct {
		day  int // of April 2027
		open string
	}{{5, ""}, {6, "08:30+210 14:30+180"}, {10, "08:30+210 14:30+180"}, {11, ""}} {
		var got []string
		for _, s := range h.OpenOn(DateOf(2027, time.April, tc.day), cal) {
			got = append(got, s.Start.String()+"+"+strconv.Itoa(s.Minutes))
		}
		if g := strings.Join(got, " "); g != tc.open {
			t.Errorf("April %d: open %q, want %q", tc.day, g, tc.open)
		}
	}
	h.Hours = []HallHours{{Weekday: "sat", Open: []Span{{Start: 540, Minutes: 180}}}}
	if got := h.OpenOn(DateOf(2027, time.April, 6), cal); got != nil {
		t.Errorf("a Tuesday without hours is open: %v", got)
	}
	if got := h.OpenOn(DateOf(2027, time.April, 10), cal); len(got) != 1 || got[0].Minutes != 180 {
		t.Errorf("a Saturday make-up day with Saturday hours: %v", got)
	}
}

func TestPaidMinutes(t *testing.T) {
	s := hallProblem().Shifts[0]
	if s.PaidMinutes() != 390 || !s.Away(720, 750) || s.Away(690, 720) || s.Away(870, 900) {
		t.Errorf("paid %d, away at 12:00 %v", s.PaidMinutes(), s.Away(720, 750))
	}
}
