package solver

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"wfm"
)

// TestRespondRepairsAgentsAtOnce starts from an empty roster, where every agent breaks its
// minimum minutes, and re-plans each agent by the programme: each comes out keeping every limit the
// programme models (runs, rotation, weekends, minutes, shifts per template), and the incremental
// scores still equal a full re-read.
func TestRespondRepairsAgentsAtOnce(t *testing.T) {
	m, err := compile(limitsProblem(t))
	if err != nil {
		t.Fatal(err)
	}
	st := newState(m)
	p := newDP(m)
	var j journal
	for a := range m.A {
		if st.agent[a].hard == 0 {
			t.Fatalf("agent %s keeps its limits with no shift at all; the test needs a broken start", m.agents[a].id)
		}
		j.reset()
		if !p.respond(st, &j, rand.New(rand.NewPCG(uint64(a), 1)), a, 1000) {
			t.Fatalf("agent %s: nothing changed", m.agents[a].id)
		}
		if h := st.agent[a].hard; h > 1e-9 {
			t.Errorf("agent %s still breaks its limits by %.2f after its best response", m.agents[a].id, h)
		}
		want := m.evalAgent(a, st.x[a*m.D:(a+1)*m.D], st.scratch)
		if got := st.agent[a]; math.Abs(got.hard-want.hard) > 1e-6 || math.Abs(got.soft-want.soft) > 1e-6 {
			t.Fatalf("agent %s: incremental %+v, full %+v", m.agents[a].id, got, want)
		}
	}
	soft, hard := st.soft(), st.hard()
	st.recompute()
	if math.Abs(soft-st.soft()) > 1e-6 || math.Abs(hard-st.hard()) > 1e-6 {
		t.Fatalf("totals drifted: %v %v vs %v %v", soft, hard, st.soft(), st.hard())
	}
}

// TestRespondStepKeepsTheChainConsistent runs the annealing with frequent best responses and
// checks the chain's state against a full recomputation.
func TestRespondStepKeepsTheChainConsistent(t *testing.T) {
	p := smallCentre(t, 14, 16, 7)
	m, err := compile(p)
	if err != nil {
		t.Fatal(err)
	}
	init := newState(m)
	rng := rand.New(rand.NewPCG(3, 3))
	construct(init, rng, unlimited())
	c := newChain(init, 5, 100)
	c.every = 50
	c.run(5000, 10, unlimited().b)
	soft, hard := c.st.soft(), c.st.hard()
	c.st.recompute()
	if math.Abs(soft-c.st.soft()) > 1e-6 || math.Abs(hard-c.st.hard()) > 1e-6 {
		t.Fatalf("after best responses: incremental %v %v, recomputed %v %v", soft, hard, c.st.soft(), c.st.hard())
	}
}

// TestSpanProgrammeIsExact checks the programme's model of an agent against the exact scoring, on
// spans inside a long horizon (so the run entering the span, the run after it and the weekends
// outside it all matter) and on horizons starting on a Monday and on a Sunday, without history
// and with two weeks of it (runs of work and of rest, days off and leave, unknown days, before
// the first day), agents' own template lists and weekly bands. With the terms the programme
// prices exactly (coverage, requests, runs across the start, rotation, weekends, templates; no
// jitter, μ = 0), the programme's optimum minus its cost of the agent's current days must equal
// the exact change of SOFT + H·HARD when the optimum is applied, less the change of the weekly
// band, which the programme leaves to the search.
func TestSpanProgrammeIsExact(t *testing.T) {
	for _, tc := range []struct {
		start   wfm.Date
		history bool
	}{{wfm.DateOf(2024, time.January, 1), false}, {wfm.DateOf(2023, time.December, 31), false},
		{wfm.DateOf(2024, time.January, 1), true}, {wfm.DateOf(2024, time.January, 4), true}} {
		start := tc.start
		p := longLimitsProblem(t, start, false)
		if tc.history {
			p = withEdges(t, p)
		}
		m, st, pr, rng := randomFixture(t, p, 7, 1)
		const h = 1000.0
		var j journal
		for range 1000 {
			a := rng.IntN(m.A)
			d0, d1 := chooseSpan(m, rng)
			pr.setSpan(st, a, d0, d1, 1)
			pr.dayCosts(st, a, h, rng)
			pr.solve(a, h, 0)
			optimum, seq := pr.value, append([]int16(nil), pr.seq[:d1-d0]...)
			current := currentValue(pr, st, a, h)
			j.reset()
			band := st.g.weekPen[a]
			for k, s := range seq {
				st.change(&j, a, d0+k, int(s), 0)
			}
			band = st.g.weekPen[a] - band
			if got, want := j.soft+h*(j.hard-band), optimum-current; math.Abs(got-want) > 1e-6 {
				t.Fatalf("start %s, history %v, agent %s, days %d–%d: the programme expects %.3f, the exact change is %.3f",
					start, tc.history, m.agents[a].id, d0, d1-1, want, got)
			}
		}
	}
}

