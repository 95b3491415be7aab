package gen_test

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"

	"wfm"
	"wfm/benchmarks/gen"
	"wfm/calendar"
)

// generated caches one problem per size (seed 1, defaults), shared by the tests.
var generated sync.Map // int → func() (*wfm.Problem, error)

func problem(t testing.TB, n int) *wfm.Problem {
	t.Helper()
	f, _ := generated.LoadOrStore(n, sync.OnceValues(func() (*wfm.Problem, error) {
		return gen.Generate(gen.Config{Agents: n, Seed: 1})
	}))
	p, err := f.(func() (*wfm.Problem, error))()
	if err != nil {
		t.Fatalf("Generate(%d agents): %v", n, err)
	}
	return p
}

var sizes = []int{30, 200, 2000}

func TestGenerate(t *testing.T) {
	for _, n := range sizes {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			p := problem(t, n)
			if err := p.Validate(); err != nil {
				t.Fatal(err)
			}
			if len(p.Agents) != n {
				t.Fatalf("%d agents, want %d", len(p.Agents), n)
			}
			var b strings.Builder
			gen.Summarise(p).Write(&b)
			t.Logf("%d agents:\n%s", n, b.String())
			checkHorizon(t, p)
			checkShifts(t, p)
			checkStaff(t, p)
			checkLeave(t, p)
			checkWeeklyMinimum(t, p)
			checkDemand(t, p)
		})
	}
}

func checkHorizon(t *testing.T, p *wfm.Problem) {
	h := p.Horizon
	if h.Start != wfm.DateOf(2026, 12, 1) || h.Days != 31 || h.IntervalMinutes != 30 || h.TimeZone != "Asia/Shanghai" {
		t.Errorf("horizon %+v, want December 2026 on 30 minutes in Asia/Shanghai", h)
	}
}

// checkShifts checks the templates against the brief: day shifts of 8 h 30 every hour from 07:00 to
// 13:00, evening shifts at 14:00 and 15:00 that are not night shifts, a 10-hour night shift at 22:00.
func checkShifts(t *testing.T, p *wfm.Problem) {
	want := map[string][2]int{"D07": {420, 510}, "D08": {480, 510}, "D09": {540, 510}, "D10": {600, 510},
		"D11": {660, 510}, "D12": {720, 510}, "D13": {780, 510}, "E14": {840, 510}, "E15": {900, 510}, "N22": {1320, 600}}
	if len(p.Shifts) != len(want) {
		t.Errorf("%d templates, want %d", len(p.Shifts), len(want))
	}
	for _, s := range p.Shifts {
		w, ok := want[s.ID]
		if !ok || int(s.Start) != w[0] || s.Minutes != w[1] {
			t.Errorf("template %+v, want start %d and %d minutes", s, w[0], w[1])
		}
		if night := s.IsNight(p.Rules); night != (s.ID == "N22") {
			t.Errorf("template %s: night %v", s.ID, night)
		}
		if !gen.BreaksFit(s, p.Rules, p.Horizon.IntervalMinutes) {
			t.Errorf("template %s cannot hold its breaks", s.ID)
		}
	}
}

func within(t *testing.T, what string, got, lo, hi float64) {
	t.Helper()
	if !(got >= lo && got <= hi) {
		t.Errorf("%s = %.4f, want within [%.4f, %.4f]", what, got, lo, hi)
	}
}

