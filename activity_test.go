package wfm

import (
	"strings"
	"testing"
)

func TestActivityOccurrences(t *testing.T) {
	jan := DateOf(2027, 1, 1) // a Friday
	cases := []struct {
		a    Activity
		want []string
	}{
		{Activity{From: jan, To: jan.AddDays(30)}, []string{"2027-01-01..2027-01-31"}},
		{Activity{From: jan, To: jan.AddDays(30), Repeat: RepeatWeekly}, []string{
			"2027-01-01..2027-01-03", "2027-01-04..2027-01-10", "2027-01-11..2027-01-17",
			"2027-01-18..2027-01-24", "2027-01-25..2027-01-31"}},
		{Activity{From: DateOf(2027, 3, 20), To: DateOf(2027, 4, 10), Repeat: RepeatQuarterly}, []string{
			"2027-03-20..2027-03-31", "2027-04-01..2027-04-10"}},
		{Activity{From: DateOf(2027, 12, 30), To: DateOf(2027, 12, 31), Repeat: RepeatQuarterly}, []string{
			"2027-12-30..2027-12-31"}},
	}
	for _, c := range cases {
		var got []string
		for _, o := range c.a.Occurrences() {
			got = append(got, o[0].String()+".."+o[1].String())
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%s %s..%s: %v, want %v", c.a.Repeat, c.a.From, c.a.To, got, c.want)
		}
	}
}

// TestActivityTakes: the own room takes fewer than ten whatever its capacity (R15), a company
// room up to its capacity, and an activity's room kind is kept.
func TestActivityTakes(t *testing.T) {
	own, big, company := Room{ID: "o", Own: true}, Room{ID: "b", Own: true, Capacity: 40}, Room{ID: "c", Capacity: 12}
	a := Activity{}
	for _, c := range []struct {
		act  Activity
		room Room
		n    int
		want bool
	}{
		{a, own, 9, true}, {a, own, 10, false}, {a, big, 10, false}, {a, company, 12, true}, {a, company, 13, false},
		{Activity{Room: RoomCompany}, own, 2, false}, {Activity{Room: RoomOwn}, company, 2, false},
	} {
		if got := c.act.Takes(&c.room, c.n); got != c.want {
			t.Errorf("activity room %q, room %+v, %d people: %t, want %t", c.act.Room, c.room, c.n, got, c.want)
		}
	}
}

func TestActivityValidate(t *testing.T) {
	base := func() *Problem {
		p := &Problem{Horizon: Horizon{Start: DateOf(2027, 1, 1), Days: 31, IntervalMinutes: 30}, Rules: DefaultRules(),
			Shifts: []ShiftTemplate{{ID: "D", Start: 8 * 60, Minutes: 480}},
			Agents: []Agent{{ID: "a", Group: GroupDay}, {ID: "b", Group: GroupNight}, {ID: "s", Group: GroupDay, Roles: []string{RoleSuspended}}},
			Activities: []Activity{{ID: "x", Kind: ActivityExam, Minutes: 60, Count: 1, Group: GroupDay,
				From: DateOf(2027, 1, 4), To: DateOf(2027, 1, 8)}}}
		g := p.Horizon.Grid()
		p.Demand = &Demand{Grid: g, Agents: make([]int, g.Len()), Minnan: make([]int, g.Len()), Leaders: make([]int, g.Len())}
		return p
	}
	if err := base().Validate(); err != nil {
		t.Fatalf("valid activity: %v", err)
	}
	for _, c := range []struct {
		field, agent string
		edit         func(*Problem)
	}{
		{"activities[0].kind", "", func(p *Problem) { p.Activities[0].Kind = "party" }},
		{"activities[0].minutes", "", func(p *Problem) { p.Activities[0].Minutes = 0 }},
		{"activities[0].count", "", func(p *Problem) { p.Activities[0].Count = 2 }}, // one day agent not suspended
		{"activities[0].agents", "zed", func(p *Problem) {
			p.Activities[0].Count, p.Activities[0].Group, p.Activities[0].Agents = 0, "", []string{"zed"}
		}},
		{"activities[0].agents", "s", func(p *Problem) {
			p.Activities[0].Count, p.Activities[0].Group, p.Activities[0].Agents = 0, "", []string{"s"}
		}},
		{"activities[0].agents", "", func(p *Problem) { p.Activities[0].Agents = []string{"a"} }},
		{"activities[0].from", "", func(p *Problem) { p.Activities[0].To = DateOf(2027, 2, 1) }},
		{"activities[0].to", "", func(p *Problem) { p.Activities[0].To = DateOf(2027, 1, 3) }},
		{"activities[0].repeat", "", func(p *Problem) { p.Activities[0].Repeat = "daily" }},
		{"activities[0].room", "", func(p *Problem) { p.Activities[0].Room = "own"; p.Rooms = []Room{{ID: "c"}} }},
		{"activities[1].id", "", func(p *Problem) { p.Activities = append(p.Activities, p.Activities[0]) }},
		{"rooms[0].capacity", "", func(p *Problem) { p.Rooms = []Room{{ID: "c", Capacity: -1}} }},
	} {
		p := base()
		c.edit(p)
		err := p.Validate()
		e, ok := err.(*Error)
		if !ok || e.Rule != "R15" || e.Field != c.field || e.Agent != c.agent {
			t.Errorf("want R15 on %s (agent %q), got %v", c.field, c.agent, err)
		}
	}
}
