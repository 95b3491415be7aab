package wfm_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"wfm"
	"wfm/solver"
)

// weekProblem is a valid one-week, 30-minute problem: six agents, a day, an evening and a night
// shift, one agent wanted in every interval and a leader from 08:00 to 20:00.
func weekProblem() *wfm.Problem {
	start := wfm.DateOf(2026, time.December, 7)
	p := &wfm.Problem{
		Horizon: wfm.Horizon{Start: start, Days: 7, IntervalMinutes: 30, TimeZone: wfm.DefaultTimeZone},
		Rules:   wfm.DefaultRules(),
		Shifts: []wfm.ShiftTemplate{{ID: "D08", Start: 8 * 60, Minutes: 510}, {ID: "E14", Start: 14 * 60, Minutes: 510},
			{ID: "N22", Start: 22 * 60, Minutes: 540}},
		Requests: []wfm.Request{{Agent: "A1", Date: start.AddDays(2), Kind: wfm.RequestOff, Weight: 2}},
	}
	for i := range 6 {
		a := wfm.Agent{ID: fmt.Sprintf("A%d", i), Group: wfm.GroupDay, Skills: []string{"mandarin", wfm.SkillMinnan}}
		if i >= 4 {
			a.Group = wfm.GroupNight
		}
		if i%2 == 0 {
			a.Roles = []string{wfm.RoleLeader}
		}
		p.Agents = append(p.Agents, a)
	}
	g := p.Horizon.Grid()
	p.Demand = &wfm.Demand{Grid: g, Agents: make([]int, g.Len()), Minnan: make([]int, g.Len()), Leaders: make([]int, g.Len())}
	for i := range g.Len() {
		_, m := g.At(i)
		p.Demand.Agents[i] = 1
		if m >= 8*60 && m < 20*60 {
			p.Demand.Leaders[i] = 1
		}
	}
	return p
}

// refusal is a change that makes weekProblem invalid, and the field and rule the error must name.
type refusal struct {
	name        string
	edit        func(p *wfm.Problem)
	field, rule string
}

// checkRefused checks that Validate refuses each edited problem as invalid input naming the field
// and the rule.
func checkRefused(t *testing.T, tests []refusal) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := weekProblem()
			tt.edit(p)
			err := p.Validate()
			var e *wfm.Error
			if !errors.As(err, &e) || e.Kind != wfm.KindInvalid {
				t.Fatalf("Validate = %v, want an invalid-input error", err)
			}
			if e.Field != tt.field || e.Rule != tt.rule {
				t.Errorf("field %q rule %q, want %q %q: %v", e.Field, e.Rule, tt.field, tt.rule, err)
			}
		})
	}
}

// TestValidateBoundsEveryNumber: every weight and every per-interval value has a bound, and a
// value beyond it (or not a number) is refused naming the field and the rule.
func TestValidateBoundsEveryNumber(t *testing.T) {
	if err := weekProblem().Validate(); err != nil {
		t.Fatalf("the base problem: %v", err)
	}
	seven := 7
	tests := []refusal{
		{"under weight 1e308", func(p *wfm.Problem) { p.Rules.Weights.Under = 1e308 }, "rules.weights.under", "R17"},
		{"under weight +Inf", func(p *wfm.Problem) { p.Rules.Weights.Under = math.Inf(1) }, "rules.weights.under", "R17"},
		{"empty weight NaN", func(p *wfm.Problem) { p.Rules.Weights.Empty = math.NaN() }, "rules.weights.empty", "R1"},
		{"overtime weight above the bound", func(p *wfm.Problem) { p.Rules.Weights.Overtime = wfm.MaxWeight * 2 }, "rules.weights.overtime", "R8"},
		{"negative nights weight", func(p *wfm.Problem) { p.Rules.Weights.Nights = -1 }, "rules.weights.nights", "R7"},
		{"request weight 1e9", func(p *wfm.Problem) { p.Requests[0].Weight = 1e9 }, "requests[0].weight", "R23"},
		{"demand of 1e9 agents", func(p *wfm.Problem) { p.Demand.Agents[5] = 1e9 }, "demand.agents", ""},
		{"under weight per interval", func(p *wfm.Problem) {
			p.Demand.UnderWeight = make([]float64, len(p.Demand.Agents))
			p.Demand.UnderWeight[3] = 1e300
		}, "demand.under_weight", ""},
		{"calls per interval", func(p *wfm.Problem) {
			p.Demand.Calls = make([]float64, len(p.Demand.Agents))
			p.Demand.Calls[3] = 1e12
		}, "demand.calls", ""},
		{"handling time", func(p *wfm.Problem) {
			p.Demand.AHT = make([]float64, len(p.Demand.Agents))
			p.Demand.AHT[3] = 1e7
		}, "demand.aht_seconds", ""},
		{"shift demand weight", func(p *wfm.Problem) {
			p.ShiftDemand = []wfm.ShiftCover{{Date: p.Horizon.Start, Shift: "D08", Required: 1, OverWeight: 1e308}}
		}, "shift_demand[0].over_weight", ""},
		{"a limit of minutes beyond any horizon", func(p *wfm.Problem) {
			big := 1 << 40
			p.Agents[1].Limits = &wfm.AgentLimits{MaxMinutes: &big}
		}, "agents[1].limits.max_minutes", "R21"},
		{"max weekends beyond any horizon", func(p *wfm.Problem) { big := 1 << 30; p.Rules.MaxWeekends = &big }, "rules.max_weekends", "R21"},
		{"max shifts beyond any horizon", func(p *wfm.Problem) {
			p.Agents[1].Limits = &wfm.AgentLimits{MaxShifts: map[string]int{"D08": 1 << 30}, MaxWeekends: &seven}
		}, "agents[1].limits.max_shifts", "R3"},
		// Every weight within its bound, but the demand so large that an empty roster's under-coverage
		// (100,000 agents short in each interval, k-th missing agent costing k) passes 1e15.
		{"objective beyond what float64 sums exactly", func(p *wfm.Problem) {
			p.Rules.Weights.Under = wfm.MaxWeight
			for i := range p.Demand.Agents {
				p.Demand.Agents[i] = wfm.MaxAgents
			}
		}, "rules.weights.under", "R17"},
	}
	checkRefused(t, tests)
}

