package staffing

import (
	"math"
	"testing"

	"wfm"
	"wfm/forecast"
)

// BenchmarkComputeMonth staffs 31 days × 96 quarter-hours of a two-peaked day (up to about 60
// Erlangs, weekends at 60 %), 15 % of the calls in Minnan: the whole requirement, the Minnan
// speakers and the projection of every interval.
func BenchmarkComputeMonth(b *testing.B) {
	g := wfm.Grid{Start: wfm.DateOf(2026, 12, 1), Days: 31, Step: 15}
	fc := &forecast.Forecast{Grid: g, Calls: make([]float64, g.Len()), AHT: make([]float64, g.Len())}
	bump := func(hour, centre, width float64) float64 { d := (hour - centre) / width; return math.Exp(-d * d / 2) }
	for i := range fc.Calls {
		day, quarter := i/96, i%96
		scale := 1.0
		if day%7 >= 5 {
			scale = 0.6
		}
		hour := (float64(quarter) + 0.5) / 4
		erlangs := 2 + scale*58*max(bump(hour, 10.5, 1.8), 0.9*bump(hour, 15, 2))
		fc.AHT[i] = 240
		fc.Calls[i] = erlangs * 900 / 240
	}
	fc.P10, fc.P90 = fc.Calls, fc.Calls
	p := DefaultParams()
	for b.Loop() {
		if _, err := Compute(fc, p); err != nil {
			b.Fatal(err)
		}
	}
}
