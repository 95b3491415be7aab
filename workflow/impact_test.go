package workflow

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"

	"wfm"
	"wfm/solver"
	"wfm/solver/validate"
)

// solvedCentre is a one-week centre of 12 agents on a 30-minute grid, day shifts with breaks, an
// evening and a night shift, leaders, Minnan speakers and a trainee, with demand shaped like a day
// of calls, and its roster as the solver builds it. The weekly minimum is lowered to 24 h so that
// two days of leave (two fifths of the contract week) in place of two shifts keep it.
func solvedCentre(t *testing.T) (*wfm.Problem, *wfm.Roster) {
	t.Helper()
	rules := wfm.DefaultRules()
	rules.WeeklyMinHours = 24
	p := &wfm.Problem{
		Horizon: wfm.Horizon{Start: monday, Days: 7, IntervalMinutes: 30, TimeZone: wfm.DefaultTimeZone},
		Rules:   rules,
		Shifts: []wfm.ShiftTemplate{
			{ID: "D07", Start: hm(7, 0), Minutes: 510}, {ID: "D09", Start: hm(9, 0), Minutes: 510},
			{ID: "D12", Start: hm(12, 0), Minutes: 510}, {ID: "E15", Start: hm(15, 0), Minutes: 510},
			{ID: "N22", Start: hm(22, 0), Minutes: 540},
		},
	}
	for i := range 12 {
		a := wfm.Agent{ID: fmt.Sprintf("A%02d", i), Group: wfm.GroupDay, Skills: []string{"mandarin"}}
		switch {
		case i%4 == 3:
			a.Group = wfm.GroupNight
		case i == 10:
			a.Group = wfm.GroupAny
		}
		if i == 0 || i == 3 || i == 6 {
			a.Roles = []string{wfm.RoleLeader}
		}
		if i%3 == 1 {
			a.Skills = append(a.Skills, wfm.SkillMinnan)
		}
		p.Agents = append(p.Agents, a)
	}
	p.Agents[2].Roles, p.Agents[2].Mentor = []string{wfm.RoleTrainee}, "A01"
	p.Leave = []wfm.Leave{{Agent: "A05", Type: wfm.LeaveAnnual, From: day(tue), To: day(tue)}}
	g := p.Horizon.Grid()
	d := &wfm.Demand{Grid: g, Agents: make([]int, g.Len()), Minnan: make([]int, g.Len()), Leaders: make([]int, g.Len())}
	for i := range g.Len() {
		_, m := g.At(i)
		h := float64(m) / 60
		d.Agents[i] = int(1.5 + 2.5*(math.Exp(-0.5*math.Pow((h-10)/2.5, 2))+0.8*math.Exp(-0.5*math.Pow((h-15)/2.5, 2))))
		if h >= 8 && h < 20 {
			d.Minnan[i] = 1
		}
		d.Leaders[i] = 1
	}
	p.Demand = d
	if err := p.Validate(); err != nil {
		t.Fatalf("test problem invalid: %v", err)
	}
	r, err := solver.Solve(context.Background(), p, solver.Options{Moves: 50_000, Seed: 1, Workers: 1})
	if err != nil {
		t.Fatalf("solve: %v", err)
	}
	if rep := validate.Check(p, r); !rep.OK() {
		t.Fatalf("solved roster breaks HARD rules: %v", rep.Violations)
	}
	return p, r
}

// phoneCount counts, minute by minute, the 30-minute intervals of the horizon in which a shift of
// template s on day k, with its breaks, has the agent on the phones: the interval lies inside the
// shift and touches no break.
func phoneCount(s wfm.ShiftTemplate, k int, breaks []wfm.Break, days int) int {
	n := 0
	for t := 0; t < days*48; t++ {
		t0 := t*30 - k*wfm.MinutesPerDay // minutes from midnight of day k
		t1 := t0 + 30
		if t0 < int(s.Start) || t1 > int(s.End()) {
			continue
		}
		free := true
		for _, b := range breaks {
			if int(b.Start) < t1 && t0 < int(b.Start)+b.Minutes {
				free = false
			}
		}
		if free {
			n++
		}
	}
	return n
}

