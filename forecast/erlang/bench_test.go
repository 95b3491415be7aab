package erlang

import (
	"math"
	"testing"
)

// monthLoads returns the offered load of 31 days × 96 quarter-hours of a two-peaked intraday
// curve: about 2 Erlangs at night, a morning peak of 60 at 10:30 and an afternoon peak of 54 at
// 15:00, and weekends at 60 % of weekdays.
func monthLoads() []float64 {
	bump := func(hour, centre, width float64) float64 {
		d := (hour - centre) / width
		return math.Exp(-d * d / 2)
	}
	loads := make([]float64, 0, 31*96)
	for day := range 31 {
		scale := 1.0
		if day%7 >= 5 {
			scale = 0.6
		}
		for quarter := range 96 {
			hour := (float64(quarter) + 0.5) / 4
			peaks := max(bump(hour, 10.5, 1.8), 0.9*bump(hour, 15, 2))
			loads = append(loads, 2+scale*58*peaks)
		}
	}
	return loads
}

func BenchmarkRequiredMonth(b *testing.B) {
	const aht = 240
	loads := monthLoads()
	for _, tc := range []struct {
		name     string
		patience float64
	}{{"ErlangC", 0}, {"ErlangA", 120}} {
		target := DefaultTarget()
		target.Patience = tc.patience
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				for _, a := range loads {
					if _, err := Required(a, aht, target); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

func BenchmarkErlangA(b *testing.B) {
	for _, tc := range []struct {
		name string
		n    int
		a    float64
	}{{"n=1000,a=950", 1000, 950}, {"n=20000,a=10000", 20000, 10000}} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := ErlangAMetrics(tc.n, tc.a, 240, 120, 20); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
