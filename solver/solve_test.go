package solver

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
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
	p := centreFrom(wfm.DateOf(2026, time.December, 7), days, agents, seed) // a Monday
	if err := p.Validate(); err != nil {
		t.Fatalf("test problem invalid: %v", err)
	}
	return p
}

// centreFrom is smallCentre from start.
func centreFrom(start wfm.Date, days, agents int, seed uint64) *wfm.Problem {
	rng := rand.New(rand.NewPCG(seed, 7))
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
	return p
}

// edgeCentre is smallCentre over days from a Thursday, so that both ends of the horizon cut an
// ISO week, with what the month's edges and contracts bring: two weeks of the previous roster
// before it (each agent on one template five days in seven, days off stated, the oldest days of
// some agents unknown, three agents with no history at all, leave before the horizon for two),
// part-timers on 32 h with the scaled band (25.6–38.4 h: three shifts a week), some with their
// own templates, and on 24 h with a band of their own (16–30 h: two shifts a week; the scaled
// 19.2 h would need three, 26 h, more than the contract), and with mentor stand-in the trainee's
// mentor on leave for three days, and a full-timer on leave a whole ISO week and a day. A short
// horizon leaves the contract little slack over the weekly minimums in whole shifts: from a
// Thursday, 18, 21 and 25 days hold them. Every other day agent with history takes its days off
// in blocks of at least two, so that runs of rest across the start are judged.
func edgeCentre(t testing.TB, days, agents int, seed uint64, standIn bool) *wfm.Problem {
	t.Helper()
	start := wfm.DateOf(2026, time.December, 10) // a Thursday
	p := centreFrom(start, days, agents, seed)
	rng := rand.New(rand.NewPCG(seed, 11))
	p.Rules.MentorStandIn = standIn
	two := 2
	for i := range p.Agents {
		a := &p.Agents[i]
		if i >= 3 && i%2 == 0 && a.Group == wfm.GroupDay && !a.Has(wfm.RoleTrainee) {
			a.Limits = &wfm.AgentLimits{MinConsecutiveDaysOff: &two}
		}
		if a.Group != wfm.GroupDay || a.Has(wfm.RoleLeader) || a.Has(wfm.RoleTrainee) {
			continue // part-timers work day shifts without a leader's longer preparation
		}
		switch i % 9 {
		case 3:
			a.ContractHours = 32
		case 5:
			a.ContractHours, a.Shifts = 32, []string{"D09", "D12"}
		case 7:
			lo, hi := 16.0, 30.0
			a.ContractHours, a.WeeklyMinHours, a.WeeklyMaxHours = 24, &lo, &hi
		}
	}
	// The previous roster: the template of the agent's group it worked, five days in seven (part-timers
	// three), from a random phase; agents 0, 1 and 2 have none, every fourth agent only its last week.
	for i, a := range p.Agents {
		if i < 3 || a.Has(wfm.RoleSuspended) {
			continue
		}
		shift := "D09"
		if a.Group == wfm.GroupNight {
			shift = "N22"
		}
		on, phase := 5, rng.IntN(7)
		if a.ContractHours != 0 {
			on = 3
		}
		from := -wfm.HistoryDays
		if i%4 == 0 {
			from = -7
		}
		for k := from; k < 0; k++ {
			f := wfm.Fixed{Agent: a.ID, Date: start.AddDays(k), Shift: wfm.Off}
			if (k+wfm.HistoryDays+phase)%7 < on {
				f.Shift = shift
			}
			p.Fixed = append(p.Fixed, f)
		}
	}
	p.Fixed = slices.DeleteFunc(p.Fixed, func(f wfm.Fixed) bool { // leave before the horizon for agents 4 and 6
		return (f.Agent == p.Agents[4].ID || f.Agent == p.Agents[6].ID) && f.Date >= start.AddDays(-2)
	})
	for _, i := range []int{4, 6} {
		p.Leave = append(p.Leave, wfm.Leave{Agent: p.Agents[i].ID, Type: wfm.LeaveSick, From: start.AddDays(-2), To: start.AddDays(1)})
	}
	// A full-timer away a whole ISO week and the Monday after: seven days of one week count its
	// five working days (R3), the Monday one more.
	for i := len(p.Agents) - 1; i >= 0; i-- {
		a := p.Agents[i]
		mentor := slices.ContainsFunc(p.Agents, func(o wfm.Agent) bool { return o.Mentor == a.ID })
		if a.Group == wfm.GroupDay && len(a.Roles) == 0 && a.ContractHours == 0 && !mentor {
			p.Leave = append(p.Leave, wfm.Leave{Agent: a.ID, Type: wfm.LeavePersonal, From: start.AddDays(4), To: start.AddDays(11)})
			break
		}
	}
	if standIn { // without stand-in the trainee would follow its mentor's weeks, more than the mentor's contract holds
		mentor := p.Agents[2].Mentor // A01
		p.Leave = append(p.Leave, wfm.Leave{Agent: mentor, Type: wfm.LeavePersonal, From: start.AddDays(3), To: start.AddDays(5)})
	}
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
// roster returned passes the checker and scores what the checker scores, also at the month's
// edges: partial weeks at both ends, history before the horizon (runs, rest, days off, leave and
// unknown days), part-timers on their own bands and templates, a mentor on leave, with and without
// mentor stand-in (edgeCentre).
func TestSolveRandomProblemsAgreeWithChecker(t *testing.T) {
	for seed := range uint64(4) {
		t.Run(fmt.Sprint("edges ", seed), func(t *testing.T) {
			p := edgeCentre(t, []int{18, 25, 21, 18}[seed], 16+int(seed)*4, seed, seed%2 == 0)
			r, err := Solve(context.Background(), p, Options{Moves: 150_000, Seed: seed, Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			checkRoster(t, p, r)
		})
	}
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
		{"fixed shift outside the agent's templates", func(p *wfm.Problem) {
			p.Agents[5].Shifts = []string{"D07", "D09"}
			p.Fixed = append(p.Fixed, wfm.Fixed{Agent: "A05", Date: start.AddDays(2), Shift: "D12"})
		}, "R22", "A05"},
		{"a short run of the previous roster that leave on the first day ends", func(p *wfm.Problem) {
			p.Rules.MinConsecutiveDays = 2
			p.Fixed = append(p.Fixed, wfm.Fixed{Agent: "A05", Date: start.AddDays(-2), Shift: wfm.Off},
				wfm.Fixed{Agent: "A05", Date: start.AddDays(-1), Shift: "D09"})
			p.Leave = append(p.Leave, wfm.Leave{Agent: "A05", Type: wfm.LeaveSick, From: start, To: start})
		}, "R21", "A05"},
		{"history that fills the straddling week beyond the maximum", func(p *wfm.Problem) {
			p.Horizon.Start, p.Horizon.Days = start.AddDays(6), 7 // from a Sunday: six history days in its week
			p.Demand = centreFrom(start.AddDays(6), 7, 12, 3).Demand
			for d := 1; d <= 6; d++ { // 6 × 8 h 40 = 52 h > 48 h
				p.Fixed = append(p.Fixed, wfm.Fixed{Agent: "A05", Date: start.AddDays(6 - d), Shift: "D09"})
			}
			p.Leave, p.Requests = nil, nil
		}, "R3", "A05"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := smallCentre(t, 14, 12, 3)
			tc.edit(q)
			if err := q.Validate(); err != nil {
				t.Fatalf("edited problem invalid: %v", err)
			}
			_, err := Solve(context.Background(), q, Options{Moves: 10_000, Seed: 1, Workers: 1})
			if wfm.ErrorKind(err) != wfm.KindRule || findError(err, tc.rule, tc.agent) == nil {
				t.Fatalf("got %v, want a %s rule error about %s", err, tc.rule, tc.agent)
			}
		})
	}
	_ = p
}

// findError returns the *wfm.Error of err (alone or in a wfm.ErrorList) about rule and agent.
func findError(err error, rule, agent string) *wfm.Error {
	var list wfm.ErrorList
	if !errors.As(err, &list) {
		var e *wfm.Error
		if !errors.As(err, &e) {
			return nil
		}
		list = wfm.ErrorList{e}
	}
	for _, e := range list {
		if e.Kind == wfm.KindRule && e.Rule == rule && e.Agent == agent {
			return e
		}
	}
	return nil
}

// TestSolveExplainsEveryProblemAtOnce: the diagnosis reports each input no roster can satisfy,
// not the first one only, every one naming its rule, agent and day.
func TestSolveExplainsEveryProblemAtOnce(t *testing.T) {
	p := smallCentre(t, 14, 12, 3)
	start := p.Horizon.Start
	for d := range 4 { // A04 cannot reach the second week's minimum; A00 nor the first's
		p.Fixed = append(p.Fixed, wfm.Fixed{Agent: "A04", Date: start.AddDays(7 + d), Shift: wfm.Off},
			wfm.Fixed{Agent: "A00", Date: start.AddDays(d), Shift: wfm.Off})
	}
	p.Fixed = append(p.Fixed, wfm.Fixed{Agent: "A06", Date: start, Shift: "N22"}, // no rest before D07
		wfm.Fixed{Agent: "A06", Date: start.AddDays(1), Shift: "D07"},
		wfm.Fixed{Agent: "A05", Date: start.AddDays(5), Shift: "N22"}) // a day agent on a night

	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	_, err := Solve(context.Background(), p, Options{Moves: 10_000, Seed: 1, Workers: 1})
	var list wfm.ErrorList
	if !errors.As(err, &list) || wfm.ErrorKind(err) != wfm.KindRule {
		t.Fatalf("got %v, want a list of rule errors", err)
	}
	for _, w := range []struct{ rule, agent, day string }{
		{"R3", "A04", start.AddDays(7).String()}, {"R3", "A00", start.String()},
		{"R22", "A05", start.AddDays(5).String()}, {"R21", "A06", start.AddDays(1).String()},
	} {
		if e := findError(err, w.rule, w.agent); e == nil || e.Day != w.day {
			t.Errorf("no %s error about %s on %s in:\n%v", w.rule, w.agent, w.day, err)
		}
	}
	if lines := strings.Count(err.Error(), "\n") + 1; lines != len(list) {
		t.Errorf("%d errors printed on %d lines", len(list), lines)
	}
}

// TestSolveDiagnosesAMentorAway: a trainee who can reach a week's minimum only on days its mentor
// is away is explained before the search, naming the trainee, the mentor, the days and why, with
// the remedy; with stand-in a colleague covers the mentor's leave and the problem is solved.
func TestSolveDiagnosesAMentorAway(t *testing.T) {
	start := wfm.DateOf(2026, time.December, 7)
	for _, tc := range []struct {
		name    string
		edit    func(p *wfm.Problem)
		standIn bool
		want    string // in the error's message; "" for a roster
	}{
		{name: "sick leave", edit: func(p *wfm.Problem) {
			p.Leave = append(p.Leave, wfm.Leave{Agent: "A01", Type: wfm.LeaveSick, From: start.AddDays(8), To: start.AddDays(11)})
		}, want: "trainee A02 can reach the weekly minimum of 32.0 h of week 2026-12-14..12-20 only by working 2026-12-15..12-18, when its mentor A01 is on sick leave; set mentor_stand_in or give the trainee another mentor"},
		{name: "sick leave with stand-in", standIn: true, edit: func(p *wfm.Problem) {
			p.Leave = append(p.Leave, wfm.Leave{Agent: "A01", Type: wfm.LeaveSick, From: start.AddDays(8), To: start.AddDays(11)})
		}},
		{name: "fixed off, with stand-in", standIn: true, edit: func(p *wfm.Problem) {
			for d := 8; d <= 11; d++ {
				p.Fixed = append(p.Fixed, wfm.Fixed{Agent: "A01", Date: start.AddDays(d), Shift: wfm.Off})
			}
		}, want: "2026-12-15..12-18, when its mentor A01 is fixed off; give the trainee another mentor"},
		{name: "suspended", edit: func(p *wfm.Problem) { p.Agents[1].Roles = []string{wfm.RoleSuspended} },
			want: "2026-12-07..12-13, when its mentor A01 is suspended"},
		{name: "another group", edit: func(p *wfm.Problem) { p.Agents[1].Group = wfm.GroupNight },
			want: "when its mentor A01 works no template the trainee may work"},
		{name: "fixed on a day the mentor is away", edit: func(p *wfm.Problem) {
			p.Leave = append(p.Leave, wfm.Leave{Agent: "A01", Type: wfm.LeaveSick, From: start.AddDays(2), To: start.AddDays(2)})
			p.Fixed = append(p.Fixed, wfm.Fixed{Agent: "A02", Date: start.AddDays(2), Shift: "D09"})
		}, want: "trainee A02 is fixed to D09, when its mentor A01 is on sick leave"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := smallCentre(t, 14, 12, 3)
			p.Rules.MentorStandIn = tc.standIn
			tc.edit(p)
			if err := p.Validate(); err != nil {
				t.Fatal(err)
			}
			r, err := Solve(context.Background(), p, Options{Moves: 40_000, Seed: 1, Workers: 1})
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				checkRoster(t, p, r)
				return
			}
			e := findError(err, "R14", "A02")
			if e == nil || !strings.Contains(e.Message, tc.want) {
				t.Fatalf("got %v, want an R14 error about A02 saying %q", err, tc.want)
			}
		})
	}
}

