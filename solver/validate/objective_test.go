package validate

import (
	"testing"

	"wfm"
)

// tinyProblem is a centre of days days from Monday 2026-11-30 on a 30-minute grid, with all weights
// zero (each test sets the one it measures), a 70-hour contract and a weekly band of 0–70 h (the
// tests here measure the objective; rules_test holds R3), no interval demand yet (all zeros) and
// four shifts: S 10:00–11:00 (no breaks), D 08:00–16:30 (breaks), N 22:00–08:00 (night, breaks)
// and L 11:00–12:00 (no breaks).
func tinyProblem(days int, agents ...wfm.Agent) *wfm.Problem {
	g := wfm.Grid{Start: monday, Days: days, Step: 30}
	rules := wfm.DefaultRules()
	rules.Weights = wfm.Weights{}
	rules.ContractHoursPerWeek = 70 // 10 h a day: any one shift fits a one-day horizon
	rules.WeeklyMinHours, rules.WeeklyMaxHours = 0, 70
	return &wfm.Problem{
		Horizon: wfm.Horizon{Start: monday, Days: days, IntervalMinutes: 30},
		Rules:   rules,
		Shifts: []wfm.ShiftTemplate{
			{ID: "S", Start: hm(10, 0), Minutes: 60},
			{ID: "D", Start: hm(8, 0), Minutes: 510},
			{ID: "N", Start: hm(22, 0), Minutes: 600},
			{ID: "L", Start: hm(11, 0), Minutes: 60},
		},
		Agents: agents,
		Demand: &wfm.Demand{Grid: g, Agents: make([]int, g.Len()), Minnan: make([]int, g.Len()), Leaders: make([]int, g.Len())},
	}
}

// iv is the interval index of day d at h:m.
func iv(d, h, m int) int { return d*48 + h*2 + m/30 }

// tinyRoster gives each agent its day tokens (see planned).
func tinyRoster(p *wfm.Problem, plan map[string]string) *wfm.Roster {
	r := &wfm.Roster{Horizon: p.Horizon}
	for _, a := range p.Agents {
		days := plan[a.ID]
		if days == "" {
			days = ". . . . . . . . . . . . . . . . . . . . . . . . . . . . . . ."[:2*p.Horizon.Days-1]
		}
		r.Schedules = append(r.Schedules, planned(a.ID, monday, splitDays(days)))
	}
	return r
}

var (
	regular = func(id string) wfm.Agent { return wfm.Agent{ID: id, Group: wfm.GroupAny} }
	trainee = func(id, mentor string) wfm.Agent {
		return wfm.Agent{ID: id, Group: wfm.GroupAny, Roles: []string{wfm.RoleTrainee}, Mentor: mentor}
	}
)

func mustValid(t *testing.T, p *wfm.Problem) {
	t.Helper()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
}

// TestUnderConvexAndLinear: a regular agent and a trainee (0.5) on S against a demand of 3 at 10:00
// and 10:30 leave 1.5 short twice; nobody at 11:00 against 2 leaves 2 short.
//
//	convex: h(1.5) = 1.5·2.5/2 = 1.875 twice, h(2) = 3 → 6.75, ·10 = 67.5
//	linear: 1.5 + 1.5 + 2 = 5, ·10 = 50; the amount is 5 agent-intervals either way.
func TestUnderConvexAndLinear(t *testing.T) {
	p := tinyProblem(1, regular("a"), trainee("t", "a"))
	p.Demand.Agents[iv(0, 10, 0)], p.Demand.Agents[iv(0, 10, 30)], p.Demand.Agents[iv(0, 11, 0)] = 3, 3, 2
	p.Rules.Weights.Under = 10
	mustValid(t, p)
	r := tinyRoster(p, map[string]string{"a": "S", "t": "S"})
	rep := Check(p, r)
	expect(t, rep)
	termIs(t, rep.Objective, wfm.TermUnder, 67.5, 5)
	near(t, "total", rep.Objective.Total, 67.5)

	p.Rules.Weights.Linear = true
	rep = Check(p, r)
	termIs(t, rep.Objective, wfm.TermUnder, 50, 5)
}

