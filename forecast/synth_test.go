package forecast

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"wfm"
)

// Synthetic series whose right forecast is known, and small CSV builders for the parser tests.

// weekTotals are the daily totals of a synthetic centre by weekday, Sunday first.
var weekTotals = [7]float64{800, 1200, 1150, 1100, 1050, 1000, 600}

// synth describes a noiseless series: day d has total weekday[w(d)]·dom(d)·special(d), spread over
// the day by shape. Every field but start, days and step has a default.
type synth struct {
	start      wfm.Date
	days, step int
	weekday    [7]float64                   // daily totals; zero value means weekTotals
	dom        func(wfm.Date) float64       // day-of-month multiplier; nil means 1
	special    map[wfm.Date]float64         // multiplier of listed dates (holidays); NaN blanks the day
	shape      func(x float64) float64      // intraday intensity at fraction x of the day; nil means dayShape
	noise      *rand.Rand                   // Poisson-like noise when non-nil
	missing    func(d wfm.Date, i int) bool // intervals without data
}

// dayShape is a smooth daytime peak: 0.2 at midnight, 1.8 at noon.
func dayShape(x float64) float64 { return 1 - 0.8*math.Cos(2*math.Pi*x) }

func (s synth) grid() wfm.Grid { return wfm.Grid{Start: s.start, Days: s.days, Step: s.step} }

// shares returns the intraday shares (summing to 1) of s's shape.
func (s synth) shares() []float64 {
	shape := s.shape
	if shape == nil {
		shape = dayShape
	}
	p := s.grid().PerDay()
	sh := make([]float64, p)
	sum := 0.0
	for i := range sh {
		sh[i] = shape((float64(i) + 0.5) / float64(p))
		sum += sh[i]
	}
	for i := range sh {
		sh[i] /= sum
	}
	return sh
}

// total returns the expected total of date d.
func (s synth) total(d wfm.Date) float64 {
	w := s.weekday
	if w == [7]float64{} {
		w = weekTotals
	}
	t := w[d.Weekday()]
	if s.dom != nil {
		t *= s.dom(d)
	}
	if m, ok := s.special[d]; ok {
		t *= m
	}
	return t
}

// series lays s out on its grid.
func (s synth) series() Series {
	g := s.grid()
	sh := s.shares()
	v := make([]float64, g.Len())
	p := g.PerDay()
	for d := range g.Days {
		date := g.Start.AddDays(d)
		t := s.total(date)
		for i := range p {
			x := t * sh[i]
			switch {
			case s.missing != nil && s.missing(date, i), math.IsNaN(x):
				x = math.NaN()
			case s.noise != nil:
				x = math.Max(0, math.Round(x+math.Sqrt(x)*s.noise.NormFloat64()))
			}
			v[d*p+i] = x
		}
	}
	return Series{Grid: g, Values: v}
}

// history wraps s's series as a History without optional columns.
func (s synth) history() *History {
	ser := s.series()
	return &History{Grid: ser.Grid, Calls: ser.Values}
}

// wape is Σ|f−y|/Σy over the intervals where y is observed.
func wape(f, y []float64) float64 {
	var num, den float64
	for i := range y {
		if math.IsNaN(y[i]) {
			continue
		}
		num += math.Abs(f[i] - y[i])
		den += y[i]
	}
	return num / den
}

// dayTotals sums each day of v on grid g.
func dayTotals(g wfm.Grid, v []float64) []float64 {
	p := g.PerDay()
	out := make([]float64, g.Days)
	for d := range out {
		for _, x := range v[d*p : (d+1)*p] {
			out[d] += x
		}
	}
	return out
}

// checkForecastValues fails t unless f has one finite non-negative value per interval of g.
func checkForecastValues(t *testing.T, name string, f []float64, g wfm.Grid) {
	t.Helper()
	if len(f) != g.Len() {
		t.Fatalf("%s: %d values for a grid of %d intervals", name, len(f), g.Len())
	}
	for i, v := range f {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			t.Fatalf("%s: value %v at %s", name, v, g.Label(i))
		}
	}
}

// csvRows builds a history CSV: the header line, then one line per interval of days days from
// start at step minutes, made by row (which returns "" to leave the interval out).
func csvRows(header string, start wfm.Date, days, step int, row func(ts string, d wfm.Date, minute int) string) []string {
	lines := []string{header}
	for d := range days {
		date := start.AddDays(d)
		for m := 0; m < wfm.MinutesPerDay; m += step {
			ts := fmt.Sprintf("%sT%02d:%02d:00", date, m/60, m%60)
			if r := row(ts, date, m); r != "" {
				lines = append(lines, r)
			}
		}
	}
	return lines
}

// callsOf is a deterministic count for an interval, different for every interval of a fortnight.
func callsOf(d wfm.Date, minute int) int { return int(d)%17 + minute/10 }

// simpleCSV is a history of days days at step minutes with calls from callsOf.
func simpleCSV(start wfm.Date, days, step int) []string {
	return csvRows("interval_start,calls", start, days, step, func(ts string, d wfm.Date, m int) string {
		return fmt.Sprintf("%s,%d", ts, callsOf(d, m))
	})
}

func joinLines(lines []string) string { return strings.Join(lines, "\n") + "\n" }

// wfmError returns err as a *wfm.Error, failing t when it is not one.
func wfmError(t *testing.T, err error) *wfm.Error {
	t.Helper()
	var e *wfm.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *wfm.Error", err, err)
	}
	return e
}

// checkInvalid fails t unless err is a KindInvalid *wfm.Error on line and field.
func checkInvalid(t *testing.T, err error, line int, field string) *wfm.Error {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want an invalid-input error on line %d field %q", line, field)
	}
	e := wfmError(t, err)
	if e.Kind != wfm.KindInvalid || e.Line != line || e.Field != field {
		t.Fatalf("error %q: kind %s line %d field %q; want kind invalid line %d field %q", err, e.Kind, e.Line, e.Field, line, field)
	}
	return e
}

// sunday is a Sunday for synthetic histories (2025-01-05).
var sunday = wfm.DateOf(2025, time.January, 5)
