package validate

import (
	"math"
	"testing"

	"wfm"
)

// mutate applies the mutations encoded in data to the base roster (and a few rule switches of the
// base problem that keep it valid): each mutation is four bytes, an operation, an agent, a day and
// a value. It returns nil when the first byte asks for no roster at all.
func mutate(p *wfm.Problem, r *wfm.Roster, data []byte) *wfm.Roster {
	if len(data) > 0 && data[0] == 0xff {
		return nil
	}
	for len(data) >= 4 {
		op, ai, di, v := data[0], int(data[1]), int(data[2]), data[3]
		data = data[4:]
		if len(r.Schedules) == 0 {
			r.Schedules = append(r.Schedules, wfm.AgentSchedule{Agent: "lead"})
		}
		s := &r.Schedules[ai%len(r.Schedules)]
		var d *wfm.DaySchedule
		if len(s.Days) > 0 {
			d = &s.Days[di%len(s.Days)]
		}
		shifts := []string{"D", "E", "N", "", "off", "X"}
		kinds := []string{wfm.BreakMeal, wfm.BreakRest, "nap", ""}
		switch op % 20 {
		case 0:
			if d != nil {
				d.Shift, d.Breaks = shifts[int(v)%3], breaksFor(s.Agent, shifts[int(v)%3])
			}
		case 1:
			if d != nil {
				d.Shift, d.Breaks = "", nil
			}
		case 2:
			if d != nil {
				d.Shift = shifts[int(v)%len(shifts)]
			}
		case 3:
			if d != nil {
				d.Leave = append(append([]string(nil), wfm.LeaveTypes...), "", "bogus")[int(v)%8]
			}
		case 4:
			if d != nil {
				d.Breaks = append(d.Breaks, wfm.Break{Kind: kinds[int(v)%4], Start: wfm.Clock(int(int8(v)) * 37), Minutes: int(int8(v))})
			}
		case 5:
			s.Days = s.Days[:min(int(v)%10, len(s.Days))]
		case 6:
			s.Days = append(s.Days, wfm.DaySchedule{Date: monday.AddDays(int(int8(v))), Shift: shifts[int(v)%len(shifts)]})
		case 7:
			if d != nil {
				d.Date += wfm.Date(int8(v))
			}
		case 8:
			r.Schedules = append(r.Schedules[:ai%len(r.Schedules)], r.Schedules[ai%len(r.Schedules)+1:]...)
		case 9:
			r.Schedules = append(r.Schedules, *s)
		case 10:
			s.Agent = []string{"lead", "minnan", "mentor", "trainee", "night", "susp", "ghost", ""}[int(v)%8]
		case 11:
			r.Horizon.Days += int(int8(v))
		case 12:
			s.Days = nil
		case 13:
			if d != nil {
				d.Breaks = append(d.Breaks, wfm.Break{Kind: kinds[int(v)%2], Start: wfm.Clock(math.MaxInt - int(v)), Minutes: math.MaxInt})
				d.Breaks = append(d.Breaks, wfm.Break{Kind: kinds[int(v)%2], Start: wfm.Clock(math.MinInt + int(v)), Minutes: -int(v)})
			}
		case 14:
			if d != nil {
				d.Breaks = nil
			}
		case 15:
			if d != nil && len(d.Breaks) > 0 {
				b := &d.Breaks[int(v)%len(d.Breaks)]
				b.Start += wfm.Clock(int8(v))
				b.Minutes += int(int8(v)) % 40
			}
		case 16:
			o := &r.Schedules[di%len(r.Schedules)]
			if len(o.Days) > 0 && d != nil {
				*d, o.Days[ai%len(o.Days)] = o.Days[ai%len(o.Days)], *d
			}
		case 17:
			p.Rules.Breaks = !p.Rules.Breaks
		case 18:
			p.Rules.Overtime = !p.Rules.Overtime
			p.Rules.Weights.Linear = v&1 == 1
		case 19:
			if d != nil {
				d.Shift, d.Leave, d.Breaks = "D", wfm.LeaveAnnual, breaksFor(s.Agent, "D")
			}
		}
	}
	return r
}

// FuzzCheck: Check never panics on a mutated roster, and its report is consistent.
func FuzzCheck(f *testing.F) {
	for _, seed := range [][]byte{
		{},
		{0xff},
		{0, 1, 2, 1, 4, 0, 0, 200},
		{5, 0, 0, 3, 7, 1, 1, 9, 13, 2, 2, 0},
		{8, 0, 0, 0, 9, 1, 0, 0, 10, 2, 0, 6, 11, 0, 0, 250},
		{12, 3, 0, 0, 16, 2, 5, 0, 19, 1, 1, 0, 17, 0, 0, 0, 15, 0, 0, 128},
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p := baseProblem()
		r := mutate(p, baseRoster(), data)
		rep := Check(p, r)
		if rep.Objective.Hard != len(rep.Violations) || len(rep.Objective.Terms) != len(wfm.TermNames) {
			t.Fatalf("inconsistent report: hard %d, %d violations, %d terms", rep.Objective.Hard, len(rep.Violations), len(rep.Objective.Terms))
		}
		total := 0.0
		for _, term := range rep.Objective.Terms {
			if !(term.Penalty >= 0) || !(term.Amount >= 0) {
				t.Fatalf("term %s: penalty %v amount %v", term.Name, term.Penalty, term.Amount)
			}
			total += term.Penalty
		}
		if math.Abs(total-rep.Objective.Total) > 1e-6*math.Max(1, total) {
			t.Fatalf("total %v, terms sum to %v", rep.Objective.Total, total)
		}
		for _, v := range rep.Violations {
			if v.Rule == "" || v.Detail == "" {
				t.Fatalf("violation %+v", v)
			}
		}
		if len(data) == 0 && !rep.OK() {
			t.Fatalf("base roster rejected: %v", rep.Violations)
		}
	})
}