func TestImpactOnSolvedRoster(t *testing.T) {
	p, r := solvedCentre(t)
	before := snapshot(t, r)

	// The first plain agent (no trainee, no mentor, not on leave) with two days worked in a row.
	mentors := map[string]bool{}
	for _, a := range p.Agents {
		if a.Mentor != "" {
			mentors[a.Mentor] = true
		}
	}
	var agent *wfm.Agent
	var sched wfm.AgentSchedule
	first := -1
	for _, s := range r.Schedules {
		a := findAgent(p, s.Agent)
		if a.Has(wfm.RoleTrainee) || mentors[a.ID] || a.ID == "A05" {
			continue
		}
		for k := 0; k+1 < len(s.Days); k++ {
			if s.Days[k].Working() && s.Days[k+1].Working() {
				agent, sched, first = a, s, k
				break
			}
		}
		if agent != nil {
			break
		}
	}
	if agent == nil {
		t.Fatal("no agent works two days in a row")
	}
	leave := wfm.Leave{Agent: agent.ID, Type: wfm.LeaveSick, From: day(first), To: day(first + 1)}

	imp, err := Impact(p, r, leave)
	if err != nil {
		t.Fatal(err)
	}
	if snapshot(t, r) != before {
		t.Fatal("Impact changed its input roster")
	}

	// The shifts lost are exactly the agent's shifts on the two days, with their paid hours.
	var want []ShiftRef
	wantIntervals, wantHours := 0, 0.0
	for k := first; k <= first+1; k++ {
		ds := sched.Days[k]
		s := findShift(p, ds.Shift)
		h := float64(s.Minutes+p.Rules.PreShiftMinutes) / 60
		if agent.Has(wfm.RoleLeader) {
			h = float64(s.Minutes+p.Rules.LeaderPreShiftMinutes) / 60
		}
		want = append(want, ShiftRef{Date: day(k), Shift: ds.Shift, Hours: h})
		wantHours += h
		wantIntervals += phoneCount(*s, k, ds.Breaks, p.Horizon.Days)
	}
	t.Logf("%s on sick leave %s..%s: shifts %+v, %v agent-intervals lost, new shortfall %v, only leader %v, only Minnan %v",
		agent.ID, leave.From, leave.To, imp.Shifts, imp.AgentIntervalsLost, imp.NewShortfall, imp.OnlyLeaderDays, imp.OnlyMinnanDays)
	if !reflect.DeepEqual(imp.Shifts, want) {
		t.Errorf("shifts %+v, want %+v", imp.Shifts, want)
	}
	if math.Abs(imp.HoursRemoved-wantHours) > 1e-9 {
		t.Errorf("hours removed %v, want %v", imp.HoursRemoved, wantHours)
	}
	// Two days of leave count two working days, a fifth of the contract week each
	// (leave_hours_per_day 0, the agent has no other leave).
	if want := 2 * agent.WeeklyContract(p.Rules) / 5; math.Abs(imp.LeaveHours-want) > 1e-9 || want == 0 {
		t.Errorf("leave hours %v, want %v", imp.LeaveHours, want)
	}
	if imp.AgentIntervalsLost != float64(wantIntervals) || wantIntervals == 0 {
		t.Errorf("agent-intervals lost %v, want %d", imp.AgentIntervalsLost, wantIntervals)
	}
	lost := 0.0
	for _, x := range imp.Intervals {
		lost += x.Before - x.After
		if x.NewShortfall < 0 || x.NewShortfall > x.Before-x.After+1e-9 {
			t.Errorf("interval %s: new shortfall %v for a loss of %v", x.Time, x.NewShortfall, x.Before-x.After)
		}
	}
	if lost != imp.AgentIntervalsLost || imp.NewShortfall < 0 || imp.NewShortfall > imp.AgentIntervalsLost {
		t.Errorf("intervals add up to %v lost, total %v, new shortfall %v", lost, imp.AgentIntervalsLost, imp.NewShortfall)
	}

	// The roster after shows the leave on those days and nothing else changed; it keeps every HARD
	// rule (coverage is SOFT), and carries the checker's objective.
	after := imp.Roster
	changed := diffCells(r, after)
	wantChanged := []string{agent.ID + "@" + day(first).String(), agent.ID + "@" + day(first+1).String()}
	if !reflect.DeepEqual(changed, wantChanged) {
		t.Errorf("changed cells %v, want %v", changed, wantChanged)
	}
	for k := first; k <= first+1; k++ {
		if c := cellOf(t, after, agent.ID, k); c.Leave != wfm.LeaveSick || c.Working() || len(c.Breaks) > 0 {
			t.Errorf("day %d after the leave: %+v", k, c)
		}
	}
	pl := *p
	pl.Leave = append(slices.Clone(p.Leave), leave)
	rep := validate.Check(&pl, after)
	if !rep.OK() {
		t.Errorf("roster after the leave breaks HARD rules: %v", rep.Violations)
	}
	if len(imp.Violations) != 0 {
		t.Errorf("impact reports violations %v", imp.Violations)
	}
	if err := rep.Compare(after.Objective, 1e-9); err != nil {
		t.Errorf("objective after: %v", err)
	}
	under := func(o wfm.Objective) float64 { return o.Term(wfm.TermUnder).Amount }
	if imp.NewShortfall > 0 && under(after.Objective) <= under(r.Objective) {
		t.Errorf("new shortfall %v but under-coverage went from %v to %v", imp.NewShortfall, under(r.Objective), under(after.Objective))
	}
}

