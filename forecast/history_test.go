package forecast

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"wfm"
)

var histStart = wfm.DateOf(2026, 3, 1)

// fullCSV is a valid fortnight of hourly history with every column: line k+2 is interval k
// (hour k%24 of day k/24), with calls = callsOf+5, aht 200, abandoned 1, minnan 2.
func fullCSV() []string {
	return csvRows("interval_start,calls,aht_seconds,abandoned,minnan_calls", histStart, 14, 60,
		func(ts string, d wfm.Date, m int) string {
			return fmt.Sprintf("%s,%d,200,1,2", ts, callsOf(d, m)+5)
		})
}

// withLine returns a copy of lines with 1-based line n replaced by s.
func withLine(lines []string, n int, s string) []string {
	out := append([]string(nil), lines...)
	out[n-1] = s
	return out
}

func TestReadHistoryErrors(t *testing.T) {
	base := fullCSV()
	// base[k-1] is line k; line 7 is 2026-03-01T05:00.
	tests := []struct {
		name        string
		in          string
		line        int
		field       string
		msgContains string
	}{
		{"malformed timestamp", joinLines(withLine(base, 7, "2026-03-01T5:00,3,200,1,2")), 7, "interval_start", "malformed timestamp"},
		{"impossible date", joinLines(withLine(base, 7, "2026-02-30T05:00:00,3,200,1,2")), 7, "interval_start", "bad date"},
		{"negative count", joinLines(withLine(base, 7, "2026-03-01T05:00:00,-3,200,1,2")), 7, "calls", "negative"},
		{"non-numeric count", joinLines(withLine(base, 7, "2026-03-01T05:00:00,many,200,1,2")), 7, "calls", "not a number"},
		{"NaN count", joinLines(withLine(base, 7, "2026-03-01T05:00:00,NaN,200,1,2")), 7, "calls", "not a number"},
		{"empty count", joinLines(withLine(base, 7, "2026-03-01T05:00:00,,200,1,2")), 7, "calls", "empty"},
		{"negative aht", joinLines(withLine(base, 7, "2026-03-01T05:00:00,3,-1,1,2")), 7, "aht_seconds", "negative"},
		// Finite but absurd: 1e308 calls made the forecast print +Inf and NaN.
		{"count of 1e308", joinLines(withLine(base, 7, "2026-03-01T05:00:00,1e308,200,1,2")), 7, "calls", "largest value accepted"},
		{"count above the bound", joinLines(withLine(base, 7, "2026-03-01T05:00:00,1000001,200,1,2")), 7, "calls", "1e+06"},
		{"aht of a year", joinLines(withLine(base, 7, "2026-03-01T05:00:00,3,31536000,1,2")), 7, "aht_seconds", "86400"},
		{"abandoned of 1e300", joinLines(withLine(base, 7, "2026-03-01T05:00:00,3,200,1e300,2")), 7, "abandoned", "largest value accepted"},
		{"minnan of 1e300", joinLines(withLine(base, 7, "2026-03-01T05:00:00,3,200,1,1e300")), 7, "minnan_calls", "largest value accepted"},
		{"date after the supported range", joinLines(withLine(base, 7, "2200-03-01T05:00:00,3,200,1,2")), 7, "interval_start", "bad date"},
		// Line 12 (10:00) repeats the 03:00 of line 5: the later line is blamed, the earlier named.
		{"duplicate interval", joinLines(withLine(base, 12, "2026-03-01T03:00:00,3,200,1,2")), 12, "interval_start", "line 5"},
		{"duplicate interval, in another spelling", joinLines(withLine(base, 12, "2026-03-01 03:00Z,3,200,1,2")), 12, "interval_start", "line 5"},
		// One row at :30 among hourly rows.
		{"mixed interval lengths", joinLines(withLine(base, 9, "2026-03-01T07:30:00,3,200,1,2")), 9, "interval_start", "mixed interval lengths"},
		{"empty file", "", 1, "", "empty file"},
		{"header only", "interval_start,calls\n", 2, "", "no data rows"},
		// The span is a property of the whole file: no single line is to blame.
		{"fewer than 14 days", joinLines(simpleCSV(histStart, 13, 60)), 0, "interval_start", "13 days"},
		{"unknown column", joinLines(append([]string{"interval_start,calls,queue"}, "2026-03-01T00:00,1,2")), 1, "queue", "unknown column"},
		{"missing calls column", joinLines([]string{"interval_start,aht_seconds", "2026-03-01T00:00,1"}), 1, "calls", "missing column"},
		{"missing interval_start column", joinLines([]string{"calls", "1"}), 1, "interval_start", "missing column"},
		{"column twice", joinLines([]string{"interval_start,calls,Calls", "2026-03-01T00:00,1,1"}), 1, "calls", "twice"},
		{"abandoned > calls", joinLines(withLine(base, 7, "2026-03-01T05:00:00,3,200,4,2")), 7, "abandoned", "exceeds"},
		{"minnan_calls > calls", joinLines(withLine(base, 7, "2026-03-01T05:00:00,3,200,1,3.5")), 7, "minnan_calls", "exceeds"},
		{"bad zone suffix", joinLines(withLine(base, 7, "2026-03-01T05:00:00+8,3,200,1,2")), 7, "interval_start", "zone"},
		{"zone with a misplaced colon", joinLines(withLine(base, 7, "2026-03-01T05:00:00+080:0,3,200,1,2")), 7, "interval_start", "zone"},
		{"zone hour out of range", joinLines(withLine(base, 7, "2026-03-01T05:00:00+15:00,3,200,1,2")), 7, "interval_start", "zone"},
		{"seconds not zero", joinLines(withLine(base, 7, "2026-03-01T05:00:30,3,200,1,2")), 7, "interval_start", "whole minute"},
		{"too many fields", joinLines(withLine(base, 7, "2026-03-01T05:00:00,3,200,1,2,9")), 7, "", "fields"},
		// A bare quote in the first field leaves the CSV reader without a field position.
		{"bare quote in the first field", joinLines(withLine(base, 7, `2026"-03-01T05:00:00,3,200,1,2`)), 7, "", "quote"},
		{"unterminated quote", joinLines(withLine(base, 7, `"2026-03-01T05:00:00,3,200,1,2`)), 7, "", "quote"},
		// 7-minute data: the usual gap does not divide the day.
		{"step does not divide the day", joinLines(csvRows("interval_start,calls", histStart, 14, 7, func(ts string, _ wfm.Date, _ int) string { return ts + ",1" })[:200]), 2, "interval_start", "does not divide"},
		{"span beyond ten years", joinLines([]string{"interval_start,calls", "2000-01-01T00:00,1", "2000-01-01T00:01,1", "2026-01-01T00:00,1"}), 0, "interval_start", "at most"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := ReadHistory(strings.NewReader(tt.in), "h.csv")
			if h != nil {
				t.Errorf("got a history alongside the error")
			}
			e := checkInvalid(t, err, tt.line, tt.field)
			if e.File != "h.csv" || !strings.Contains(err.Error(), tt.msgContains) {
				t.Errorf("error %q: want file h.csv and a message containing %q", err, tt.msgContains)
			}
		})
	}
}

