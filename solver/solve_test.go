package solver

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"wfm"
	"wfm/solver/validate"
)

// smallCentre is a one-week, 30-minute problem: day shifts with breaks, an evening shift, a night
// shift for the night group, a leader per group, Minnan speakers, a trainee with a mentor, one
// suspended agent, annual leave, requests, and demand shaped like a day of calls.
func smallCentre(t testing.TB, days, agents int, seed uint64) *wfm.Problem {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	start := wfm.DateOf(2026, time.December, 7) // a Monday
	p := &wfm.Problem{
		Horizon: wfm.Horizon{Start: start, Days: days, IntervalMinutes: 30, TimeZone: wfm.DefaultTimeZone},
		Rules:   wfm.DefaultRules(),
		Shifts: []wfm.ShiftTemplate{
			{ID: "D07", Start: 7 * 60, Minutes: 510}, {ID: "D09", Start: 9 * 60, Minutes: 510},
			{ID: "D12", Start: 12 * 60, Minutes: 510}, {ID: "E15", Start: 15 * 60, Minutes: 510},
			{ID: "N22", Start: 22 * 60, Minutes: 540},
		},
	}
	for i := range agents {
		a := wfm.Agent{ID: fmt.Sprintf("A%02d", i), Group: wfm.GroupDay, Skills: []string{"mandarin"}}
		switch {
		case i%5 == 4:
			a.Group = wfm.GroupNight
		case i%7 == 6:
			a.Group = wfm.GroupAny
		}
		if i%6 == 0 || i%5 == 4 && i%10 == 4 {
			a.Roles = append(a.Roles, wfm.RoleLeader)
		}
		if i%3 == 1 {
			a.Skills = append(a.Skills, wfm.SkillMinnan)
		}
		p.Agents = append(p.Agents, a)
	}
	p.Agents[2].Roles, p.Agents[2].Mentor = []string{wfm.RoleTrainee}, "A01"
	p.Agents[8].Roles = []string{wfm.RoleSuspended}
	p.Leave = []wfm.Leave{{Agent: "A03", Type: wfm.LeaveAnnual, From: start.AddDays(1), To: start.AddDays(2)}}
	p.Requests = []wfm.Request{
		{Agent: "A05", Date: start.AddDays(3), Kind: wfm.RequestOff, Weight: 5},
		{Agent: "A06", Date: start.AddDays(2), Shift: "D07", Kind: wfm.RequestOn, Weight: 3},
	}
	g := p.Horizon.Grid()
	d := &wfm.Demand{Grid: g, Agents: make([]int, g.Len()), Minnan: make([]int, g.Len()), Leaders: make([]int, g.Len())}
	for i := range g.Len() {
		_, m := g.At(i)
		h := float64(m) / 60
		base := 1 + float64(agents)/6*(math.Exp(-0.5*math.Pow((h-10)/2, 2))+0.8*math.Exp(-0.5*math.Pow((h-15)/2, 2)))
		d.Agents[i] = int(base + rng.Float64())
		d.Minnan[i] = d.Agents[i] / 5
		d.Leaders[i] = 1
	}
	p.Demand = d
	if err := p.Validate(); err != nil {
		t.Fatalf("test problem invalid: %v", err)
	}
	return p
}

// checkRoster asserts the independent checker's verdict: no HARD violation and the same objective.
func checkRoster(t *testing.T, p *wfm.Problem, r *wfm.Roster) *validate.Report {
	t.Helper()
	rep := validate.Check(p, r)
	for _, v := range rep.Violations {
		t.Errorf("checker: %v", v)
	}
	if err := rep.Compare(r.Objective, 1e-6); err != nil {
		t.Errorf("solver and checker disagree on the objective: %v", err)
	}
	return rep
}

