package wfm

import (
	"errors"
	"math"
	"testing"
)

func ptr[T any](v T) *T { return &v }

// TestWeeklyBand: the rules' band scaled by the contract, each bound overridden by the agent's own.
func TestWeeklyBand(t *testing.T) {
	r := DefaultRules()
	for _, tc := range []struct {
		name   string
		a      Agent
		rules  func(r *Rules)
		lo, hi float64
	}{
		{name: "rules' contract", a: Agent{}, lo: 32, hi: 48},
		{name: "contract of 40 written out", a: Agent{ContractHours: 40}, lo: 32, hi: 48},
		{name: "part-timer on 24 h", a: Agent{ContractHours: 24}, lo: 19.2, hi: 28.8},
		{name: "own minimum", a: Agent{ContractHours: 24, WeeklyMinHours: ptr(10.0)}, lo: 10, hi: 28.8},
		{name: "own band", a: Agent{ContractHours: 24, WeeklyMinHours: ptr(0.0), WeeklyMaxHours: ptr(30.0)}, lo: 0, hi: 30},
		{name: "rules without a contract", a: Agent{ContractHours: 24}, rules: func(r *Rules) { r.ContractHoursPerWeek = 0 }, lo: 32, hi: 48},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rr := r
			if tc.rules != nil {
				tc.rules(&rr)
			}
			lo, hi := tc.a.WeeklyBand(rr)
			if math.Abs(lo-tc.lo) > 1e-9 || math.Abs(hi-tc.hi) > 1e-9 {
				t.Errorf("band %v–%v, want %v–%v", lo, hi, tc.lo, tc.hi)
			}
		})
	}
}