func checkStaff(t *testing.T, p *wfm.Problem) {
	n := float64(len(p.Agents))
	ids := map[string]*wfm.Agent{}
	for i := range p.Agents {
		ids[p.Agents[i].ID] = &p.Agents[i]
	}
	count := map[string]int{}
	for i := range p.Agents {
		a := &p.Agents[i]
		if want := fmt.Sprintf("A%04d", i+1); a.ID != want {
			t.Fatalf("agent %d has id %s, want %s", i, a.ID, want)
		}
		count[a.Group]++
		if !a.Speaks("mandarin") {
			t.Errorf("%s does not speak Mandarin", a.ID)
		}
		for _, key := range []struct {
			name string
			ok   bool
		}{
			{"minnan", a.Speaks(wfm.SkillMinnan)},
			{"leader", a.Has(wfm.RoleLeader)},
			{"night leader", a.Has(wfm.RoleLeader) && a.Group != wfm.GroupDay},
			{"day leader", a.Has(wfm.RoleLeader) && a.Group != wfm.GroupNight},
			{"trainee", a.Has(wfm.RoleTrainee)},
			{"suspended", a.Has(wfm.RoleSuspended)},
			{"part-time", a.ContractHours < 40},
		} {
			if key.ok {
				count[key.name]++
			}
		}
		if len(a.Roles) > 1 {
			t.Errorf("%s has roles %v", a.ID, a.Roles)
		}
		// Night workers' contracts may be raised to admit four 10-hour nights a week (see TestHolidayMonths).
		if a.ContractHours != 40 && a.ContractHours != 32 && (a.Group != wfm.GroupNight || a.ContractHours > 42) {
			t.Errorf("%s (%s) has a contract of %v h", a.ID, a.Group, a.ContractHours)
		}
		if a.Has(wfm.RoleTrainee) {
			m := ids[a.Mentor]
			if m == nil || m.Group != a.Group || m.Has(wfm.RoleTrainee) || m.Has(wfm.RoleSuspended) || m.ContractHours < 40 {
				t.Errorf("trainee %s has mentor %q (%+v)", a.ID, a.Mentor, m)
			}
		}
	}
	share := func(k string) float64 { return float64(count[k]) / n }
	t.Logf("shares: day %.3f night %.3f any %.3f leaders %.3f (night/any %d) minnan %.3f trainees %.3f suspended %.3f part-time %.3f",
		share("day"), share("night"), share("any"), share("leader"), count["night leader"], share("minnan"),
		share("trainee"), share("suspended"), share("part-time"))
	if count["night leader"] < 3 || count["day leader"] < 3 {
		t.Errorf("%d night-capable and %d day-capable leaders, want at least 3 each", count["night leader"], count["day leader"])
	}
	if n < 100 {
		// A small centre keeps minimums: three night-group agents, five night-capable leaders, three
		// day leaders, and the Minnan speakers to staff two on the phones around the clock.
		within(t, "night share", share("night"), 0.10, 0.17)
		within(t, "any share", share("any"), 0.03, 0.10)
		within(t, "minnan share", share("minnan"), 0.15, 0.6)
		within(t, "leader share", share("leader"), 1.0/12, 0.30)
		within(t, "trainees", float64(count["trainee"]), 1, 2)
		within(t, "suspended", float64(count["suspended"]), 0, 1)
		return
	}
	within(t, "day share", share("day"), 0.81, 0.83)
	within(t, "night share", share("night"), 0.115, 0.125)
	within(t, "any share", share("any"), 0.055, 0.065)
	// Minnan speakers are sized to the Minnan demand: 15–20 % in a large centre, a little more in
	// one of a few hundred agents, whose small Minnan stream pools poorly.
	// Small centres need relatively more speakers: the night's Minnan stream keeps a floor of
	// speakers on the phones whatever the volume.
	within(t, "minnan share", share("minnan"), 0.15, map[bool]float64{true: 0.20, false: 0.30}[n >= 1000])
	within(t, "leader share", share("leader"), 0.075, 0.09)
	within(t, "trainee share", share("trainee"), 0.03, 0.05)
	within(t, "suspended share", share("suspended"), 0.005, 0.015)
	within(t, "part-time share", share("part-time"), 0.03, 0.06)
	within(t, "night-capable leaders per night-capable agent", float64(count["night leader"])/float64(count["night"]+count["any"]), 1.0/15, 0.2)
}

