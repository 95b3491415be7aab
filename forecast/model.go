package forecast

import (
	"math"

	"wfm"
)

// Series is one value per interval of Grid; NaN marks an interval without data.
type Series struct {
	Grid   wfm.Grid
	Values []float64
}

// Day returns the values of day d of the series (a slice of Values, not a copy).
func (s Series) Day(d int) []float64 {
	p := s.Grid.PerDay()
	return s.Values[d*p : (d+1)*p]
}

// Slice returns days [from, to) of the series as a new series sharing Values.
func (s Series) Slice(from, to int) Series {
	p := s.Grid.PerDay()
	g := s.Grid
	g.Start, g.Days = g.Start.AddDays(from), to-from
	return Series{Grid: g, Values: s.Values[from*p : to*p]}
}

// A Model forecasts call volume per interval. Forecast is given the training series (whole days,
// ending before out starts), the holiday calendar, and the grid to forecast (same interval length),
// and returns one non-negative value per interval of out. A model holds no state between calls.
type Model interface {
	Name() string
	Forecast(train Series, cal *wfm.Calendar, out wfm.Grid) ([]float64, error)
}

// lastSameWeekdays returns the indexes of the training days that fall on the weekday of date d, most
// recent first.
func lastSameWeekdays(train wfm.Grid, d wfm.Date) []int {
	lag := int(d-train.Start) % 7
	last := train.Days - 1 - ((train.Days-1-lag)%7+7)%7
	var idx []int
	for k := last; k >= 0; k -= 7 {
		idx = append(idx, k)
	}
	return idx
}

// SeasonalNaive is the weekly seasonal naive forecast: each interval repeats the same interval on
// the latest same weekday of the training data, ŷ(d,i) = y(d−7⌈(d−T)/7⌉, i), going further back when
// that value is missing (zero when none is observed).
type SeasonalNaive struct{}

// Name implements Model.
func (SeasonalNaive) Name() string { return "snaive" }

// Forecast implements Model.
func (SeasonalNaive) Forecast(train Series, _ *wfm.Calendar, out wfm.Grid) ([]float64, error) {
	return sameWeekdayMean(train, out, 1), nil
}

// MeanOfFour is the planner's spreadsheet method: each interval is the mean of that interval on the
// last four same weekdays that have data (fewer when the history is shorter; zero when none).
type MeanOfFour struct{}

// Name implements Model.
func (MeanOfFour) Name() string { return "mean4" }

// Forecast implements Model.
func (MeanOfFour) Forecast(train Series, _ *wfm.Calendar, out wfm.Grid) ([]float64, error) {
	return sameWeekdayMean(train, out, 4), nil
}

// sameWeekdayMean forecasts each interval as the mean of its latest k observed values on the same
// weekday.
func sameWeekdayMean(train Series, out wfm.Grid, k int) []float64 {
	p := out.PerDay()
	f := make([]float64, out.Len())
	for d := 0; d < out.Days; d++ {
		days := lastSameWeekdays(train.Grid, out.Start.AddDays(d))
		for i := 0; i < p; i++ {
			sum, n := 0.0, 0
			for _, td := range days {
				if v := train.Values[td*p+i]; !math.IsNaN(v) {
					sum += v
					n++
					if n == k {
						break
					}
				}
			}
			if n > 0 {
				f[d*p+i] = sum / float64(n)
			}
		}
	}
	return f
}