// TestLeaveMinutes: by default a day of leave is a fifth of the contract week, and at most five
// days of an ISO week count (a whole week of leave counts the contract week); a positive
// LeaveHoursPerDay is taken as written for every calendar day.
func TestLeaveMinutes(t *testing.T) {
	r := DefaultRules()
	full, part := &Agent{}, &Agent{ContractHours: 24}
	monday := DateOf(2026, 10, 5)
	span := func(from Date, n int) []Date {
		var out []Date
		for i := range n {
			out = append(out, from.AddDays(i))
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		a     *Agent
		days  []Date
		hours float64
	}{
		{"one sick day counts a working day", full, span(monday.AddDays(2), 1), 8},
		{"a whole week counts the contract week", full, span(monday, 7), 40},
		{"15 days from a Monday: 5 + 5 + 1 working days", full, span(monday, 15), 88},
		{"a weekend straddles two weeks", full, span(monday.AddDays(6), 2), 16},
		{"a day listed twice counts once", full, []Date{monday, monday}, 8},
		{"a part-timer's week", part, span(monday, 7), 24},
		{"a part-timer's day", part, span(monday, 1), 4.8},
	} {
		if got := r.LeaveMinutes(tc.a, tc.days) / 60; math.Abs(got-tc.hours) > 1e-9 {
			t.Errorf("%s: %v h, want %v", tc.name, got, tc.hours)
		}
	}
	r.LeaveHoursPerDay = 7
	if got := r.LeaveMinutes(full, span(monday, 7)) / 60; got != 49 {
		t.Errorf("a positive leave_hours_per_day counts every calendar day as written: %v h, want 49", got)
	}
}

// contractProblem is a small valid problem: a day and a night template, a day agent, a night agent
// and a trainee whose mentor is the day agent, a week from Monday 2026-10-05.
func contractProblem() *Problem {
	start := DateOf(2026, 10, 5)
	g := Grid{Start: start, Days: 7, Step: 60}
	return &Problem{
		Horizon: Horizon{Start: start, Days: 7, IntervalMinutes: 60},
		Rules:   DefaultRules(),
		Shifts:  []ShiftTemplate{{ID: "D", Start: 8 * 60, Minutes: 510}, {ID: "N", Start: 22 * 60, Minutes: 600}},
		Agents: []Agent{{ID: "day", Group: GroupDay}, {ID: "night", Group: GroupNight},
			{ID: "trainee", Group: GroupDay, Roles: []string{RoleTrainee}, Mentor: "day"}},
		Demand: &Demand{Grid: g, Agents: make([]int, g.Len()), Minnan: make([]int, g.Len()), Leaders: make([]int, g.Len())},
	}
}

// TestValidateContracts: the per-agent band, template list, history and mentors, each error naming
// the field, agent and rule.
func TestValidateContracts(t *testing.T) {
	start := DateOf(2026, 10, 5)
	for _, tc := range []struct {
		name        string
		edit        func(p *Problem)
		field, rule string // "" for a valid problem
		agent       string
	}{
		{name: "own band", edit: func(p *Problem) { p.Agents[0].WeeklyMinHours, p.Agents[0].WeeklyMaxHours = ptr(20.0), ptr(30.0) }},
		{name: "own minimum under the scaled maximum", edit: func(p *Problem) {
			p.Agents[0].ContractHours, p.Agents[0].WeeklyMinHours = 24, ptr(28.0) // max 28.8
		}},
		{name: "negative minimum", edit: func(p *Problem) { p.Agents[0].WeeklyMinHours = ptr(-1.0) },
			field: "agents[0].weekly_min_hours", rule: "R3", agent: "day"},
		{name: "maximum over a week", edit: func(p *Problem) { p.Agents[1].WeeklyMaxHours = ptr(169.0) },
			field: "agents[1].weekly_max_hours", rule: "R3", agent: "night"},
		{name: "not a number", edit: func(p *Problem) { p.Agents[1].WeeklyMaxHours = ptr(math.NaN()) },
			field: "agents[1].weekly_max_hours", rule: "R3", agent: "night"},
		{name: "empty band", edit: func(p *Problem) { p.Agents[0].WeeklyMinHours, p.Agents[0].WeeklyMaxHours = ptr(30.0), ptr(20.0) },
			field: "agents[0].weekly_min_hours", rule: "R3", agent: "day"},
		{name: "own minimum over the scaled maximum", edit: func(p *Problem) {
			p.Agents[0].ContractHours, p.Agents[0].WeeklyMinHours = 24, ptr(30.0) // max 28.8
		}, field: "agents[0].weekly_min_hours", rule: "R3", agent: "day"},
		{name: "own maximum under the scaled minimum", edit: func(p *Problem) { p.Agents[0].WeeklyMaxHours = ptr(30.0) }, // min 32
			field: "agents[0].weekly_max_hours", rule: "R3", agent: "day"},
		{name: "template list", edit: func(p *Problem) { p.Agents[0].Shifts = []string{"D"} }},
		{name: "unknown template", edit: func(p *Problem) { p.Agents[0].Shifts = []string{"D", "X"} },
			field: "agents[0].shifts", rule: "R22", agent: "day"},
		{name: "template listed twice", edit: func(p *Problem) { p.Agents[0].Shifts = []string{"D", "D"} },
			field: "agents[0].shifts", rule: "R22", agent: "day"},
		{name: "night template for the day group", edit: func(p *Problem) { p.Agents[0].Shifts = []string{"N"} },
			field: "agents[0].shifts", rule: "R22", agent: "day"},
		{name: "day template for the night group", edit: func(p *Problem) { p.Agents[1].Shifts = []string{"D"} },
			field: "agents[1].shifts", rule: "R22", agent: "night"},
		{name: "suspended mentor", edit: func(p *Problem) { p.Agents[0].Roles = []string{RoleSuspended} }},
		{name: "trainee mentor", edit: func(p *Problem) { p.Agents[0].Roles = []string{RoleTrainee} },
			field: "agents[2].mentor", rule: "R14", agent: "trainee"},
		{name: "history of two weeks", edit: func(p *Problem) {
			p.Fixed = []Fixed{{Agent: "day", Date: start.AddDays(-HistoryDays), Shift: "D"}, {Agent: "day", Date: start.AddDays(-1), Shift: Off}}
			p.Leave = []Leave{{Agent: "night", Type: LeaveSick, From: start.AddDays(-30), To: start.AddDays(-2)}}
		}},
		{name: "history beyond two weeks", edit: func(p *Problem) {
			p.Fixed = []Fixed{{Agent: "day", Date: start.AddDays(-HistoryDays - 1), Shift: "D"}}
		}, field: "fixed[0].date", rule: RuleFixed, agent: "day"},
		{name: "history shift on a day of leave", edit: func(p *Problem) {
			p.Leave = []Leave{{Agent: "day", Type: LeaveSick, From: start.AddDays(-3), To: start.AddDays(-2)}}
			p.Fixed = []Fixed{{Agent: "day", Date: start.AddDays(-2), Shift: "D"}}
		}, field: "fixed[0]", rule: "R9", agent: "day"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := contractProblem()
			tc.edit(p)
			err := p.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("valid problem rejected: %v", err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Field != tc.field || e.Rule != tc.rule || e.Agent != tc.agent {
				t.Fatalf("got %v, want an error on %s naming %s and %s", err, tc.field, tc.agent, tc.rule)
			}
		})
	}
}