func checkLeave(t *testing.T, p *wfm.Problem) {
	if want := max(1, len(p.Agents)/50); p.Rules.MaxConcurrentAnnualLeave != want {
		t.Errorf("MaxConcurrentAnnualLeave %d, want %d", p.Rules.MaxConcurrentAnnualLeave, want)
	}
	mentors := map[string]bool{}
	for _, a := range p.Agents {
		if a.Mentor != "" {
			mentors[a.Mentor] = true
		}
	}
	annual := map[wfm.Date]int{}
	end := p.Horizon.Start.AddDays(p.Horizon.Days)
	types := map[string]int{}
	for _, l := range p.Leave {
		types[l.Type]++
		if l.From < p.Horizon.Start || l.To >= end {
			t.Errorf("leave %+v outside the horizon", l)
		}
		if mentors[l.Agent] {
			t.Errorf("mentor %s has leave %+v", l.Agent, l)
		}
		days := int(l.To-l.From) + 1
		switch l.Type {
		case wfm.LeaveAnnual:
			if days < 3 || days > 7 {
				t.Errorf("annual leave of %d days", days)
			}
			for d := l.From; d <= l.To; d++ {
				annual[d]++
			}
		case wfm.LeaveSick:
			if days > 3 {
				t.Errorf("sick leave of %d days", days)
			}
		case wfm.LeavePersonal:
			if days != 1 {
				t.Errorf("personal leave of %d days", days)
			}
		default:
			t.Errorf("leave type %s", l.Type)
		}
	}
	for d, c := range annual {
		if c > p.Rules.MaxConcurrentAnnualLeave {
			t.Errorf("R10: %d agents on annual leave on %s, cap %d", c, d, p.Rules.MaxConcurrentAnnualLeave)
		}
	}
	if types[wfm.LeaveAnnual] == 0 || types[wfm.LeaveSick] == 0 || types[wfm.LeavePersonal] == 0 {
		t.Errorf("leave by type %v, want some of each", types)
	}
	reqAgents := map[string]bool{}
	for _, r := range p.Requests {
		reqAgents[r.Agent] = true
		if r.Weight < 1 || r.Weight > 10 || r.Weight != math.Trunc(r.Weight) {
			t.Errorf("request weight %v", r.Weight)
		}
		if (r.Kind == wfm.RequestOff) != (r.Shift == "") {
			t.Errorf("request %+v: want off a day or on a shift", r)
		}
	}
	within(t, "share of agents with requests", float64(len(reqAgents))/float64(len(p.Agents)), 0.05, 0.15)
}

// checkWeeklyMinimum checks, independently of the generator, that every agent who is not suspended
// can reach the weekly minimum of every ISO week, pro rata over the week's known days (the days
// before the horizon count as known when the history states them, with their shifts), with the
// shortest paid shift it may work on its free days, within its weekly maximum, and that the shifts
// needed fit the contract less leave over the horizon. The agent's band is the rules' scaled by its
// contract unless it has its own; a day of leave counts a fifth of the contract week, for at most
// five days of a week.
func checkWeeklyMinimum(t *testing.T, p *wfm.Problem) {
	r := p.Rules
	onLeave := map[string]map[wfm.Date]bool{}
	for _, l := range p.Leave {
		if onLeave[l.Agent] == nil {
			onLeave[l.Agent] = map[wfm.Date]bool{}
		}
		for d := l.From; d <= l.To; d++ {
			onLeave[l.Agent][d] = true
		}
	}
	history := map[string]map[wfm.Date]string{}
	for _, f := range p.Fixed {
		if history[f.Agent] == nil {
			history[f.Agent] = map[wfm.Date]string{}
		}
		history[f.Agent][f.Date] = f.Shift
	}
	shifts := map[string]wfm.ShiftTemplate{}
	for _, s := range p.Shifts {
		shifts[s.ID] = s
	}
	start, end := p.Horizon.Start, p.Horizon.Start.AddDays(p.Horizon.Days)
	first := start - wfm.Date((int(start.Weekday())+6)%7)
	for _, a := range p.Agents {
		if a.Has(wfm.RoleSuspended) {
			continue
		}
		pre := r.PreShiftMinutes
		if a.Has(wfm.RoleLeader) {
			pre = r.LeaderPreShiftMinutes
		}
		paid := math.MaxInt
		for _, s := range p.Shifts {
			night := s.IsNight(r)
			if (a.Group == wfm.GroupAny || night == (a.Group == wfm.GroupNight)) && (len(a.Shifts) == 0 || slices.Contains(a.Shifts, s.ID)) {
				paid = min(paid, s.Minutes+pre)
			}
		}
		contract := a.ContractHours
		lo, hi := r.WeeklyMinHours*contract/r.ContractHoursPerWeek, r.WeeklyMaxHours*contract/r.ContractHoursPerWeek
		if a.WeeklyMinHours != nil {
			lo = *a.WeeklyMinHours
		}
		if a.WeeklyMaxHours != nil {
			hi = *a.WeeklyMaxHours
		}
		// A day of leave counts a working day, contract/5, for at most five days of a week.
		perLeave := contract / 5
		minPaid, leaveHours := 0, 0.0
		for mon := first; mon < end; mon = mon.AddDays(7) {
			known, free, base, leaveDays, histPaid := 0, 0, 0.0, 0, 0.0
			for d := mon; d < mon.AddDays(7); d++ {
				switch h, stated := history[a.ID][d]; {
				case d >= start && d < end && onLeave[a.ID][d]:
					known++
					leaveDays++
				case d >= start && d < end:
					known++
					free++
				case stated && d < start:
					known++
					if s, ok := shifts[h]; ok {
						histPaid += float64(s.Minutes+pre) / 60
					}
				}
			}
			leave := perLeave * float64(min(leaveDays, 5))
			leaveHours += leave
			base = histPaid + leave
			need := int(math.Ceil(math.Max(0, lo*float64(known)/7-base)*60/float64(paid) - 1e-9))
			if need > free {
				t.Errorf("%s: week of %s needs %d shifts of %d minutes, has %d free days", a.ID, mon, need, paid, free)
			}
			if histPaid+float64(need*paid)/60 > hi+1e-9 {
				t.Errorf("%s: week of %s needs %d shifts of %d minutes, over the weekly maximum %.1f h", a.ID, mon, need, paid, hi)
			}
			minPaid += need * paid
		}
		budget := contract*float64(p.Horizon.Days)/7 - leaveHours
		if float64(minPaid)/60 > budget+1e-9 {
			t.Errorf("%s: the weekly minima need %.2f paid hours, the contract less leave allows %.2f", a.ID, float64(minPaid)/60, budget)
		}
	}
}

