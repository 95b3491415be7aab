package forecast

import (
	"math"
	"sort"
	"time"

	"wfm"
)

// Thresholds for treating an ordinary day as an unlisted special day (an outage, a local event):
// its total is below outlierLow or above outlierHigh times the median of the same weekday in the
// outlierWeeks weeks around it.
const (
	outlierLow   = 0.5
	outlierHigh  = 2.0
	outlierWeeks = 4
)

// dayTable is what every day-level model learns from the training series before forecasting:
// daily totals, which days are usable as "ordinary", and the holiday effects.
type dayTable struct {
	train Series
	cal   *wfm.Calendar
	total []float64 // calls per day (scaled up over missing intervals), NaN when mostly missing
	clean []bool    // ordinary, observed and not an outlier: fit material for ordinary days
}

func newDayTable(train Series, cal *wfm.Calendar) *dayTable {
	n := train.Grid.Days
	t := &dayTable{train: train, cal: cal, total: make([]float64, n), clean: make([]bool, n)}
	for d := range n {
		t.total[d] = dayTotal(train.Day(d))
		t.clean[d] = !math.IsNaN(t.total[d]) && cal.Kind(t.date(d)) == wfm.Ordinary
	}
	for d := range n {
		if !t.clean[d] {
			continue
		}
		if m := t.neighbourMedian(d); m > 0 && (t.total[d] < outlierLow*m || t.total[d] > outlierHigh*m) {
			t.clean[d] = false
		}
	}
	return t
}

func (t *dayTable) date(d int) wfm.Date { return t.train.Grid.Start.AddDays(d) }

// neighbourMedian is the median total of the ordinary same-weekday days within outlierWeeks weeks of
// day d, excluding d itself; 0 when fewer than two are known.
func (t *dayTable) neighbourMedian(d int) float64 {
	var nb []float64
	for k := -outlierWeeks; k <= outlierWeeks; k++ {
		j := d + 7*k
		if k == 0 || j < 0 || j >= len(t.total) || math.IsNaN(t.total[j]) || t.cal.Kind(t.date(j)) != wfm.Ordinary {
			continue
		}
		nb = append(nb, t.total[j])
	}
	if len(nb) < 2 {
		return 0
	}
	sort.Float64s(nb)
	return nb[len(nb)/2]
}

// dayTotal sums a day's intervals, scaling up for missing ones when at least half are observed
// (NaN otherwise).
func dayTotal(v []float64) float64 {
	sum, n := 0.0, 0
	for _, x := range v {
		if !math.IsNaN(x) {
			sum += x
			n++
		}
	}
	if float64(n) < minShareObserved*float64(len(v)) {
		return math.NaN()
	}
	return sum * float64(len(v)) / float64(n)
}

// daysInMonth returns the number of days of d's month.
func daysInMonth(d wfm.Date) int {
	t := d.Time(time.UTC)
	return time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// dayClass is the weekday whose pattern a date follows: its own weekday, except that a make-up
// working day (Chinese 调休) follows a midweek working day.
func dayClass(cal *wfm.Calendar, d wfm.Date) time.Weekday {
	if cal.Kind(d) == wfm.Workday {
		return time.Wednesday
	}
	return d.Weekday()
}
