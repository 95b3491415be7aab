package forecast

import (
	"context"
	"fmt"
	"math"

	"wfm"
)

// DefaultAHT is the handling time, in seconds, assumed when neither the history nor the request
// gives one.
const DefaultAHT = 300

// bandOrigins is how many weekly origins the error bands are estimated from (see bands.go).
const bandOrigins = 8

// MaxForecastDays is the longest forecast Run produces: a year.
const MaxForecastDays = 366

// Request asks for a forecast of Days days from Start on Step-minute intervals.
type Request struct {
	History  *History
	Calendar *wfm.Calendar
	Start    wfm.Date
	Days     int
	Step     int     // planning interval in minutes; 0 means the history's own
	Model    string  // a model name or "auto"
	AHT      float64 // seconds, used when the history has no aht_seconds; 0 means DefaultAHT
}

// Forecast is the result: per interval of Grid, expected calls with p10/p90 bands, expected
// handling time and, when the history records it, expected Minnan calls.
type Forecast struct {
	Grid   wfm.Grid
	Model  string // the model that produced Calls (for auto: the one it chose)
	Calls  []float64
	P10    []float64
	P90    []float64
	AHT    []float64
	Minnan []float64 // nil unless the history has minnan_calls
	// Closed, when not nil, marks the intervals the forecast does not cover (a window of the day
	// was forecast, or the centre is closed then): no call is expected and no one is staffed.
	Closed []bool
}

// IsClosed reports whether interval i is outside the forecast (see Closed).
func (f *Forecast) IsClosed(i int) bool { return f.Closed != nil && f.Closed[i] }

// Run produces the forecast asked for. Training data is the history before Start.
func Run(ctx context.Context, req Request) (*Forecast, error) {
	h := req.History
	if !h.wellFormed() {
		return nil, wfm.Invalidf("history", "no usable history: a forecast needs interval history on a valid grid")
	}
	if math.IsNaN(req.AHT) || math.IsInf(req.AHT, 0) || req.AHT < 0 {
		return nil, wfm.Invalidf("aht", "handling time must be a non-negative number of seconds, got %v", req.AHT)
	}
	step := req.Step
	if step == 0 {
		step = h.Grid.Step
	}
	agg, err := h.Aggregate(step)
	if err != nil {
		return nil, err
	}
	if req.Days <= 0 || req.Days > MaxForecastDays {
		return nil, wfm.Invalidf("days", "forecast needs 1 to %d days, got %d", MaxForecastDays, req.Days)
	}
	if err := wfm.CheckSpan("start", req.Start, req.Days); err != nil {
		return nil, err
	}
	trainDays := min(int(req.Start-agg.Grid.Start), agg.Grid.Days)
	if trainDays < MinHistoryDays {
		return nil, wfm.Invalidf("start", "forecast start %s leaves %d days of history before it; at least %d are needed",
			req.Start, max(trainDays, 0), MinHistoryDays)
	}
	train := Series{Grid: agg.Grid, Values: agg.Calls}.Slice(0, trainDays)
	out := wfm.Grid{Start: req.Start, Days: req.Days, Step: step}

	model, err := ModelByName(req.Model)
	if err != nil {
		return nil, err
	}
	p, err := predict(ctx, model, train, req.Calendar, out)
	if err != nil {
		return nil, err
	}
	fc := &Forecast{Grid: out, Model: p.model.Name(), Calls: p.calls, P10: p.p10, P90: p.p90}
	calls := p.calls

	aht := req.AHT
	if aht == 0 {
		aht = DefaultAHT
	}
	trainGrid := train.Grid
	if agg.AHT != nil {
		fc.AHT = weeklyRatio(trainGrid, product(agg.Calls, agg.AHT, trainGrid.Len()), agg.Calls[:trainGrid.Len()], out, aht)
	} else {
		fc.AHT = constant(out.Len(), aht)
	}
	if agg.Minnan != nil {
		share := weeklyRatio(trainGrid, agg.Minnan[:trainGrid.Len()], agg.Calls[:trainGrid.Len()], out, 0)
		fc.Minnan = make([]float64, len(calls))
		for i := range calls {
			fc.Minnan[i] = calls[i] * share[i]
		}
	}
	return fc, nil
}

// prediction is a model's forecast of calls with its bands; model is the one that made it (for
// auto, the one it chose).
type prediction struct {
	model           Model
	calls, p10, p90 []float64
}

// predict forecasts out from train with model (auto chooses first) and bands the forecast with the
// errors of the model's own rolling-origin backtest on train: ordinary days with those of ordinary
// days, special days (holidays, make-up days, the days around breaks) with all (see bands.go).
func predict(ctx context.Context, model Model, train Series, cal *wfm.Calendar, out wfm.Grid) (*prediction, error) {
	var calls []float64
	var err error
	if auto, ok := model.(Auto); ok {
		model, calls, err = auto.forecast(ctx, train, cal, out)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if err != nil {
			return nil, err
		}
	} else if calls, err = model.Forecast(train, cal, out); err != nil {
		return nil, fmt.Errorf("forecast with %s: %w", model.Name(), err)
	}
	_, runs, _, err := backtest(ctx, train, cal, []Model{model}, weeklyBacktest(train.Grid.Days, out.Days, bandOrigins))
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil {
		runs = [][]backtestRun{nil} // too little history to backtest: Poisson bands
	}
	bc := newDayTable(train, cal).breaks
	special := func(d wfm.Date) bool { return cal.Kind(d) != wfm.Ordinary || bc.roleOf(d).role != roleNone }
	ordinary := fitBands(runs[0], func(d wfm.Date) bool { return !special(d) })
	all := fitBands(runs[0], func(wfm.Date) bool { return true })
	p := &prediction{model: model, calls: calls, p10: make([]float64, len(calls)), p90: make([]float64, len(calls))}
	for i, f := range calls {
		b := ordinary
		if d, _ := out.At(i); special(d) {
			b = all
		}
		p.p10[i], p.p90[i] = b.apply(f)
	}
	return p, nil
}

// product returns a[i]·b[i] for the first n intervals (NaN propagates).
func product(a, b []float64, n int) []float64 {
	p := make([]float64, n)
	for i := range p {
		p[i] = a[i] * b[i]
	}
	return p
}

func constant(n int, v float64) []float64 {
	c := make([]float64, n)
	for i := range c {
		c[i] = v
	}
	return c
}

// wellFormed reports whether h is non-nil, on a valid grid, and every series it holds has one
// value per interval.
func (h *History) wellFormed() bool {
	if h == nil || h.Grid.Validate() != nil {
		return false
	}
	n := h.Grid.Len()
	for _, s := range [][]float64{h.AHT, h.Abandoned, h.Minnan} {
		if s != nil && len(s) != n {
			return false
		}
	}
	return len(h.Calls) == n
}

// Scaled returns a copy of the forecast with calls (and their bands and the Minnan calls) times
// volume and handling time times aht: a what-if scenario, or a forecast calibrated to a centre.
func (f *Forecast) Scaled(volume, aht float64) *Forecast {
	mul := func(v []float64, k float64) []float64 {
		if v == nil {
			return nil
		}
		out := make([]float64, len(v))
		for i, x := range v {
			out[i] = x * k
		}
		return out
	}
	return &Forecast{Grid: f.Grid, Model: f.Model, Calls: mul(f.Calls, volume), P10: mul(f.P10, volume),
		P90: mul(f.P90, volume), AHT: mul(f.AHT, aht), Minnan: mul(f.Minnan, volume), Closed: f.Closed}
}