func checkDemand(t *testing.T, p *wfm.Problem) {
	d := p.Demand
	if d == nil {
		t.Fatal("no demand")
	}
	if d.Grid != p.Horizon.Grid() {
		t.Fatalf("demand grid %+v, horizon grid %+v", d.Grid, p.Horizon.Grid())
	}
	n := d.Grid.Len()
	if len(d.Calls) != n || len(d.AHT) != n || len(d.UnderWeight) != n {
		t.Fatalf("calls %d, aht %d, under weights %d values for %d intervals", len(d.Calls), len(d.AHT), len(d.UnderWeight), n)
	}
	// 7×24 service: every interval needs an agent and a leader (R1, R12).
	for i := range n {
		if d.Agents[i] < 1 || d.Leaders[i] < 1 {
			t.Fatalf("interval %s requires %d agents and %d leaders", d.Grid.Label(i), d.Agents[i], d.Leaders[i])
		}
		if d.Minnan[i] > d.Agents[i] {
			t.Errorf("interval %s requires %d Minnan speakers of %d agents", d.Grid.Label(i), d.Minnan[i], d.Agents[i])
		}
	}
	// Two peaks: the mean profile of the days, calls and required agents.
	per := d.Grid.PerDay()
	at := func(h int) int { return h * 60 / d.Grid.Step }
	for _, series := range []struct {
		name    string
		v       func(int) float64
		minSize int
	}{
		{"calls", func(i int) float64 { return d.Calls[i] }, 0},
		// In a small centre the night keeps a floor of two agents (one on the phones, grossed
		// up for shrinkage) and a peak of ten, so the factor of five is asked of larger ones.
		{"agents", func(i int) float64 { return float64(d.Agents[i]) }, 100},
	} {
		prof := make([]float64, per)
		for i := range n {
			prof[i%per] += series.v(i)
		}
		peak := func(from, to int) float64 {
			m := 0.0
			for i := at(from); i < at(to); i++ {
				m = max(m, prof[i])
			}
			return m
		}
		night, morning, afternoon := prof[at(3)], peak(9, 11), peak(14, 16)
		lunch := prof[at(12)+(at(13)-at(12))/2]
		t.Logf("%s profile: 03:00 %.1f, 09–11 max %.1f (×%.1f), 14–16 max %.1f (×%.1f), 12:30 %.1f",
			series.name, night/float64(d.Grid.Days), morning/float64(d.Grid.Days), morning/night,
			afternoon/float64(d.Grid.Days), afternoon/night, lunch/float64(d.Grid.Days))
		if morning <= lunch || afternoon <= lunch {
			t.Errorf("%s: no dip between the morning and afternoon peaks", series.name)
		}
		if len(p.Agents) >= series.minSize && (morning < 5*night || afternoon < 5*night) {
			t.Errorf("%s: peaks %.1f and %.1f not five times the 03:00 level %.1f", series.name, morning, afternoon, night)
		}
		if peak(0, 24) > 1.05*max(morning, peak(8, 17)) {
			t.Errorf("%s: the day's maximum lies outside the working day", series.name)
		}
	}
	// Under weights: mean 1 over the intervals with demand, at least the floor.
	sum, lo := 0.0, math.Inf(1)
	for _, w := range d.UnderWeight {
		sum += w
		lo = min(lo, w)
	}
	within(t, "mean under weight", sum/float64(n), 1-1e-9, 1+1e-9)
	within(t, "least under weight", lo, 0.05-1e-9, 1)

	// Load: the required agent-hours against the phone-hours the contracts can deliver, as the
	// brief states it (contract hours × days/7 × (8 h 30 − 1 h)/(8 h 30 + 10 min), suspended agents
	// aside), and against the generator's own exact count.
	required := 0.0
	for _, a := range d.Agents {
		required += float64(a) * float64(d.Grid.Step) / 60
	}
	deliverable := 0.0
	for _, a := range p.Agents {
		if !a.Has(wfm.RoleSuspended) {
			deliverable += a.ContractHours * float64(p.Horizon.Days) / 7 * 7.5 / (8.5 + 10.0/60)
		}
	}
	t.Logf("required %.0f agent-h, contracts deliver %.0f phone-h: ratio %.3f; exact deliverable %.0f: ratio %.3f",
		required, deliverable, required/deliverable, gen.Deliverable(p), required/gen.Deliverable(p))
	within(t, "required / deliverable (brief)", required/deliverable, 0.80, 1.0)
	within(t, "required / deliverable (exact)", required/gen.Deliverable(p), 0.89, 0.91)
}

