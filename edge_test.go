package wfm

import "testing"

// TestEdgeIntervals: the intervals after the horizon that count end by the earliest template's
// start and are reached by a template of the day before; none without a night or with a template
// starting at midnight; their requirement is the last day's at the same time.
func TestEdgeIntervals(t *testing.T) {
	day := ShiftTemplate{ID: "D07", Start: 7 * 60, Minutes: 510}
	night := ShiftTemplate{ID: "N22", Start: 22 * 60, Minutes: 600} // to 08:00
	short := ShiftTemplate{ID: "N20", Start: 20 * 60, Minutes: 330} // to 01:30
	midnight := ShiftTemplate{ID: "M00", Start: 0, Minutes: 480}
	for _, c := range []struct {
		name   string
		step   int
		shifts []ShiftTemplate
		want   int
	}{
		{"day and night, 30 min", 30, []ShiftTemplate{day, night}, 14}, // 00:00–07:00
		{"day and night, 15 min", 15, []ShiftTemplate{day, night}, 28},
		{"a night ending at 01:30", 30, []ShiftTemplate{day, short}, 3},
		{"days only", 30, []ShiftTemplate{day}, 0},
		{"a template at midnight", 30, []ShiftTemplate{day, night, midnight}, 0},
	} {
		g := Grid{Start: DateOf(2027, 1, 1), Days: 2, Step: c.step}
		p := &Problem{Horizon: Horizon{Start: g.Start, Days: g.Days, IntervalMinutes: c.step}, Shifts: c.shifts,
			Demand: &Demand{Grid: g, Agents: make([]int, g.Len())}}
		if got := p.EdgeIntervals(); got != c.want {
			t.Errorf("%s: %d intervals after the horizon, want %d", c.name, got, c.want)
		}
		if p.Demand = nil; p.EdgeIntervals() != 0 {
			t.Errorf("%s: intervals after the horizon without interval demand", c.name)
		}
	}
	d := &Demand{Grid: Grid{Start: DateOf(2027, 1, 1), Days: 3, Step: 60}}
	for t0, want := range map[int]int{0: 0, 71: 71, 72: 48, 75: 51} {
		if got := d.Source(t0); got != want {
			t.Errorf("Source(%d) = %d, want %d", t0, got, want)
		}
	}
}