// TestFirstMorningAdvisory: without the previous roster, the intervals of the first morning no
// template covers (before D07 at 07:00) are named in an advisory (R1); with the day before the
// horizon stated for an agent there is none, though the intervals may stay empty.
func TestFirstMorningAdvisory(t *testing.T) {
	p := smallCentre(t, 7, 12, 1)
	m, err := compile(p)
	if err != nil {
		t.Fatal(err)
	}
	var r1 []wfm.Violation
	for _, v := range advisories(m) {
		if v.Rule == "R1" {
			r1 = append(r1, v)
		}
	}
	want := "2026-12-07 00:00–07:00: no shift of the horizon can cover these intervals and no previous roster was given; give the previous month's roster (wfm plan --previous) or staff the night of 2026-12-06"
	if len(r1) != 1 || r1[0].Detail != want || r1[0].Day != "2026-12-07" {
		t.Fatalf("R1 advisories %v, want one: %s", r1, want)
	}
	p.Fixed = append(p.Fixed, wfm.Fixed{Agent: "A04", Date: p.Horizon.Start.AddDays(-1), Shift: wfm.Off})
	if m, err = compile(p); err != nil {
		t.Fatal(err)
	}
	for _, v := range advisories(m) {
		if v.Rule == "R1" {
			t.Errorf("advisory with the day before the horizon given: %v", v)
		}
	}
}

