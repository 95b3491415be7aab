package forecast

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"wfm"
)

// Printed precision of WriteCSV: counts to 2 decimals, handling time to 1.
const (
	countPrecision = 0.005 + 1e-9
	ahtPrecision   = 0.05 + 1e-9
)

func TestForecastCSVRoundTrip(t *testing.T) {
	s := synth{start: sunday, days: 8 * 7, step: 30, noise: rand.New(rand.NewPCG(4, 4))}
	h := s.history()
	h.Minnan = make([]float64, len(h.Calls))
	h.AHT = make([]float64, len(h.Calls))
	for i, c := range h.Calls {
		h.Minnan[i] = math.Floor(c / 3)
		h.AHT[i] = 180 + float64(i%7)/3
	}
	withMinnan := mustRun(t, Request{History: h, Start: s.grid().End(), Days: 3, Model: "profile"})
	plain := mustRun(t, Request{History: s.history(), Start: s.grid().End(), Days: 2, Step: 60, Model: "auto", AHT: 123.456})
	for _, fc := range []*Forecast{withMinnan, plain} {
		var buf bytes.Buffer
		if err := fc.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		got, err := ReadCSV(&buf, "f.csv")
		if err != nil {
			t.Fatal(err)
		}
		checkSameForecast(t, got, fc)
	}
}

func TestWriteCSVRejectsIncompleteForecast(t *testing.T) {
	g := wfm.Grid{Start: histStart, Days: 1, Step: 720}
	two := []float64{1, 2}
	tests := map[string]*Forecast{
		"no bands":         {Grid: g, Calls: two, AHT: two},
		"short minnan":     {Grid: g, Calls: two, P10: two, P90: two, AHT: two, Minnan: two[:1]},
		"bad grid":         {Grid: wfm.Grid{Start: histStart, Days: 1}, Calls: two, P10: two, P90: two, AHT: two},
		"more values than": {Grid: g, Calls: append(two, 3), P10: two, P90: two, AHT: two},
	}
	for name, fc := range tests {
		var buf bytes.Buffer
		if err := fc.WriteCSV(&buf); wfm.ErrorKind(err) != wfm.KindInvalid || buf.Len() != 0 {
			t.Errorf("%s: error %v, wrote %q", name, err, buf.String())
		}
	}
}

// checkSameForecast compares got, read back from CSV, with the forecast written.
func checkSameForecast(t *testing.T, got, want *Forecast) {
	t.Helper()
	if got.Grid != want.Grid || got.Model != want.Model || (got.Minnan == nil) != (want.Minnan == nil) {
		t.Fatalf("read %+v model %q minnan %v; wrote %+v model %q minnan %v",
			got.Grid, got.Model, got.Minnan != nil, want.Grid, want.Model, want.Minnan != nil)
	}
	for i := range want.Calls {
		if got.IsClosed(i) != want.IsClosed(i) {
			t.Fatalf("interval %s: closed %v, wrote %v", want.Grid.Label(i), got.IsClosed(i), want.IsClosed(i))
		}
	}
	series := []struct {
		name      string
		got, want []float64
		tol       float64
	}{
		{"calls", got.Calls, want.Calls, countPrecision},
		{"p10", got.P10, want.P10, countPrecision},
		{"p90", got.P90, want.P90, countPrecision},
		{"aht", got.AHT, want.AHT, ahtPrecision},
		{"minnan", got.Minnan, want.Minnan, countPrecision},
	}
	for _, s := range series {
		if len(s.got) != len(s.want) {
			t.Fatalf("%s: %d values, wrote %d", s.name, len(s.got), len(s.want))
		}
		for i := range s.got {
			if math.Abs(s.got[i]-s.want[i]) > s.tol*math.Max(1, math.Abs(s.want[i])*1e-12) {
				t.Fatalf("%s[%d]: read %v, wrote %v", s.name, i, s.got[i], s.want[i])
			}
		}
	}
}

// forecastCSV is a forecast file of days days at step minutes; row k is interval k.
func forecastCSV(header string, days, step int, row func(ts string, k int) string) []string {
	lines := []string{header}
	g := wfm.Grid{Start: histStart, Days: days, Step: step}
	for k := range g.Len() {
		lines = append(lines, row(g.Label(k), k))
	}
	return lines
}