func TestReadHistoryDetectsStep(t *testing.T) {
	for _, step := range []int{5, 6, 10, 15, 30, 60} {
		t.Run(fmt.Sprint(step), func(t *testing.T) {
			lines := simpleCSV(histStart, 14, step)
			// Leave out a few intervals: the step comes from the most common gap, not every gap.
			lines = append(lines[:10], lines[13:]...)
			h := mustRead(t, joinLines(lines))
			want := wfm.Grid{Start: histStart, Days: 14, Step: step}
			if h.Grid != want || len(h.Calls) != want.Len() {
				t.Fatalf("grid %+v with %d values, want %+v with %d", h.Grid, len(h.Calls), want, want.Len())
			}
			checkCalls(t, h, func(d wfm.Date, m int) float64 { return float64(callsOf(d, m)) },
				func(i int) bool { return i >= 9 && i <= 11 }) // lines 11–13 left out
		})
	}
}

func TestReadHistoryAccepts(t *testing.T) {
	sorted := simpleCSV(histStart, 14, 30)
	shuffled := append([]string(nil), sorted...)
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(len(shuffled)-1, func(i, j int) { shuffled[i+1], shuffled[j+1] = shuffled[j+1], shuffled[i+1] })
	rewrite := func(f func(string) string) string {
		out := []string{sorted[0]}
		for _, l := range sorted[1:] {
			out = append(out, f(l))
		}
		return joinLines(out)
	}
	ts := func(suffix string) func(string) string {
		return func(l string) string { return strings.Replace(l, ":00,", ":00"+suffix+",", 1) }
	}
	tests := []struct {
		name string
		in   string
	}{
		{"trailing Z", rewrite(ts("Z"))},
		{"+08:00 offset is wall clock, not converted", rewrite(ts("+08:00"))},
		{"-0500 offset", rewrite(ts("-0500"))},
		{"space instead of T, no seconds", rewrite(func(l string) string { return strings.Replace(strings.Replace(l, "T", " ", 1), ":00,", ",", 1) })},
		{"rows in any order", joinLines(shuffled)},
		{"byte order mark in the header", "\ufeff" + joinLines(sorted)},
		{"CRLF line ends and spaces", strings.ReplaceAll(rewrite(func(l string) string { return strings.Replace(l, ",", ", ", 1) }), "\n", "\r\n")},
		{"header in capitals", strings.Replace(joinLines(sorted), "interval_start,calls", "Interval_Start,CALLS", 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := mustRead(t, tt.in)
			if want := (wfm.Grid{Start: histStart, Days: 14, Step: 30}); h.Grid != want {
				t.Fatalf("grid %+v, want %+v", h.Grid, want)
			}
			checkCalls(t, h, func(d wfm.Date, m int) float64 { return float64(callsOf(d, m)) }, nil)
			if h.AHT != nil || h.Abandoned != nil || h.Minnan != nil {
				t.Errorf("optional series present without their columns")
			}
		})
	}
}

