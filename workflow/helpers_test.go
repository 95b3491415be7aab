package workflow

import (
	"errors"
	"strings"
	"testing"
	"time"

	"wfm"
	"wfm/solver/validate"
)

// The fixture week: Monday 2026-12-07 to Sunday 2026-12-13, on a 30-minute grid.
var monday = wfm.DateOf(2026, time.December, 7)

// Days of the fixture week by index.
const (
	mon = iota
	tue
	wed
	thu
	fri
	sat
	sun
)

func day(k int) wfm.Date { return monday.AddDays(k) }

var shanghai = func() *time.Location {
	loc, err := time.LoadLocation(wfm.DefaultTimeZone)
	if err != nil {
		panic(err)
	}
	return loc
}()

// at is hh:mm on date d, Shanghai time.
func at(d wfm.Date, hh, mm int) time.Time {
	t := d.Time(time.UTC)
	return time.Date(t.Year(), t.Month(), t.Day(), hh, mm, 0, 0, shanghai)
}

func hm(h, m int) wfm.Clock { return wfm.Clock(h*60 + m) }

// fixtureBreaks are each template's meal and rest break.
var fixtureBreaks = map[string][2]wfm.Clock{
	"D08": {hm(12, 0), hm(14, 0)},
	"D09": {hm(13, 0), hm(15, 0)},
	"E14": {hm(17, 0), hm(20, 0)},
	"N22": {hm(25, 0), hm(28, 0)},
}

func breaksOf(shift string) []wfm.Break {
	b := fixtureBreaks[shift]
	return []wfm.Break{{Kind: wfm.BreakMeal, Start: b[0], Minutes: 30}, {Kind: wfm.BreakRest, Start: b[1], Minutes: 30}}
}

// fixturePlan is the fixture roster: a template, "." off, "A" annual leave.
var fixturePlan = []struct{ agent, days string }{
	{"d1", "D08 D08 D08 D08 .   .   ."},
	{"d2", ".   .   .   D08 D08 D08 D08"},
	{"d3", "D09 D09 .   D09 D09 .   ."},
	{"d4", "E14 E14 E14 E14 .   .   ."},
	{"d5", "A   .   .   E14 E14 E14 ."},
	{"d6", "D09 .   D09 .   D09 .   D09"},
	{"n1", "N22 N22 N22 N22 .   .   ."},
	{"n2", ".   .   .   N22 N22 N22 N22"},
	{"a1", "D08 D08 .   .   .   D09 ."},
}

// fixtureProblem is a small valid centre for one week: day agents d1–d6 (d1 the only leader, d3
// the only Minnan speaker, d5 on annual leave on Monday), night agents n1 and n2, a1 of group
// any. The weekly minimum is lowered to 24 h so that an agent may give a shift away.
func fixtureProblem() *wfm.Problem {
	g := wfm.Grid{Start: monday, Days: 7, Step: 30}
	d := &wfm.Demand{Grid: g, Agents: make([]int, g.Len()), Minnan: make([]int, g.Len()), Leaders: make([]int, g.Len())}
	for t := range g.Len() {
		_, m := g.At(t)
		d.Agents[t] = 1
		if m >= 8*60 && m < 22*60 {
			d.Agents[t] = 3
		}
		if m >= 9*60 && m < 16*60 {
			d.Minnan[t], d.Leaders[t] = 1, 1
		}
	}
	rules := wfm.DefaultRules()
	rules.WeeklyMinHours = 24
	return &wfm.Problem{
		Horizon: wfm.Horizon{Start: monday, Days: 7, IntervalMinutes: 30, TimeZone: wfm.DefaultTimeZone},
		Rules:   rules,
		Shifts: []wfm.ShiftTemplate{
			{ID: "D08", Start: hm(8, 0), Minutes: 510},
			{ID: "D09", Start: hm(9, 0), Minutes: 510},
			{ID: "E14", Start: hm(14, 0), Minutes: 510},
			{ID: "N22", Start: hm(22, 0), Minutes: 540},
		},
		Agents: []wfm.Agent{
			{ID: "d1", Group: wfm.GroupDay, Roles: []string{wfm.RoleLeader}, Skills: []string{"mandarin"}},
			{ID: "d2", Group: wfm.GroupDay, Skills: []string{"mandarin"}},
			{ID: "d3", Group: wfm.GroupDay, Skills: []string{"mandarin", wfm.SkillMinnan}},
			{ID: "d4", Group: wfm.GroupDay, Skills: []string{"mandarin"}},
			{ID: "d5", Group: wfm.GroupDay, Skills: []string{"mandarin"}},
			{ID: "d6", Group: wfm.GroupDay, Skills: []string{"mandarin"}},
			{ID: "n1", Group: wfm.GroupNight, Skills: []string{"mandarin"}},
			{ID: "n2", Group: wfm.GroupNight, Skills: []string{"mandarin"}},
			{ID: "a1", Group: wfm.GroupAny, Skills: []string{"mandarin"}},
		},
		Leave:  []wfm.Leave{{Agent: "d5", Type: wfm.LeaveAnnual, From: day(mon), To: day(mon)}},
		Demand: d,
	}
}

func fixtureRoster(p *wfm.Problem) *wfm.Roster {
	r := &wfm.Roster{Horizon: p.Horizon}
	for _, row := range fixturePlan {
		s := wfm.AgentSchedule{Agent: row.agent}
		for k, tok := range strings.Fields(row.days) {
			d := wfm.DaySchedule{Date: day(k)}
			switch tok {
			case ".":
			case "A":
				d.Leave = wfm.LeaveAnnual
			default:
				d.Shift, d.Breaks = tok, breaksOf(tok)
			}
			s.Days = append(s.Days, d)
		}
		r.Schedules = append(r.Schedules, s)
	}
	rep := validate.Check(p, r)
	r.Objective, r.Coverage = rep.Objective, rep.Coverage
	return r
}

// fixture returns the fixture problem and roster, failing the test unless both are valid.
func fixture(t *testing.T) (*wfm.Problem, *wfm.Roster) {
	t.Helper()
	p := fixtureProblem()
	if err := p.Validate(); err != nil {
		t.Fatalf("fixture problem invalid: %v", err)
	}
	r := fixtureRoster(p)
	if rep := validate.Check(p, r); !rep.OK() {
		t.Fatalf("fixture roster breaks HARD rules: %v", rep.Violations)
	}
	return p, r
}

// cellOf returns agent's day k in r.
func cellOf(t *testing.T, r *wfm.Roster, agent string, k int) wfm.DaySchedule {
	t.Helper()
	for _, s := range r.Schedules {
		if s.Agent == agent {
			return s.Days[k]
		}
	}
	t.Fatalf("no schedule for %s", agent)
	return wfm.DaySchedule{}
}

// wantErr asserts that err is a *wfm.Error of kind, rule, agent and day (day "" skips the day).
func wantErr(t *testing.T, err error, kind wfm.Kind, rule, agent string, d wfm.Date) *wfm.Error {
	t.Helper()
	var e *wfm.Error
	if !errors.As(err, &e) {
		t.Fatalf("want a *wfm.Error of kind %s rule %s, got %v", kind, rule, err)
	}
	if e.Kind != kind || e.Rule != rule || e.Agent != agent || (d != 0 && e.Day != d.String()) {
		t.Fatalf("got kind %s rule %q agent %q day %q (%v); want kind %s rule %q agent %q day %q",
			e.Kind, e.Rule, e.Agent, e.Day, err, kind, rule, agent, agentDay(d))
	}
	return e
}

func agentDay(d wfm.Date) string {
	if d == 0 {
		return "any"
	}
	return d.String()
}