// TestWeightsAtTheirBoundSolveToAFiniteObjective: the bounds are what keeps a roster's objective
// finite and storable. At every weight's bound a problem still solves, and its roster, objective
// included, encodes as JSON (a +Inf would not: "json: unsupported value").
func TestWeightsAtTheirBoundSolveToAFiniteObjective(t *testing.T) {
	p := weekProblem()
	w := &p.Rules.Weights
	for _, v := range []*float64{&w.Under, &w.Empty, &w.Over, &w.Minnan, &w.Leader, &w.Requests, &w.Nights,
		&w.Weekends, &w.Holidays, &w.Overtime} {
		*v = wfm.MaxWeight
	}
	p.Requests[0].Weight = wfm.MaxWeight
	if err := p.Validate(); err != nil {
		t.Fatalf("weights at their bound refused: %v", err)
	}
	total, _ := wfm.ObjectiveBound(p)
	r, err := solver.Solve(context.Background(), p, solver.Options{Moves: 20_000, Seed: 1, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if o := r.Objective.Total; math.IsInf(o, 0) || math.IsNaN(o) || o > total {
		t.Errorf("objective %v, want finite and at most the bound %v", o, total)
	}
	if _, err := json.Marshal(r); err != nil {
		t.Errorf("the roster does not encode: %v", err)
	}
}

// TestReadProblemRefusesAnInfiniteWeight is the defect as a user met it: problem.json with
// rules.weights.under = 1e308 was accepted, and the solve's objective was +Inf.
func TestReadProblemRefusesAnInfiniteWeight(t *testing.T) {
	var b bytes.Buffer
	if err := wfm.WriteJSON(&b, weekProblem()); err != nil {
		t.Fatal(err)
	}
	data := strings.Replace(b.String(), `"under": 10,`, `"under": 1e308,`, 1)
	if data == b.String() {
		t.Fatal("the weight was not replaced")
	}
	_, err := wfm.ReadProblem(strings.NewReader(data), "problem.json")
	var e *wfm.Error
	if !errors.As(err, &e) || e.Field != "rules.weights.under" || e.File != "problem.json" {
		t.Fatalf("ReadProblem = %v, want an error naming rules.weights.under in problem.json", err)
	}
}

// TestValidateRefusesUnsupportedDates: a horizon that runs past MaxDate (or whose week of history
// starts before MinDate) is refused at the door; before, 9999-12-31 for 7 days was accepted and
// every later read of the stored roster failed.
func TestValidateRefusesUnsupportedDates(t *testing.T) {
	for _, start := range []wfm.Date{wfm.MaxDate.AddDays(-3), wfm.MinDate.AddDays(3)} {
		p := weekProblem()
		p.Horizon.Start = start
		p.Demand.Grid.Start = start
		p.Requests = nil
		err := p.Validate()
		var e *wfm.Error
		if !errors.As(err, &e) || e.Field != "horizon.start" {
			t.Errorf("horizon from %s: Validate = %v, want an error naming horizon.start", start, err)
		}
	}
	var h wfm.Horizon
	if err := json.Unmarshal([]byte(`{"start":"9999-12-31","days":7,"interval_minutes":30}`), &h); err == nil {
		t.Errorf("a horizon starting 9999-12-31 decoded")
	}
}

// TestTimeZonesAreIANANames: "Local" (the server's own zone) and, for a centre, "" are refused;
// a problem may leave its zone out for the documented default.
func TestTimeZonesAreIANANames(t *testing.T) {
	for _, tz := range []string{"Local", "Mars/Olympus", "../etc/passwd"} {
		p := weekProblem()
		p.Horizon.TimeZone = tz
		var e *wfm.Error
		if err := p.Validate(); !errors.As(err, &e) || e.Field != "horizon.time_zone" {
			t.Errorf("horizon zone %q: Validate = %v, want an error naming horizon.time_zone", tz, err)
		}
	}
	p := weekProblem()
	p.Horizon.TimeZone = ""
	if err := p.Validate(); err != nil {
		t.Errorf("a problem without a zone (the default %s): %v", wfm.DefaultTimeZone, err)
	}
	for _, tz := range []string{"", "Local", "Nowhere/City"} {
		s := wfm.DefaultCentreSettings()
		s.TimeZone = tz
		var e *wfm.Error
		if err := s.Validate(); !errors.As(err, &e) || e.Field != "time_zone" {
			t.Errorf("centre zone %q: Validate = %v, want an error naming time_zone", tz, err)
		}
	}
	for _, tz := range []string{"Asia/Shanghai", "UTC", "Europe/London"} {
		s := wfm.DefaultCentreSettings()
		s.TimeZone = tz
		if err := s.Validate(); err != nil {
			t.Errorf("centre zone %q refused: %v", tz, err)
		}
	}
}

// TestCentreSettingsBoundWeights: the centre's settings hold the rules of every problem the
// service builds for it, so their weights are bounded at the same door.
func TestCentreSettingsBoundWeights(t *testing.T) {
	s := wfm.DefaultCentreSettings()
	s.Rules.Weights.Leader = 1e308
	var e *wfm.Error
	if err := s.Validate(); !errors.As(err, &e) || e.Field != "rules.weights.leader" || e.Rule != "R12" {
		t.Errorf("Validate = %v, want an error naming rules.weights.leader (R12)", err)
	}
}

// TestValidateBoundsStringsAndLists: ids are short and URL-safe, names and reasons are bounded
// text, and no list on a record grows without limit (5,000-character names, 1.2 M skills and
// unbounded cannot_follow lists were accepted).
func TestValidateBoundsStringsAndLists(t *testing.T) {
	many := func(n int, f func(i int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	tests := []refusal{
		{"agent name of 5,000 characters", func(p *wfm.Problem) { p.Agents[1].Name = strings.Repeat("林", 5000) },
			"agents[1].name", ""},
		{"agent name with a control character", func(p *wfm.Problem) { p.Agents[1].Name = "Lin\x00Mei" }, "agents[1].name", ""},
		{"agent id with a slash", func(p *wfm.Problem) { p.Agents[1].ID = "A/1" }, "agents[1].id", ""},
		{"agent id of 65 bytes", func(p *wfm.Problem) { p.Agents[1].ID = strings.Repeat("A", 65) }, "agents[1].id", ""},
		{"a million skills", func(p *wfm.Problem) {
			p.Agents[1].Skills = many(1_000_000, func(i int) string { return fmt.Sprintf("s%d", i) })
		}, "agents[1].skills", "R16"},
		{"a skill twice", func(p *wfm.Problem) { p.Agents[1].Skills = []string{"minnan", "minnan"} }, "agents[1].skills", "R16"},
		{"a role twice", func(p *wfm.Problem) { p.Agents[1].Roles = []string{"leader", "leader"} }, "agents[1].roles", "R14"},
		{"a mentor id with spaces", func(p *wfm.Problem) {
			p.Agents[1].Roles, p.Agents[1].Mentor = []string{wfm.RoleTrainee}, "A 0"
		}, "agents[1].mentor", "R14"},
		{"cannot_follow of 10,000 shifts", func(p *wfm.Problem) {
			p.Shifts[0].CannotFollow = many(10_000, func(int) string { return "N22" })
		}, "shifts[0].cannot_follow", "R21"},
		{"cannot_follow twice", func(p *wfm.Problem) { p.Shifts[0].CannotFollow = []string{"N22", "N22"} }, "shifts[0].cannot_follow", "R21"},
		{"leave reason of 10,000 characters", func(p *wfm.Problem) {
			p.Leave = []wfm.Leave{{Agent: "A1", Type: wfm.LeaveSick, From: p.Horizon.Start, To: p.Horizon.Start,
				Reason: strings.Repeat("x", 10_000)}}
		}, "leave[0].reason", "R9"},
	}
	checkRefused(t, tests)
	// At the bounds, everything is accepted.
	p := weekProblem()
	p.Agents[1].Name = strings.Repeat("林", wfm.MaxNameLength)
	p.Agents[1].ID = strings.Repeat("A", wfm.MaxIDLength)
	p.Requests[0].Agent = p.Agents[1].ID
	p.Agents[1].Skills = many(wfm.MaxSkills, func(i int) string { return fmt.Sprintf("skill-%d", i) })
	p.Leave = []wfm.Leave{{Agent: "A2", Type: wfm.LeaveSick, From: p.Horizon.Start, To: p.Horizon.Start,
		Reason: strings.Repeat("病", wfm.MaxReasonLength)}}
	if err := p.Validate(); err != nil {
		t.Errorf("values at their bounds refused: %v", err)
	}
}
