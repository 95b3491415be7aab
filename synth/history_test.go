package synth

import (
	"context"
	"math"
	"reflect"
	"testing"

	"wfm"
	"wfm/calendar"
	"wfm/forecast"
)

func TestHistoryShapes(t *testing.T) {
	cfg := DefaultHistory(wfm.DateOf(2026, 9, 7), 56, 1) // eight weeks from a Monday, Golden Week inside
	cfg.Calendar = calendar.CN()
	h := History(cfg)
	if !reflect.DeepEqual(h.Calls, History(cfg).Calls) {
		t.Fatal("the same configuration gave another history")
	}
	per := h.Grid.PerDay()
	day := func(d int) (calls float64) {
		for _, c := range h.Calls[d*per : (d+1)*per] {
			calls += c
		}
		return
	}
	// Mondays are busier than Sundays; the National Day holiday is quieter than an ordinary Thursday.
	if day(0) <= day(6) {
		t.Errorf("Monday %v not above Sunday %v", day(0), day(6))
	}
	if holiday, thursday := day(24), day(38); holiday >= thursday { // 1 Oct and 15 Oct 2026, both Thursdays
		t.Errorf("holiday %v not below an ordinary Thursday %v", holiday, thursday)
	}
	// Two peaks: 10:00 and 15:00 well above 03:00 and the lunch dip around 12:30.
	at := func(hour float64) (v float64) {
		i := int(hour * 60 / float64(cfg.Step))
		for d := range 5 {
			v += h.Calls[d*per+i]
		}
		return
	}
	if !(at(10) > 5*at(3) && at(15) > 5*at(3) && at(12.5) < at(10)) {
		t.Errorf("intraday shape: 03:00 %v 10:00 %v 12:30 %v 15:00 %v", at(3), at(10), at(12.5), at(15))
	}
	for i, c := range h.Calls {
		if c < 0 || h.Minnan[i] > c || h.Abandoned[i] > c || (c > 0 && !(h.AHT[i] > 0)) || (c == 0 && !math.IsNaN(h.AHT[i])) {
			t.Fatalf("interval %d: calls %v minnan %v abandoned %v aht %v", i, c, h.Minnan[i], h.Abandoned[i], h.AHT[i])
		}
	}
}

func TestForecastLearnsTheReboundAfterGoldenWeek(t *testing.T) {
	// Two years of a Chinese centre whose first working day after every holiday break runs 25 %
	// above its weekday (the second 12.5 %); forecast October 2026 from the history before it.
	// The first two working days after Golden Week (Thursday 8 and Friday 9 October) must be
	// forecast with their rebound, within 10 % of what happened; as ordinary days they would be
	// 20 % and 11 % short.
	start := wfm.DateOf(2024, 10, 1)
	first := wfm.DateOf(2026, 10, 1)
	cfg := DefaultHistory(start, int(first-start)+31, 3)
	cfg.Calendar, cfg.Rebound = calendar.CN(), 1.25
	h := History(cfg)
	fc, err := forecast.Run(context.Background(), forecast.Request{History: h, Calendar: cfg.Calendar, Start: first,
		Days: 31, Step: 30, Model: "auto"})
	if err != nil {
		t.Fatal(err)
	}
	day := func(v []float64, g wfm.Grid, d wfm.Date) (sum float64) {
		p := g.PerDay()
		k := int(d - g.Start)
		for _, x := range v[k*p : (k+1)*p] {
			sum += x
		}
		return sum
	}
	for _, d := range []wfm.Date{wfm.DateOf(2026, 10, 8), wfm.DateOf(2026, 10, 9)} {
		got, actual, ordinary := day(fc.Calls, fc.Grid, d), day(h.Calls, h.Grid, d), day(fc.Calls, fc.Grid, d.AddDays(7))
		t.Logf("model %s: %s forecast %.0f, actual %.0f (%+.1f %%), %.3f × the forecast a week later", fc.Model, d, got, actual,
			100*(got/actual-1), got/ordinary)
		if math.Abs(got/actual-1) > 0.1 {
			t.Errorf("%s forecast %.0f, actual %.0f: more than 10 %% off", d, got, actual)
		}
	}
}

func TestBandsOnAChineseCentre(t *testing.T) {
	// The bands were calibrated on the bank's year; on a Chinese centre's two years, with Golden
	// Week and Mid-Autumn inside the windows, they must still hold about what they claim.
	cfg := DefaultHistory(wfm.DateOf(2024, 10, 1), 2*365+60, 5)
	cfg.Calendar = calendar.CN()
	h, err := History(cfg).Aggregate(30)
	if err != nil {
		t.Fatal(err)
	}
	scores, origins, err := forecast.Backtest(context.Background(), forecast.Series{Grid: h.Grid, Values: h.Calls}, cfg.Calendar,
		[]forecast.Model{forecast.Auto{Candidates: forecast.Models()}}, forecast.BacktestConfig{Horizon: 28, Origins: 10, Bands: true})
	if err != nil {
		t.Fatal(err)
	}
	cov := scores[0].Coverage
	t.Logf("origins %s … %s: [p10, p90] holds %.1f %% of the intervals", origins[0], origins[len(origins)-1], 100*cov)
	if cov < 0.72 || cov > 0.88 {
		t.Errorf("[p10, p90] holds %.1f %% of the intervals, want 72–88 %%", 100*cov)
	}
}
