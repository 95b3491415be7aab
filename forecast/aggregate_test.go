package forecast

import (
	"math"
	"testing"

	"wfm"
)

// oneDay returns a one-day series at step minutes whose first values are head and the rest fill.
func oneDay(step int, fill float64, head ...float64) []float64 {
	v := make([]float64, wfm.MinutesPerDay/step)
	for i := range v {
		v[i] = fill
	}
	copy(v, head)
	return v
}

func TestAggregate(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name               string
		from, to           int
		calls, aht, minnan []float64 // nil aht/minnan: no such column
		wantCalls          []float64 // the first aggregated intervals
		wantAHT            []float64
		wantMinnan         []float64
	}{
		{
			name: "sums of 15-minute pairs", from: 15, to: 30,
			calls:     oneDay(15, 0, 1, 2, 3, 4, 10, 0),
			minnan:    oneDay(15, 0, 1, 0, 0, 2, 5, 0),
			wantCalls: []float64{3, 7, 10}, wantMinnan: []float64{1, 2, 5},
		},
		{
			// k = 4 sub-intervals. Present 2 of 4: (10+20)·4/2 = 60. Present 3 of 4:
			// (10+20+30)·4/3 = 80. Present 1 of 4 (< half): missing. All present: 1+2+3+4 = 10.
			name: "half-observed intervals scaled up, less than half missing", from: 15, to: 60,
			calls:     oneDay(15, 1, 10, nan, 20, nan, 10, 20, 30, nan, 10, nan, nan, nan, 1, 2, 3, 4),
			wantCalls: []float64{60, 80, nan, 10},
		},
		{
			// Weighted by calls: (10·100 + 30·200)/40 = 175. Both weights zero: plain mean
			// (100+200)/2 = 150. One AHT missing: the other, 300. Neither: missing.
			name: "call-weighted handling time", from: 5, to: 10,
			calls:     oneDay(5, 0, 10, 30, 0, 0, 4, 6, 1, 1),
			aht:       oneDay(5, nan, 100, 200, 100, 200, nan, 300, nan, nan),
			wantCalls: []float64{40, 0, 10, 2}, wantAHT: []float64{175, 150, 300, nan},
		},
		{
			name: "same step returns the same values", from: 30, to: 30,
			calls:     oneDay(30, 2, 5, nan, 7),
			wantCalls: []float64{5, nan, 7, 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &History{Grid: wfm.Grid{Start: histStart, Days: 1, Step: tt.from}, Calls: tt.calls, AHT: tt.aht, Minnan: tt.minnan}
			a, err := h.Aggregate(tt.to)
			if err != nil {
				t.Fatal(err)
			}
			if want := (wfm.Grid{Start: histStart, Days: 1, Step: tt.to}); a.Grid != want || len(a.Calls) != want.Len() {
				t.Fatalf("grid %+v with %d values, want %+v", a.Grid, len(a.Calls), want)
			}
			if (a.AHT == nil) != (tt.aht == nil) || (a.Minnan == nil) != (tt.minnan == nil) || a.Abandoned != nil {
				t.Fatalf("optional series present: aht %v minnan %v abandoned %v", a.AHT != nil, a.Minnan != nil, a.Abandoned != nil)
			}
			checkPrefix(t, "calls", a.Calls, tt.wantCalls)
			checkPrefix(t, "aht", a.AHT, tt.wantAHT)
			checkPrefix(t, "minnan", a.Minnan, tt.wantMinnan)
		})
	}
}

func checkPrefix(t *testing.T, name string, got, want []float64) {
	t.Helper()
	for i, w := range want {
		if !sameValue(got[i], w) && math.Abs(got[i]-w) > 1e-9*math.Abs(w) {
			t.Errorf("%s[%d] = %v, want %v", name, i, got[i], w)
		}
	}
}

func TestAggregateKeepsTotals(t *testing.T) {
	// A fortnight of noiseless 5-minute data: every coarser interval that divides the day keeps
	// the total volume of each day.
	h := synth{start: sunday, days: 14, step: 5}.history()
	want := dayTotals(h.Grid, h.Calls)
	for _, step := range []int{5, 10, 15, 30, 60, 120, 1440} {
		a, err := h.Aggregate(step)
		if err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		for d, got := range dayTotals(a.Grid, a.Calls) {
			if math.Abs(got-want[d]) > 1e-9*want[d] {
				t.Fatalf("step %d day %d: total %v, want %v", step, d, got, want[d])
			}
		}
	}
}

func TestAggregateErrors(t *testing.T) {
	h := &History{Grid: wfm.Grid{Start: histStart, Days: 1, Step: 20}, Calls: oneDay(20, 1)}
	for _, step := range []int{30, 10, 0, -20, 7, 50} {
		_, err := h.Aggregate(step)
		checkInvalid(t, err, 0, "interval")
	}
}

func TestParseInterval(t *testing.T) {
	tests := []struct {
		in   string
		want int // 0: error
	}{
		{"30m", 30}, {"1h", 60}, {"90m", 90}, {"1h30m", 90}, {"15", 15}, {"5m", 5}, {"1440", 1440}, {"24h", 1440},
		{"0", 0}, {"-30m", 0}, {"-15", 0}, {"7m", 0}, {"7", 0}, {"30s", 0}, {"90s", 0}, {"2880", 0},
		{"", 0}, {"m", 0}, {"thirty", 0}, {"1.5h", 90}, {"0.5m", 0}, {"99999999999999999999", 0},
	}
	for _, tt := range tests {
		got, err := ParseInterval(tt.in)
		if tt.want == 0 {
			if err == nil {
				t.Errorf("ParseInterval(%q) = %d, want an error", tt.in, got)
			} else if e := wfmError(t, err); e.Kind != wfm.KindInvalid || e.Field != "interval" {
				t.Errorf("ParseInterval(%q): error %v with kind %s field %q", tt.in, err, e.Kind, e.Field)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseInterval(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}
