package gen

import (
	"context"
	"math"

	"wfm"
	"wfm/forecast"
	"wfm/staffing"
	"wfm/synth"
)

// The centre's call history and staffing.
const (
	historyDays   = 365   // a year of history before the horizon: every holiday seen once
	historyAHT    = 270.0 // mean handling time at midday, seconds
	historyGrowth = 0.06  // yearly growth of volume
	historyMinnan = 0.15  // mean share of calls in Minnan (R16)
	// maxHistoryCalls caps the daily calls of the synthetic history, whose cost grows with the
	// number of calls; a larger centre's forecast is scaled up from it (the forecast of a scaled
	// history scales linearly, as its models are multiplicative).
	maxHistoryCalls = 20000
	// shrinkage of the staffing: breaks are placed by the roster itself, so only absence and
	// training remain.
	shrinkage = 0.1
	// calibrateTol is how close the required agent-hours come to their target.
	calibrateTol = 0.003
)

// makeDemand builds the demand through the product's pipeline: synthetic history, forecast, Erlang C
// staffing. It scales the forecast's calls so that the agent-hours required over the horizon come
// within calibrateTol of target, and weighs each interval by the calls a missing agent leaves
// unanswered within the target time. The history is first generated at a guess of the centre's
// volume; when the calibrated scale shows the guess was off by more than a fifth, the history is
// generated again at the calibrated volume (up to maxHistoryCalls) and the forecast recalibrated,
// so that its noise is that of a centre of the size asked for.
func makeDemand(ctx context.Context, cfg Config, cal *wfm.Calendar, target float64) (*Centre, error) {
	// A first guess of the volume: agent-hours a day, 90 % of them on the phones at an occupancy
	// of about 75 %.
	calls := target / float64(cfg.Days) * (1 - shrinkage) * 0.75 * 3600 / historyAHT
	calls = min(maxHistoryCalls, max(1, calls))
	seed := newRand(cfg.Seed, streamHistory).Uint64()
	params := staffing.DefaultParams()
	params.Shrinkage = shrinkage
	passes := 2
	if cfg.ExactHistory {
		passes = exactPasses
	}
	for pass := 1; ; pass++ {
		hist, fc, err := forecastAt(ctx, cfg, cal, calls, seed)
		if err != nil {
			return nil, err
		}
		plan, k, err := calibrate(fc, params, target)
		if err != nil {
			return nil, err
		}
		off := k < 0.8 || k > 1.25
		if cfg.ExactHistory {
			off = math.Abs(k-1) > exactTol
		}
		if pass < passes && off && calls < maxHistoryCalls {
			calls = min(maxHistoryCalls, max(1, calls*k))
			continue
		}
		d, err := plan.Demand()
		if err != nil {
			return nil, err
		}
		return &Centre{History: hist, Forecast: fc.Scaled(k, 1), Plan: plan, Scale: k, demand: d}, nil
	}
}

// Exact history: regenerate the history at the calibrated volume until the forecast needs
// scaling by less than exactTol, at most exactPasses times.
const (
	exactPasses = 5
	exactTol    = 0.02
)

// forecastAt generates the year of history before the horizon at the given daily calls and
// forecasts the horizon from it.
func forecastAt(ctx context.Context, cfg Config, cal *wfm.Calendar, calls float64, seed uint64) (*forecast.History, *forecast.Forecast, error) {
	hist := synth.History(synth.HistoryConfig{
		Start: cfg.Start.AddDays(-historyDays), Days: historyDays, Step: gcd(15, cfg.IntervalMinutes),
		DailyCalls: calls, Growth: historyGrowth, MinnanShare: historyMinnan, AHT: historyAHT,
		Calendar: cal, Seed: seed,
	})
	fc, err := forecast.Run(ctx, forecast.Request{History: hist, Calendar: cal, Start: cfg.Start, Days: cfg.Days,
		Step: cfg.IntervalMinutes, Model: cfg.Model, AHT: historyAHT})
	if err != nil {
		return nil, nil, err
	}
	for i, a := range fc.AHT {
		if !(a > 0) || math.IsInf(a, 0) {
			fc.AHT[i] = historyAHT
		}
	}
	return hist, fc, nil
}

// calibrate finds the scale k of fc's calls whose staffing requires target agent-hours, within
// calibrateTol where the integer requirements allow, and returns that staffing. The required hours
// grow with k a little slower than linearly (Erlang's economies of scale, the floor of one agent
// and one leader), so each step solves for k on the elasticity measured between the last two steps
// (a secant in log–log); two to four staffing runs suffice.
func calibrate(fc *forecast.Forecast, params staffing.Params, target float64) (*staffing.Plan, float64, error) {
	hoursPer := float64(fc.Grid.Step) / 60
	staff := func(k float64) (*staffing.Plan, float64, error) {
		plan, err := staffing.Compute(fc.Scaled(k, 1), params)
		if err != nil {
			return nil, 0, err
		}
		total := 0.0
		for _, iv := range plan.Intervals {
			total += float64(iv.Agents) * hoursPer
		}
		return plan, total, nil
	}
	k := 1.0
	plan, got, err := staff(k)
	if err != nil {
		return nil, 0, err
	}
	best, bestK, bestGot := plan, k, got
	var prevK, prevGot float64
	for it := 0; it < 40 && math.Abs(got/target-1) > calibrateTol; it++ {
		elasticity := 1.0
		if prevK > 0 && prevGot > 0 && prevK != k && prevGot != got {
			elasticity = min(1.5, max(0.2, math.Log(got/prevGot)/math.Log(k/prevK)))
		}
		prevK, prevGot = k, got
		k *= math.Pow(target/got, 1/elasticity)
		if plan, got, err = staff(k); err != nil {
			return nil, 0, err
		}
		if math.Abs(got/target-1) < math.Abs(bestGot/target-1) {
			best, bestK, bestGot = plan, k, got
		}
	}
	return best, bestK, nil
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
