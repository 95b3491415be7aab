package solver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"wfm"
	"wfm/benchmarks/gen"
	"wfm/solver/validate"
)

// solvedCentre is smallCentre solved with the brief's budget.
func solvedCentre(t testing.TB, p *wfm.Problem) *wfm.Roster {
	t.Helper()
	r, err := Solve(context.Background(), p, Options{Moves: 100_000, Seed: 1, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// cloneRoster deep-copies r, so a test can tell whether Replan modified its input.
func cloneRoster(t testing.TB, r *wfm.Roster) *wfm.Roster {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var c wfm.Roster
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

// withDemand is p with demand d.
func withDemand(p *wfm.Problem, d *wfm.Demand) *wfm.Problem {
	q := *p
	q.Demand = d
	return &q
}

func dayIndex(p *wfm.Problem, date wfm.Date) int { return int(date - p.Horizon.Start) }

// checkReplan asserts what every re-plan must keep: the input untouched, nothing before From or on
// another day changed, started shifts on their template, shift moves within the bound, Changes
// exactly the agents whose day differs, the checker's verdict on the new roster (no violation, the
// same objective), and an objective (checker's total plus the change penalty) no worse than the
// input's under the new demand.
func checkReplan(t *testing.T, p *wfm.Problem, r, input *wfm.Roster, req ReplanRequest, res *ReplanResult) {
	t.Helper()
	if !reflect.DeepEqual(r, input) {
		t.Fatal("Replan modified its input roster")
	}
	k := dayIndex(p, req.Date)
	shifts := map[string]wfm.ShiftTemplate{}
	for _, s := range p.Shifts {
		shifts[s.ID] = s
	}
	differs := map[string]bool{}
	for i, sc := range res.Roster.Schedules {
		old := r.Schedules[i]
		if sc.Agent != old.Agent {
			t.Fatalf("schedule %d is agent %s, was %s", i, sc.Agent, old.Agent)
		}
		for d := range sc.Days {
			nd, od := sc.Days[d], old.Days[d]
			if d != k {
				if !reflect.DeepEqual(nd, od) {
					t.Errorf("agent %s changed on %s, outside the re-planned day: %+v → %+v", sc.Agent, nd.Date, od, nd)
				}
				continue
			}
			if reflect.DeepEqual(nd, od) {
				continue
			}
			differs[sc.Agent] = true
			if od.Shift == "" || nd.Shift == "" || nd.Leave != od.Leave {
				t.Errorf("agent %s: a day was added, removed or put on leave: %+v → %+v", sc.Agent, od, nd)
				continue
			}
			os, ns := shifts[od.Shift], shifts[nd.Shift]
			if os.ID != ns.ID {
				lead := int(req.From) + ReplanLeadMinutes
				if int(os.Start) < lead || int(ns.Start) < lead || os.Minutes != ns.Minutes ||
					math.Abs(float64(os.Start-ns.Start)) > float64(req.ShiftMove) {
					t.Errorf("agent %s: shift move %s → %s outside the rules (from %s, move ±%d)", sc.Agent, os.ID, ns.ID, req.From, req.ShiftMove)
				}
			}
			for _, b := range od.Breaks {
				if int(b.Start) < int(req.From) && !slices.Contains(nd.Breaks, b) {
					t.Errorf("agent %s: break %+v started before %s but moved: %+v", sc.Agent, b, req.From, nd.Breaks)
				}
			}
			for _, b := range nd.Breaks {
				if int(b.Start) < int(req.From) && !slices.Contains(od.Breaks, b) {
					t.Errorf("agent %s: new break %+v starts before %s", sc.Agent, b, req.From)
				}
			}
		}
	}
	listed := map[string]bool{}
	for _, c := range res.Changes {
		if listed[c.Agent] {
			t.Errorf("agent %s listed twice in Changes", c.Agent)
		}
		listed[c.Agent] = true
		a := agentIndex(p, c.Agent)
		od, nd := r.Schedules[a].Days[k], res.Roster.Schedules[a].Days[k]
		if c.Date != req.Date || c.OldShift != od.Shift || c.NewShift != nd.Shift ||
			!slices.Equal(c.OldBreaks, od.Breaks) || !slices.Equal(c.NewBreaks, nd.Breaks) {
			t.Errorf("change %+v does not match the rosters' days %+v → %+v", c, od, nd)
		}
	}
	if !maps.Equal(listed, differs) {
		t.Errorf("Changes list %v, the agents whose day differs are %v", slices.Sorted(maps.Keys(listed)), slices.Sorted(maps.Keys(differs)))
	}

	q := withDemand(p, res.Demand)
	checkRoster(t, q, res.Roster) // no violation, the checker's objective
	if rep := validate.Check(p, res.Roster); !rep.OK() {
		t.Errorf("re-planned roster breaks HARD rules of the original problem: %v", rep.Violations)
	}
	before := validate.Check(q, r).Objective.Total
	after := res.Roster.Objective.Total
	cc := req.ChangeCost
	if cc == 0 {
		cc = p.Rules.Weights.Under
	}
	if after+cc*float64(len(res.Changes)) > before+1e-6 {
		t.Errorf("objective %v + %v changes × %v is worse than the unchanged roster's %v", after, len(res.Changes), cc, before)
	}
	if res.After > res.Before+1e-9 && req.ShiftMove == 0 {
		t.Errorf("re-planned interval cost %v above the unchanged roster's %v", res.After, res.Before)
	}
	if req.ShiftMove == 0 && math.Abs((before-after)-(res.Before-res.After)) > 1e-6*math.Max(1, before) {
		t.Errorf("the checker's objective fell by %v, Replan's interval cost by %v", before-after, res.Before-res.After)
	}
}

var (
	replanOnce    sync.Once
	replanProblem *wfm.Problem
	replanRoster  *wfm.Roster
	replanErrFix  error
)

// replanFixture is the brief's realistic case, solved once for every test: a week of 40 agents.
func replanFixture(t *testing.T) (*wfm.Problem, *wfm.Roster) {
	t.Helper()
	replanOnce.Do(func() {
		p := smallCentre(t, 7, 40, 1)
		replanProblem = p
		replanRoster, replanErrFix = Solve(context.Background(), p, Options{Moves: 100_000, Seed: 1, Workers: 1})
	})
	if replanErrFix != nil {
		t.Fatal(replanErrFix)
	}
	return replanProblem, cloneRoster(t, replanRoster)
}

func TestReplanHigherVolumeRestOfDay(t *testing.T) {
	p, r := replanFixture(t)
	checkRoster(t, p, r)
	input := cloneRoster(t, r)
	req := ReplanRequest{Date: p.Horizon.Start.AddDays(3), From: 12 * 60, Factor: 1.3}
	res, err := Replan(context.Background(), p, r, req, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	checkReplan(t, p, r, input, req, res)
	// A change must gain more than it costs: none at all is right when no single agent can.
	if len(res.Changes) == 0 && res.After != res.Before || len(res.Changes) > 0 && res.After >= res.Before {
		t.Errorf("%d changes, interval cost %v → %v", len(res.Changes), res.Before, res.After)
	}
	// The demand: scaled up from 12:00 on day 3, the same elsewhere.
	g := p.Horizon.Grid()
	for i := range g.Len() {
		date, minute := g.At(i)
		want := p.Demand.Agents[i]
		if date == req.Date && minute >= 12*60 {
			want = int(math.Ceil(float64(want)*1.3 - 1e-9))
		}
		if res.Demand.Agents[i] != want || res.Demand.Leaders[i] != p.Demand.Leaders[i] {
			t.Fatalf("demand at %s: %d agents, %d leaders; want %d and %d", g.Label(i),
				res.Demand.Agents[i], res.Demand.Leaders[i], want, p.Demand.Leaders[i])
		}
	}
	t.Logf("%d agents changed; interval cost %.1f → %.1f", len(res.Changes), res.Before, res.After)
}

// onBreak counts the agents whose breaks on day k overlap [from, to).
func onBreak(r *wfm.Roster, k, from, to int) int {
	n := 0
	for _, sc := range r.Schedules {
		for _, b := range sc.Days[k].Breaks {
			if int(b.Start) < to && from < int(b.Start)+b.Minutes {
				n++
				break
			}
		}
	}
	return n
}

func TestReplanSpikeMovesBreaksOutOfTheHour(t *testing.T) {
	p, r := replanFixture(t)
	input := cloneRoster(t, r)
	k := 3
	// The spike hour: the afternoon hour with the most agents on break.
	spike, most := 0, -1
	for h := 13; h < 20; h++ {
		if n := onBreak(r, k, h*60, h*60+60); n > most {
			spike, most = h, n
		}
	}
	if most < 2 {
		t.Fatalf("the solved roster has at most %d agents on break in any afternoon hour", most)
	}
	d := cloneDemand(p.Demand)
	g := p.Horizon.Grid()
	first, _ := g.Index(p.Horizon.Start.AddDays(k), spike*60)
	for i := first; i < first+60/g.Step; i++ {
		d.Agents[i] = int(math.Ceil(r.Coverage.OnPhones[i])) + 8 // eight short, whatever the cover was
	}
	req := ReplanRequest{Date: p.Horizon.Start.AddDays(k), From: 12 * 60, Demand: d}
	res, err := Replan(context.Background(), p, r, req, Options{Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	checkReplan(t, p, r, input, req, res)
	after := onBreak(res.Roster, k, spike*60, spike*60+60)
	onBefore, onAfter := 0.0, 0.0
	for i := first; i < first+60/g.Step; i++ {
		onBefore += r.Coverage.OnPhones[i]
		onAfter += res.Roster.Coverage.OnPhones[i]
	}
	if after >= most || onAfter <= onBefore {
		t.Errorf("spike at %02d:00: agents on break %d → %d, on the phones %v → %v", spike, most, after, onBefore, onAfter)
	}
	t.Logf("spike at %02d:00: agents on break %d → %d, on the phones %v → %v, %d changes", spike, most, after, onBefore, onAfter, len(res.Changes))
}

// hourlyCentre is smallCentre with day templates starting every hour from 07:00 to 14:00, so that
// shift starts can move by an hour.
func hourlyCentre(t testing.TB) *wfm.Problem {
	p := smallCentre(t, 7, 40, 5)
	for _, h := range []int{8, 10, 11, 13, 14} {
		p.Shifts = append(p.Shifts, wfm.ShiftTemplate{ID: fmt.Sprintf("D%02d", h), Start: wfm.Clock(h * 60), Minutes: 510})
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReplanShiftMoveWithinBound(t *testing.T) {
	p := hourlyCentre(t)
	r := solvedCentre(t, p)
	input := cloneRoster(t, r)
	k := 3
	date := p.Horizon.Start.AddDays(k)
	from := 6 * 60
	// The template most worked on day k that has a template of the same length an hour later.
	tpl := map[string]wfm.ShiftTemplate{}
	for _, s := range p.Shifts {
		tpl[s.ID] = s
	}
	later := func(s wfm.ShiftTemplate) bool {
		for _, o := range p.Shifts {
			if o.Minutes == s.Minutes && o.Start == s.Start+60 {
				return true
			}
		}
		return false
	}
	count := map[string]int{}
	var busiest wfm.ShiftTemplate
	for _, sc := range r.Schedules {
		s, ok := tpl[sc.Days[k].Shift]
		if !ok || int(s.Start) < from+ReplanLeadMinutes || !later(s) {
			continue
		}
		if count[s.ID]++; count[s.ID] > count[busiest.ID] {
			busiest = s
		}
	}
	if count[busiest.ID] < 3 {
		t.Fatalf("no template worked by three agents on day %d has a later neighbour: %v", k, count)
	}
	// The calls come later than forecast: the hour after that template ends is eight agents short,
	// more than moving breaks can give.
	d := cloneDemand(p.Demand)
	g := p.Horizon.Grid()
	first, _ := g.Index(date, int(busiest.End()))
	for i := first; i < first+60/g.Step; i++ {
		d.Agents[i] = int(math.Ceil(r.Coverage.OnPhones[i])) + 8
	}
	req := ReplanRequest{Date: date, From: wfm.Clock(from), Demand: d, ShiftMove: 60}
	res, err := Replan(context.Background(), p, r, req, Options{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	checkReplan(t, p, r, input, req, res) // moves within ±60 min, checker (rest rules included) passes
	moved := 0
	for _, c := range res.Changes {
		if c.OldShift != c.NewShift {
			moved++
		}
	}
	if moved == 0 {
		t.Errorf("no shift start moved although %s's agents are needed an hour longer (%d changes)", busiest.ID, len(res.Changes))
	}
	// The same request with breaks only moves no shift.
	breaksOnly := req
	breaksOnly.ShiftMove = 0
	res0, err := Replan(context.Background(), p, r, breaksOnly, Options{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	checkReplan(t, p, r, input, breaksOnly, res0)
	for _, c := range res0.Changes {
		if c.OldShift != c.NewShift {
			t.Errorf("ShiftMove 0 moved agent %s from %s to %s", c.Agent, c.OldShift, c.NewShift)
		}
	}
	cc := p.Rules.Weights.Under
	obj := res.Roster.Objective.Total + cc*float64(len(res.Changes))
	obj0 := res0.Roster.Objective.Total + cc*float64(len(res0.Changes))
	t.Logf("%s: %d changes, %d shift moves, objective %.1f (breaks only: %d changes, %.1f; unchanged %.1f)", busiest.ID,
		len(res.Changes), moved, obj, len(res0.Changes), obj0, validate.Check(withDemand(p, res.Demand), r).Objective.Total)
}

func TestReplanHighChangeCostChangesNothing(t *testing.T) {
	p, r := replanFixture(t)
	input := cloneRoster(t, r)
	req := ReplanRequest{Date: p.Horizon.Start.AddDays(3), From: 12 * 60, Factor: 1.3, ShiftMove: 120, ChangeCost: 1e9}
	res, err := Replan(context.Background(), p, r, req, Options{Seed: 1, Moves: 5_000})
	if err != nil {
		t.Fatal(err)
	}
	checkReplan(t, p, r, input, req, res)
	if len(res.Changes) != 0 || !reflect.DeepEqual(res.Roster.Schedules, r.Schedules) || res.After != res.Before {
		t.Errorf("a change cost of 1e9 still changed %d agents", len(res.Changes))
	}
}

func TestReplanFromEndOfDayChangesNothing(t *testing.T) {
	p, r := replanFixture(t)
	res, err := Replan(context.Background(), p, r, ReplanRequest{Date: p.Horizon.Start.AddDays(2), From: 24 * 60, Factor: 2}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != 0 || !reflect.DeepEqual(res.Roster.Schedules, r.Schedules) {
		t.Errorf("a re-plan from 24:00 changed %d agents", len(res.Changes))
	}
}

// TestReplanWholeDayAndLastDay re-plans from midnight (the night shift of the day before keeps its
// breaks, nothing on other days moves) and the horizon's last day (night shifts run past its end).
func TestReplanWholeDayAndLastDay(t *testing.T) {
	p, r := replanFixture(t)
	input := cloneRoster(t, r)
	for _, req := range []ReplanRequest{
		{Date: p.Horizon.Start.AddDays(4), From: 0, Factor: 1.25, ShiftMove: 180},
		{Date: p.Horizon.Start.AddDays(p.Horizon.Days - 1), From: 9 * 60, Factor: 1.4},
		{Date: p.Horizon.Start, From: 30, Factor: 0.7},
	} {
		res, err := Replan(context.Background(), p, r, req, Options{Seed: 4})
		if err != nil {
			t.Fatal(err)
		}
		checkReplan(t, p, r, input, req, res)
	}
}

func TestReplanAnnealingPass(t *testing.T) {
	p, r := replanFixture(t)
	input := cloneRoster(t, r)
	req := ReplanRequest{Date: p.Horizon.Start.AddDays(3), From: 10 * 60, Factor: 1.3}
	greedy, err := Replan(context.Background(), p, r, req, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Seed: 1, Moves: 30_000}
	res, err := Replan(context.Background(), p, r, req, opt)
	if err != nil {
		t.Fatal(err)
	}
	checkReplan(t, p, r, input, req, res)
	again, err := Replan(context.Background(), p, r, req, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res.Changes, again.Changes) {
		t.Error("the same request and seed gave different re-plans")
	}
	cc := p.Rules.Weights.Under
	t.Logf("greedy: %d changes, cost %.1f → %.1f, objective %.1f; with annealing: %d changes, %.1f, objective %.1f",
		len(greedy.Changes), greedy.Before, greedy.After, greedy.After+cc*float64(len(greedy.Changes)),
		len(res.Changes), res.After, res.After+cc*float64(len(res.Changes)))
}

func TestReplanCancelledReturnsValidRoster(t *testing.T) {
	p, r := replanFixture(t)
	input := cloneRoster(t, r)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := ReplanRequest{Date: p.Horizon.Start.AddDays(3), From: 12 * 60, Factor: 1.3}
	res, err := Replan(ctx, p, r, req, Options{Time: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	checkReplan(t, p, r, input, req, res)
}

// TestReplanBreakDeltaMatchesState holds the re-plan's fast scoring of a break move against the
// state's own incremental scoring.
func TestReplanBreakDeltaMatchesState(t *testing.T) {
	p, r := replanFixture(t)
	req := ReplanRequest{Date: p.Horizon.Start.AddDays(3), From: 8 * 60, Factor: 1.5}
	d, err := replanDemand(p, req)
	if err != nil {
		t.Fatal(err)
	}
	m, err := compile(withDemand(p, d))
	if err != nil {
		t.Fatal(err)
	}
	st, err := stateFromRoster(m, r)
	if err != nil {
		t.Fatal(err)
	}
	if !st.feasible() {
		t.Fatal("solved roster read back infeasible")
	}
	ref := newState(m)
	ref.copyFrom(st)
	ref.recompute()
	if math.Abs(ref.soft()-st.soft()) > 1e-6 {
		t.Fatalf("state from roster scores %v, recomputed %v", st.soft(), ref.soft())
	}
	rp := newReplanner(st, req)
	if len(rp.agents) == 0 {
		t.Fatal("no agent can change")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		ra := &rp.agents[rng.IntN(len(rp.agents))]
		a := ra.a
		i := a*m.D + rp.d
		s, b := int(st.x[i]), int(st.br[i])
		c := ra.cands[rng.IntN(len(ra.cands))]
		if c.s != s {
			continue
		}
		nb := c.opts[rng.IntN(len(c.opts))]
		on := slices.Clone(st.on)
		want := rp.breakDelta(a, s, b, nb)
		if !slices.Equal(on, st.on) {
			t.Fatal("breakDelta changed the state")
		}
		soft, hard := st.set(a, rp.d, s, nb)
		if math.Abs(soft-want) > 1e-9 || hard != 0 {
			t.Fatalf("agent %d option %d → %d: breakDelta %v, state %v (hard %v)", a, b, nb, want, soft, hard)
		}
	}
	ref.copyFrom(st)
	ref.recompute()
	if math.Abs(ref.soft()-st.soft()) > 1e-6 {
		t.Fatalf("after the moves: incremental %v, recomputed %v", st.soft(), ref.soft())
	}
}

func TestReplanRejectsInvalidRequests(t *testing.T) {
	p, r := replanFixture(t)
	day := p.Horizon.Start.AddDays(3)
	otherGrid := cloneDemand(p.Demand)
	otherGrid.Grid.Start++
	negative := cloneDemand(p.Demand)
	negative.Agents[5] = -1
	tests := []struct {
		name  string
		req   ReplanRequest
		field string
	}{
		{"date before the horizon", ReplanRequest{Date: p.Horizon.Start - 1, From: 600, Factor: 1.2}, "date"},
		{"date after the horizon", ReplanRequest{Date: p.Horizon.Grid().End(), From: 600, Factor: 1.2}, "date"},
		{"from off the grid", ReplanRequest{Date: day, From: 12*60 + 10, Factor: 1.2}, "from"},
		{"from negative", ReplanRequest{Date: day, From: -30, Factor: 1.2}, "from"},
		{"from past midnight", ReplanRequest{Date: day, From: 24*60 + 30, Factor: 1.2}, "from"},
		{"no demand and no factor", ReplanRequest{Date: day, From: 600}, "factor"},
		{"negative factor", ReplanRequest{Date: day, From: 600, Factor: -1}, "factor"},
		{"factor NaN", ReplanRequest{Date: day, From: 600, Factor: math.NaN()}, "factor"},
		{"factor too large", ReplanRequest{Date: day, From: 600, Factor: 1e9}, "factor"},
		{"demand on another grid", ReplanRequest{Date: day, From: 600, Demand: otherGrid}, "demand.grid"},
		{"negative demand", ReplanRequest{Date: day, From: 600, Demand: negative}, "demand.agents"},
		{"negative shift move", ReplanRequest{Date: day, From: 600, Factor: 1.2, ShiftMove: -60}, "shift_move"},
		{"negative change cost", ReplanRequest{Date: day, From: 600, Factor: 1.2, ChangeCost: -1}, "change_cost"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Replan(context.Background(), p, r, tc.req, Options{})
			var e *wfm.Error
			if !errors.As(err, &e) || e.Kind != wfm.KindInvalid || e.Rule != "R5" || e.Field != tc.field {
				t.Fatalf("got %v (%#v), want an invalid R5 error about field %s", err, e, tc.field)
			}
		})
	}
	noDemand := *p
	noDemand.Demand = nil
	if _, err := Replan(context.Background(), &noDemand, r, ReplanRequest{Date: day, From: 600, Factor: 1.2}, Options{}); wfm.ErrorKind(err) != wfm.KindInvalid {
		t.Errorf("a problem without interval demand: got %v", err)
	}
}

func TestReplanRejectsRostersThatDoNotFit(t *testing.T) {
	p, r := replanFixture(t)
	req := ReplanRequest{Date: p.Horizon.Start.AddDays(3), From: 600, Factor: 1.2}
	// worked finds an agent-day with breaks.
	worked := func(r *wfm.Roster) (int, int) {
		for a, sc := range r.Schedules {
			for d, day := range sc.Days {
				if len(day.Breaks) == 2 {
					return a, d
				}
			}
		}
		t.Fatal("no shift with breaks")
		return 0, 0
	}
	tests := []struct {
		name  string
		edit  func(r *wfm.Roster) *wfm.Roster
		field string
		rule  string
	}{
		{"unknown break placement", func(r *wfm.Roster) *wfm.Roster {
			a, d := worked(r)
			r.Schedules[a].Days[d].Breaks[0].Start += 15
			return r
		}, "breaks", "R4"},
		{"break moved out of its window", func(r *wfm.Roster) *wfm.Roster {
			a, d := worked(r)
			r.Schedules[a].Days[d].Breaks[1].Start = 0
			return r
		}, "breaks", "R4"},
		{"unknown shift", func(r *wfm.Roster) *wfm.Roster {
			a, d := worked(r)
			r.Schedules[a].Days[d].Shift = "X99"
			return r
		}, "shift", "R5"},
		{"unknown agent", func(r *wfm.Roster) *wfm.Roster {
			r.Schedules[0].Agent = "nobody"
			return r
		}, "roster", "R5"},
		{"missing agent", func(r *wfm.Roster) *wfm.Roster {
			r.Schedules = r.Schedules[1:]
			return r
		}, "roster", "R5"},
		{"other horizon", func(r *wfm.Roster) *wfm.Roster {
			r.Horizon.Days--
			return r
		}, "roster.horizon", "R5"},
		{"shift on leave", func(r *wfm.Roster) *wfm.Roster {
			a, d := worked(r)
			day := r.Schedules[a].Days[d]
			l := p.Leave[0]
			k := agentIndex(p, l.Agent)
			r.Schedules[k].Days[dayIndex(p, l.From)].Shift = day.Shift
			r.Schedules[k].Days[dayIndex(p, l.From)].Breaks = day.Breaks
			return r
		}, "roster", "R9"},
		{"nil roster", func(*wfm.Roster) *wfm.Roster { return nil }, "roster", "R5"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Replan(context.Background(), p, tc.edit(cloneRoster(t, r)), req, Options{})
			var e *wfm.Error
			if !errors.As(err, &e) || e.Field != tc.field || e.Rule != tc.rule {
				t.Fatalf("got %v, want an error about field %s (rule %s)", err, tc.field, tc.rule)
			}
		})
	}
	// A roster that reads well but breaks a HARD rule is refused too: an evening shift followed by
	// an early one leaves 7 h 30 of rest (R21).
	bad := cloneRoster(t, r)
	for a, sc := range bad.Schedules {
		if p.Agents[a].Group != wfm.GroupDay || agentHasFixed(p, sc.Agent) {
			continue
		}
		for d := 0; d+1 < len(sc.Days); d++ {
			if sc.Days[d].Shift == "" || sc.Days[d+1].Shift == "" {
				continue
			}
			sc.Days[d].Shift = "E15"
			sc.Days[d].Breaks = []wfm.Break{{Kind: wfm.BreakMeal, Start: 18 * 60, Minutes: 30}, {Kind: wfm.BreakRest, Start: 20*60 + 30, Minutes: 30}}
			sc.Days[d+1].Shift = "D07"
			sc.Days[d+1].Breaks = []wfm.Break{{Kind: wfm.BreakMeal, Start: 11 * 60, Minutes: 30}, {Kind: wfm.BreakRest, Start: 13 * 60, Minutes: 30}}
			_, err := Replan(context.Background(), p, bad, req, Options{})
			if wfm.ErrorKind(err) != wfm.KindRule {
				t.Fatalf("a roster without rest after E15: got %v, want a rule error", err)
			}
			return
		}
	}
	t.Fatal("no day-group agent works two days in a row")
}

func agentHasFixed(p *wfm.Problem, id string) bool {
	for _, f := range p.Fixed {
		if f.Agent == id {
			return true
		}
	}
	return false
}

var (
	benchOnce    sync.Once
	benchProblem *wfm.Problem
	benchRoster  *wfm.Roster
	benchErr     error
)

// BenchmarkReplan re-plans a generated 2,000-agent month (solved once, with 200,000 moves) for 20 %
// more calls from 12:00 on its eleventh day: breaks only, and with shift moves of ±60 min.
func BenchmarkReplan(b *testing.B) {
	benchOnce.Do(func() {
		benchProblem, benchErr = gen.Generate(gen.Config{Agents: 2000, Seed: 1})
		if benchErr == nil {
			benchRoster, benchErr = Solve(context.Background(), benchProblem, Options{Moves: 200_000, Seed: 1, Workers: 1})
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	p, r := benchProblem, benchRoster
	for _, bc := range []struct {
		name string
		req  ReplanRequest
	}{
		{"breaks", ReplanRequest{Date: p.Horizon.Start.AddDays(10), From: 12 * 60, Factor: 1.2}},
		{"shifts60", ReplanRequest{Date: p.Horizon.Start.AddDays(10), From: 8 * 60, Factor: 1.2, ShiftMove: 60}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var res *ReplanResult
			for b.Loop() {
				var err error
				if res, err = Replan(context.Background(), p, r, bc.req, Options{Seed: 1}); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			if rep := validate.Check(withDemand(p, res.Demand), res.Roster); !rep.OK() || rep.Compare(res.Roster.Objective, 1e-6) != nil {
				b.Fatalf("re-planned roster fails the checker: %v %v", rep.Violations, rep.Compare(res.Roster.Objective, 1e-6))
			}
			b.ReportMetric(float64(len(res.Changes)), "changes")
			b.ReportMetric(res.Before-res.After, "cost-saved")
		})
	}
}

// TestReplanGeneratedCentre re-plans a generated month (history before the horizon, hourly day
// templates, ten-hour nights, per-interval weights, calls and handling time) with shift moves.
func TestReplanGeneratedCentre(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and solves a centre")
	}
	p, err := gen.Generate(gen.Config{Agents: 120, Days: 14, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Solve(context.Background(), p, Options{Moves: 200_000, Seed: 1, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	input := cloneRoster(t, r)
	for _, req := range []ReplanRequest{
		{Date: p.Horizon.Start.AddDays(5), From: 10 * 60, Factor: 1.25, ShiftMove: 60},
		{Date: p.Horizon.Start, From: 0, Factor: 1.1, ShiftMove: 120},
		{Date: p.Horizon.Start.AddDays(13), From: 21 * 60, Factor: 1.5},
	} {
		res, err := Replan(context.Background(), p, r, req, Options{Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		checkReplan(t, p, r, input, req, res)
		if res.Roster.Coverage.ServiceLevel == nil {
			t.Error("the re-planned roster reports no service level although the demand has calls")
		}
		t.Logf("%s from %s: %d changes, interval cost %.1f → %.1f", req.Date, req.From, len(res.Changes), res.Before, res.After)
	}
}

// agentIndex is the index of agent id in p, or -1.
func agentIndex(p *wfm.Problem, id string) int {
	for i, a := range p.Agents {
		if a.ID == id {
			return i
		}
	}
	return -1
}
