package forecast

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"wfm"
	"wfm/internal/csvtable"
)

// The forecast CSV columns, in order; minnan_calls is written only when the forecast has it.
var forecastColumns = []string{"interval_start", "calls", "calls_p10", "calls_p90", "aht_seconds", "model", "minnan_calls"}

// WriteCSV writes the forecast as CSV with a header line:
// interval_start,calls,calls_p10,calls_p90,aht_seconds,model[,minnan_calls], one row per interval
// that is not Closed.
func (f *Forecast) WriteCSV(w io.Writer) error {
	if err := f.Grid.Validate(); err != nil {
		return err
	}
	if n := f.Grid.Len(); len(f.Calls) != n || len(f.P10) != n || len(f.P90) != n || len(f.AHT) != n ||
		f.Minnan != nil && len(f.Minnan) != n || f.Closed != nil && len(f.Closed) != n {
		return wfm.Invalidf("forecast", "incomplete forecast: every series needs one value per interval of %d days of %d minutes",
			f.Grid.Days, f.Grid.Step)
	}
	cw := csv.NewWriter(w)
	cols := forecastColumns
	if f.Minnan == nil {
		cols = cols[:len(cols)-1]
	}
	if err := cw.Write(cols); err != nil {
		return err
	}
	rec := make([]string, len(cols))
	for i := range f.Calls {
		if f.IsClosed(i) {
			continue
		}
		rec[0] = f.Grid.Label(i)
		rec[1] = formatCount(f.Calls[i])
		rec[2] = formatCount(f.P10[i])
		rec[3] = formatCount(f.P90[i])
		rec[4] = strconv.FormatFloat(f.AHT[i], 'f', 1, 64)
		rec[5] = f.Model
		if f.Minnan != nil {
			rec[6] = formatCount(f.Minnan[i])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func formatCount(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// ReadCSV reads a forecast written by WriteCSV (or by hand, in the same columns; p10, p90 and model
// may be omitted). The rows may cover any set of intervals, in time order: a window of the day, a
// centre closed at night or at weekends. The interval length is the most common gap between
// consecutive rows and must divide the day; every row must lie on that grid. The forecast spans the
// days from the first row's to the last row's, and the intervals of those days that no row lists
// are Closed. Errors name the file, line and field.
func ReadCSV(r io.Reader, file string) (*Forecast, error) {
	fail := func(line int, field, format string, args ...any) error {
		return &wfm.Error{Kind: wfm.KindInvalid, Rule: "R17", File: file, Line: line, Field: field,
			Message: fmt.Sprintf(format, args...)}
	}
	type row struct {
		line   int
		date   wfm.Date
		minute int
		values [5]float64 // calls, p10, p90, aht, minnan
	}
	var rows []row
	model, hasMinnan, hasP10, hasP90 := "", false, false, false
	names := [5]string{"calls", "calls_p10", "calls_p90", "aht_seconds", "minnan_calls"}
	bound := [5]float64{wfm.MaxIntervalCalls, wfm.MaxIntervalCalls, wfm.MaxIntervalCalls, wfm.MaxAHTSeconds, wfm.MaxIntervalCalls}
	spec := csvtable.Spec{File: file, Known: forecastColumns, Required: []string{"interval_start", "calls", "aht_seconds"}, Rule: "R17",
		Strict: true}
	err := csvtable.Read(r, spec, func(line int, rec csvtable.Record) error {
		date, minute, err := ParseWallClock(rec.Get("interval_start"))
		if err != nil {
			return wfm.Invalidf("interval_start", "%v", err)
		}
		if n := len(rows); n > 0 {
			prev := rows[n-1]
			if date < prev.date || date == prev.date && minute <= prev.minute {
				return wfm.Invalidf("interval_start", "intervals must come in time order, once each; %s %02d:%02d follows %s %02d:%02d (line %d)",
					date, minute/60, minute%60, prev.date, prev.minute/60, prev.minute%60, prev.line)
			}
		}
		x := row{line: line, date: date, minute: minute}
		for k, name := range names { // a fixed order: the same input always reports the same field
			if !rec.Has(name) {
				continue
			}
			v, err := strconv.ParseFloat(rec.Get(name), 64)
			if err != nil || !(v >= 0 && v <= bound[k]) { // the bounds of the history (see valueBounds)
				return wfm.Invalidf(name, "%q is not a number from 0 to %g", rec.Get(name), bound[k])
			}
			x.values[k] = v
		}
		if x.values[3] <= 0 && x.values[0] > 0 {
			return wfm.Invalidf("aht_seconds", "handling time must be positive where calls are expected")
		}
		model, hasMinnan, hasP10, hasP90 = rec.Get("model"), rec.Has("minnan_calls"), rec.Has("calls_p10"), rec.Has("calls_p90")
		rows = append(rows, x)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(rows) < 2 {
		return nil, fail(2, "interval_start", "a single row cannot tell the interval length")
	}
	gaps := map[int]int{}
	for i := 1; i < len(rows); i++ {
		gaps[int(rows[i].date-rows[i-1].date)*wfm.MinutesPerDay+rows[i].minute-rows[i-1].minute]++
	}
	step, most := 0, 0
	for gap, n := range gaps {
		if n > most || n == most && gap < step {
			step, most = gap, n
		}
	}
	if wfm.ValidateStep(step) != nil {
		return nil, fail(rows[1].line, "interval_start", "the most common gap between intervals, %d minutes, does not divide the day", step)
	}
	for _, x := range rows {
		if x.minute%step != 0 {
			return nil, fail(x.line, "interval_start", "%02d:%02d is off the %d-minute grid of the other rows", x.minute/60, x.minute%60, step)
		}
	}
	g := wfm.Grid{Start: rows[0].date, Days: int(rows[len(rows)-1].date-rows[0].date) + 1, Step: step}
	if g.Days > MaxForecastDays {
		return nil, fail(rows[len(rows)-1].line, "interval_start", "the forecast spans %d days; at most %d are accepted", g.Days, MaxForecastDays)
	}
	n := g.Len()
	f := &Forecast{Grid: g, Model: model, Calls: make([]float64, n), P10: make([]float64, n), P90: make([]float64, n),
		AHT: make([]float64, n), Closed: make([]bool, n)}
	if hasMinnan {
		f.Minnan = make([]float64, n)
	}
	for i := range f.Closed {
		f.Closed[i] = true
	}
	for _, x := range rows {
		i, _ := g.Index(x.date, x.minute)
		f.Closed[i] = false
		f.Calls[i], f.P10[i], f.P90[i], f.AHT[i] = x.values[0], x.values[1], x.values[2], x.values[3]
		if !hasP10 {
			f.P10[i] = x.values[0]
		}
		if !hasP90 {
			f.P90[i] = x.values[0]
		}
		if hasMinnan {
			f.Minnan[i] = x.values[4]
		}
	}
	if len(rows) == n {
		f.Closed = nil
	}
	return f, nil
}