func TestReadForecastCSV(t *testing.T) {
	// Hand-written, without bands or model: p10 and p90 default to the calls.
	in := joinLines(forecastCSV("interval_start,calls,aht_seconds", 2, 360, func(ts string, k int) string {
		return fmt.Sprintf("%s,%d.5,%d", ts, k, 100+k)
	}))
	fc, err := ReadCSV(strings.NewReader(in), "f.csv")
	if err != nil {
		t.Fatal(err)
	}
	if want := (wfm.Grid{Start: histStart, Days: 2, Step: 360}); fc.Grid != want || fc.Model != "" || fc.Minnan != nil {
		t.Fatalf("grid %+v model %q minnan %v", fc.Grid, fc.Model, fc.Minnan)
	}
	for k := range 8 {
		c := float64(k) + 0.5
		if fc.Calls[k] != c || fc.P10[k] != c || fc.P90[k] != c || fc.AHT[k] != float64(100+k) {
			t.Fatalf("interval %d: %v %v %v %v", k, fc.Calls[k], fc.P10[k], fc.P90[k], fc.AHT[k])
		}
	}
}

func TestReadForecastCSVOfSomeIntervals(t *testing.T) {
	// A centre open 08:00–20:00 on two weekdays at 30 minutes, the days not starting at midnight
	// and one day missing in between: the unlisted intervals are closed, and the forecast writes
	// back exactly the rows it read.
	var lines []string
	lines = append(lines, "interval_start,calls,calls_p10,calls_p90,aht_seconds,model")
	for _, day := range []string{"2026-03-02", "2026-03-04"} {
		for m := 8 * 60; m < 20*60; m += 30 {
			lines = append(lines, fmt.Sprintf("%sT%02d:%02d:00,%d.00,%d.00,%d.00,240.0,mean4", day, m/60, m%60, m/30, m/30-1, m/30+1))
		}
	}
	fc, err := ReadCSV(strings.NewReader(joinLines(lines)), "f.csv")
	if err != nil {
		t.Fatal(err)
	}
	if want := (wfm.Grid{Start: wfm.DateOf(2026, 3, 2), Days: 3, Step: 30}); fc.Grid != want {
		t.Fatalf("grid %+v, want %+v", fc.Grid, want)
	}
	open := 0
	for i := range fc.Calls {
		d, m := fc.Grid.At(i)
		want := d != wfm.DateOf(2026, 3, 3) && m >= 8*60 && m < 20*60
		if fc.IsClosed(i) == want {
			t.Fatalf("%s: closed %v", fc.Grid.Label(i), fc.IsClosed(i))
		}
		if want {
			open++
			if fc.Calls[i] != float64(m/30) || fc.P10[i] != float64(m/30-1) || fc.AHT[i] != 240 {
				t.Fatalf("%s: calls %v p10 %v aht %v", fc.Grid.Label(i), fc.Calls[i], fc.P10[i], fc.AHT[i])
			}
		} else if fc.Calls[i] != 0 {
			t.Fatalf("%s: closed interval with %v calls", fc.Grid.Label(i), fc.Calls[i])
		}
	}
	var b strings.Builder
	if err := fc.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != joinLines(lines) {
		t.Errorf("round trip of %d open intervals:\n%s", open, got)
	}
}

