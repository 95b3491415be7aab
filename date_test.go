package wfm

import (
	"encoding/json"
	"testing"
	"time"
)

func TestDateRoundTrip(t *testing.T) {
	// Days since 1970-01-01, counted by hand: 1999 starts 29 years (7 of them leap: 72 76 80 84
	// 88 92 96) after, 29·365+7 = 10592; 2026-02-17 is 56 years (14 leap) + 31 + 16 days on.
	tests := []struct {
		s    string
		days Date
	}{
		{"1970-01-01", 0},
		{"1969-12-31", -1},
		{"1999-01-01", 10592},
		{"2026-02-17", 56*365 + 14 + 31 + 16},
		{"2000-02-29", 11016},
		{"1900-01-01", -25567}, // MinDate: 70 years of 365 days and 17 leap days (1904…1968) before 1970
		{"2199-12-31", 84005},  // MaxDate
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.s)
		if err != nil || d != tt.days {
			t.Errorf("ParseDate(%q) = %d, %v; want %d", tt.s, d, err, tt.days)
		}
		if got := tt.days.String(); got != tt.s {
			t.Errorf("Date(%d).String() = %q, want %q", tt.days, got, tt.s)
		}
		b, err := json.Marshal(tt.days)
		if err != nil || string(b) != `"`+tt.s+`"` {
			t.Errorf("json.Marshal(%d) = %s, %v", tt.days, b, err)
		}
		var back Date
		if err := json.Unmarshal(b, &back); err != nil || back != tt.days {
			t.Errorf("json.Unmarshal(%s) = %d, %v", b, back, err)
		}
	}
}

func TestParseDateRejects(t *testing.T) {
	for _, s := range []string{"", "1999-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "26-01-01", "2026/01/01",
		"2026-01-01T00:00", " 2026-01-01", "+999-01-01", "-999-01-01", "２０２６-01-01",
		// Well-formed but outside the supported range: a horizon from 9999-12-31 would end in a
		// year YYYY-MM-DD cannot write, and nothing stored with it could be read back.
		"0001-01-01", "1899-12-31", "2200-01-01", "9999-12-31"} {
		if d, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) = %s, want an error", s, d)
		}
	}
}

func TestSupportedDates(t *testing.T) {
	if MinDate.String() != "1900-01-01" || MaxDate.String() != "2199-12-31" {
		t.Fatalf("supported range %s to %s", MinDate, MaxDate)
	}
	tests := []struct {
		start Date
		days  int
		ok    bool
	}{
		{MinDate, 1, true},
		{MaxDate, 1, true},
		{MaxDate.AddDays(-6), 7, true},
		{MaxDate.AddDays(-6), 8, false}, // one day past MaxDate
		{MinDate.AddDays(-1), 2, false}, // starts the day before MinDate
		{DateOf(9999, 12, 31), 7, false},
	}
	for _, tt := range tests {
		err := CheckSpan("days", tt.start, tt.days)
		if (err == nil) != tt.ok {
			t.Errorf("CheckSpan(%s, %d) = %v, want ok=%v", tt.start, tt.days, err, tt.ok)
		}
		if err != nil && (ErrorKind(err) != KindInvalid || err.(*Error).Field != "days") {
			t.Errorf("CheckSpan(%s, %d): %#v, want an invalid error naming days", tt.start, tt.days, err)
		}
		if err := (Grid{Start: tt.start, Days: tt.days, Step: 30}).Validate(); (err == nil) != tt.ok {
			t.Errorf("Grid from %s for %d days: Validate = %v, want ok=%v", tt.start, tt.days, err, tt.ok)
		}
	}
}

func TestDateJSON(t *testing.T) {
	var v struct {
		From Date `json:"from"`
		To   Date `json:"to"`
	}
	if err := json.Unmarshal([]byte(`{"from":"2026-12-01","to":"2026-12-31"}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.From != DateOf(2026, 12, 1) || v.To-v.From != 30 {
		t.Errorf("decoded %s..%s", v.From, v.To)
	}
	for _, in := range []string{`{"from":20261201}`, `{"from":"2026-12-32"}`, `{"from":"1 Dec 2026"}`, `{"from":null}`} {
		if err := json.Unmarshal([]byte(in), &v); err == nil {
			t.Errorf("%s decoded without error", in)
		}
	}
}

func TestWeekday(t *testing.T) {
	tests := []struct {
		d    Date
		want time.Weekday
	}{
		{0, time.Thursday},                   // 1970-01-01
		{-1, time.Wednesday},                 // 1969-12-31
		{-7, time.Thursday},                  // 1969-12-25
		{DateOf(1999, 11, 1), time.Monday},   // the forecast start of the band test
		{DateOf(2026, 2, 17), time.Tuesday},  // Spring Festival 2026
		{DateOf(2026, 2, 14), time.Saturday}, // a make-up working day
		{DateOf(2000, 2, 29), time.Tuesday},  // a leap day
		{DateOf(1900, 1, 1), time.Monday},    // before the epoch, not a leap year
	}
	for _, tt := range tests {
		if got := tt.d.Weekday(); got != tt.want {
			t.Errorf("%s.Weekday() = %s, want %s", tt.d, got, tt.want)
		}
	}
	// The day arithmetic agrees with the time package across four centuries either side of 1970.
	for d := DateOf(1600, 1, 1); d < DateOf(2400, 1, 1); d += 97 {
		tm := d.Time(time.UTC)
		if d.Weekday() != tm.Weekday() || DateFromTime(tm) != d || d.Year() != tm.Year() {
			t.Fatalf("%d: weekday %s year %d, time package says %s %d", d, d.Weekday(), d.Year(), tm.Weekday(), tm.Year())
		}
	}
}

func TestDateFromTimeUsesTheClockOfTheTime(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	// 00:30 on 1 March in Shanghai is still 28 February in UTC: the civil date is the local one.
	tm := time.Date(2026, 3, 1, 0, 30, 0, 0, shanghai)
	if got := DateFromTime(tm); got != DateOf(2026, 3, 1) {
		t.Errorf("DateFromTime(%v) = %s, want 2026-03-01", tm, got)
	}
	if got := DateOf(2026, 3, 1).Time(shanghai); !got.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, shanghai)) {
		t.Errorf("Time(Shanghai) = %v", got)
	}
	if got := DateOf(2026, 2, 27).AddDays(2); got != DateOf(2026, 3, 1) {
		t.Errorf("2026-02-27 + 2 days = %s", got)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-02-17", "0000-01-01", "9999-12-31", "2026-02-29", "+999-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if got := d.String(); got != s {
			t.Fatalf("ParseDate(%q) = %s", s, got)
		}
	})
}