// TestUnderWeight: u_t weighs h(s_t). 10:00 needs 2 (u 3), has 1 → 3·h(1) = 3; 10:30 needs 1, has
// 1; 11:00 needs 2 (u 0.5), has 0 → 0.5·h(2) = 1.5. Convex 4.5·10 = 45; linear 3 + 1 = 4 → 40.
func TestUnderWeight(t *testing.T) {
	p := tinyProblem(1, regular("a"))
	d := p.Demand
	d.UnderWeight = make([]float64, len(d.Agents))
	for i := range d.UnderWeight {
		d.UnderWeight[i] = 1
	}
	d.Agents[iv(0, 10, 0)], d.UnderWeight[iv(0, 10, 0)] = 2, 3
	d.Agents[iv(0, 10, 30)], d.UnderWeight[iv(0, 10, 30)] = 1, 7
	d.Agents[iv(0, 11, 0)], d.UnderWeight[iv(0, 11, 0)] = 2, 0.5
	p.Rules.Weights.Under = 10
	mustValid(t, p)
	r := tinyRoster(p, map[string]string{"a": "S"})
	termIs(t, Check(p, r).Objective, wfm.TermUnder, 45, 3)
	p.Rules.Weights.Linear = true
	termIs(t, Check(p, r).Objective, wfm.TermUnder, 40, 3)
}

// TestEmpty: a counts 10:00 and 10:30 (S), trainee t alone counts 0.5 at 11:00 and 11:30 (L);
// demand of 1 from 09:30 to 12:00 leaves 09:30 and 12:00 empty; 12:30 has no demand and nobody,
// which is not empty.
func TestEmpty(t *testing.T) {
	p := tinyProblem(1, regular("a"), trainee("t", ""))
	for _, h := range [][2]int{{9, 30}, {10, 0}, {10, 30}, {11, 0}, {11, 30}, {12, 0}} {
		p.Demand.Agents[iv(0, h[0], h[1])] = 1
	}
	p.Rules.Weights.Empty = 1000
	mustValid(t, p)
	rep := Check(p, tinyRoster(p, map[string]string{"a": "S", "t": "L"}))
	expect(t, rep, want{"R14", "t", dayStr(mon)}) // the trainee is alone on L
	termIs(t, rep.Objective, wfm.TermEmpty, 2000, 2)
	termIs(t, rep.Objective, wfm.TermUnder, 0, 2+0.5+0.5) // weight 0, amount still reported
}

// TestOver: a, b and trainee t (2.5) on S: 10:00 needs 1 → 1.5 over, 10:30 needs 0 → 2.5 over.
func TestOver(t *testing.T) {
	p := tinyProblem(1, regular("a"), regular("b"), trainee("t", "a"))
	p.Demand.Agents[iv(0, 10, 0)] = 1
	p.Rules.Weights.Over = 2
	mustValid(t, p)
	rep := Check(p, tinyRoster(p, map[string]string{"a": "S", "b": "S", "t": "S"}))
	expect(t, rep)
	termIs(t, rep.Objective, wfm.TermOver, 8, 4)
}

// TestMinnan: Minnan speaker a, Minnan trainee t and non-speaker b on S: 1.5 Minnan on the phones;
// 2 required at 10:00 → 0.5 short, costing 0.5·1.5/2 = 0.375 (convex); 4 required at 10:30 → 2.5
// short, 2.5·3.5/2 = 4.375: together 4.75 × 200 for 3 speakers short.
func TestMinnan(t *testing.T) {
	m := regular("a")
	m.Skills = []string{wfm.SkillMinnan}
	tr := trainee("t", "a")
	tr.Skills = []string{"mandarin", wfm.SkillMinnan}
	p := tinyProblem(1, m, tr, regular("b"))
	p.Demand.Minnan[iv(0, 10, 0)], p.Demand.Minnan[iv(0, 10, 30)] = 2, 4
	p.Rules.Weights.Minnan = 200
	mustValid(t, p)
	rep := Check(p, tinyRoster(p, map[string]string{"a": "S", "t": "S", "b": "S"}))
	expect(t, rep)
	termIs(t, rep.Objective, wfm.TermMinnan, 950, 3)
	if got := rep.Coverage.MinnanOnPhones[iv(0, 10, 0)]; got != 1.5 {
		t.Errorf("Minnan on the phones %v, want 1.5", got)
	}
}

