package solver

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"wfm"
)

// tightHoursProblem is a week of demand per day and template (E 480 min, L 600 min, an E wanted
// each day) for three agents under the public benchmark's rules (benchmarks/curtois) whose
// MaxMinutes leave little room: the setting of relay. Agent a may work 1,440 minutes,
// b 2,400 and c 720.
func tightHoursProblem(t *testing.T) *wfm.Problem {
	t.Helper()
	start := wfm.DateOf(2024, time.January, 1)
	r := wfm.DefaultRules()
	r.Breaks, r.MinRestMinutes, r.MaxConsecutiveDays = false, 0, 7
	r.ContractHoursPerWeek, r.WeeklyMinHours, r.WeeklyMaxHours = 168, 0, 168
	r.PreShiftMinutes, r.LeaderPreShiftMinutes = 0, 0
	r.Weights = wfm.Weights{Requests: 1}
	p := &wfm.Problem{
		Horizon: wfm.Horizon{Start: start, Days: 7, IntervalMinutes: 60},
		Rules:   r,
		Shifts:  []wfm.ShiftTemplate{{ID: "E", Start: 6 * 60, Minutes: 480}, {ID: "L", Start: 12 * 60, Minutes: 600}},
	}
	for _, l := range []struct {
		id  string
		max int
	}{{"a", 1440}, {"b", 2400}, {"c", 720}} {
		p.Agents = append(p.Agents, wfm.Agent{ID: l.id, Group: wfm.GroupAny, Limits: &wfm.AgentLimits{MaxMinutes: &l.max}})
	}
	for d := range 7 {
		p.ShiftDemand = append(p.ShiftDemand, wfm.ShiftCover{Date: start.AddDays(d), Shift: "E", Required: 1, UnderWeight: 100, OverWeight: 1})
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	return p
}

// rosterOf compiles p and sets each agent's week from rows ('E', 'L' or '-' per day).
func rosterOf(t *testing.T, p *wfm.Problem, rows ...string) *state {
	t.Helper()
	m, err := compile(p)
	if err != nil {
		t.Fatal(err)
	}
	st := newState(m)
	var j journal
	for a, row := range rows {
		for d, c := range row {
			if c != '-' {
				st.change(&j, a, d, slices.IndexFunc(m.shifts, func(s shiftInfo) bool { return s.id == string(c) }), 0)
			}
		}
	}
	return st
}

// firstApplied draws mv with seeds 1, 2, … until it applies, and returns its journal.
func firstApplied(t *testing.T, st *state, mv move) *journal {
	t.Helper()
	var j journal
	for seed := range uint64(1000) {
		j.reset()
		if mv(st, &j, rand.New(rand.NewPCG(seed, 7))) {
			return &j
		}
	}
	t.Fatal("the move never applied")
	return nil
}

// TestRelayFillsAGapWithAColleaguesRoom: day 0 lacks an E. Agents a and c are off that day, a
// at its limit and c 240 minutes below it, too few for an E; b has room. The relay gives the gap
// to a or c and hands one of that agent's other days to b: day 0 has its E, every other day keeps its cover, and no agent passes its MaxMinutes.
func TestRelayFillsAGapWithAColleaguesRoom(t *testing.T) {
	st := rosterOf(t, tightHoursProblem(t), "-EEE---", "----EE-", "------E")
	m := st.m
	before := slices.Clone(st.shiftN)
	if st.soft() < 100 || !st.feasible() || room(st, 0) != 0 || room(st, 2) != 240 {
		t.Fatalf("the start should be feasible with day 0 short, a at its limit and c 240 minutes below: soft %v hard %v, room %v and %v",
			st.soft(), st.hard(), room(st, 0), room(st, 2))
	}
	j := firstApplied(t, st, relay)
	if j.soft >= 0 || j.hard != 0 {
		t.Errorf("the relay changed soft by %v and hard by %v, want a fall and no change", j.soft, j.hard)
	}
	for d := range m.D {
		for s := range m.S {
			k := d*m.S + s
			want := before[k]
			if d == 0 && s == 0 {
				want++
			}
			if st.shiftN[k] != want {
				t.Errorf("day %d template %s: %d at work, want %d", d, m.shifts[s].id, st.shiftN[k], want)
			}
		}
	}
	for a := range m.A {
		if room(st, a) < 0 {
			t.Errorf("agent %s is %v minutes over its limit", m.agents[a].id, -room(st, a))
		}
	}
}

// room is agent a's paid minutes left below its upper limit.
func room(st *state, a int) float64 {
	ai := &st.m.agents[a]
	limit := ai.maxPaid
	if ai.maxMinutes >= 0 {
		limit = min(limit, ai.maxMinutes)
	}
	return limit - st.g.paid[a]
}
