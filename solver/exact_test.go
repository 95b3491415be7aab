package solver

import (
	"math/rand/v2"
	"testing"
	"time"

	"wfm"
)

// narrowBandProblem is a generated nurse-rostering problem of the public benchmark's kind (demand
// per day and template, every HARD limit per agent, the centre's own rules off) over the given
// weeks: templates S (480 min) and L (720 min, which L cannot follow), runs of 2–5 days of work
// and of at least 2 days off, half the weekends, at most one L a week, a block of leave, and a
// band of total minutes 960 wide whose floor asks for nearly all the work the runs allow: about
// 68 % of the days the agent may work, against the 5 in 7 (71 %) runs of at most 5 days allow.
func narrowBandProblem(t testing.TB, weeks, agents int, seed uint64) *wfm.Problem {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	start := wfm.DateOf(2024, time.January, 1) // a Monday
	days := 7 * weeks
	r := wfm.DefaultRules()
	r.Breaks, r.MinRestMinutes = false, 0
	r.ContractHoursPerWeek, r.WeeklyMinHours, r.WeeklyMaxHours, r.LeaveHoursPerDay = 168, 0, 168, 24
	r.PreShiftMinutes, r.LeaderPreShiftMinutes = 0, 0
	r.MaxConsecutiveDays = days
	r.Weights = wfm.Weights{Requests: 1}
	p := &wfm.Problem{
		Horizon: wfm.Horizon{Start: start, Days: days, IntervalMinutes: 60, TimeZone: wfm.DefaultTimeZone},
		Rules:   r,
		Shifts:  []wfm.ShiftTemplate{{ID: "S", Minutes: 480}, {ID: "L", Minutes: 720, CannotFollow: []string{"L"}}},
	}
	two, five, weekends := 2, 5, weeks/2
	for i := range agents {
		id := string(rune('A'+i%26)) + string(rune('a'+i/26))
		leave := 7 + rng.IntN(8)
		from := rng.IntN(days - leave)
		free := days - leave
		lo := 480 * (free * 68 / 100)
		hi := lo + 960
		p.Agents = append(p.Agents, wfm.Agent{ID: id, Group: wfm.GroupAny, Limits: &wfm.AgentLimits{
			MaxShifts: map[string]int{"L": weeks}, MinMinutes: &lo, MaxMinutes: &hi,
			MaxConsecutiveDays: &five, MinConsecutiveDays: &two, MinConsecutiveDaysOff: &two, MaxWeekends: &weekends}})
		p.Leave = append(p.Leave, wfm.Leave{Agent: id, Type: wfm.LeaveOther, From: start.AddDays(from), To: start.AddDays(from + leave - 1)})
	}
	for d := range days {
		need := agents / 2
		if d%7 >= 5 {
			need = agents * 2 / 3 // weekends ask for more than the weekend limits give
		}
		p.ShiftDemand = append(p.ShiftDemand,
			wfm.ShiftCover{Date: start.AddDays(d), Shift: "S", Required: need, UnderWeight: 100, OverWeight: 1},
			wfm.ShiftCover{Date: start.AddDays(d), Shift: "L", Required: 1 + rng.IntN(2), UnderWeight: 50, OverWeight: 1})
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestExactMinutesClosesTheDualityGap shows the gap the bisection on μ cannot cross and the exact
// programme closes. Working costs 1 a day whatever the template, so the programme's response to μ
// jumps from no work at all (|μ| < 1/720 per minute) straight to as many 720-minute shifts as the
// runs allow: no μ pays inside the band, while many schedules keeping every limit do. With the
// minutes as a state dimension the programme finds one, and the full re-read of the agent finds it
// inside the band with no HARD violation.
func TestExactMinutesClosesTheDualityGap(t *testing.T) {
	p := narrowBandProblem(t, 4, 1, 1)
	p.Shifts[1].CannotFollow = nil
	p.Agents[0].Limits.MaxShifts = nil
	p.Leave = nil
	lo, hi := 9600, 10080
	p.Agents[0].Limits.MinMinutes, p.Agents[0].Limits.MaxMinutes = &lo, &hi
	m, err := compile(p)
	if err != nil {
		t.Fatal(err)
	}
	st := newState(m)
	pr := newDP(m)
	const a, h = 0, 1000.0
	pr.setSpan(st, a, 0, m.D, 1)
	for d := range m.D {
		row := pr.day[d*(m.S+1) : (d+1)*(m.S+1)]
		row[0], row[1], row[2] = 0, 1, 1
	}
	x := make([]int16, m.D)
	check := func() (paid float64, c agentCost) {
		copy(x, pr.seq[:m.D])
		for _, s := range x {
			if s >= 0 {
				paid += m.paid(a, int(s))
			}
		}
		return paid, m.evalAgent(a, x, st.scratch)
	}
	pr.fitMinutes(a, h, float64(lo), float64(hi), false)
	if paid, c := check(); paid >= float64(lo) && paid <= float64(hi) && c.hard == 0 {
		t.Fatalf("the bisection alone paid %.0f min, inside the band: the problem shows no gap", paid)
	}
	pr.fitMinutes(a, h, float64(lo), float64(hi), true)
	paid, c := check()
	if paid < float64(lo) || paid > float64(hi) || c.hard > 0 {
		t.Fatalf("the exact programme paid %.0f min (band %d–%d) with HARD %.1f: %v", paid, lo, hi, c.hard, x)
	}
	// The least cost is the fewest worked days: ⌈9600/720⌉ = 14 shifts of L pay 10080.
	if worked := int(pr.value + 0.5); worked != 14 {
		t.Errorf("the exact programme works %d days, want 14", worked)
	}
	// Without the dimension the programme runs as before: every bound back to 0.
	for k := range m.D + 1 {
		if pr.uLo[k] != 0 || pr.uHi[k] != 0 || pr.backAt[k] != k*pr.n {
			t.Fatalf("boundary %d left at units [%d, %d], back pointers at %d", k, pr.uLo[k], pr.uHi[k], pr.backAt[k])
		}
	}
}

// TestConstructMeetsNarrowBands builds the first roster of a half-year problem whose agents must
// work nearly all their runs allow, inside a band of two shifts: every agent keeps every HARD
// limit after the construction alone, and its roster passes the independent checker.
func TestConstructMeetsNarrowBands(t *testing.T) {
	p := narrowBandProblem(t, 26, 12, 3)
	m, err := compile(p)
	if err != nil {
		t.Fatal(err)
	}
	st := newState(m)
	if !constructByResponse(st, rand.New(rand.NewPCG(1, 2)), unlimited()) {
		t.Fatal("the construction stopped without a budget")
	}
	for a := range m.A {
		ai := &m.agents[a]
		if paid := st.g.paid[a]; paid < ai.minMinutes || paid > ai.maxMinutes {
			t.Errorf("agent %s works %.0f min, outside its band %.0f–%.0f", ai.id, paid, ai.minMinutes, ai.maxMinutes)
		}
		if h := st.agent[a].hard; h > 1e-9 {
			t.Errorf("agent %s breaks its limits by %.1f after the construction", ai.id, h)
		}
	}
	checkRoster(t, p, st.roster())
}
