package validate

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"wfm"
)

// The base case: one ISO week, Monday 2026-11-30 to Sunday 2026-12-06, on a 30-minute grid.
var monday = wfm.DateOf(2026, 11, 30)

// Days of the base week by index.
const (
	mon = iota
	tue
	wed
	thu
	fri
	sat
	sun
)

func dayStr(k int) string { return monday.AddDays(k).String() }

func hm(h, m int) wfm.Clock { return wfm.Clock(h*60 + m) }

// baseProblem is a small valid centre:
//
//	D 08:00 8.5 h (breaks), cannot be followed by E;  E 16:00 6 h (no breaks);  N 22:00 10 h (night).
//
// lead (leader, day), minnan (Minnan speaker, day; annual leave on Tuesday), mentor (any),
// trainee (day, mentored by mentor), night (night group, 42 h contract, worked N the Sunday before
// the horizon), susp (suspended). Demand: 1 agent in every interval; 1 Minnan speaker Monday
// 08:00–16:30; 1 leader Monday to Thursday 08:00–16:30. Shift demand: 3 on D Monday, 1 on N Sunday.
func baseProblem() *wfm.Problem {
	g := wfm.Grid{Start: monday, Days: 7, Step: 30}
	d := &wfm.Demand{Grid: g, Agents: make([]int, g.Len()), Minnan: make([]int, g.Len()), Leaders: make([]int, g.Len())}
	for t := range g.Len() {
		d.Agents[t] = 1
		day, m := t/48, t%48
		if m >= 16 && m <= 32 { // 08:00–16:30
			if day == mon {
				d.Minnan[t] = 1
			}
			if day <= thu {
				d.Leaders[t] = 1
			}
		}
	}
	return &wfm.Problem{
		Horizon: wfm.Horizon{Start: monday, Days: 7, IntervalMinutes: 30, TimeZone: "Asia/Shanghai"},
		Rules:   wfm.DefaultRules(),
		Shifts: []wfm.ShiftTemplate{
			{ID: "D", Start: hm(8, 0), Minutes: 510, CannotFollow: []string{"E"}},
			{ID: "E", Start: hm(16, 0), Minutes: 360},
			{ID: "N", Start: hm(22, 0), Minutes: 600},
		},
		Agents: []wfm.Agent{
			{ID: "lead", Roles: []string{wfm.RoleLeader}, Group: wfm.GroupDay, Skills: []string{"mandarin"}},
			{ID: "minnan", Skills: []string{"mandarin", wfm.SkillMinnan}, Group: wfm.GroupDay},
			{ID: "mentor", Group: wfm.GroupAny},
			{ID: "trainee", Roles: []string{wfm.RoleTrainee}, Group: wfm.GroupDay, Mentor: "mentor"},
			{ID: "night", Group: wfm.GroupNight, ContractHours: 42},
			{ID: "susp", Roles: []string{wfm.RoleSuspended}, Group: wfm.GroupDay},
		},
		Leave: []wfm.Leave{{Agent: "minnan", Type: wfm.LeaveAnnual, From: monday.AddDays(tue), To: monday.AddDays(tue)}},
		Requests: []wfm.Request{
			{Agent: "trainee", Date: monday.AddDays(mon), Kind: wfm.RequestOn, Weight: 2},             // granted
			{Agent: "night", Date: monday.AddDays(sun), Kind: wfm.RequestOff, Weight: 3},              // granted
			{Agent: "lead", Date: monday.AddDays(fri), Shift: "D", Kind: wfm.RequestOn, Weight: 1.5},  // missed
			{Agent: "minnan", Date: monday.AddDays(wed), Shift: "E", Kind: wfm.RequestOff, Weight: 4}, // missed
			{Agent: "mentor", Date: monday.AddDays(mon), Shift: "E", Kind: wfm.RequestOff, Weight: 5}, // granted
			{Agent: "mentor", Date: monday.AddDays(tue), Shift: "E", Kind: wfm.RequestOn, Weight: 7},  // missed
			{Agent: "susp", Date: monday.AddDays(thu), Kind: wfm.RequestOn, Weight: 0.25},             // missed
		},
		Fixed: []wfm.Fixed{
			{Agent: "lead", Date: monday.AddDays(fri), Shift: wfm.Off},
			{Agent: "mentor", Date: monday.AddDays(mon), Shift: "D"},
			{Agent: "night", Date: monday.AddDays(-1), Shift: "N"}, // history
		},
		Holidays: []wfm.SpecialDay{
			{Date: monday.AddDays(wed), Kind: wfm.Holiday, Name: "test holiday"},
			{Date: monday.AddDays(sat), Kind: wfm.Workday, Name: "make-up working day"},
		},
		Demand: d,
		ShiftDemand: []wfm.ShiftCover{
			{Date: monday.AddDays(mon), Shift: "D", Required: 3, UnderWeight: 10, OverWeight: 2},
			{Date: monday.AddDays(sun), Shift: "N", Required: 1, UnderWeight: 5},
		},
	}
}

