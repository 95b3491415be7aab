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
// interval_start,calls,calls_p10,calls_p90,aht_seconds,model[,minnan_calls].
func (f *Forecast) WriteCSV(w io.Writer) error {
	if err := f.Grid.Validate(); err != nil {
		return err
	}
	if n := f.Grid.Len(); len(f.Calls) != n || len(f.P10) != n || len(f.P90) != n || len(f.AHT) != n ||
		f.Minnan != nil && len(f.Minnan) != n {
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
// may be omitted). The intervals must be consecutive on one grid. Errors name the file, line and field.
func ReadCSV(r io.Reader, file string) (*Forecast, error) {
	fail := func(line int, field, format string, args ...any) error {
		return &wfm.Error{Kind: wfm.KindInvalid, Rule: "R17", File: file, Line: line, Field: field,
			Message: fmt.Sprintf(format, args...)}
	}
	f := &Forecast{}
	var prevDate wfm.Date
	prevMinute, hasMinnan := -1, false
	spec := csvtable.Spec{File: file, Known: forecastColumns, Required: []string{"interval_start", "calls", "aht_seconds"}, Rule: "R17",
		Strict: true}
	err := csvtable.Read(r, spec, func(line int, rec csvtable.Record) error {
		date, minute, err := ParseWallClock(rec.Get("interval_start"))
		if err != nil {
			return wfm.Invalidf("interval_start", "%v", err)
		}
		if prevMinute < 0 {
			f.Grid.Start = date
			if minute != 0 {
				return wfm.Invalidf("interval_start", "a forecast starts at midnight; first interval is at %02d:%02d", minute/60, minute%60)
			}
		} else {
			step := int(date-prevDate)*wfm.MinutesPerDay + minute - prevMinute
			if f.Grid.Step == 0 {
				if wfm.ValidateStep(step) != nil {
					return wfm.Invalidf("interval_start", "interval of %d minutes does not divide the day", step)
				}
				f.Grid.Step = step
			} else if step != f.Grid.Step {
				return wfm.Invalidf("interval_start", "intervals must be consecutive %d-minute steps; this one is %d minutes after the previous", f.Grid.Step, step)
			}
		}
		prevDate, prevMinute = date, minute
		values := [...]struct {
			name string
			dst  *[]float64
			most float64
		}{{"calls", &f.Calls, wfm.MaxIntervalCalls}, {"calls_p10", &f.P10, wfm.MaxIntervalCalls}, {"calls_p90", &f.P90, wfm.MaxIntervalCalls},
			{"aht_seconds", &f.AHT, wfm.MaxAHTSeconds}, {"minnan_calls", &f.Minnan, wfm.MaxIntervalCalls}}
		for _, c := range values { // a fixed order: the same input always reports the same field
			if !rec.Has(c.name) {
				continue
			}
			v, err := strconv.ParseFloat(rec.Get(c.name), 64)
			if err != nil || !(v >= 0 && v <= c.most) { // the bounds of the history (see valueBounds)
				return wfm.Invalidf(c.name, "%q is not a number from 0 to %g", rec.Get(c.name), c.most)
			}
			*c.dst = append(*c.dst, v)
		}
		if f.AHT[len(f.AHT)-1] <= 0 && f.Calls[len(f.Calls)-1] > 0 {
			return wfm.Invalidf("aht_seconds", "handling time must be positive where calls are expected")
		}
		f.Model, hasMinnan = rec.Get("model"), rec.Has("minnan_calls")
		return nil
	})
	if err != nil {
		return nil, err
	}
	n := len(f.Calls)
	if f.Grid.Step == 0 {
		return nil, fail(2, "interval_start", "a single row cannot tell the interval length")
	}
	if n%f.Grid.PerDay() != 0 {
		return nil, fail(n+1, "interval_start", "the forecast must cover whole days: %d intervals of %d minutes", n, f.Grid.Step)
	}
	f.Grid.Days = n / f.Grid.PerDay()
	if f.P10 == nil {
		f.P10 = f.Calls
	}
	if f.P90 == nil {
		f.P90 = f.Calls
	}
	if !hasMinnan {
		f.Minnan = nil
	}
	return f, nil
}
