package forecast

import (
	"math"
	"testing"

	"wfm"
)

func TestAdjust(t *testing.T) {
	// Two days at six hours: calls 10, 20, 30, 40 each day, bands ±2, a fifth in Minnan; the last
	// interval of the second day closed.
	g := wfm.Grid{Start: wfm.DateOf(2026, 10, 7), Days: 2, Step: 360}
	fc := &Forecast{Grid: g, Calls: []float64{10, 20, 30, 40, 10, 20, 30, 0}, AHT: constant(8, 300), Closed: make([]bool, 8)}
	fc.Closed[7] = true
	for _, c := range fc.Calls {
		fc.P10, fc.P90, fc.Minnan = append(fc.P10, c-2), append(fc.P90, c+2), append(fc.Minnan, c/5)
	}
	f := func(x float64) *float64 { return &x }
	v := f
	tests := []struct {
		name          string
		adj           wfm.Adjustment
		want          []float64
		before, after float64
	}{
		{"a whole day, × 1.25", wfm.Adjustment{From: "2026-10-08", To: "2026-10-08", Factor: f(1.25), Reason: "rebound after Golden Week"},
			[]float64{10, 20, 30, 40, 12.5, 25, 37.5, 0}, 60, 75},
		{"06:00 to noon of the first day, set to 50", wfm.Adjustment{From: "2026-10-07T06:00", To: "2026-10-07T12:00", Value: v(50), Reason: "campaign"},
			[]float64{10, 50, 30, 40, 10, 20, 30, 0}, 20, 50},
		{"across midnight", wfm.Adjustment{From: "2026-10-07T18:00", To: "2026-10-08T06:00", Factor: f(0), Reason: "outage"},
			[]float64{10, 20, 30, 0, 0, 20, 30, 0}, 50, 0},
	}
	for _, tc := range tests {
		got, eff, err := fc.Adjust(tc.adj)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for i, w := range tc.want {
			if got.Calls[i] != w {
				t.Errorf("%s: interval %d has %v calls, want %v", tc.name, i, got.Calls[i], w)
			}
			if r := w / fc.Calls[i]; fc.Calls[i] > 0 && (math.Abs(got.Minnan[i]-fc.Minnan[i]*r) > 1e-9 || math.Abs(got.P90[i]-fc.P90[i]*r) > 1e-9) {
				t.Errorf("%s: interval %d: Minnan %v, p90 %v do not follow the calls", tc.name, i, got.Minnan[i], got.P90[i])
			}
		}
		if eff.CallsBefore != tc.before || eff.CallsAfter != tc.after || eff.Adjustment.Reason != tc.adj.Reason {
			t.Errorf("%s: effect %+v, want %v → %v", tc.name, eff, tc.before, tc.after)
		}
	}
	if fc.Calls[4] != 10 || fc.Minnan[4] != 2 {
		t.Error("the original forecast changed")
	}
	// A value where no call was expected: bands at the value, Minnan at the overall share (1/5).
	g1 := wfm.Grid{Start: g.Start, Days: 1, Step: 360}
	quiet := &Forecast{Grid: g1, Calls: []float64{0, 10, 10, 0}, P10: make([]float64, 4), P90: make([]float64, 4),
		AHT: constant(4, 300), Minnan: []float64{0, 2, 2, 0}}
	got, _, err := quiet.Adjust(wfm.Adjustment{From: "2026-10-07T00:00", To: "2026-10-07T06:00", Value: v(5), Reason: "x"})
	if err != nil || got.Calls[0] != 5 || got.P90[0] != 5 || math.Abs(got.Minnan[0]-1) > 1e-12 {
		t.Errorf("value on a quiet interval: %+v, %v", got, err)
	}
	// Outside the forecast, or only on closed intervals: an error naming the field.
	for _, a := range []wfm.Adjustment{
		{From: "2026-11-01", To: "2026-11-02", Factor: f(2), Reason: "x"},
		{From: "2026-10-08T18:00", To: "2026-10-08T23:00", Factor: f(2), Reason: "x"},
	} {
		if _, _, err := fc.Adjust(a); err == nil || wfmError(t, err).Field != "from" {
			t.Errorf("%s–%s: %v", a.From, a.To, err)
		}
	}
}
