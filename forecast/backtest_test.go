package forecast

import (
	"context"
	"errors"
	"math"
	"testing"

	"wfm"
)

// fixed forecasts the same value everywhere.
type fixed float64

func (c fixed) Name() string { return "fixed" }
func (c fixed) Forecast(_ Series, _ *wfm.Calendar, out wfm.Grid) ([]float64, error) {
	return constant(out.Len(), float64(c)), nil
}

// daily is a series of one value per day from sunday.
func daily(v ...float64) Series {
	return Series{Grid: wfm.Grid{Start: sunday, Days: len(v), Step: wfm.MinutesPerDay}, Values: v}
}

func TestBacktestMetrics(t *testing.T) {
	// Sixteen daily values; two origins a day apart (days 14 and 15), horizon one day, and a model
	// that always says 25.
	//   y(0..6)  = 10 20 30 40 50 60 70
	//   y(7..13) = 12 18 30 44 50 60 70   |y(t)−y(t−7)| = 2 2 0 4 0 0 0
	//   y(14) = 20, y(15) = 40
	// Origin 14: error 25−20 = +5; in-sample naive MAE of days 0–13 = 8/7; scaled 5/(8/7) = 4.375.
	// Origin 15: error 25−40 = −15; days 0–14 add |20−12| = 8: MAE 16/8 = 2; scaled 15/2 = 7.5.
	// WAPE = (5+15)/(20+40) = 1/3; bias = (5−15)/60 = −1/6; MASE = (4.375+7.5)/2 = 5.9375.
	s := daily(10, 20, 30, 40, 50, 60, 70, 12, 18, 30, 44, 50, 60, 70, 20, 40)
	cfg := BacktestConfig{Horizon: 1, Origins: 2, Every: 1}
	scores, origins, err := Backtest(context.Background(), s, nil, []Model{fixed(25)}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	want := Score{Model: "fixed", WAPE: 1.0 / 3, Bias: -1.0 / 6, MASE: 5.9375, Points: 2}
	checkScore(t, scores[0], want)
	if len(origins) != 2 || origins[0] != sunday.AddDays(14) || origins[1] != sunday.AddDays(15) {
		t.Errorf("origins %v", origins)
	}

	// A missing actual is not scored: with y(15) missing only origin 14 counts,
	// WAPE = 5/20, bias = +5/20, MASE = 4.375 (the second origin has nothing to scale).
	s.Values[15] = math.NaN()
	scores, _, err = Backtest(context.Background(), s, nil, []Model{fixed(25)}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	checkScore(t, scores[0], Score{Model: "fixed", WAPE: 0.25, Bias: 0.25, MASE: 4.375, Points: 1})
}

func checkScore(t *testing.T, got, want Score) {
	t.Helper()
	close := func(a, b float64) bool { return math.Abs(a-b) <= 1e-12 }
	if got.Model != want.Model || got.Points != want.Points || !close(got.WAPE, want.WAPE) ||
		!close(got.Bias, want.Bias) || !close(got.MASE, want.MASE) {
		t.Errorf("score %+v, want %+v", got, want)
	}
}

func TestBacktestOrigins(t *testing.T) {
	s := synth{start: sunday, days: 50, step: 60}.series()
	tests := []struct {
		cfg   BacktestConfig
		first int // day of the first origin; −1: error
		field string
	}{
		// The last window ends on the last day: 50 − 7 = 43, then back by Every.
		{BacktestConfig{Horizon: 7, Origins: 3, Every: 7}, 29, ""},
		{BacktestConfig{Horizon: 7, Origins: 3}, 29, ""}, // Every 0 means 7
		{BacktestConfig{Horizon: 10, Origins: 4, Every: 3}, 31, ""},
		{BacktestConfig{Horizon: 36, Origins: 1}, 14, ""}, // exactly MinHistoryDays of training
		{BacktestConfig{Horizon: 37, Origins: 1}, -1, "origins"},
		{BacktestConfig{Horizon: 14, Origins: 5, Every: 7}, -1, "origins"}, // 50−14−28 = 8 days of training
		{BacktestConfig{Horizon: 0, Origins: 1}, -1, "backtest"},
		{BacktestConfig{Horizon: 7, Origins: 0}, -1, "backtest"},
		{BacktestConfig{Horizon: 7, Origins: 2, Every: -7}, -1, "backtest"},
	}
	for _, tt := range tests {
		_, origins, err := Backtest(context.Background(), s, nil, []Model{SeasonalNaive{}}, tt.cfg)
		if tt.first < 0 {
			checkInvalid(t, err, 0, tt.field)
			continue
		}
		if err != nil {
			t.Fatalf("%+v: %v", tt.cfg, err)
		}
		every := tt.cfg.Every
		if every == 0 {
			every = 7
		}
		if len(origins) != tt.cfg.Origins {
			t.Fatalf("%+v: %d origins", tt.cfg, len(origins))
		}
		for k, o := range origins {
			if want := sunday.AddDays(tt.first + k*every); o != want {
				t.Errorf("%+v: origin %d is %s, want %s", tt.cfg, k, o, want)
			}
		}
		if last := origins[len(origins)-1].AddDays(tt.cfg.Horizon); last != s.Grid.End() {
			t.Errorf("%+v: last window ends before %s, want %s", tt.cfg, last, s.Grid.End())
		}
	}
}

func TestBacktestContextCancelled(t *testing.T) {
	s := synth{start: sunday, days: 100, step: 30}.series()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := Backtest(ctx, s, nil, Models(), BacktestConfig{Horizon: 14, Origins: 4})
	if !errors.Is(err, context.Canceled) || err != ctx.Err() {
		t.Errorf("error %v, want ctx.Err() = %v", err, ctx.Err())
	}
}

func TestAutoChoosesTheBestBacktestScore(t *testing.T) {
	// With a day-of-month cycle, the regression has the lowest backtest WAPE; Auto must pick the
	// argmin of the same backtest it runs.
	s := synth{start: sunday, days: 40 * 7, step: 60, dom: domEffect}.series()
	a := Auto{Candidates: Models()}
	m, err := a.Choose(context.Background(), s, nil, 28)
	if err != nil {
		t.Fatal(err)
	}
	scores, _, err := Backtest(context.Background(), s, nil, Models(), BacktestConfig{Horizon: 28, Origins: autoOrigins, Every: 7})
	if err != nil {
		t.Fatal(err)
	}
	best := scores[0]
	for _, sc := range scores {
		if sc.WAPE < best.WAPE {
			best = sc
		}
	}
	if m.Name() != best.Model || m.Name() != "regression" {
		t.Errorf("auto chose %s; scores %+v", m.Name(), scores)
	}

	// Too little history to compare: the richest candidate.
	m, err = a.Choose(context.Background(), s.Slice(0, 20), nil, 28)
	if err != nil || m.Name() != "regression" {
		t.Errorf("short history: chose %v, %v; want regression", m, err)
	}
	// No candidates and a cancelled context are errors.
	if _, err := (Auto{}).Choose(context.Background(), s, nil, 28); err == nil {
		t.Error("auto without candidates chose something")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := a.Choose(ctx, s, nil, 28); err != context.Canceled {
		t.Errorf("cancelled: error %v", err)
	}
}

// TestHeadlineClaim checks the product's claim on the real year: over the autumn of 1999 at 30
// minutes and a four-week horizon, auto's WAPE is at most 85 % of the seasonal naive's and 95 % of
// the planner's mean of four weeks; on the README's ten weekly origins it is at most 0.2037, the
// figure before the days around holidays and closed hours were modelled.
func TestHeadlineClaim(t *testing.T) {
	h := realHistory(t)
	cal := anonbankCalendar(t)
	h30, err := h.Aggregate(30)
	if err != nil {
		t.Fatal(err)
	}
	s := Series{Grid: h30.Grid, Values: h30.Calls}
	models := []Model{SeasonalNaive{}, MeanOfFour{}, Auto{Candidates: Models()}}
	tests := []struct {
		name        string
		cfg         BacktestConfig
		first, last wfm.Date
		maxAuto     float64
	}{
		{"10 weekly origins", BacktestConfig{Horizon: 28, Origins: 10, Every: 7}, wfm.DateOf(1999, 10, 2), wfm.DateOf(1999, 12, 4), 0.2037},
		{"4 origins every 21 days", BacktestConfig{Horizon: 28, Origins: 4, Every: 21}, wfm.DateOf(1999, 10, 2), wfm.DateOf(1999, 12, 4), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scores, origins, err := Backtest(context.Background(), s, cal, models, tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			if origins[0] != tt.first || origins[len(origins)-1] != tt.last {
				t.Fatalf("origins %s..%s, want %s..%s", origins[0], origins[len(origins)-1], tt.first, tt.last)
			}
			snaive, mean4, auto := scores[0].WAPE, scores[1].WAPE, scores[2].WAPE
			t.Logf("WAPE snaive %.4f, mean4 %.4f, auto %.4f (%.3f, %.3f of them)", snaive, mean4, auto, auto/snaive, auto/mean4)
			if auto > 0.85*snaive || auto > 0.95*mean4 || auto > tt.maxAuto {
				t.Errorf("auto WAPE %.4f: want ≤ 0.85 × snaive %.4f, ≤ 0.95 × mean4 %.4f and ≤ %.4f", auto, snaive, mean4, tt.maxAuto)
			}
		})
	}
}

// TestWeekdayOnlyCentre is the bank's year cut down to a centre open Monday to Friday, 07:00–21:00
// (the other hours absent from the history): trained before 1999-11-01, 28 days forecast at 30
// minutes without a holiday calendar. No model may let the closed hours pull its daily level:
// profile and regression stay within 1.10 × the planners' mean of four weeks, auto at most 0.95 ×.
// The seasonal naive, the benchmark that repeats the latest week, is reported but not held to
// the bound: the week before November was 9 % below the mean of the four, and November 25 % above.
func TestWeekdayOnlyCentre(t *testing.T) {
	h, err := weekdayOnly(realHistory(t)).Aggregate(30)
	if err != nil {
		t.Fatal(err)
	}
	start, end := wfm.DateOf(1999, 11, 1), wfm.DateOf(1999, 11, 28)
	s := Series{Grid: h.Grid, Values: h.Calls}.Slice(0, int(end-h.Grid.Start)+1)
	models := append(Models(), Auto{Candidates: Models()})
	scores, origins, err := Backtest(context.Background(), s, nil, models, BacktestConfig{Horizon: 28, Origins: 1})
	if err != nil {
		t.Fatal(err)
	}
	if origins[0] != start {
		t.Fatalf("origin %s, want %s", origins[0], start)
	}
	mean4 := scores[1].WAPE
	for _, sc := range scores {
		t.Logf("%-10s WAPE %.4f (%.3f × mean4) bias %+.3f", sc.Model, sc.WAPE, sc.WAPE/mean4, sc.Bias)
		switch sc.Model {
		case "profile", "regression":
			if sc.WAPE > 1.10*mean4 {
				t.Errorf("%s WAPE %.4f above 1.10 × mean4's %.4f", sc.Model, sc.WAPE, mean4)
			}
		case "auto":
			if sc.WAPE > 0.95*mean4 {
				t.Errorf("auto WAPE %.4f above 0.95 × mean4's %.4f", sc.WAPE, mean4)
			}
		}
	}
}

// TestBreaksOnTheIsraeliWeek checks the days around holiday breaks on the bank's own calendar,
// whose working week (Sunday to Thursday) is not the one the breaks were first written for: the
// working days are found from the volume, and the autumn holidays of 1999 have their eves and
// their first working days after.
func TestBreaksOnTheIsraeliWeek(t *testing.T) {
	h, err := realHistory(t).Aggregate(30)
	if err != nil {
		t.Fatal(err)
	}
	tb := newDayTable(Series{Grid: h.Grid, Values: h.Calls}, anonbankCalendar(t))
	if want := [7]bool{true, true, true, true, true, false, false}; tb.breaks.busy != want {
		t.Errorf("working weekdays (Sunday first) %v, want %v", tb.breaks.busy, want)
	}
	for _, c := range []struct {
		date wfm.Date
		want surrounding
	}{
		{wfm.DateOf(1999, 9, 9), surrounding{roleEve, "Rosh Hashana"}},                // Thursday before Friday's eve
		{wfm.DateOf(1999, 9, 13), surrounding{roleAfter, "Rosh Hashana"}},             // Monday after Sunday's holiday
		{wfm.DateOf(1999, 9, 14), surrounding{roleAfter + 1, "Rosh Hashana"}},         //
		{wfm.DateOf(1999, 9, 16), surrounding{roleEve, "Yom Kippur eve"}},             // Friday and Saturday are days off
		{wfm.DateOf(1999, 9, 21), surrounding{roleAfter, "Yom Kippur eve"}},           //
		{wfm.DateOf(1999, 9, 23), surrounding{roleEve, "Sukkot (intermediate days)"}}, //
		{wfm.DateOf(1999, 10, 3), surrounding{roleAfter, "Sukkot (intermediate days)"}},
		{wfm.DateOf(1999, 10, 4), surrounding{roleAfter + 1, "Sukkot (intermediate days)"}},
		{wfm.DateOf(1999, 10, 5), surrounding{}},
		{wfm.DateOf(1999, 3, 3), surrounding{}}, // after Purim, a single day off
	} {
		if got := tb.breaks.roleOf(c.date); got != c.want {
			t.Errorf("%s (%s): role %+v, want %+v", c.date, c.date.Weekday(), got, c.want)
		}
	}
}

// TestBandsHoldWhatTheyClaim backtests the bands as Run makes them on the bank's year, whole and
// cut to the weekday daytime hours of TestWeekdayOnlyCentre: over ten weekly origins with a
// 28-day horizon, the [p10, p90] band of the auto forecast holds 78–82 % of the actual intervals.
func TestBandsHoldWhatTheyClaim(t *testing.T) {
	h := realHistory(t)
	for _, c := range []struct {
		name string
		h    *History
		cal  *wfm.Calendar
	}{{"whole", h, anonbankCalendar(t)}, {"weekday daytime", weekdayOnly(h), nil}} {
		a, err := c.h.Aggregate(30)
		if err != nil {
			t.Fatal(err)
		}
		scores, _, err := Backtest(context.Background(), Series{Grid: a.Grid, Values: a.Calls}, c.cal,
			[]Model{Auto{Candidates: Models()}}, BacktestConfig{Horizon: 28, Origins: 10, Bands: true})
		if err != nil {
			t.Fatal(err)
		}
		cov := scores[0].Coverage
		t.Logf("%s: [p10, p90] holds %.1f %% of %d intervals", c.name, 100*cov, scores[0].Points)
		if cov < 0.78 || cov > 0.82 {
			t.Errorf("%s: [p10, p90] holds %.1f %% of the intervals, want 78–82 %%", c.name, 100*cov)
		}
	}
}
