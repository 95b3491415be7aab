package solver

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"wfm"
)

// TestIncrementalScoringMatchesFullScoring applies many random moves, accepted or undone, and
// checks after each that the incremental costs equal a full re-read (evalAgent and recompute).
func TestIncrementalScoringMatchesFullScoring(t *testing.T) {
	problems := map[string]*wfm.Problem{"centre": smallCentre(t, 14, 20, 5), "limits": limitsProblem(t),
		"limits at the edges": withEdges(t, limitsProblem(t)), "centre at the edges": edgeCentre(t, 18, 20, 5, true)}
	for name, p := range problems {
		t.Run(name, func(t *testing.T) {
			m, err := compile(p)
			if err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(1, 2))
			st := newState(m)
			construct(st, rng, unlimited())
			var picks []move
			for _, mv := range moves {
				picks = append(picks, mv.fn)
			}
			var j journal
			for step := range 3000 {
				j.reset()
				if !picks[rng.IntN(len(picks))](st, &j, rng) {
					continue
				}
				if rng.IntN(2) == 0 {
					st.undo(&j)
				}
				if step%50 != 0 {
					continue
				}
				for a := range m.A {
					want := m.evalAgent(a, st.x[a*m.D:(a+1)*m.D], st.scratch)
					if got := st.agent[a]; math.Abs(got.hard-want.hard) > 1e-6 || math.Abs(got.soft-want.soft) > 1e-6 {
						t.Fatalf("step %d agent %s: incremental %+v, full %+v", step, m.agents[a].id, got, want)
					}
				}
				soft, hard := st.soft(), st.hard()
				st.recompute()
				if math.Abs(soft-st.soft()) > 1e-6 || math.Abs(hard-st.hard()) > 1e-6 {
					t.Fatalf("step %d: incremental soft %v hard %v, recomputed %v %v", step, soft, hard, st.soft(), st.hard())
				}
			}
		})
	}
}

// limitsProblem exercises the per-agent limits of the nurse-rostering model: min and max runs of
// work and rest, max weekends, min and max minutes, max shifts per template, rotation, history.
func limitsProblem(t testing.TB) *wfm.Problem {
	start := wfm.DateOf(2024, time.January, 1)
	r := wfm.DefaultRules()
	r.Breaks = false
	r.ContractHoursPerWeek, r.WeeklyMinHours = 168, 0
	r.Weights = wfm.Weights{Requests: 1, Nights: 0.5, Weekends: 0.25}
	two, three, four, five, mins, maxs := 2, 3, 4, 5, 3000, 6000
	p := &wfm.Problem{
		Horizon: wfm.Horizon{Start: start, Days: 28, IntervalMinutes: 60},
		Rules:   r,
		Shifts: []wfm.ShiftTemplate{{ID: "E", Start: 6 * 60, Minutes: 480}, {ID: "L", Start: 14 * 60, Minutes: 480, CannotFollow: []string{"E"}},
			{ID: "N", Start: 22 * 60, Minutes: 600, CannotFollow: []string{"E", "L"}}},
	}
	for i, id := range []string{"a", "b", "c", "d", "e", "f"} {
		p.Agents = append(p.Agents, wfm.Agent{ID: id, Group: wfm.GroupAny, Limits: &wfm.AgentLimits{
			MaxShifts: map[string]int{"N": 3 + i%2}, MinMinutes: &mins, MaxMinutes: &maxs, MaxConsecutiveDays: &five,
			MinConsecutiveDays: &two, MinConsecutiveDaysOff: &two, MaxWeekends: []*int{&two, &three, &four}[i%3]}})
	}
	p.Fixed = []wfm.Fixed{{Agent: "a", Date: start.AddDays(-1), Shift: "N"}, {Agent: "a", Date: start.AddDays(-2), Shift: "N"},
		{Agent: "b", Date: start.AddDays(-1), Shift: wfm.Off}}
	p.Leave = []wfm.Leave{{Agent: "c", Type: wfm.LeaveOther, From: start.AddDays(3), To: start.AddDays(3)}}
	for d := range 28 {
		p.ShiftDemand = append(p.ShiftDemand, wfm.ShiftCover{Date: start.AddDays(d), Shift: "E", Required: 2, UnderWeight: 100, OverWeight: 1},
			wfm.ShiftCover{Date: start.AddDays(d), Shift: "N", Required: 1, UnderWeight: 100, OverWeight: 1})
	}
	p.Requests = []wfm.Request{{Agent: "d", Date: start.AddDays(5), Shift: "L", Kind: wfm.RequestOn, Weight: 2},
		{Agent: "e", Date: start.AddDays(6), Kind: wfm.RequestOff, Weight: 3}}
	if err := p.Validate(); err != nil {
		t.Fatalf("limits problem invalid: %v", err)
	}
	return p
}
