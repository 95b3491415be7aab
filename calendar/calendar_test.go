package calendar

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"wfm"
)

func date(y int, m time.Month, d int) wfm.Date { return wfm.DateOf(y, m, d) }

func TestCN(t *testing.T) {
	// From the State Council notices (国务院办公厅关于2026年部分节假日安排的通知 and the 2027 one as
	// tabulated by lunar-go v1.4.7): Spring Festival 15–23 Feb 2026 with make-up working Saturdays
	// 14 and 28 Feb; New Year 1–3 Jan 2026 with Sunday 4 Jan worked; National Day 1–7 Oct 2027.
	cn := CN()
	tests := []struct {
		d       wfm.Date
		kind    wfm.DayKind
		name    string
		working bool
	}{
		{date(2026, 2, 17), wfm.Holiday, "春节", false},  // a Tuesday
		{date(2026, 2, 15), wfm.Holiday, "春节", false},  // a Sunday
		{date(2026, 2, 23), wfm.Holiday, "春节", false},  // a Monday
		{date(2026, 2, 14), wfm.Workday, "春节", true},   // a Saturday
		{date(2026, 2, 28), wfm.Workday, "春节", true},   // a Saturday
		{date(2026, 1, 1), wfm.Holiday, "元旦节", false},  // a Thursday
		{date(2026, 1, 4), wfm.Workday, "元旦节", true},   // a Sunday
		{date(2027, 10, 1), wfm.Holiday, "国庆节", false}, // a Friday
		{date(2026, 2, 24), wfm.Ordinary, "", true},    // the Tuesday after
		{date(2026, 3, 7), wfm.Ordinary, "", false},    // an ordinary Saturday
		{date(2010, 10, 1), wfm.Holiday, "国庆节", false}, // an older year the table covers
	}
	for _, tt := range tests {
		sd, ok := cn.Day(tt.d)
		if cn.Kind(tt.d) != tt.kind || ok != (tt.kind != wfm.Ordinary) || sd.Name != tt.name || ok && sd.Date != tt.d {
			t.Errorf("%s (%s): kind %s, day %+v, %v; want %s %q", tt.d, tt.d.Weekday(), cn.Kind(tt.d), sd, ok, tt.kind, tt.name)
		}
		if got := cn.IsWorkingDay(tt.d); got != tt.working {
			t.Errorf("%s: working day %v, want %v", tt.d, got, tt.working)
		}
	}
	for _, c := range []struct {
		d0, d1 wfm.Date
		want   bool
	}{
		{date(2026, 1, 1), date(2026, 12, 31), true},
		{date(2026, 12, 1), date(2027, 1, 31), true},
		{date(2030, 1, 1), date(2030, 12, 31), false},
		{date(2027, 12, 1), date(2028, 1, 31), false},
		{date(1999, 1, 1), date(1999, 12, 31), false},
	} {
		if got := cn.Covers(c.d0, c.d1); got != c.want {
			t.Errorf("Covers(%s, %s) = %v, want %v", c.d0, c.d1, got, c.want)
		}
	}
	// Every year holds its Spring Festival and National Day, and each make-up day is a weekend day.
	for y := cnFirstYear; y <= cnLastYear; y++ {
		names := map[string]bool{}
		for d := date(y, 1, 1); d <= date(y, 12, 31); d++ {
			sd, ok := cn.Day(d)
			if !ok {
				continue
			}
			names[sd.Name] = true
			if wd := d.Weekday(); sd.Kind == wfm.Workday && wd != time.Saturday && wd != time.Sunday {
				t.Errorf("%s: make-up working day on a %s", d, wd)
			}
		}
		if !names["春节"] || !names["国庆节"] && !names["国庆中秋"] {
			t.Errorf("%d: holidays %v lack Spring Festival or National Day", y, names)
		}
	}
}