// TestProgrammeFindsTheCheapestSequence: over a span of one week, the programme's optimum is the
// cheapest of every sequence of templates and days off, each applied and scored exactly. The
// templates fall into classes that lead alike into the next day (dp.classify: E, E2 and L share
// their rows without start-change costs, and split when a start change costs), so the programme's
// pooling of the states of one class is checked against sequences it never pools.
func TestProgrammeFindsTheCheapestSequence(t *testing.T) {
	for _, startChange := range []float64{0, 3} {
		p := classedProblem(t, startChange)
		m, st, pr, rng := randomFixture(t, p, 11, 1)
		if want := map[float64]int{0: 2, 3: 3}[startChange]; pr.classes != want {
			t.Fatalf("start change %v: %d classes of templates, want %d", startChange, pr.classes, want)
		}
		const h = 1000.0
		var j journal
		for range 12 {
			a, d0 := rng.IntN(m.A), 7*(1+rng.IntN(8))
			d1 := d0 + 7
			pr.setSpan(st, a, d0, d1, 1)
			pr.dayCosts(st, a, h, rng)
			pr.solve(a, h, 0)
			optimum := pr.value
			current := currentValue(pr, st, a, h)
			cheapest, seq := math.Inf(1), make([]int, d1-d0)
			var walk func(k int)
			walk = func(k int) {
				if k == len(seq) {
					j.reset()
					band := st.g.weekPen[a]
					for i, s := range seq {
						st.change(&j, a, d0+i, s, 0)
					}
					cheapest = min(cheapest, j.soft+h*(j.hard-(st.g.weekPen[a]-band)))
					st.undo(&j)
					return
				}
				for s := -1; s < m.S; s++ {
					seq[k] = s
					walk(k + 1)
				}
			}
			walk(0)
			if math.Abs(cheapest-(optimum-current)) > 1e-6 {
				t.Fatalf("start change %v, agent %s, days %d–%d: the programme's best change is %.3f, the cheapest sequence's %.3f",
					startChange, m.agents[a].id, d0, d1-1, optimum-current, cheapest)
			}
		}
	}
}

// currentValue is the programme's value of agent a's current days in pr's span: the day costs
// pr holds, every other value of those days priced out.
func currentValue(pr *dp, st *state, a int, h float64) float64 {
	m := pr.m
	for d := pr.sp.d0; d < pr.sp.d1; d++ {
		row := pr.day[d*(m.S+1) : (d+1)*(m.S+1)]
		for v := range row {
			if v-1 != int(st.x[a*m.D+d]) {
				row[v] = math.Inf(1)
			}
		}
	}
	pr.solve(a, h, 0)
	return pr.value
}