// baseDBreaks are each agent's meal and rest breaks on D.
var baseDBreaks = map[string][2]wfm.Clock{
	"lead":    {hm(12, 0), hm(14, 0)},
	"minnan":  {hm(11, 30), hm(14, 0)},
	"mentor":  {hm(12, 30), hm(14, 30)},
	"trainee": {hm(12, 30), hm(14, 30)},
}

// breaksFor returns the breaks agent gets on shift in the base roster.
func breaksFor(agent, shift string) []wfm.Break {
	switch shift {
	case "D":
		b, ok := baseDBreaks[agent]
		if !ok {
			b = [2]wfm.Clock{hm(12, 0), hm(14, 0)}
		}
		return brk(b[0], b[1])
	case "N":
		return brk(hm(25, 30), hm(29, 0))
	}
	return nil
}

// brk is a 30-minute meal and a 30-minute rest break.
func brk(meal, rest wfm.Clock) []wfm.Break {
	return []wfm.Break{{Kind: wfm.BreakMeal, Start: meal, Minutes: 30}, {Kind: wfm.BreakRest, Start: rest, Minutes: 30}}
}

// basePlan is the base roster: a template id, "." for a day off, "A" for annual leave.
var basePlan = []struct{ agent, days string }{
	{"lead", "D D D D . . ."},
	{"minnan", "D A E E E . ."},
	{"mentor", "D D D D . . ."},
	{"trainee", "D D D D . . ."},
	{"night", "N N . . N N ."},
	{"susp", ". . . . . . ."},
}

func baseRoster() *wfm.Roster {
	p := baseProblem()
	r := &wfm.Roster{Horizon: p.Horizon}
	for _, row := range basePlan {
		r.Schedules = append(r.Schedules, planned(row.agent, monday, strings.Fields(row.days)))
	}
	return r
}

// planned builds one agent's schedule from tokens.
func planned(agent string, start wfm.Date, tokens []string) wfm.AgentSchedule {
	s := wfm.AgentSchedule{Agent: agent}
	for k, tok := range tokens {
		d := wfm.DaySchedule{Date: start.AddDays(k)}
		switch tok {
		case ".":
		case "A":
			d.Leave = wfm.LeaveAnnual
		default:
			d.Shift, d.Breaks = tok, breaksFor(agent, tok)
		}
		s.Days = append(s.Days, d)
	}
	return s
}

// sched returns agent's schedule in r.
func sched(r *wfm.Roster, agent string) *wfm.AgentSchedule {
	for i := range r.Schedules {
		if r.Schedules[i].Agent == agent {
			return &r.Schedules[i]
		}
	}
	panic("no schedule for " + agent)
}

// work sets agent's day k to shift (with the base breaks), or to a day off when shift is "".
func work(r *wfm.Roster, agent string, k int, shift string) {
	d := &sched(r, agent).Days[k]
	d.Shift, d.Leave, d.Breaks = shift, "", breaksFor(agent, shift)
}

// agent returns the problem's agent by id.
func agent(p *wfm.Problem, id string) *wfm.Agent {
	for i := range p.Agents {
		if p.Agents[i].ID == id {
			return &p.Agents[i]
		}
	}
	panic("no agent " + id)
}

func limits(p *wfm.Problem, id string) *wfm.AgentLimits {
	a := agent(p, id)
	if a.Limits == nil {
		a.Limits = &wfm.AgentLimits{}
	}
	return a.Limits
}

func ptr[T any](v T) *T { return &v }

// want is an expected violation: rule, agent and day ("" when none).
type want struct{ rule, agent, day string }

func (w want) String() string { return fmt.Sprintf("%s/%s/%s", w.rule, w.agent, w.day) }

// expect asserts that the violations are exactly the wanted ones: every violation matches a want,
// and every want is matched by at least one violation (a rule may be broken in several ways on
// the same agent and day).
func expect(t *testing.T, rep *Report, wants ...want) {
	t.Helper()
	got := map[want]bool{}
	for _, v := range rep.Violations {
		got[want{v.Rule, v.Agent, v.Day}] = true
	}
	ok := len(got) == len(wants)
	for _, w := range wants {
		ok = ok && got[w]
	}
	if !ok {
		var lines []string
		for _, v := range rep.Violations {
			lines = append(lines, "  "+v.String())
		}
		slices.SortFunc(wants, func(a, b want) int { return strings.Compare(a.String(), b.String()) })
		t.Errorf("violations:\n%s\nwant exactly %v", strings.Join(lines, "\n"), wants)
	}
	if rep.Objective.Hard != len(rep.Violations) {
		t.Errorf("Hard = %d, %d violations", rep.Objective.Hard, len(rep.Violations))
	}
	for _, v := range rep.Violations {
		if v.Detail == "" {
			t.Errorf("violation without detail: %+v", v)
		}
	}
}

// near asserts a float within 1e-9.
func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if d := got - want; d > 1e-9 || d < -1e-9 {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// termIs asserts one term's penalty and amount.
func termIs(t *testing.T, o wfm.Objective, name string, penalty, amount float64) {
	t.Helper()
	term := o.Term(name)
	near(t, name+" penalty", term.Penalty, penalty)
	near(t, name+" amount", term.Amount, amount)
}