// TestLeaderOnBreak: leader l works D 08:00–16:30 with breaks at 12:00 and 14:00; one leader is
// required in each of its 17 intervals → 2 short (the breaks). A leader who is a trainee counts 1.
func TestLeaderOnBreak(t *testing.T) {
	l := regular("l")
	l.Roles = []string{wfm.RoleLeader}
	p := tinyProblem(1, l)
	for m := 8 * 60; m < 16*60+30; m += 30 {
		p.Demand.Leaders[iv(0, 0, m)] = 1
	}
	p.Rules.Weights.Leader = 200
	mustValid(t, p)
	rep := Check(p, tinyRoster(p, map[string]string{"l": "D"}))
	expect(t, rep)
	termIs(t, rep.Objective, wfm.TermLeader, 400, 2)
	if rep.Coverage.LeadersOnDuty[iv(0, 12, 0)] != 0 || rep.Coverage.LeadersOnDuty[iv(0, 12, 30)] != 1 {
		t.Errorf("leaders on duty around the meal: %v", rep.Coverage.LeadersOnDuty[iv(0, 11, 30):iv(0, 13, 0)])
	}

	// A leader who is also a trainee counts 1 as a leader and 0.5 on the phones.
	lt := trainee("lt", "")
	lt.Roles = append(lt.Roles, wfm.RoleLeader)
	p = tinyProblem(1, lt)
	p.Demand.Leaders[iv(0, 10, 0)] = 1
	rep = Check(p, tinyRoster(p, map[string]string{"lt": "S"}))
	if c := rep.Coverage; c.LeadersOnDuty[iv(0, 10, 0)] != 1 || c.OnPhones[iv(0, 10, 0)] != 0.5 {
		t.Errorf("trainee leader: leaders %d on %v", c.LeadersOnDuty[iv(0, 10, 0)], c.OnPhones[iv(0, 10, 0)])
	}
}

// TestCoverageHistoryAndSuspended: a night shift fixed the day before the horizon covers 00:00–08:00
// of the first day (no breaks); a suspended agent never counts. The empty intervals are the day's
// 32 after 08:00 and the 16 of the next day before 08:00 (wfm.EdgeIntervals), which only a night
// starting in the horizon could cover; the reported coverage stops at the horizon's end.
func TestCoverageHistoryAndSuspended(t *testing.T) {
	s := regular("s")
	s.Roles = []string{wfm.RoleSuspended}
	p := tinyProblem(1, regular("n"), s)
	p.Fixed = []wfm.Fixed{{Agent: "n", Date: monday.AddDays(-1), Shift: "N"}}
	for i := range p.Demand.Agents {
		p.Demand.Agents[i] = 1
	}
	p.Rules.Weights.Empty = 1
	rep := Check(p, tinyRoster(p, map[string]string{"s": "S"}))
	expect(t, rep, want{"R14", "s", dayStr(mon)})
	c := rep.Coverage
	for i, on := range c.OnPhones {
		want := 0.0
		if i < 16 {
			want = 1
		}
		if on != want {
			t.Errorf("interval %s: on %v, want %v", c.Grid.Label(i), on, want)
		}
	}
	if len(c.OnPhones) != 48 {
		t.Errorf("coverage reports %d intervals, want the horizon's 48", len(c.OnPhones))
	}
	termIs(t, rep.Objective, wfm.TermEmpty, 48, 48)
}