func TestDeterminism(t *testing.T) {
	encode := func(seed uint64) []byte {
		p, err := gen.Generate(gen.Config{Agents: 200, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := wfm.WriteJSON(&b, p); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b, c := encode(7), encode(7), encode(8)
	if !bytes.Equal(a, b) {
		t.Error("same seed, different problems")
	}
	if bytes.Equal(a, c) {
		t.Error("different seeds, same problem")
	}
	// The JSON reads back as the same problem.
	q, err := wfm.ReadProblem(bytes.NewReader(a), "gen.json")
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := wfm.WriteJSON(&again, q); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, again.Bytes()) {
		t.Error("problem changes through JSON")
	}
}

func TestMinnanShare(t *testing.T) {
	p, err := gen.Generate(gen.Config{Agents: 500, Seed: 2, MinnanShare: 0.18})
	if err != nil {
		t.Fatal(err)
	}
	k := 0
	for _, a := range p.Agents {
		if a.Speaks(wfm.SkillMinnan) {
			k++
		}
	}
	within(t, "minnan share", float64(k)/500, 0.175, 0.185)
}

func TestGrid15(t *testing.T) {
	p, err := gen.Generate(gen.Config{Agents: 200, Seed: 3, IntervalMinutes: 15})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if p.Horizon.IntervalMinutes != 15 || p.Demand.Grid != p.Horizon.Grid() || len(p.Demand.Agents) != 31*96 {
		t.Fatalf("horizon %+v, demand grid %+v with %d values", p.Horizon, p.Demand.Grid, len(p.Demand.Agents))
	}
	for _, s := range p.Shifts {
		if !gen.BreaksFit(s, p.Rules, 15) {
			t.Errorf("%s cannot hold its breaks on 15 minutes", s.ID)
		}
	}
	checkWeeklyMinimum(t, p)
	checkDemand(t, p)
}

// TestHolidayMonths generates months with Chinese holidays and make-up days, and a horizon of
// whole weeks (February 2027 starts on a Monday), where four nights a week exceed 40 hours, as do
// partial weeks' shares in whole nights in a month that starts on a Thursday.
func TestHolidayMonths(t *testing.T) {
	cal := calendar.CN()
	for _, c := range []gen.Config{
		{Agents: 100, Seed: 5, Start: wfm.DateOf(2026, 10, 1)},
		{Agents: 100, Seed: 5, Start: wfm.DateOf(2027, 2, 1), Days: 28},
		{Agents: 60, Seed: 9, Start: wfm.DateOf(2027, 2, 1), Days: 7, IntervalMinutes: 60},
	} {
		t.Run(c.Start.String(), func(t *testing.T) {
			p, err := gen.Generate(c)
			if err != nil {
				t.Fatal(err)
			}
			var want []wfm.SpecialDay
			for d := p.Horizon.Start; d < p.Horizon.Grid().End(); d++ {
				if s, ok := cal.Day(d); ok {
					want = append(want, s)
				}
			}
			if fmt.Sprint(p.Holidays) != fmt.Sprint(want) || len(want) == 0 {
				t.Errorf("holidays %v, want %v", p.Holidays, want)
			}
			checkWeeklyMinimum(t, p)
			raised := 0
			for _, a := range p.Agents {
				if a.ContractHours > 40 {
					raised++
					// Four nights a week, and partial weeks' shares rounded up to whole nights: a
					// night worker off on the history's days of the first week needs 19 nights in
					// October (193 h), 43.6 h a week.
					if a.Group == wfm.GroupDay || a.ContractHours > 45 {
						t.Errorf("%s (%s) has a contract of %v h", a.ID, a.Group, a.ContractHours)
					}
				}
			}
			t.Logf("%d holidays/make-up days, %d contracts raised above 40 h", len(p.Holidays), raised)
		})
	}
}

func TestConfigErrors(t *testing.T) {
	for _, c := range []gen.Config{
		{Agents: 19},
		{Agents: wfm.MaxAgents + 1},
		{Agents: 100, IntervalMinutes: 45},
		{Agents: 100, IntervalMinutes: -5},
		{Agents: 100, Days: 6},
		{Agents: 100, Days: 367},
		{Agents: 100, Load: 2},
		{Agents: 100, Model: "crystal-ball"},
		{Agents: 100, MinnanShare: -0.1},
	} {
		if _, err := gen.Generate(c); err == nil {
			t.Errorf("Generate(%+v) succeeded", c)
		}
	}
}

func TestBreaksFit(t *testing.T) {
	r := wfm.DefaultRules()
	day := wfm.ShiftTemplate{ID: "D", Start: 7 * 60, Minutes: 510}
	night := wfm.ShiftTemplate{ID: "N", Start: 22 * 60, Minutes: 600}
	for _, step := range []int{5, 15, 30, 60} {
		if !gen.BreaksFit(day, r, step) || !gen.BreaksFit(night, r, step) {
			t.Errorf("templates do not fit on %d minutes", step)
		}
	}
	// Three stretches of at most 6 hours and an hour of breaks make 19 hours at most.
	if !gen.BreaksFit(wfm.ShiftTemplate{Start: 0, Minutes: 19 * 60}, r, 30) {
		t.Error("a 19-hour shift should fit")
	}
	if gen.BreaksFit(wfm.ShiftTemplate{Start: 0, Minutes: 19*60 + 30}, r, 30) {
		t.Error("a 19½-hour shift cannot hold two breaks with stretches of 6 hours")
	}
	// Breaks lie BreakWindow from either end: a 7-hour shift with windows of 3 h 20 leaves 20 minutes.
	r.BreakWindow = 200
	if gen.BreaksFit(wfm.ShiftTemplate{Start: 0, Minutes: 420}, r, 30) {
		t.Error("a 7-hour shift with windows of 3 h 20 has no room for breaks")
	}
	// Short shifts hold no breaks but keep the stretch limit.
	if !gen.BreaksFit(wfm.ShiftTemplate{Start: 0, Minutes: 360}, r, 30) {
		t.Error("a 6-hour shift needs no breaks")
	}
}

func BenchmarkGenerate10k(b *testing.B) {
	for b.Loop() {
		if _, err := gen.Generate(gen.Config{Agents: 10_000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