// TestImpactOnFixture checks the leader and Minnan days and the shortfall arithmetic on the
// hand-built week, where d1 is the only leader and d3 the only Minnan speaker.
func TestImpactOnFixture(t *testing.T) {
	p, r := fixture(t)
	tests := []struct {
		name           string
		leave          wfm.Leave
		demand         int // agents required in every interval, -1 keeps the fixture's
		shifts         int
		leader, minnan []wfm.Date
	}{
		{"leader", wfm.Leave{Agent: "d1", Type: wfm.LeaveSick, From: day(mon), To: day(tue)}, -1, 2,
			[]wfm.Date{day(mon), day(tue)}, nil},
		{"Minnan speaker over a day off", wfm.Leave{Agent: "d3", Type: wfm.LeavePersonal, From: day(tue), To: day(wed)}, -1, 1,
			nil, []wfm.Date{day(tue)}},
		{"all short: every interval lost is a new shortfall", wfm.Leave{Agent: "d4", Type: wfm.LeaveSick, From: day(mon), To: day(mon)}, 20, 1,
			nil, nil},
		{"nobody needed: no shortfall", wfm.Leave{Agent: "n1", Type: wfm.LeaveSick, From: day(thu), To: day(thu)}, 0, 1,
			nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := *p
			if tc.demand >= 0 {
				d := *p.Demand
				d.Agents = slices.Repeat([]int{tc.demand}, len(d.Agents))
				p.Demand = &d
			}
			imp, err := Impact(&p, r, tc.leave)
			if err != nil {
				t.Fatal(err)
			}
			if len(imp.Shifts) != tc.shifts {
				t.Errorf("%d shifts lost, want %d", len(imp.Shifts), tc.shifts)
			}
			if !slices.Equal(imp.OnlyLeaderDays, tc.leader) || !slices.Equal(imp.OnlyMinnanDays, tc.minnan) {
				t.Errorf("only-leader days %v, only-Minnan days %v; want %v and %v", imp.OnlyLeaderDays, imp.OnlyMinnanDays, tc.leader, tc.minnan)
			}
			want := 0
			for _, s := range imp.Shifts {
				k := int(s.Date - monday)
				want += phoneCount(*findShift(&p, s.Shift), k, cellOf(t, r, tc.leave.Agent, k).Breaks, 7)
			}
			if imp.AgentIntervalsLost != float64(want) {
				t.Errorf("lost %v agent-intervals, want %d", imp.AgentIntervalsLost, want)
			}
			switch tc.demand {
			case 20:
				if imp.NewShortfall != imp.AgentIntervalsLost {
					t.Errorf("new shortfall %v, want all %v intervals lost", imp.NewShortfall, imp.AgentIntervalsLost)
				}
			case 0:
				if imp.NewShortfall != 0 {
					t.Errorf("new shortfall %v without demand", imp.NewShortfall)
				}
			}
		})
	}
}

func TestImpactErrors(t *testing.T) {
	p, r := fixture(t)
	ok := wfm.Leave{Agent: "d2", Type: wfm.LeaveSick, From: day(thu), To: day(thu)}
	tests := []struct {
		name string
		p    *wfm.Problem
		r    func() *wfm.Roster
		l    func(l wfm.Leave) wfm.Leave
		kind wfm.Kind
	}{
		{"nil problem", nil, func() *wfm.Roster { return r }, nil, wfm.KindInvalid},
		{"nil roster", p, func() *wfm.Roster { return nil }, nil, wfm.KindInvalid},
		{"agent missing from the roster", p, func() *wfm.Roster {
			c := cloneRoster(r)
			c.Schedules = slices.Delete(c.Schedules, 1, 2)
			return c
		}, nil, wfm.KindInvalid},
		{"unknown shift in the roster", p, func() *wfm.Roster {
			c := cloneRoster(r)
			c.Schedules[1].Days[thu].Shift = "X"
			return c
		}, nil, wfm.KindInvalid},
		{"unknown agent", p, func() *wfm.Roster { return r }, func(l wfm.Leave) wfm.Leave { l.Agent = "zz"; return l }, wfm.KindInvalid},
		{"unknown type", p, func() *wfm.Roster { return r }, func(l wfm.Leave) wfm.Leave { l.Type = "x"; return l }, wfm.KindInvalid},
		{"to before from", p, func() *wfm.Roster { return r }, func(l wfm.Leave) wfm.Leave { l.To--; return l }, wfm.KindInvalid},
		{"absurd dates", p, func() *wfm.Roster { return r }, func(l wfm.Leave) wfm.Leave { l.From, l.To = -1<<31, 1<<31-1; return l }, wfm.KindInvalid},
		{"other leave already shown", p, func() *wfm.Roster { return r }, func(l wfm.Leave) wfm.Leave {
			l.Agent, l.From, l.To = "d5", day(mon), day(tue)
			return l
		}, wfm.KindConflict},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := ok
			if tc.l != nil {
				l = tc.l(l)
			}
			if _, err := Impact(tc.p, tc.r(), l); wfm.ErrorKind(err) != tc.kind {
				t.Errorf("got %v, want kind %s", err, tc.kind)
			}
		})
	}
	// Leave wholly outside the horizon costs nothing.
	imp, err := Impact(p, r, wfm.Leave{Agent: "d2", Type: wfm.LeaveSick, From: day(20), To: day(22)})
	if err != nil || len(imp.Shifts) != 0 || imp.OutsideHorizon != 3 || len(diffCells(r, imp.Roster)) != 0 {
		t.Errorf("leave outside the horizon: %+v, %v", imp, err)
	}
}
