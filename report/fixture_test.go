package report

import (
	"context"
	"sync"
	"testing"
	"time"

	"wfm"
	"wfm/benchmarks/gen"
	"wfm/solver"
	"wfm/solver/validate"
)

// fixedTime is the generation time of every test report.
var fixedTime = time.Date(2026, time.September, 27, 18, 30, 0, 0, time.FixedZone("CST", 8*3600))

// The hand-made fixture: five agents, the week Monday 28 September – Sunday 4 October 2026 on an
// hourly grid, with 1 and 2 October public holidays, overtime on, and these shifts:
//
//	D08 08:00–16:30 (510 min)   E14 14:00–22:30 (510 min)   N22 22:00–08:00 (600 min, night)
//
// Pre-shift: 10 min, 20 min for leaders. Contract 40 h × 7/7 = 40 h (A4: 42 h). The roster:
//
//	       Mon28 Tue29 Wed30 Thu01 Fri02 Sat03 Sun04
//	A1     D08   D08   D08   D08   -     -     E14     leader, day, Minnan; 1 swap
//	A2     AL    AL    E14   E14   E14   E14   -       day; annual leave Mon–Tue
//	A3     D08   D08   D08   D08   -     -     -       trainee, mentor A1, day
//	A4     N22   N22   N22   -     -     N22   -       leader, night, Minnan, 42 h contract
//	A5     E14   E14   -     N22   SL    -     D08     any; sick Friday; name with a comma and quotes
//
// Day shifts hold a meal at 12:00/18:00 and a rest at 14:00/20:00; nights a meal at 02:00 and
// a rest at 05:00 (26:00 and 29:00 on the shift's clock). The roster keeps every HARD rule.
func fixture() Input {
	r := wfm.DefaultRules()
	r.Overtime = true
	start := wfm.DateOf(2026, time.September, 28)
	const days, step = 7, 60
	p := &wfm.Problem{
		Horizon: wfm.Horizon{Start: start, Days: days, IntervalMinutes: step, TimeZone: "Asia/Shanghai"},
		Rules:   r,
		Shifts: []wfm.ShiftTemplate{
			{ID: "D08", Start: 8 * 60, Minutes: 510},
			{ID: "E14", Start: 14 * 60, Minutes: 510},
			{ID: "N22", Start: 22 * 60, Minutes: 600},
		},
		Agents: []wfm.Agent{
			{ID: "A1", Name: "Chen Li", Group: wfm.GroupDay, Roles: []string{wfm.RoleLeader}, Skills: []string{"mandarin", wfm.SkillMinnan}},
			{ID: "A2", Name: "Lin Wei", Group: wfm.GroupDay, Skills: []string{"mandarin"}},
			{ID: "A3", Name: "Wang Fang", Group: wfm.GroupDay, Roles: []string{wfm.RoleTrainee}, Mentor: "A1", Skills: []string{"mandarin"}},
			{ID: "A4", Name: "Zhang Min", Group: wfm.GroupNight, Roles: []string{wfm.RoleLeader}, Skills: []string{"mandarin", wfm.SkillMinnan}, ContractHours: 42},
			{ID: "A5", Name: `O'Brien, "Pat"`, Group: wfm.GroupAny, Skills: []string{"mandarin"}},
		},
		Leave: []wfm.Leave{
			{Agent: "A2", Type: wfm.LeaveAnnual, From: start, To: start.AddDays(1), Reason: "PRIVATE-REASON family trip"},
			{Agent: "A5", Type: wfm.LeaveSick, From: start.AddDays(4), To: start.AddDays(4), Reason: "PRIVATE-REASON flu"},
		},
		Holidays: []wfm.SpecialDay{
			{Date: start.AddDays(3), Kind: wfm.Holiday, Name: "National Day"},
			{Date: start.AddDays(4), Kind: wfm.Holiday, Name: "National Day"},
		},
	}
	// Demand per hour: one agent and one leader round the clock, two agents 08:00–22:00, a Minnan
	// speaker 09:00–17:00; calls 4 an hour at night, 20 by day, AHT 300 s.
	g := p.Horizon.Grid()
	d := &wfm.Demand{Grid: g}
	for i := range g.Len() {
		_, m := g.At(i)
		h := m / 60
		agents, minnan, calls := 1, 0, 4.0
		if h >= 8 && h < 22 {
			agents, calls = 2, 20
		}
		if h >= 9 && h < 17 {
			minnan = 1
		}
		d.Agents = append(d.Agents, agents)
		d.Minnan = append(d.Minnan, minnan)
		d.Leaders = append(d.Leaders, 1)
		d.Calls = append(d.Calls, calls)
		d.AHT = append(d.AHT, 300)
	}
	p.Demand = d

	day := func(shift string) wfm.DaySchedule {
		x := wfm.DaySchedule{Shift: shift}
		switch shift {
		case "D08":
			x.Breaks = []wfm.Break{{Kind: wfm.BreakRest, Start: 14 * 60, Minutes: 30}, {Kind: wfm.BreakMeal, Start: 12 * 60, Minutes: 30}}
		case "E14":
			x.Breaks = []wfm.Break{{Kind: wfm.BreakMeal, Start: 18 * 60, Minutes: 30}, {Kind: wfm.BreakRest, Start: 20 * 60, Minutes: 30}}
		case "N22":
			x.Breaks = []wfm.Break{{Kind: wfm.BreakMeal, Start: 26 * 60, Minutes: 30}, {Kind: wfm.BreakRest, Start: 29 * 60, Minutes: 30}}
		}
		return x
	}
	leave := func(t string) wfm.DaySchedule { return wfm.DaySchedule{Leave: t} }
	off := wfm.DaySchedule{}
	rows := map[string][]wfm.DaySchedule{
		"A1": {day("D08"), day("D08"), day("D08"), day("D08"), off, off, day("E14")},
		"A2": {leave(wfm.LeaveAnnual), leave(wfm.LeaveAnnual), day("E14"), day("E14"), day("E14"), day("E14"), off},
		"A3": {day("D08"), day("D08"), day("D08"), day("D08"), off, off, off},
		"A4": {day("N22"), day("N22"), day("N22"), off, off, day("N22"), off},
		"A5": {day("E14"), day("E14"), off, day("N22"), leave(wfm.LeaveSick), off, day("D08")},
	}
	ro := &wfm.Roster{Horizon: p.Horizon}
	for _, a := range p.Agents {
		s := wfm.AgentSchedule{Agent: a.ID}
		for k, x := range rows[a.ID] {
			x.Date = start.AddDays(k)
			s.Days = append(s.Days, x)
		}
		ro.Schedules = append(ro.Schedules, s)
	}
	ro.Advisories = []wfm.Violation{{Rule: "R12", Day: "2026-10-02", Detail: "no leader can cover the evening"}}
	check := validate.Check(p, ro)
	return Input{Problem: p, Roster: ro, Check: check, Title: "Test centre — National Day week",
		Generated: fixedTime, Swaps: map[string]int{"A1": 1}}
}

var (
	genOnce  sync.Once
	genInput Input
	genErr   error
)

// generatedInput is a generated 30-agent week, solved deterministically (shared by the tests).
func generatedInput(t testing.TB) Input {
	t.Helper()
	genOnce.Do(func() {
		p, err := gen.Generate(gen.Config{Agents: 30, Days: 7, Seed: 1})
		if err != nil {
			genErr = err
			return
		}
		r, err := solver.Solve(context.Background(), p, solver.Options{Moves: 50_000, Seed: 1, Workers: 1})
		if err != nil {
			genErr = err
			return
		}
		genInput = Input{Problem: p, Roster: r, Check: validate.Check(p, r), Title: "Generated centre — one week",
			Generated: fixedTime, Swaps: map[string]int{p.Agents[0].ID: 2}}
	})
	if genErr != nil {
		t.Fatal(genErr)
	}
	return genInput
}