// classedProblem is longLimitsProblem with four templates any agent may work, three of which lead
// alike into the next day (E, E2 and L: none of them rules out another), and a start change
// weighted startChange.
func classedProblem(t testing.TB, startChange float64) *wfm.Problem {
	t.Helper()
	p := longLimitsProblem(t, wfm.DateOf(2024, time.January, 1), false)
	p.Rules.Weights.StartChange = startChange
	p.Shifts = []wfm.ShiftTemplate{{ID: "E", Start: 6 * 60, Minutes: 480}, {ID: "E2", Start: 6 * 60, Minutes: 600},
		{ID: "L", Start: 14 * 60, Minutes: 480}, {ID: "N", Start: 22 * 60, Minutes: 600, CannotFollow: []string{"E", "E2", "L"}}}
	for i := range p.Agents {
		p.Agents[i].Shifts = nil
	}
	for d := range p.Horizon.Days {
		p.ShiftDemand = append(p.ShiftDemand, wfm.ShiftCover{Date: p.Horizon.Start.AddDays(d), Shift: "E2", Required: 1, UnderWeight: 70, OverWeight: 1})
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	return p
}

// BenchmarkProgramme times one solve of the programme over the whole ten weeks of classedProblem:
// without start-change costs (two classes of four templates), with them (three), and with E2
// starting an hour after E (four: every template its own class, as on a centre's templates, each
// starting at its own hour).
func BenchmarkProgramme(b *testing.B) {
	for _, tc := range []struct {
		startChange float64
		e2Start     wfm.Clock
	}{{0, 6 * 60}, {3, 6 * 60}, {3, 7 * 60}} {
		p := classedProblem(b, tc.startChange)
		p.Shifts[1].Start = tc.e2Start
		m, err := compile(p)
		if err != nil {
			b.Fatal(err)
		}
		st, pr := newState(m), newDP(m)
		rng := rand.New(rand.NewPCG(1, 1))
		pr.setSpan(st, 0, 0, m.D, 1)
		pr.dayCosts(st, 0, 1000, rng)
		b.Run(fmt.Sprintf("classes=%d", pr.classes), func(b *testing.B) {
			for b.Loop() {
				pr.solve(0, 1000, 0)
			}
		})
	}
}

// longLimitsProblem is limitsProblem over ten weeks from start, with demand per day and template
// and requests off; withMinutes keeps the agents' minutes and shifts-per-template limits (scaled
// to the longer horizon), otherwise they are dropped, as are rest across days off and the weekly
// band, leaving the terms the programme prices exactly.
func longLimitsProblem(t testing.TB, start wfm.Date, withMinutes bool) *wfm.Problem {
	t.Helper()
	p := limitsProblem(t)
	p.Horizon.Start, p.Horizon.Days = start, 70
	p.Rules.Weights = wfm.Weights{Requests: 1}
	p.Rules.MinRestMinutes, p.Rules.WeeklyMaxHours = 0, 168
	p.Fixed, p.Leave, p.Requests, p.ShiftDemand = nil, nil, nil, nil
	mins, maxs := 7500, 15000
	for i := range p.Agents {
		l := p.Agents[i].Limits
		if withMinutes {
			l.MinMinutes, l.MaxMinutes, l.MaxShifts = &mins, &maxs, map[string]int{"N": 8 + i%2}
		} else {
			l.MaxShifts, l.MinMinutes, l.MaxMinutes = nil, nil, nil
		}
	}
	for d := range 70 {
		date := start.AddDays(d)
		p.ShiftDemand = append(p.ShiftDemand, wfm.ShiftCover{Date: date, Shift: "E", Required: 2, UnderWeight: 100, OverWeight: 1},
			wfm.ShiftCover{Date: date, Shift: "N", Required: 1, UnderWeight: 60, OverWeight: 1})
		if d%5 == 0 {
			p.Requests = append(p.Requests, wfm.Request{Agent: p.Agents[d%6].ID, Date: date, Kind: wfm.RequestOff, Weight: 3})
		}
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	return p
}

// withEdges gives the agents of a limitsProblem-like problem two weeks of history before the
// horizon, one pattern each: a run of work reaching the history's start, runs of work and of rest
// with known starts, leave and days off, unknown days, nothing at all; and their own weekly bands
// (the rules' contract is 168 h) and template lists.
func withEdges(t testing.TB, p *wfm.Problem) *wfm.Problem {
	t.Helper()
	start := p.Horizon.Start
	patterns := []string{ // day −14 … day −1: a template, "." off, "L" leave, "?" unknown
		"? ? ? ? ? ? ? ? ? E E E E E",
		"? ? ? ? ? ? ? ? ? ? E . E .",
		"E E . . E E E . . . N . . .",
		"? ? ? ? ? ? ? ? ? ? E L L L",
		"? ? ? ? ? ? ? ? ? ? ? ? . L",
		"? ? ? ? ? ? ? ? ? ? ? ? ? ?",
	}
	p.Fixed, p.Leave = nil, nil
	for i, pat := range patterns {
		id := p.Agents[i].ID
		for k, tok := range strings.Fields(pat) {
			d := start.AddDays(k - wfm.HistoryDays)
			switch tok {
			case "?":
			case "L":
				p.Leave = append(p.Leave, wfm.Leave{Agent: id, Type: wfm.LeaveSick, From: d, To: d})
			case ".":
				p.Fixed = append(p.Fixed, wfm.Fixed{Agent: id, Date: d, Shift: wfm.Off})
			default:
				p.Fixed = append(p.Fixed, wfm.Fixed{Agent: id, Date: d, Shift: tok})
			}
		}
	}
	lo, hi := 20.0, 40.0
	p.Agents[0].WeeklyMinHours, p.Agents[0].WeeklyMaxHours = &lo, &hi
	p.Agents[1].ContractHours = 84 // half the rules' 168 h: a scaled band
	p.Agents[2].Shifts = []string{"E", "L"}
	p.Agents[3].Shifts = []string{"N"}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestConstructByResponse builds the first roster of a ten-week problem span by span: every agent
// ends inside its minutes band and its other limits (the spans' pro-rata shares add up to the
// period's band), the cover is served, and the incremental scores equal a full recomputation.
func TestConstructByResponse(t *testing.T) {
	m, err := compile(longLimitsProblem(t, wfm.DateOf(2024, time.January, 1), true))
	if err != nil {
		t.Fatal(err)
	}
	st := newState(m)
	constructByResponse(st, rand.New(rand.NewPCG(1, 2)), unlimited())
	for a := range m.A {
		paid := st.g.paid[a]
		if ai := &m.agents[a]; paid < ai.minMinutes || paid > ai.maxMinutes {
			t.Errorf("agent %s works %.0f min, outside its band %.0f–%.0f", ai.id, paid, ai.minMinutes, ai.maxMinutes)
		}
		if h := st.agent[a].hard; h > 1e-9 {
			t.Errorf("agent %s breaks its limits by %.2f after construction", m.agents[a].id, h)
		}
	}
	empty := newState(m)
	if st.coverCost > empty.coverCost/2 { // six agents' bands hold about 180 of the 210 shifts demanded
		t.Errorf("cover cost %.0f after construction, %.0f with nobody rostered: the agents did not serve the demand", st.coverCost, empty.coverCost)
	}
	soft, hard := st.soft(), st.hard()
	st.recompute()
	if math.Abs(soft-st.soft()) > 1e-6 || math.Abs(hard-st.hard()) > 1e-6 {
		t.Fatalf("incremental %v %v, recomputed %v %v", soft, hard, st.soft(), st.hard())
	}
	stopped := newState(m)
	constructByResponse(stopped, rand.New(rand.NewPCG(1, 2)), cancelled())
	if stopped.soft() != empty.soft() {
		t.Errorf("a construction stopped at once changed the roster")
	}
}

// TestRespondPricesShapeExactly checks that the programme prices the roster-shape terms exactly:
// on a problem where nothing else depends on the re-planned week (no demand, no requests, no
// fairness, hours that never bind), the sequence it returns for a week between fixed random days
// costs (SOFT + H·HARD, by the full re-read) the least of all sequences of that week, found by
// enumerating them.
func TestRespondPricesShapeExactly(t *testing.T) {
	p := smallCentre(t, 21, 10, 4)
	p.Demand, p.Requests, p.Leave = nil, nil, nil
	for i := range p.Agents {
		p.Agents[i].Roles, p.Agents[i].Mentor = nil, ""
	}
	p.Rules.ContractHoursPerWeek, p.Rules.WeeklyMinHours, p.Rules.WeeklyMaxHours = 168, 0, 168
	p.Rules.MinDaysOffBlock, p.Rules.MinFullWeekendsOff, p.Rules.StartToleranceMinutes = 3, 2, 90
	p.Rules.Weights = wfm.Weights{StartChange: 7, DaysOffBlock: 11, SingleDay: 13, WeekendsOff: 17}
	p.Fixed = append(p.Fixed, wfm.Fixed{Agent: "A00", Date: p.Horizon.Start.AddDays(-1), Shift: "E15"})
	m, st, pr, rng := randomFixture(t, p, 4, 2)
	const h = 1000
	for _, span := range [][2]int{{7, 14}, {0, 7}, {14, 21}} {
		d0, d1 := span[0], span[1]
		for a := range m.A {
			x := append([]int16(nil), st.x[a*m.D:(a+1)*m.D]...)
			cost := func() float64 {
				c := m.evalAgent(a, x, st.scratch)
				return c.soft + h*c.hard
			}
			pr.setSpan(st, a, d0, d1, 1)
			pr.dayCosts(st, a, h, rng)
			pr.solve(a, h, 0)
			copy(x[d0:d1], pr.seq[:d1-d0])
			got := cost()
			values := append([]int16{off}, m.agents[a].allowed...)
			best := math.Inf(1)
			var walk func(d int)
			walk = func(d int) {
				if d == d1 {
					best = min(best, cost())
					return
				}
				for _, v := range values {
					x[d] = v
					walk(d + 1)
				}
			}
			walk(d0)
			if math.Abs(got-best) > 1e-6 {
				t.Errorf("agent %s, days %d–%d: the programme's week costs %.3f, the best week %.3f", m.agents[a].id, d0, d1, got, best)
			}
		}
	}
}

// randomFixture compiles p into a state whose every free agent-day holds one of the agent's
// templates, or off with odds offs in (templates + offs), drawn from a stream seeded seed, and a
// programme without jitter.
func randomFixture(t *testing.T, p *wfm.Problem, seed uint64, offs int) (*model, *state, *dp, *rand.Rand) {
	t.Helper()
	m, err := compile(p)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, seed))
	st := newState(m)
	for a := range m.A {
		al := m.agents[a].allowed
		for d := range m.D {
			if k := rng.IntN(len(al)+offs) - offs; k >= 0 && m.freeCell(a, d) {
				st.set(a, d, int(al[k]), 0)
			}
		}
	}
	pr := newDP(m)
	pr.jitter = 0
	return m, st, pr, rng
}