// TestCoverageGrid15: on a 15-minute grid D 08:00–16:30 covers 34 intervals less two per break.
func TestCoverageGrid15(t *testing.T) {
	p := tinyProblem(1, regular("a"))
	p.Horizon.IntervalMinutes = 15
	g := p.Horizon.Grid()
	p.Demand = &wfm.Demand{Grid: g, Agents: make([]int, g.Len()), Minnan: make([]int, g.Len()), Leaders: make([]int, g.Len())}
	mustValid(t, p)
	r := tinyRoster(p, map[string]string{"a": "D"})
	sched(r, "a").Days[0].Breaks = brk(hm(12, 15), hm(14, 0))
	rep := Check(p, r)
	expect(t, rep)
	sum := 0.0
	for _, on := range rep.Coverage.OnPhones {
		sum += on
	}
	if sum != 34-4 {
		t.Errorf("agent-intervals %v, want 30", sum)
	}
	if rep.Coverage.OnPhones[12*4] != 1 || rep.Coverage.OnPhones[12*4+1] != 0 || rep.Coverage.OnPhones[12*4+3] != 1 {
		t.Errorf("around the meal: %v", rep.Coverage.OnPhones[12*4:12*4+4])
	}
}

// TestShiftDemand: Monday S needs 3 and has 1 → 2 short · 2.5 = 5; Tuesday S needs 0 and has 2 →
// 2 over · 1.5 = 3; Tuesday D needs 1 and has 1. Without interval demand there is no coverage.
func TestShiftDemand(t *testing.T) {
	p := tinyProblem(2, regular("a"), regular("b"), regular("c"))
	p.Demand = nil
	p.ShiftDemand = []wfm.ShiftCover{
		{Date: monday, Shift: "S", Required: 3, UnderWeight: 2.5, OverWeight: 9},
		{Date: monday.AddDays(1), Shift: "S", Required: 0, UnderWeight: 1, OverWeight: 1.5},
		{Date: monday.AddDays(1), Shift: "D", Required: 1, UnderWeight: 4, OverWeight: 4},
	}
	p.Rules.Weights.Under, p.Rules.Weights.Empty = 10, 1000
	mustValid(t, p)
	rep := Check(p, tinyRoster(p, map[string]string{"a": "S S", "b": ". S", "c": ". D"}))
	expect(t, rep)
	termIs(t, rep.Objective, wfm.TermShiftUnder, 5, 2)
	termIs(t, rep.Objective, wfm.TermShiftOver, 3, 2)
	termIs(t, rep.Objective, wfm.TermUnder, 0, 0)
	termIs(t, rep.Objective, wfm.TermEmpty, 0, 0)
	near(t, "total", rep.Objective.Total, 8)
	if rep.Coverage != nil {
		t.Error("coverage without interval demand")
	}
}

// TestRequests: a works S on Monday and nothing on Tuesday.
func TestRequests(t *testing.T) {
	p := tinyProblem(2, regular("a"))
	tue := monday.AddDays(1)
	p.Requests = []wfm.Request{
		{Agent: "a", Date: monday, Kind: wfm.RequestOn, Weight: 1},               // works a shift: granted
		{Agent: "a", Date: monday, Shift: "S", Kind: wfm.RequestOn, Weight: 2},   // works S: granted
		{Agent: "a", Date: monday, Shift: "D", Kind: wfm.RequestOn, Weight: 4},   // works S, not D: missed
		{Agent: "a", Date: tue, Kind: wfm.RequestOn, Weight: 8},                  // off: missed
		{Agent: "a", Date: monday, Kind: wfm.RequestOff, Weight: 16},             // works: missed
		{Agent: "a", Date: monday, Shift: "S", Kind: wfm.RequestOff, Weight: 32}, // works S: missed
		{Agent: "a", Date: monday, Shift: "D", Kind: wfm.RequestOff, Weight: 64}, // not D: granted
		{Agent: "a", Date: tue, Kind: wfm.RequestOff, Weight: 128},               // off: granted
		{Agent: "a", Date: tue, Shift: "S", Kind: wfm.RequestOn, Weight: 256},    // off: missed
		{Agent: "a", Date: tue, Shift: "S", Kind: wfm.RequestOff, Weight: 512},   // off: granted
	}
	p.Rules.Weights.Requests = 0.5
	mustValid(t, p)
	rep := Check(p, tinyRoster(p, map[string]string{"a": "S ."}))
	expect(t, rep)
	termIs(t, rep.Objective, wfm.TermRequests, (4+8+16+32+256)*0.5, 5)
}