func TestLoad(t *testing.T) {
	feb17 := date(2026, 2, 17)
	for _, spec := range []string{"cn", ""} {
		c, err := Load(spec)
		if err != nil || c.Kind(feb17) != wfm.Holiday || c.Covers(date(2030, 1, 1), date(2030, 1, 1)) {
			t.Errorf("Load(%q): %v, kind of %s %s", spec, err, feb17, c.Kind(feb17))
		}
	}
	c, err := Load("none")
	if err != nil || c.Kind(feb17) != wfm.Ordinary || !c.Covers(date(2030, 1, 1), date(2030, 1, 1)) || c.IsWorkingDay(date(2026, 2, 14)) {
		t.Errorf(`Load("none"): %v; want a calendar without special days for any year`, err)
	}
	c, err = Load("testdata/special-days.csv")
	if err != nil {
		t.Fatal(err)
	}
	for d, want := range map[wfm.Date]wfm.DayKind{date(1999, 9, 20): wfm.Holiday, date(1999, 9, 19): wfm.Holiday,
		date(2026, 2, 28): wfm.Workday, date(2026, 2, 17): wfm.Ordinary} {
		if c.Kind(d) != want {
			t.Errorf("file calendar: %s is %s, want %s", d, c.Kind(d), want)
		}
	}
	for _, spec := range []string{"testdata/no-such-file.csv", "CN", "testdata"} {
		_, err := Load(spec)
		var e *wfm.Error
		if !errors.As(err, &e) || e.Kind != wfm.KindInvalid || e.Field != "holidays" && e.File != spec {
			t.Errorf("Load(%q): error %v, want an invalid-input error naming the holidays setting or the file", spec, err)
		}
	}
}

func TestReadCSV(t *testing.T) {
	in := "\ufeffName,Kind,Date\r\nPassover,Holiday,1999-04-01\r\n\r\n  Make-up , workday ,2026-02-28\r\n"
	c, err := ReadCSV(strings.NewReader(in), "h.csv")
	if err != nil {
		t.Fatal(err)
	}
	if sd, _ := c.Day(date(1999, 4, 1)); sd != (wfm.SpecialDay{Date: date(1999, 4, 1), Kind: wfm.Holiday, Name: "Passover"}) {
		t.Errorf("1999-04-01: %+v", sd)
	}
	if sd, _ := c.Day(date(2026, 2, 28)); sd != (wfm.SpecialDay{Date: date(2026, 2, 28), Kind: wfm.Workday, Name: "Make-up"}) {
		t.Errorf("2026-02-28: %+v", sd)
	}
	// A header alone is a calendar without special days.
	c, err = ReadCSV(strings.NewReader("date,kind\n"), "h.csv")
	if err != nil || c.Kind(date(1999, 4, 1)) != wfm.Ordinary {
		t.Errorf("header only: %v", err)
	}
}

func TestReadCSVErrors(t *testing.T) {
	tests := []struct {
		name, in, field string
		line            int
		msg             string
	}{
		{"empty", "", "", 1, "empty file"},
		{"missing kind column", "date,name\n1999-04-01,Passover\n", "kind", 1, "missing column"},
		{"missing date column", "day,kind\n1999-04-01,holiday\n", "date", 1, "missing column"},
		{"bad date", "date,kind\n1999-04-01,holiday\n1999-02-30,holiday\n", "date", 3, "YYYY-MM-DD"},
		{"empty date", "date,kind\n,holiday\n", "date", 2, "YYYY-MM-DD"},
		{"bad kind", "date,kind\n1999-04-01,festival\n", "kind", 2, "holiday or workday"},
		{"missing kind", "date,kind,name\n1999-04-01\n", "kind", 2, "holiday or workday"},
		{"duplicate date", "date,kind\n1999-04-01,holiday\n1999-04-02,holiday\n1999-04-01,workday\n", "date", 4, "first on line 2"},
		{"bare quote in the first field", "date,kind\n1999\"-04-01,holiday\n", "", 2, "quote"},
		{"unterminated quote", "date,kind\n1999-04-01,holiday\n\"1999-04-02,holiday\n", "", 3, "quote"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ReadCSV(strings.NewReader(tt.in), "h.csv")
			var e *wfm.Error
			if c != nil || !errors.As(err, &e) {
				t.Fatalf("calendar %v, error %v (%T); want a *wfm.Error", c, err, err)
			}
			if e.Kind != wfm.KindInvalid || e.File != "h.csv" || e.Line != tt.line || e.Field != tt.field || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q: kind %s line %d field %q; want invalid, h.csv line %d field %q, message with %q",
					err, e.Kind, e.Line, e.Field, tt.line, tt.field, tt.msg)
			}
		})
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("date,kind,name\n1999-09-20,holiday,Yom Kippur\n2026-02-28,workday,\n"))
	f.Add([]byte("date,kind\n1999\"-04-01,holiday\n"))
	f.Add([]byte("\ufeffkind,date\nholiday,1999-04-01\nholiday,1999-04-01\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ReadCSV(bytes.NewReader(data), "fuzz.csv")
		if err != nil {
			var e *wfm.Error
			if !errors.As(err, &e) || e.Kind != wfm.KindInvalid || e.Line < 1 {
				t.Fatalf("error %v: want an invalid-input error with a line", err)
			}
			return
		}
		if c == nil {
			t.Fatal("nil calendar without an error")
		}
	})
}
