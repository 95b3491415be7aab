package forecast

import (
	"context"
	"fmt"
	"strings"

	"wfm"
)

// Auto selection settings: candidates are scored on the training data by a rolling-origin backtest
// of up to autoOrigins origins a week apart (as many as the history allows), with the horizon of
// the forecast asked for (at most autoMaxHorizon days). Eight weekly origins judge a model over two
// months of forecasts, which keeps one unusual week from deciding the choice.
const (
	autoOrigins    = 8
	autoMaxHorizon = 28
)

// Models returns every model by name, in the order the backtest table lists them.
func Models() []Model {
	return []Model{SeasonalNaive{}, MeanOfFour{}, Profile{}, Regression{}}
}

// ModelByName returns the model called name; "auto" is an Auto over all the others.
func ModelByName(name string) (Model, error) {
	if name == "" || name == "auto" {
		return Auto{Candidates: Models()}, nil
	}
	var names []string
	for _, m := range Models() {
		if m.Name() == name {
			return m, nil
		}
		names = append(names, m.Name())
	}
	return nil, wfm.Invalidf("model", "unknown model %q: choose auto, %s", name, strings.Join(names, ", "))
}

// Auto picks, at each forecast, the candidate with the lowest WAPE in a rolling-origin backtest on
// the training data alone, and forecasts with it. When the training data is too short to backtest
// it falls back to the first candidate that can forecast.
type Auto struct {
	Candidates []Model
}

// Name implements Model.
func (Auto) Name() string { return "auto" }

// Forecast implements Model.
func (a Auto) Forecast(train Series, cal *wfm.Calendar, out wfm.Grid) ([]float64, error) {
	_, f, err := a.forecast(context.Background(), train, cal, out)
	return f, err
}

// forecast chooses a candidate and forecasts with it; when the chosen one cannot forecast, the
// richest candidate that can does. It returns the model that made the forecast.
func (a Auto) forecast(ctx context.Context, train Series, cal *wfm.Calendar, out wfm.Grid) (Model, []float64, error) {
	m, err := a.Choose(ctx, train, cal, out.Days)
	if err != nil {
		return nil, nil, err
	}
	f, err := m.Forecast(train, cal, out)
	if err == nil {
		return m, f, nil
	}
	for i := len(a.Candidates) - 1; i >= 0; i-- { // the chosen one failed: the richest that can
		if f, err2 := a.Candidates[i].Forecast(train, cal, out); err2 == nil {
			return a.Candidates[i], f, nil
		}
	}
	return nil, nil, fmt.Errorf("forecast with %s: %w", m.Name(), err)
}

// weeklyBacktest is the backtest a forecast of horizon days makes on its own training data of
// days days: origins a week apart, as many as the history allows up to most, each forecasting the
// horizon (at most autoMaxHorizon days).
func weeklyBacktest(days, horizon, most int) BacktestConfig {
	cfg := BacktestConfig{Horizon: min(horizon, autoMaxHorizon), Every: 7}
	cfg.Origins = min(most, (days-cfg.Horizon-MinHistoryDays)/cfg.Every+1)
	return cfg
}

// Choose returns the candidate that forecasts horizon days best on the training data.
func (a Auto) Choose(ctx context.Context, train Series, cal *wfm.Calendar, horizon int) (Model, error) {
	if len(a.Candidates) == 0 {
		return nil, fmt.Errorf("auto model without candidates")
	}
	scores, _, err := Backtest(ctx, train, cal, a.Candidates, weeklyBacktest(train.Grid.Days, horizon, autoOrigins))
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return a.Candidates[len(a.Candidates)-1], nil // too little history to compare: the richest model
	}
	best := 0
	for i, s := range scores {
		if s.WAPE < scores[best].WAPE {
			best = i
		}
	}
	return a.Candidates[best], nil
}