// TestFairness: a works N Mon, Tue, Sat, Sun (and N the Sunday before, history, not counted);
// b works D Tue and Sat. Tuesday is a holiday, Saturday a make-up working day (not a holiday).
//
//	nights:   a 4, b 0 → 16 (amount 4), weight 2 → 32
//	weekends: a 2, b 1 → 5 (amount 3), weight 3 → 15
//	holidays: a 1, b 1 → 2 (amount 2), weight 5 → 10
func TestFairness(t *testing.T) {
	p := tinyProblem(7, regular("a"), regular("b"))
	p.Fixed = []wfm.Fixed{{Agent: "a", Date: monday.AddDays(-1), Shift: "N"}}
	p.Holidays = []wfm.SpecialDay{{Date: monday.AddDays(tue), Kind: wfm.Holiday}, {Date: monday.AddDays(sat), Kind: wfm.Workday}}
	p.Rules.WeeklyMinHours, p.Rules.ContractHoursPerWeek = 0, 48 // a's 4 nights are 2440 min
	p.Rules.Weights.Nights, p.Rules.Weights.Weekends, p.Rules.Weights.Holidays = 2, 3, 5
	mustValid(t, p)
	rep := Check(p, tinyRoster(p, map[string]string{"a": "N N . . . N N", "b": ". D . . . D ."}))
	expect(t, rep)
	termIs(t, rep.Objective, wfm.TermNights, 32, 4)
	termIs(t, rep.Objective, wfm.TermWeekends, 15, 3)
	termIs(t, rep.Objective, wfm.TermHolidays, 10, 2)
	near(t, "total", rep.Objective.Total, 57)
}

// TestOvertime, overtime on, 7 days, weight 5:
//
//	a  40 h → 2400: D Mon–Fri 5·520 = 2600 + Saturday's annual leave, a working day of the
//	   contract week, 2400/5 = 480 → 2600 − (2400 − 480) = 680 min
//	b  45 h → 2700: D Mon–Fri 2600 → none
//	c  leader, 30 h → 1800: D Mon–Thu 4·530 = 2120 → 320 min
//
// 1000 min = 16.667 h, · 5 = 83.333. Within the caps (16 h), so no HARD violation. With overtime
// off the term is 0 (and a and c break R3).
func TestOvertime(t *testing.T) {
	b := regular("b")
	b.ContractHours = 45
	c := regular("c")
	c.ContractHours, c.Roles = 30, []string{wfm.RoleLeader}
	p := tinyProblem(7, regular("a"), b, c)
	p.Leave = []wfm.Leave{{Agent: "a", Type: wfm.LeaveAnnual, From: monday.AddDays(sat), To: monday.AddDays(sat)}}
	p.Rules.Overtime, p.Rules.ContractHoursPerWeek = true, 40
	p.Rules.Weights.Overtime = 5
	mustValid(t, p)
	r := tinyRoster(p, map[string]string{"a": "D D D D D A .", "b": "D D D D D . .", "c": "D D D D . . ."})
	rep := Check(p, r)
	expect(t, rep)
	termIs(t, rep.Objective, wfm.TermOvertime, 5*(2600-2400+2400.0/5+320)/60, (2600-2400+2400.0/5+320)/60)

	p.Rules.Overtime = false
	rep = Check(p, r)
	expect(t, rep, want{"R3", "a", ""}, want{"R3", "c", ""})
	termIs(t, rep.Objective, wfm.TermOvertime, 0, 0)
}