func TestReadHistoryMissingIntervalsAreNaN(t *testing.T) {
	// Hourly fortnight without day 3 and without 00:00–05:00 of every day.
	lines := csvRows("interval_start,calls", histStart, 14, 60, func(ts string, d wfm.Date, m int) string {
		if d == histStart.AddDays(3) || m < 6*60 {
			return ""
		}
		return fmt.Sprintf("%s,%d", ts, callsOf(d, m))
	})
	h := mustRead(t, joinLines(lines))
	if h.Grid.Days != 14 || h.Grid.Step != 60 {
		t.Fatalf("grid %+v", h.Grid)
	}
	checkCalls(t, h, func(d wfm.Date, m int) float64 { return float64(callsOf(d, m)) },
		func(i int) bool { return i/24 == 3 || i%24 < 6 })
}

func TestReadHistoryOptionalColumns(t *testing.T) {
	// Columns in another order; line 4 (interval 2) leaves aht and minnan blank.
	lines := csvRows("minnan_calls,interval_start,abandoned,calls,aht_seconds", histStart, 14, 60,
		func(ts string, d wfm.Date, m int) string {
			c := callsOf(d, m) + 4
			return fmt.Sprintf("%d,%s,%d,%d,%d.5", c/4, ts, c/2, c, 100+m/60)
		})
	lines[3] = "," + strings.Split(lines[3], ",")[1] + ",1,7,"
	h := mustRead(t, joinLines(lines))
	for i := range h.Calls {
		d, m := h.Grid.At(i)
		c := callsOf(d, m) + 4
		want := [4]float64{float64(c), float64(100+m/60) + 0.5, float64(c / 2), float64(c / 4)}
		if i == 2 {
			want = [4]float64{7, math.NaN(), 1, math.NaN()}
		}
		got := [4]float64{h.Calls[i], h.AHT[i], h.Abandoned[i], h.Minnan[i]}
		for k := range got {
			if !sameValue(got[k], want[k]) {
				t.Fatalf("interval %s: calls, aht, abandoned, minnan = %v, want %v", h.Grid.Label(i), got, want)
			}
		}
	}
}

func TestReadHistoryRealData(t *testing.T) {
	h := realHistory(t)
	// The file: every 6-minute interval of 1999 (README: 365 × 240 = 87,600 rows).
	if want := (wfm.Grid{Start: wfm.DateOf(1999, 1, 1), Days: 365, Step: 6}); h.Grid != want {
		t.Fatalf("grid %+v, want %+v", h.Grid, want)
	}
	for i, v := range h.Calls {
		if math.IsNaN(v) || v < 0 {
			t.Fatalf("interval %s: %v", h.Grid.Label(i), v)
		}
	}
	// First rows of the file: 1999-01-01T00:00:00,2 then 00:06,0.
	if h.Calls[0] != 2 || h.Calls[1] != 0 {
		t.Errorf("first intervals %v, want [2 0]", h.Calls[:2])
	}
}

