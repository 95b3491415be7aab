package forecast

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"wfm"
)

// checkForecast fails t unless fc is a complete forecast on want with p10 ≤ calls ≤ p90.
func checkForecast(t *testing.T, fc *Forecast, want wfm.Grid) {
	t.Helper()
	if fc.Grid != want {
		t.Fatalf("grid %+v, want %+v", fc.Grid, want)
	}
	for name, s := range map[string][]float64{"calls": fc.Calls, "p10": fc.P10, "p90": fc.P90, "aht": fc.AHT} {
		checkForecastValues(t, name, s, want)
	}
	if fc.Minnan != nil {
		checkForecastValues(t, "minnan", fc.Minnan, want)
	}
	for i, c := range fc.Calls {
		if !(fc.P10[i] <= c && c <= fc.P90[i]) {
			t.Fatalf("%s: p10 %v, calls %v, p90 %v", want.Label(i), fc.P10[i], c, fc.P90[i])
		}
	}
}

func mustRun(t *testing.T, req Request) *Forecast {
	t.Helper()
	fc, err := Run(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	step := req.Step
	if step == 0 {
		step = req.History.Grid.Step
	}
	checkForecast(t, fc, wfm.Grid{Start: req.Start, Days: req.Days, Step: step})
	return fc
}

func TestRunBandsOnRealData(t *testing.T) {
	h := realHistory(t)
	start := wfm.DateOf(1999, 11, 1)
	fc := mustRun(t, Request{History: h, Calendar: anonbankCalendar(t), Start: start, Days: 28, Step: 30, Model: "auto"})
	h30, err := h.Aggregate(30)
	if err != nil {
		t.Fatal(err)
	}
	inside, n := 0, 0
	for i := range fc.Calls {
		d, m := fc.Grid.At(i)
		j, ok := h30.Grid.Index(d, m)
		if !ok || math.IsNaN(h30.Calls[j]) {
			continue
		}
		n++
		if y := h30.Calls[j]; fc.P10[i] <= y && y <= fc.P90[i] {
			inside++
		}
	}
	share := float64(inside) / float64(n)
	t.Logf("model %s: %d of %d actual intervals (%.3f) inside [p10, p90]", fc.Model, inside, n, share)
	if n != 28*48 || share < 0.65 || share > 0.92 {
		t.Errorf("%d of %d intervals inside the 80 %% band (%.3f); want 0.65–0.92 of %d", inside, n, share, 28*48)
	}
}

func TestRunBandsHoldTheForecast(t *testing.T) {
	// Volume falls to a fifth six weeks before the forecast: every backtest forecast of the
	// bands overshoots, yet each band must still hold its own forecast.
	start := sunday.AddDays(20 * 7)
	drop := start.AddDays(-42)
	s := synth{start: sunday, days: 20 * 7, step: 30, noise: rand.New(rand.NewPCG(5, 5))}
	s.special = map[wfm.Date]float64{}
	for d := drop; d < start; d++ {
		s.special[d] = 0.2
	}
	for _, model := range []string{"snaive", "mean4", "profile", "regression", "auto"} {
		mustRun(t, Request{History: s.history(), Start: start, Days: 28, Model: model})
	}
}

func TestRunHandlingTimeAndMinnan(t *testing.T) {
	// Fifteen-minute history with a handling time of 200 s + 10 s per hour of the day (+50 s on
	// Fridays) and a Minnan share of a quarter; forecast at 30 minutes. Both sub-intervals of a
	// half hour share the hour, so the call-weighted AHT per interval of the week is exactly
	// that of the history, and Minnan calls are a quarter of the calls.
	s := synth{start: sunday, days: 10 * 7, step: 15, noise: rand.New(rand.NewPCG(9, 9))}
	h := s.history()
	h.AHT, h.Minnan = make([]float64, len(h.Calls)), make([]float64, len(h.Calls))
	for i, c := range h.Calls {
		d, m := h.Grid.At(i)
		h.AHT[i] = ahtOf(d, m)
		h.Minnan[i] = c / 4
	}
	start := sunday.AddDays(10 * 7)
	fc := mustRun(t, Request{History: h, Start: start, Days: 14, Step: 30, Model: "profile", AHT: 999})
	for i := range fc.Calls {
		d, m := fc.Grid.At(i)
		if math.Abs(fc.AHT[i]-ahtOf(d, m)) > 1e-9 {
			t.Fatalf("%s: AHT %v, want %v", fc.Grid.Label(i), fc.AHT[i], ahtOf(d, m))
		}
		if math.Abs(fc.Minnan[i]-fc.Calls[i]/4) > 1e-9*fc.Calls[i] {
			t.Fatalf("%s: Minnan %v of %v calls, want a quarter", fc.Grid.Label(i), fc.Minnan[i], fc.Calls[i])
		}
	}

	// Without the columns: the AHT asked for (or DefaultAHT) everywhere and no Minnan forecast.
	for _, aht := range []float64{240, 0} {
		want := map[float64]float64{240: 240, 0: DefaultAHT}[aht]
		fc := mustRun(t, Request{History: s.history(), Start: start, Days: 7, Step: 60, Model: "mean4", AHT: aht})
		for i, v := range fc.AHT {
			if v != want {
				t.Fatalf("request AHT %v: interval %d has %v, want %v", aht, i, v, want)
			}
		}
		if fc.Minnan != nil {
			t.Errorf("Minnan forecast without Minnan history")
		}
	}
}

func ahtOf(d wfm.Date, minute int) float64 {
	a := 200 + 10*float64(minute/60)
	if d.Weekday() == time.Friday {
		a += 50
	}
	return a
}

func TestRunTrainsOnHistoryBeforeStart(t *testing.T) {
	// A forecast from inside the history must not see the days from its start on.
	s := synth{start: sunday, days: 12 * 7, step: 60, noise: rand.New(rand.NewPCG(2, 2))}
	h := s.history()
	start := sunday.AddDays(9 * 7)
	req := Request{History: h, Start: start, Days: 14, Model: "auto"}
	before := mustRun(t, req)
	for i := int(start-sunday) * 24; i < len(h.Calls); i++ {
		h.Calls[i] *= 10
	}
	after := mustRun(t, req)
	for i := range before.Calls {
		if before.Calls[i] != after.Calls[i] || before.P90[i] != after.P90[i] {
			t.Fatalf("%s: forecast changed from %v to %v when later history changed", before.Grid.Label(i), before.Calls[i], after.Calls[i])
		}
	}
}

func TestRunAutoOnShortHistory(t *testing.T) {
	// Fifteen days with the centre closed on Saturdays: 13 days with volume are too few for the
	// regression (which auto falls back to when it cannot backtest), so auto must use a model that
	// can forecast.
	s := synth{start: sunday, days: 15, step: 60}
	s.weekday = weekTotals
	s.weekday[time.Saturday] = 0
	fc := mustRun(t, Request{History: s.history(), Start: sunday.AddDays(15), Days: 7, Model: "auto"})
	if fc.Model == "regression" || fc.Model == "auto" {
		t.Errorf("auto reported model %s", fc.Model)
	}
	for d, tot := range dayTotals(fc.Grid, fc.Calls) {
		date := fc.Grid.Start.AddDays(d)
		if w := weekTotals[date.Weekday()] * map[bool]float64{true: 0, false: 1}[date.Weekday() == time.Saturday]; math.Abs(tot-w) > 0.02*w+1e-9 {
			t.Errorf("%s: total %v, want %v", date, tot, w)
		}
	}
}

func TestRunErrors(t *testing.T) {
	h := synth{start: sunday, days: 30, step: 30}.history()
	ok := Request{History: h, Start: sunday.AddDays(30), Days: 7, Model: "auto"}
	tests := []struct {
		name  string
		edit  func(*Request)
		field string
	}{
		{"start leaves 13 days of history", func(r *Request) { r.Start = sunday.AddDays(13) }, "start"},
		{"start before the history", func(r *Request) { r.Start = sunday.AddDays(-5) }, "start"},
		{"no days", func(r *Request) { r.Days = 0 }, "days"},
		{"negative days", func(r *Request) { r.Days = -1 }, "days"},
		{"absurd horizon", func(r *Request) { r.Days = 1 << 30 }, "days"},
		{"unknown model", func(r *Request) { r.Model = "crystal-ball" }, "model"},
		{"step not a multiple", func(r *Request) { r.Step = 45 }, "interval"},
		{"step not dividing the day", func(r *Request) { r.Step = 7 }, "interval"},
		{"negative handling time", func(r *Request) { r.AHT = -1 }, "aht"},
		{"NaN handling time", func(r *Request) { r.AHT = math.NaN() }, "aht"},
		{"no history", func(r *Request) { r.History = nil }, "history"},
		{"history shorter than its grid", func(r *Request) { r.History = &History{Grid: h.Grid, Calls: h.Calls[:10]} }, "history"},
		{"history on a bad grid", func(r *Request) { r.History = &History{Grid: wfm.Grid{Start: sunday, Days: 30}} }, "history"},
		// History up to ten days before MaxDate: a month's forecast would run past it.
		{"forecast past the supported dates", func(r *Request) {
			r.History = synth{start: wfm.MaxDate.AddDays(-40), days: 30, step: 30}.history()
			r.Start, r.Days = wfm.MaxDate.AddDays(-10), 31
		}, "start"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := ok
			tt.edit(&req)
			fc, err := Run(context.Background(), req)
			if fc != nil {
				t.Error("forecast returned with an error")
			}
			checkInvalid(t, err, 0, tt.field)
		})
	}
	mustRun(t, ok)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, model := range []string{"auto", "profile"} {
		req := ok
		req.Model = model
		if _, err := Run(ctx, req); err != context.Canceled {
			t.Errorf("%s with a cancelled context: error %v, want %v", model, err, context.Canceled)
		}
	}
}
