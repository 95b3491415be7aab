package forecast

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"wfm"
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
	cr := csv.NewReader(r)
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fail(1, "", "empty file: expected a header interval_start,calls,aht_seconds,...")
	}
	if err != nil {
		return nil, fail(1, "", "%v", err)
	}
	col := map[string]int{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if indexOf(forecastColumns, name) < 0 {
			return nil, fail(1, name, "unknown column %q: the columns are %s", h, strings.Join(forecastColumns, ", "))
		}
		if _, dup := col[name]; dup {
			return nil, fail(1, name, "column %q appears twice", name)
		}
		col[name] = i
	}
	for _, need := range []string{"interval_start", "calls", "aht_seconds"} {
		if _, ok := col[need]; !ok {
			return nil, fail(1, need, "missing column %q", need)
		}
	}
	f := &Forecast{}
	_, hasMinnan := col["minnan_calls"]
	var prevDate wfm.Date
	prevMinute := -1
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line := recordLine(cr, err)
		if err != nil {
			return nil, fail(line, "", "%v", err)
		}
		get := func(name string) string {
			if c, ok := col[name]; ok && c < len(rec) {
				return strings.TrimSpace(rec[c])
			}
			return ""
		}
		date, minute, err := ParseWallClock(get("interval_start"))
		if err != nil {
			return nil, fail(line, "interval_start", "%v", err)
		}
		if prevMinute < 0 {
			f.Grid.Start = date
		} else {
			step := int(date-prevDate)*wfm.MinutesPerDay + minute - prevMinute
			if f.Grid.Step == 0 {
				if wfm.ValidateStep(step) != nil {
					return nil, fail(line, "interval_start", "interval of %d minutes does not divide the day", step)
				}
				f.Grid.Step = step
			} else if step != f.Grid.Step {
				return nil, fail(line, "interval_start", "intervals must be consecutive %d-minute steps; this one is %d minutes after the previous", f.Grid.Step, step)
			}
		}
		if prevMinute < 0 && minute != 0 {
			return nil, fail(line, "interval_start", "a forecast starts at midnight; first interval is at %02d:%02d", minute/60, minute%60)
		}
		prevDate, prevMinute = date, minute
		values := [...]struct {
			name string
			dst  *[]float64
		}{{"calls", &f.Calls}, {"calls_p10", &f.P10}, {"calls_p90", &f.P90}, {"aht_seconds", &f.AHT}, {"minnan_calls", &f.Minnan}}
		for _, c := range values { // a fixed order: the same input always reports the same field
			name, dst := c.name, c.dst
			if _, ok := col[name]; !ok {
				continue
			}
			v, err := strconv.ParseFloat(get(name), 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				return nil, fail(line, name, "%q is not a non-negative number", get(name))
			}
			*dst = append(*dst, v)
		}
		if f.AHT[len(f.AHT)-1] <= 0 && f.Calls[len(f.Calls)-1] > 0 {
			return nil, fail(line, "aht_seconds", "handling time must be positive where calls are expected")
		}
		f.Model = get("model")
	}
	n := len(f.Calls)
	if n == 0 {
		return nil, fail(2, "", "no data rows after the header")
	}
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