func TestSolveSmallCentrePassesChecker(t *testing.T) {
	p := smallCentre(t, 14, 24, 1)
	r, err := Solve(context.Background(), p, Options{Moves: 200_000, Seed: 1, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	checkRoster(t, p, r)
	if r.Coverage == nil || len(r.Coverage.OnPhones) != p.Horizon.Grid().Len() {
		t.Fatalf("coverage missing or wrong length")
	}
	if r.Solver.LowerBound < 0 || r.Objective.Term(wfm.TermUnder).Amount+1e-9 < r.Solver.LowerBound {
		t.Errorf("under-coverage %v below its lower bound %v", r.Objective.Term(wfm.TermUnder).Amount, r.Solver.LowerBound)
	}
}

func TestSolveIsDeterministicForAMoveBudget(t *testing.T) {
	p := smallCentre(t, 7, 16, 2)
	opt := Options{Moves: 100_000, Seed: 9, Workers: 2}
	r1, err1 := Solve(context.Background(), p, opt)
	r2, err2 := Solve(context.Background(), p, opt)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if !reflect.DeepEqual(r1.Schedules, r2.Schedules) {
		t.Fatal("same problem, seed and move budget gave different rosters")
	}
	r3, err := Solve(context.Background(), p, Options{Moves: 100_000, Seed: 10, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	checkRoster(t, p, r3)
}

// TestSolveRandomProblemsAgreeWithChecker is the property test: on random small centres every
// roster returned passes the checker and scores what the checker scores.
func TestSolveRandomProblemsAgreeWithChecker(t *testing.T) {
	for seed := range uint64(6) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			p := smallCentre(t, 7+int(seed%3)*7, 12+int(seed)*4, seed)
			rng := rand.New(rand.NewPCG(seed, 3))
			p.Rules.Weights.Linear = seed%2 == 1
			p.Rules.Overtime = seed%3 == 2
			for i := range 4 {
				a := p.Agents[rng.IntN(len(p.Agents))].ID
				p.Requests = append(p.Requests, wfm.Request{Agent: a, Date: p.Horizon.Start.AddDays(rng.IntN(p.Horizon.Days)),
					Kind: []string{wfm.RequestOn, wfm.RequestOff}[i%2], Weight: float64(1 + rng.IntN(9))})
			}
			r, err := Solve(context.Background(), p, Options{Moves: 60_000, Seed: seed, Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			checkRoster(t, p, r)
		})
	}
}

func TestSolveExplainsInfeasibleInput(t *testing.T) {
	p := smallCentre(t, 14, 12, 3)
	start := p.Horizon.Start
	tests := []struct {
		name  string
		edit  func(p *wfm.Problem)
		rule  string
		agent string
	}{
		{"weekly minimum unreachable", func(p *wfm.Problem) {
			for d := range 4 {
				p.Fixed = append(p.Fixed, wfm.Fixed{Agent: "A04", Date: start.AddDays(7 + d), Shift: wfm.Off})
			}
		}, "R3", "A04"},
		{"fixed shifts without rest", func(p *wfm.Problem) {
			p.Fixed = append(p.Fixed, wfm.Fixed{Agent: "A06", Date: start, Shift: "N22"},
				wfm.Fixed{Agent: "A06", Date: start.AddDays(1), Shift: "D07"})
			p.Agents[6].Group = wfm.GroupAny
		}, "R21", "A06"},
		{"ten-hour nights cannot meet the weekly minimum within the contract", func(p *wfm.Problem) {
			p.Shifts[4].Minutes = 600
		}, "R3", "A04"},
		{"fixed shift outside the group", func(p *wfm.Problem) {
			p.Fixed = append(p.Fixed, wfm.Fixed{Agent: "A00", Date: start, Shift: "N22"})
		}, "R22", "A00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := smallCentre(t, 14, 12, 3)
			tc.edit(q)
			if err := q.Validate(); err != nil {
				t.Fatalf("edited problem invalid: %v", err)
			}
			_, err := Solve(context.Background(), q, Options{Moves: 10_000, Seed: 1, Workers: 1})
			var e *wfm.Error
			if !errors.As(err, &e) || e.Kind != wfm.KindRule || e.Rule != tc.rule || e.Agent != tc.agent {
				t.Fatalf("got %v, want a %s rule error about %s", err, tc.rule, tc.agent)
			}
		})
	}
	_ = p
}

// TestSolveStopsWhenCancelled cancels a solve after three epochs of the search: it returns the
// best roster found so far.
func TestSolveStopsWhenCancelled(t *testing.T) {
	p := smallCentre(t, 14, 24, 4)
	ctx, cancel := context.WithCancel(context.Background())
	began := time.Now()
	var reports int
	r, err := Solve(ctx, p, Options{Time: time.Minute, Seed: 1, Progress: func(pr Progress) {
		if pr.Phase != PhaseSearch {
			return
		}
		reports++
		if reports == 3 {
			cancel()
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(began) > 20*time.Second {
		t.Errorf("cancelled solve took %v", time.Since(began))
	}
	if reports < 3 {
		t.Errorf("progress reported %d times", reports)
	}
	checkRoster(t, p, r)
}

// TestScarceSpeakersSpreadOverNights: two weeks of nights that each want two Minnan speakers on the
// phones, and two night speakers whose contracts hold about sixteen nights between them. A linear
// shortfall costs the same however the nights are shared; the convex one (the k-th missing speaker
// costs k) makes one speaker on every night cheaper than two on some and none on others.
func TestScarceSpeakersSpreadOverNights(t *testing.T) {
	start := wfm.DateOf(2026, time.December, 7) // a Monday
	const days = 14
	p := &wfm.Problem{
		Horizon: wfm.Horizon{Start: start, Days: days, IntervalMinutes: 30, TimeZone: wfm.DefaultTimeZone},
		Rules:   wfm.DefaultRules(),
		Shifts:  []wfm.ShiftTemplate{{ID: "N22", Start: 22 * 60, Minutes: 540}},
	}
	for i := range 8 {
		a := wfm.Agent{ID: fmt.Sprintf("N%d", i), Group: wfm.GroupNight, Skills: []string{"mandarin"}}
		if i < 2 {
			a.Skills = append(a.Skills, wfm.SkillMinnan)
		}
		p.Agents = append(p.Agents, a)
	}
	g := p.Horizon.Grid()
	d := &wfm.Demand{Grid: g, Agents: make([]int, g.Len()), Minnan: make([]int, g.Len()), Leaders: make([]int, g.Len())}
	for i := range g.Len() {
		if _, m := g.At(i); m >= 22*60 || m < 7*60 {
			d.Agents[i], d.Minnan[i] = 3, 2
		}
	}
	p.Demand = d
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	r, err := Solve(context.Background(), p, Options{Moves: 300_000, Seed: 1, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	checkRoster(t, p, r)
	var bare, shifts int
	for k := range days {
		n := 0
		for _, s := range r.Schedules[:2] {
			if s.Days[k].Shift != "" {
				n++
			}
		}
		shifts += n
		if n == 0 && k < days-1 { // the last night runs past the horizon
			bare++
		}
	}
	t.Logf("%d speaker nights, %d nights without a speaker", shifts, bare)
	if bare > 0 {
		t.Errorf("%d nights without a Minnan speaker while %d speaker nights were worked", bare, shifts)
	}
}
