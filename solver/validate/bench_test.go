package validate

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"wfm"
)

// bigCase generates a problem of n agents over days days on a 30-minute grid, with interval demand,
// leave, requests and history, and a feasible-ish roster: each agent works one template in a
// 5-on-2-off pattern with staggered breaks. It is meant for timing, not for passing.
func bigCase(n, days int, seed uint64) (*wfm.Problem, *wfm.Roster) {
	rng := rand.New(rand.NewPCG(seed, 1))
	start := wfm.DateOf(2026, 12, 1)
	g := wfm.Grid{Start: start, Days: days, Step: 30}
	d := &wfm.Demand{Grid: g, Agents: make([]int, g.Len()), Minnan: make([]int, g.Len()), Leaders: make([]int, g.Len()),
		UnderWeight: make([]float64, g.Len())}
	for t := range g.Len() {
		d.Agents[t] = rng.IntN(n / 3)
		d.Minnan[t] = d.Agents[t] / 7
		d.Leaders[t] = 1
		d.UnderWeight[t] = rng.Float64() * 10
	}
	p := &wfm.Problem{
		Horizon: wfm.Horizon{Start: start, Days: days, IntervalMinutes: 30},
		Rules:   wfm.DefaultRules(),
		Shifts: []wfm.ShiftTemplate{
			{ID: "D", Start: hm(8, 0), Minutes: 510},
			{ID: "M", Start: hm(11, 0), Minutes: 510},
			{ID: "E", Start: hm(14, 0), Minutes: 510, CannotFollow: []string{"D"}},
			{ID: "N", Start: hm(22, 0), Minutes: 600},
		},
		Demand: d,
	}
	r := &wfm.Roster{Horizon: p.Horizon}
	for i := range n {
		a := wfm.Agent{ID: fmt.Sprintf("a%05d", i), Group: wfm.GroupDay}
		tpl := i % 4
		if tpl == 3 {
			a.Group = wfm.GroupNight
		}
		switch {
		case i%50 == 0:
			a.Roles = []string{wfm.RoleLeader}
		case i%50 == 1:
			a.Roles, a.Mentor = []string{wfm.RoleTrainee}, fmt.Sprintf("a%05d", i-1)
		case i%97 == 5:
			a.Roles = []string{wfm.RoleSuspended}
		}
		if i%5 == 0 {
			a.Skills = []string{wfm.SkillMinnan}
		}
		p.Agents = append(p.Agents, a)
		s := p.Shifts[tpl]
		offset := i % 7
		if i%300 == 7 {
			p.Leave = append(p.Leave, wfm.Leave{Agent: a.ID, Type: wfm.LeaveSick, From: start.AddDays(10), To: start.AddDays(12)})
		}
		if i%3 == 0 {
			p.Requests = append(p.Requests, wfm.Request{Agent: a.ID, Date: start.AddDays(rng.IntN(days)), Kind: wfm.RequestOff, Weight: 1})
		}
		if (offset+6)%7 < 5 {
			p.Fixed = append(p.Fixed, wfm.Fixed{Agent: a.ID, Date: start.AddDays(-1), Shift: s.ID})
		}
		sc := wfm.AgentSchedule{Agent: a.ID}
		for k := range days {
			day := wfm.DaySchedule{Date: start.AddDays(k)}
			switch {
			case i%300 == 7 && k >= 10 && k <= 12:
				day.Leave = wfm.LeaveSick
			case (k+offset)%7 < 5 && !a.Has(wfm.RoleSuspended):
				day.Shift = s.ID
				meal := s.Start + wfm.Clock(120+30*rng.IntN(5))
				day.Breaks = brk(meal, meal+wfm.Clock(120+30*rng.IntN(3)))
			}
			sc.Days = append(sc.Days, day)
		}
		r.Schedules = append(r.Schedules, sc)
	}
	return p, r
}

func TestBigCaseValidProblem(t *testing.T) {
	p, r := bigCase(300, 31, 1)
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	rep := Check(p, r)
	// The generator is only feasible-ish; it must at least be structurally sound.
	for _, v := range rep.Violations {
		if v.Rule == wfm.RuleStructure {
			t.Fatalf("structure violation in the generated roster: %v", v)
		}
	}
}

// BenchmarkCheck checks a 2,000-agent × 31-day roster on a 30-minute grid.
func BenchmarkCheck(b *testing.B) {
	p, r := bigCase(2000, 31, 1)
	b.ReportAllocs()
	for b.Loop() {
		Check(p, r)
	}
}

// BenchmarkCheck10k checks a 10,000-agent × 31-day roster.
func BenchmarkCheck10k(b *testing.B) {
	p, r := bigCase(10000, 31, 1)
	b.ReportAllocs()
	for b.Loop() {
		Check(p, r)
	}
}
