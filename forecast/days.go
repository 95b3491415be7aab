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

// openWeeks is how many of a weekday's latest days with data decide which of its intervals are
// open (see openIntervals).
const openWeeks = 8

// dayTable is what every day-level model learns from the training series before forecasting:
// daily totals, which days are usable as "ordinary", and the holiday effects.
type dayTable struct {
	train Series
	cal   *wfm.Calendar
	open  [7][]bool // per weekday, the intervals the centre is open (see openIntervals)
	total []float64 // calls per day (scaled up over missing open intervals; next to a break, as an ordinary day), NaN when mostly missing
	clean []bool    // ordinary, observed and not an outlier: fit material for ordinary days

	breaks  *breakCalendar // working days and the days around holiday breaks
	effects *breakEffects  // the learnt ratios of the days around breaks
}

func newDayTable(train Series, cal *wfm.Calendar) *dayTable {
	n := train.Grid.Days
	t := &dayTable{train: train, cal: cal, open: openIntervals(train), total: make([]float64, n), clean: make([]bool, n)}
	for d := range n {
		t.total[d] = dayTotal(train.Day(d), t.open[t.date(d).Weekday()])
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
	t.breaks = newBreakCalendar(t)
	t.effects = learnBreaks(t)
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

// openIntervals tells, per weekday, the intervals in which the centre is open: those observed on
// at least one of the latest openWeeks days of that weekday that hold any data. An interval with
// no data on any of them (a centre closed at night, a weekday it never opens) is closed: it is
// never a gap to fill, so it neither scales up a day's total nor receives a share of one.
func openIntervals(train Series) [7][]bool {
	p := train.Grid.PerDay()
	var open [7][]bool
	var seen [7]int
	for d := train.Grid.Days - 1; d >= 0; d-- {
		w := train.Grid.Start.AddDays(d).Weekday()
		if seen[w] == openWeeks {
			continue
		}
		day, any := train.Day(d), false
		for _, x := range day {
			if !math.IsNaN(x) {
				any = true
				break
			}
		}
		if !any {
			continue
		}
		if open[w] == nil {
			open[w] = make([]bool, p)
		}
		for i, x := range day {
			open[w][i] = open[w][i] || !math.IsNaN(x)
		}
		seen[w]++
	}
	for w := range open {
		if open[w] == nil {
			open[w] = make([]bool, p) // never observed: closed all day
		}
	}
	return open
}

// dayTotal sums a day's intervals and, when some open intervals lack data, scales the sum by
// open/observed-open intervals, provided at least half the open intervals are observed; it is NaN
// otherwise (and on a day with no open interval).
func dayTotal(v []float64, open []bool) float64 {
	sum, nOpen, nObserved := 0.0, 0, 0
	for i, x := range v {
		observed := !math.IsNaN(x)
		if observed {
			sum += x
		}
		if open[i] {
			nOpen++
			if observed {
				nObserved++
			}
		}
	}
	if nOpen == 0 || float64(nObserved) < minShareObserved*float64(nOpen) {
		return math.NaN()
	}
	return sum * float64(nOpen) / float64(nObserved)
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