// TestTraineesAloneAreNamed: when the search ends with trainees alone on a shift (R14), the
// message names each trainee, its mentor and the days.
func TestTraineesAloneAreNamed(t *testing.T) {
	p := smallCentre(t, 7, 12, 1)
	m, err := compile(p)
	if err != nil {
		t.Fatal(err)
	}
	st := newState(m)
	a := agentIndex(p, "A02")
	for _, d := range []int{1, 2, 4} {
		st.set(a, d, 1, 0) // D09, the mentor off
	}
	got := describeHard(st)
	if want := "3 trainee shifts without a mentor or colleague (R14): trainee A02 (mentor A01) alone on 2026-12-08..12-09, 2026-12-11"; !strings.Contains(got, want) {
		t.Errorf("%q does not say %q", got, want)
	}
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
		if n == 0 {
			bare++
		}
	}
	t.Logf("%d speaker nights, %d nights without a speaker", shifts, bare)
	if bare > 0 {
		t.Errorf("%d nights without a Minnan speaker while %d speaker nights were worked", bare, shifts)
	}
}

// TestRostersAgreeWithCheckerOnFeasibility is the property test on rosters the search passes
// through, not only those it returns: from a solved roster of a centre at the month's edges,
// random moves (those that break a HARD rule are undone after the comparison, so the walk stays
// feasible), and after many of them the solver's HARD measure is zero exactly when the checker
// finds no violation, and the SOFT terms agree term by term.
func TestRostersAgreeWithCheckerOnFeasibility(t *testing.T) {
	for seed := range uint64(2) {
		p := edgeCentre(t, 18, 20, seed, seed == 0)
		m, err := compile(p)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Solve(context.Background(), p, Options{Moves: 150_000, Seed: seed, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		st, err := stateFromRoster(m, r)
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(seed, 5))
		picks := movePicks(m)
		var j journal
		feasible, infeasible := 0, 0
		for step := range 3000 {
			j.reset()
			if !picks[rng.IntN(len(picks))](st, &j, rng) {
				continue
			}
			if step%15 == 0 {
				compareWithChecker(t, p, st, seed, step)
				if st.feasible() {
					feasible++
				} else {
					infeasible++
				}
			}
			if j.hard > 1e-9 {
				st.undo(&j)
			}
		}
		if feasible == 0 || infeasible == 0 {
			t.Errorf("seed %d: %d feasible and %d infeasible rosters compared; the test needs both", seed, feasible, infeasible)
		}
	}
}

// compareWithChecker asserts that the checker agrees with the state on feasibility and on every
// SOFT term.
func compareWithChecker(t *testing.T, p *wfm.Problem, st *state, seed uint64, step int) {
	t.Helper()
	r := st.roster()
	rep := validate.Check(p, r)
	if st.feasible() != rep.OK() {
		t.Fatalf("seed %d step %d: solver's HARD measure %.3f, checker's violations %v", seed, step, st.hard(), rep.Violations)
	}
	r.Objective.Hard = rep.Objective.Hard
	if err := rep.Compare(r.Objective, 1e-6); err != nil {
		t.Fatalf("seed %d step %d: %v", seed, step, err)
	}
}

// TestLastNightIsStaffed: the hours after midnight of the horizon's last night count in the
// objective (wfm.EdgeIntervals), so the search staffs that night as it staffs the others. Without
// them a night starting on the last day is worth only its two hours before midnight, and where
// nights are scarce the search spends them on other days and leaves the last one thin (on the demo
// month, 3 nights against 7–13 on the days before), which the next month, reading it as history,
// cannot mend. Eight night agents cannot cover a week of nights needing 6 each: the nights
// starting on the last day number at least three quarters of the median day before it.
func TestLastNightIsStaffed(t *testing.T) {
	start := wfm.DateOf(2026, time.December, 7) // a Monday
	p := &wfm.Problem{
		Horizon: wfm.Horizon{Start: start, Days: 14, IntervalMinutes: 30, TimeZone: wfm.DefaultTimeZone},
		Rules:   wfm.DefaultRules(),
		Shifts:  []wfm.ShiftTemplate{{ID: "N22", Start: 22 * 60, Minutes: 540}},
	}
	for i := range 8 {
		p.Agents = append(p.Agents, wfm.Agent{ID: fmt.Sprintf("N%d", i), Group: wfm.GroupNight, Skills: []string{"mandarin"}})
	}
	g := p.Horizon.Grid()
	p.Demand = &wfm.Demand{Grid: g, Agents: make([]int, g.Len()), Minnan: make([]int, g.Len()), Leaders: make([]int, g.Len())}
	for i := range g.Len() {
		if _, m := g.At(i); m >= 22*60 || m < 7*60 {
			p.Demand.Agents[i] = 6
		}
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if n := p.EdgeIntervals(); n != 14 {
		t.Fatalf("%d intervals after the horizon count, want 14 (00:00–07:00)", n)
	}
	r, err := Solve(context.Background(), p, Options{Moves: 300_000, Seed: 1, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	checkRoster(t, p, r)
	nights := make([]int, p.Horizon.Days)
	for _, s := range r.Schedules {
		for k, d := range s.Days {
			if d.Shift != "" {
				nights[k]++
			}
		}
	}
	before := slices.Clone(nights[:len(nights)-1])
	slices.Sort(before)
	median, last := before[len(before)/2], nights[len(nights)-1]
	t.Logf("nights per day %v", nights)
	if 4*last < 3*median {
		t.Errorf("%d nights start on the last day, the median day before has %d", last, median)
	}
}