func TestReadForecastCSVErrors(t *testing.T) {
	const header = "interval_start,calls,calls_p10,calls_p90,aht_seconds,model"
	good := forecastCSV(header, 1, 60, func(ts string, k int) string { return ts + ",10,8,12,300,profile" })
	// good[k-1] is line k; line 2 is 00:00, line 5 is 03:00.
	tests := []struct {
		name  string
		in    string
		line  int
		field string
	}{
		{"empty file", "", 1, ""},
		{"unknown column", joinLines(append([]string{header + ",agents"}, good[1:]...)), 1, "agents"},
		{"missing aht column", joinLines(append([]string{"interval_start,calls"}, "2026-03-01T00:00,1")), 1, "aht_seconds"},
		{"column twice", joinLines(append([]string{header + ",calls"}, good[1:]...)), 1, "calls"},
		{"header only", header + "\n", 2, ""},
		{"single row", joinLines(good[:2]), 2, "interval_start"},
		{"out of order", joinLines(withLine(good, 5, "2026-03-01T01:00:00,10,8,12,300,profile")), 5, "interval_start"},
		{"repeated interval", joinLines(withLine(good, 5, "2026-03-01T02:00:00,10,8,12,300,profile")), 5, "interval_start"},
		{"step not dividing the day", joinLines([]string{header, "2026-03-01T00:00,1,1,1,1,m", "2026-03-01T00:07,1,1,1,1,m"}), 3, "interval_start"},
		{"off the grid", joinLines(withLine(good, 5, "2026-03-01T03:30:00,10,8,12,300,profile")), 5, "interval_start"},
		{"bad timestamp", joinLines(withLine(good, 5, "2026-03-01T03:00:00+8,10,8,12,300,profile")), 5, "interval_start"},
		{"negative calls", joinLines(withLine(good, 5, "2026-03-01T03:00:00,-1,8,12,300,profile")), 5, "calls"},
		{"negative p90", joinLines(withLine(good, 5, "2026-03-01T03:00:00,10,8,-12,300,profile")), 5, "calls_p90"},
		{"non-numeric aht", joinLines(withLine(good, 5, "2026-03-01T03:00:00,10,8,12,long,profile")), 5, "aht_seconds"},
		{"zero aht where calls are expected", joinLines(withLine(good, 5, "2026-03-01T03:00:00,10,8,12,0,profile")), 5, "aht_seconds"},
		{"infinite calls", joinLines(withLine(good, 5, "2026-03-01T03:00:00,+Inf,8,12,300,profile")), 5, "calls"},
		{"calls of 1e308", joinLines(withLine(good, 5, "2026-03-01T03:00:00,1e308,8,12,300,profile")), 5, "calls"},
		{"aht of a year", joinLines(withLine(good, 5, "2026-03-01T03:00:00,10,8,12,31536000,profile")), 5, "aht_seconds"},
		// Several bad fields: always the first of calls, p10, p90, aht, minnan.
		{"two bad fields", joinLines(withLine(good, 5, "2026-03-01T03:00:00,x,8,12,y,profile")), 5, "calls"},
		{"bare quote in the first field", joinLines(withLine(good, 5, `2026-03-01T03"00:00,10,8,12,300,profile`)), 5, ""},
		{"wrong number of fields", joinLines(withLine(good, 5, "2026-03-01T03:00:00,10,8,12,300")), 5, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 5 { // the same input must always blame the same field
				fc, err := ReadCSV(strings.NewReader(tt.in), "f.csv")
				if fc != nil {
					t.Fatal("forecast returned with an error")
				}
				if e := checkInvalid(t, err, tt.line, tt.field); e.File != "f.csv" {
					t.Fatalf("error %v does not name the file", err)
				}
			}
		})
	}
	if _, err := ReadCSV(strings.NewReader(joinLines(good)), "f.csv"); err != nil {
		t.Fatalf("the unedited file: %v", err)
	}
}

func FuzzReadForecastCSV(f *testing.F) {
	var buf bytes.Buffer
	fc := &Forecast{Grid: wfm.Grid{Start: histStart, Days: 1, Step: 360}, Model: "profile",
		Calls: []float64{1, 2, 3, 4}, P10: []float64{0, 1, 2, 3}, P90: []float64{2, 3, 4, 5},
		AHT: []float64{300, 300, 250.5, 0}, Minnan: []float64{0, 1, 1, 0}}
	fc.Calls[3] = 0
	if err := fc.WriteCSV(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("interval_start,calls,aht_seconds\n2026-03-01T00:00,1,1\n2026-03-01T12:00,1,1\n"))
	f.Add([]byte("interval_start,calls,aht_seconds\n2026-03-01T00:00,1,1\n2026-03-01T00:07,1,1\n"))
	f.Add([]byte("interval_start,calls,aht_seconds\n\"2026-03-01T00:00,1,1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fc, err := ReadCSV(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			if e := wfmError(t, err); e.Kind != wfm.KindInvalid {
				t.Fatalf("error kind %s: %v", e.Kind, err)
			}
			return
		}
		if err := fc.Grid.Validate(); err != nil {
			t.Fatalf("grid %+v: %v", fc.Grid, err)
		}
		n := fc.Grid.Len()
		for k, s := range [][]float64{fc.Calls, fc.P10, fc.P90, fc.AHT, fc.Minnan} {
			if s == nil && k == 4 {
				continue
			}
			if len(s) != n {
				t.Fatalf("series %d: %d values for %d intervals", k, len(s), n)
			}
			for i, v := range s {
				if !(v >= 0) || math.IsInf(v, 0) {
					t.Fatalf("series %d interval %d: %v", k, i, v)
				}
			}
		}
		tiny := false
		for i, c := range fc.Calls {
			if c > 0 && !(fc.AHT[i] > 0) {
				t.Fatalf("interval %d: %v calls with handling time %v", i, c, fc.AHT[i])
			}
			tiny = tiny || c > 0 && fc.AHT[i] < ahtPrecision
		}
		if tiny {
			return // a handling time under 0.05 s prints as 0.0 and cannot be read back
		}
		var buf bytes.Buffer
		if err := fc.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		again, err := ReadCSV(&buf, "again.csv")
		if err != nil {
			t.Fatalf("cannot read back what WriteCSV wrote: %v\n%s", err, buf.String())
		}
		checkSameForecast(t, again, fc)
	})
}