func mustRead(t *testing.T, in string) *History {
	t.Helper()
	h, err := ReadHistory(strings.NewReader(in), "h.csv")
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// checkCalls compares h.Calls with want, expecting NaN where missing(i) holds.
func checkCalls(t *testing.T, h *History, want func(wfm.Date, int) float64, missing func(int) bool) {
	t.Helper()
	for i, got := range h.Calls {
		d, m := h.Grid.At(i)
		w := want(d, m)
		if missing != nil && missing(i) {
			w = math.NaN()
		}
		if !sameValue(got, w) {
			t.Fatalf("interval %s: calls %v, want %v", h.Grid.Label(i), got, w)
		}
	}
}

// sameValue is equality that treats NaN as equal to NaN.
func sameValue(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

func TestParseWallClock(t *testing.T) {
	d := wfm.DateOf(2026, 3, 1)
	tests := []struct {
		in     string
		date   wfm.Date
		minute int
		ok     bool
	}{
		{"2026-03-01T08:30:00", d, 510, true},
		{"2026-03-01T08:30", d, 510, true},
		{"2026-03-01 08:30", d, 510, true},
		{"2026-03-01T23:59:00Z", d, 1439, true},
		{"2026-03-01T00:00:00+08:00", d, 0, true},
		{"2026-03-01T00:00:00-0330", d, 0, true},
		{"2026-03-01T00:00+14:00", d, 0, true},
		{"2026-03-01T24:00", 0, 0, false},
		{"2026-03-01T08:60", 0, 0, false},
		{"2026-03-01T08:30:60", 0, 0, false},
		{"2026-03-01T08:30:01", 0, 0, false},
		{"2026-03-01T8:30", 0, 0, false},
		{"2026-03-01", 0, 0, false},
		{"2026-03-01X08:30", 0, 0, false},
		{"2026-13-01T08:30", 0, 0, false},
		{"2026-03-01T08:30:00+8", 0, 0, false},
		{"2026-03-01T08:30:00+08:0", 0, 0, false},
		{"2026-03-01T08:30:00+0800Z", 0, 0, false},
		{"2026-03-01T08:30:00 ", 0, 0, false},
		{"2026-03-01T08:30:00.000", 0, 0, false},
		{"2026-03-01T08:30:0", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, tt := range tests {
		date, minute, err := ParseWallClock(tt.in)
		if (err == nil) != tt.ok || tt.ok && (date != tt.date || minute != tt.minute) {
			t.Errorf("ParseWallClock(%q) = %s, %d, %v; want %s, %d, ok=%v", tt.in, date, minute, err, tt.date, tt.minute, tt.ok)
		}
	}
}

// historySeeds are inputs for the history fuzz target: small valid files and one of each error.
// They are kept short (daily rows) so that the fuzzer's minimisation of interesting inputs is quick.
func historySeeds() []string {
	daily := csvRows("interval_start,calls,aht_seconds,abandoned,minnan_calls", histStart, 14, wfm.MinutesPerDay,
		func(ts string, d wfm.Date, m int) string { return fmt.Sprintf("%s,%d,200,1,2", ts, callsOf(d, m)+5) })
	return []string{
		joinLines(daily),
		joinLines(simpleCSV(histStart, 14, 1440)),
		joinLines(withLine(daily, 12, daily[4])),
		joinLines(withLine(daily, 9, "2026-03-08T07:30:00+08:00,3,200,1,2")),
		joinLines(withLine(daily, 7, `2026"-03-06T00:00:00,3,200,1,2`)),
		joinLines(withLine(daily, 7, "2026-03-06T00:00:00,3,200,4,2")),
		"interval_start,calls\n2026-03-01T00:00,1\n2026-03-01T00:01,1\n2026-03-15T00:00,1\n",
		"\ufeffinterval_start,calls\n",
		"",
	}
}

func FuzzReadHistory(f *testing.F) {
	for _, s := range historySeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := ReadHistory(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			if e := wfmError(t, err); e.Kind != wfm.KindInvalid {
				t.Fatalf("error kind %s: %v", e.Kind, err)
			}
			return
		}
		if err := h.Grid.Validate(); err != nil {
			t.Fatalf("invalid grid %+v: %v", h.Grid, err)
		}
		if h.Grid.Days < MinHistoryDays || h.Grid.Days > MaxHistoryDays {
			t.Fatalf("history of %d days accepted", h.Grid.Days)
		}
		n := h.Grid.Len()
		if len(h.Calls) != n {
			t.Fatalf("%d calls for %d intervals", len(h.Calls), n)
		}
		observed := 0
		for k, s := range [][]float64{h.Calls, h.AHT, h.Abandoned, h.Minnan} {
			if s == nil {
				continue
			}
			if len(s) != n {
				t.Fatalf("series %d has %d values for %d intervals", k, len(s), n)
			}
			for i, v := range s {
				if v < 0 || math.IsInf(v, 0) {
					t.Fatalf("series %d interval %d: %v", k, i, v)
				}
				if k > 1 && v > h.Calls[i] {
					t.Fatalf("series %d interval %d: %v exceeds calls %v", k, i, v, h.Calls[i])
				}
			}
		}
		for _, v := range h.Calls {
			if !math.IsNaN(v) {
				observed++
			}
		}
		// The first and last days hold data: the grid spans exactly the rows.
		p := h.Grid.PerDay()
		if observed == 0 || allNaN(h.Calls[:p]) || allNaN(h.Calls[n-p:]) {
			t.Fatalf("grid %+v does not span its rows", h.Grid)
		}
	})
}

func allNaN(v []float64) bool {
	for _, x := range v {
		if !math.IsNaN(x) {
			return false
		}
	}
	return true
}

func FuzzParseWallClock(f *testing.F) {
	for _, s := range []string{"2026-03-01T08:30:00", "2026-03-01 08:30", "2026-03-01T00:00:00+08:00",
		"2026-03-01T23:59Z", "2026-03-01T08:30:01", "1999-12-31T24:00", "0000-01-01T00:00-1400"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, m, err := ParseWallClock(s)
		if err != nil {
			return
		}
		if m < 0 || m >= wfm.MinutesPerDay {
			t.Fatalf("%q: minute %d", s, m)
		}
		// The date and time of day read back as written.
		if got := fmt.Sprintf("%s %02d:%02d", d, m/60, m%60); got != s[:10]+" "+s[11:16] {
			t.Fatalf("%q parsed as %s", s, got)
		}
	})
}

// TestNewHistoryBoundsValues: history kept in the service's store is checked as a CSV upload is,
// so a value no upload could carry (an absurd count, a date out of range) is refused on the way
// back too, naming the record and the column.
func TestNewHistoryBoundsValues(t *testing.T) {
	nan := math.NaN()
	good := func() []Record {
		var out []Record
		for d := range 14 {
			for h := range 24 {
				out = append(out, Record{Date: histStart.AddDays(d), Minute: h * 60, Calls: 10, AHT: 200, Abandoned: nan, Minnan: nan})
			}
		}
		return out
	}
	if _, err := NewHistory(good()); err != nil {
		t.Fatalf("two good weeks: %v", err)
	}
	tests := []struct {
		name  string
		edit  func(r *Record)
		field string
	}{
		{"calls of 1e308", func(r *Record) { r.Calls = 1e308 }, colCalls},
		{"calls +Inf", func(r *Record) { r.Calls = math.Inf(1) }, colCalls},
		{"calls NaN", func(r *Record) { r.Calls = nan }, colCalls},
		{"aht of 1e9 s", func(r *Record) { r.AHT = 1e9 }, colAHT},
		{"abandoned above the calls", func(r *Record) { r.Abandoned = 11 }, colAbandoned},
		{"minnan -1", func(r *Record) { r.Minnan = -1 }, colMinnan},
		{"a date past the supported range", func(r *Record) { r.Date = wfm.MaxDate.AddDays(1) }, colStart},
	}
	for _, tt := range tests {
		recs := good()
		tt.edit(&recs[30])
		_, err := NewHistory(recs)
		var e *wfm.Error
		if !errors.As(err, &e) || e.Field != tt.field || !strings.Contains(e.Message, "record 31") {
			t.Errorf("%s: NewHistory = %v, want an error naming record 31 and %s", tt.name, err, tt.field)
		}
	}
}
