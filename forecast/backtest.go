package forecast

import (
	"context"
	"fmt"
	"math"

	"wfm"
)

// BacktestConfig sets up a rolling-origin evaluation: Origins forecasts of Horizon days each, the
// last one ending on the last day of history, the earlier ones Every days apart.
type BacktestConfig struct {
	Horizon int  // days forecast from each origin
	Origins int  // number of forecast origins
	Every   int  // days between origins; 0 means 7
	Bands   bool // also band each forecast as Run does and score the bands (Score.Coverage)
}

// Score is a model's accuracy over every origin of a backtest, on intervals that have data:
//
//	WAPE = Σ|y−ŷ| / Σy                          (weighted absolute percentage error)
//	MASE = mean over origins of MAE / MAE_snaive (mean absolute scaled error, Hyndman & Koehler 2006,
//	       scaled by the in-sample one-week seasonal naive MAE of that origin's training data;
//	       origins whose scale or test window is empty are left out)
//	Bias = Σ(ŷ−y) / Σy                          (positive: over-forecast)
//	Coverage = #{p10 ≤ y ≤ p90} / #intervals    (share of actual intervals inside the forecast's
//	                                           [p10, p90] band; when BacktestConfig.Bands is set)
//
// A metric whose denominator is zero (no observed volume, no origin to scale) is not finite;
// Coverage is NaN when the bands were not asked for.
type Score struct {
	Model    string
	WAPE     float64
	MASE     float64
	Bias     float64
	Coverage float64
	Points   int // intervals scored
}

// Forecasts of one model at one origin, kept to estimate error bands.
type backtestRun struct {
	grid             wfm.Grid
	actual, forecast []float64
}

// origins returns the first day index of each forecast window.
func (c BacktestConfig) origins(days int) ([]int, error) {
	every := c.Every
	if every == 0 {
		every = 7
	}
	if c.Horizon <= 0 || c.Origins <= 0 || every < 0 {
		return nil, wfm.Invalidf("backtest", "horizon (%d) and origins (%d) must be positive", c.Horizon, c.Origins)
	}
	first := days - c.Horizon - (c.Origins-1)*every
	if first < MinHistoryDays {
		return nil, wfm.Invalidf("origins", "history of %d days is too short for %d origins %d days apart with a %d-day horizon and %d days of training",
			days, c.Origins, every, c.Horizon, MinHistoryDays)
	}
	o := make([]int, c.Origins)
	for k := range o {
		o[k] = first + k*every
	}
	return o, nil
}

// Backtest forecasts with each model from every origin of cfg and scores the forecasts against
// the history. It returns the scores in the order of models and the origin dates.
func Backtest(ctx context.Context, s Series, cal *wfm.Calendar, models []Model, cfg BacktestConfig) ([]Score, []wfm.Date, error) {
	scores, _, origins, err := backtest(ctx, s, cal, models, cfg)
	return scores, origins, err
}

func backtest(ctx context.Context, s Series, cal *wfm.Calendar, models []Model, cfg BacktestConfig) ([]Score, [][]backtestRun, []wfm.Date, error) {
	starts, err := cfg.origins(s.Grid.Days)
	if err != nil {
		return nil, nil, nil, err
	}
	dates := make([]wfm.Date, len(starts))
	for k, o := range starts {
		dates[k] = s.Grid.Start.AddDays(o)
	}
	scores := make([]Score, len(models))
	runs := make([][]backtestRun, len(models))
	for m, model := range models {
		var absErr, sumErr, sumY, mase float64
		n, scaled, inside := 0, 0, 0
		for _, o := range starts {
			if err := ctx.Err(); err != nil {
				return nil, nil, nil, err
			}
			train, test := s.Slice(0, o), s.Slice(o, o+cfg.Horizon)
			var f, p10, p90 []float64
			if cfg.Bands {
				p, err := predict(ctx, model, train, cal, test.Grid)
				if err != nil {
					return nil, nil, nil, fmt.Errorf("model %s at origin %s: %w", model.Name(), test.Grid.Start, err)
				}
				f, p10, p90 = p.calls, p.p10, p.p90
			} else if f, err = model.Forecast(train, cal, test.Grid); err != nil {
				return nil, nil, nil, fmt.Errorf("model %s at origin %s: %w", model.Name(), test.Grid.Start, err)
			}
			var originAbs float64
			originN := 0
			for i, y := range test.Values {
				if math.IsNaN(y) {
					continue
				}
				if cfg.Bands && p10[i] <= y && y <= p90[i] {
					inside++
				}
				e := f[i] - y
				absErr += math.Abs(e)
				sumErr += e
				sumY += y
				originAbs += math.Abs(e)
				originN++
			}
			n += originN
			if scale := seasonalNaiveMAE(train); scale > 0 && originN > 0 {
				mase += originAbs / float64(originN) / scale
				scaled++
			}
			runs[m] = append(runs[m], backtestRun{grid: test.Grid, actual: test.Values, forecast: f})
		}
		scores[m] = Score{Model: model.Name(), WAPE: absErr / sumY, Bias: sumErr / sumY,
			MASE: mase / float64(scaled), Coverage: math.NaN(), Points: n}
		if cfg.Bands {
			scores[m].Coverage = float64(inside) / float64(n)
		}
	}
	return scores, runs, dates, nil
}

// seasonalNaiveMAE is the in-sample mean absolute error of the one-week seasonal naive forecast,
// mean |y(t) − y(t−1 week)| over the intervals where both are observed.
func seasonalNaiveMAE(s Series) float64 {
	lag := 7 * s.Grid.PerDay()
	sum, n := 0.0, 0
	for t := lag; t < len(s.Values); t++ {
		a, b := s.Values[t], s.Values[t-lag]
		if math.IsNaN(a) || math.IsNaN(b) {
			continue
		}
		sum += math.Abs(a - b)
		n++
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}
