package wfm

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func TestWallTime(t *testing.T) {
	for _, s := range []string{"2026-12-01T09:30", "1969-12-31T23:59", "2199-12-31T00:00"} {
		w, err := ParseWallTime(s)
		if err != nil {
			t.Fatal(err)
		}
		if w.String() != s {
			t.Errorf("%s read back as %s", s, w)
		}
		b, _ := json.Marshal(w)
		var back WallTime
		if err := json.Unmarshal(b, &back); err != nil || back != w {
			t.Errorf("%s: JSON round trip gave %v, %v", s, back, err)
		}
	}
	if w, err := ParseWallTime("2026-12-01"); err != nil || w != WallTimeOf(DateOf(2026, 12, 1), 0) {
		t.Errorf("a bare date is its midnight: %v, %v", w, err)
	}
	for _, bad := range []string{"", "2026-12-01T24:00", "2026-12-01 09:30", "2026-13-01T00:00", "2026-12-01T9:30"} {
		if _, err := ParseWallTime(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestDeferredDeadline counts working days on the Chinese calendar of 2026: National Day 1–8
// October (a holiday on a Thursday to the next Thursday), with Sunday 27 September and Saturday
// 10 October worked as make-up days.
func TestDeferredDeadline(t *testing.T) {
	cal := NewCalendar([]SpecialDay{
		{Date: DateOf(2026, 9, 27), Kind: Workday}, {Date: DateOf(2026, 10, 10), Kind: Workday},
		{Date: DateOf(2026, 10, 1), Kind: Holiday}, {Date: DateOf(2026, 10, 2), Kind: Holiday},
		{Date: DateOf(2026, 10, 5), Kind: Holiday}, {Date: DateOf(2026, 10, 6), Kind: Holiday},
		{Date: DateOf(2026, 10, 7), Kind: Holiday}, {Date: DateOf(2026, 10, 8), Kind: Holiday},
	})
	at := func(y int, m time.Month, d, hh, mm int) WallTime { return WallTimeOf(DateOf(y, m, d), hh*60+mm) }
	end := func(y int, m time.Month, d int) WallTime { return WallTimeOf(DateOf(y, m, d).AddDays(1), 0) }
	tests := []struct {
		release WallTime
		days    int
		want    WallTime
	}{
		{at(2026, 12, 1, 9, 0), 1, end(2026, 12, 2)},   // Tuesday → Wednesday
		{at(2026, 12, 4, 23, 0), 1, end(2026, 12, 7)},  // Friday → Monday
		{at(2026, 12, 5, 10, 0), 1, end(2026, 12, 7)},  // Saturday → Monday
		{at(2026, 12, 1, 9, 0), 3, end(2026, 12, 4)},   // Tuesday → Friday
		{at(2026, 12, 1, 9, 0), 0, end(2026, 12, 1)},   // the same day
		{at(2026, 9, 26, 12, 0), 1, end(2026, 9, 27)},  // Saturday → the make-up Sunday
		{at(2026, 9, 30, 12, 0), 1, end(2026, 10, 9)},  // through the holiday to Friday 9 Oct
		{at(2026, 9, 30, 12, 0), 2, end(2026, 10, 10)}, // then the make-up Saturday
		{at(2026, 10, 3, 12, 0), 3, end(2026, 10, 12)}, // from inside the holiday
		{at(2026, 9, 25, 17, 30), 2, end(2026, 9, 28)}, // Friday → make-up Sunday → Monday
		{at(2026, 12, 31, 23, 59), 2, end(2027, 1, 4)}, // across the year: Friday 1 Jan is a weekday here
	}
	for _, tt := range tests {
		w := DeferredWork{DeadlineDays: tt.days}
		if got := w.Deadline(cal, tt.release); got != tt.want {
			t.Errorf("released %s, %d working days: due %s, want %s", tt.release, tt.days, got, tt.want)
		}
	}
}

func TestValidateDeferred(t *testing.T) {
	ok := DeferredWork{ID: "C1", Kind: DeferredFollowUp, Minutes: 12, Release: WallTimeOf(DateOf(2026, 12, 1), 600), DeadlineDays: 1, Level: 1, Line: 2}
	if err := ValidateDeferred([]DeferredWork{ok}); err != nil {
		t.Fatal(err)
	}
	with := func(f func(*DeferredWork)) DeferredWork { w := ok; f(&w); return w }
	tests := []struct {
		name  string
		items []DeferredWork
		field string
		msg   string
	}{
		{"no id", []DeferredWork{with(func(w *DeferredWork) { w.ID = "" })}, "id", "not an id"},
		{"kind", []DeferredWork{with(func(w *DeferredWork) { w.Kind = "complaint" })}, "kind", "not one of"},
		{"neither minutes", []DeferredWork{with(func(w *DeferredWork) { w.Minutes = 0 })}, "minutes", "either"},
		{"both minutes", []DeferredWork{with(func(w *DeferredWork) { w.TotalMinutes = 30 })}, "minutes", "either"},
		{"negative minutes", []DeferredWork{with(func(w *DeferredWork) { w.Minutes = -3 })}, "minutes", "either"},
		{"NaN minutes", []DeferredWork{with(func(w *DeferredWork) { w.Minutes = math.NaN() })}, "minutes", "either"},
		{"too much", []DeferredWork{with(func(w *DeferredWork) { w.Count = 100_000; w.Minutes = 11 })}, "minutes", "at most"},
		{"total with count", []DeferredWork{with(func(w *DeferredWork) { w.Minutes, w.TotalMinutes, w.Count = 0, 60, 3 })}, "total_minutes", "whole item"},
		{"count", []DeferredWork{with(func(w *DeferredWork) { w.Count = -1 })}, "count", "from 0"},
		{"deadline", []DeferredWork{with(func(w *DeferredWork) { w.DeadlineDays = 61 })}, "deadline_working_days", "from 0 to 60"},
		{"skill", []DeferredWork{with(func(w *DeferredWork) { w.Skill = "cantonese" })}, "skill", "minnan"},
		{"level", []DeferredWork{with(func(w *DeferredWork) { w.Level = 4 })}, "level", "1, 2 or 3"},
		{"release", []DeferredWork{with(func(w *DeferredWork) { w.Release = WallTimeOf(MaxDate.AddDays(1), 0) })}, "release", "supported"},
		{"self", []DeferredWork{with(func(w *DeferredWork) { w.After = "C1" })}, "after", "itself"},
		{"duplicate", []DeferredWork{ok, with(func(w *DeferredWork) { w.Line = 3 })}, "id", "first on line 2"},
		{"after unknown", []DeferredWork{with(func(w *DeferredWork) { w.After = "C9" })}, "after", "listed before"},
		{"after later", []DeferredWork{with(func(w *DeferredWork) { w.After = "C2" }), with(func(w *DeferredWork) { w.ID, w.Line = "C2", 3 })}, "after", "listed before"},
	}
	noLine := with(func(w *DeferredWork) { w.Line, w.Kind = 0, "x" })
	var e *Error
	if err := ValidateDeferred([]DeferredWork{ok, noLine}); !errors.As(err, &e) || e.Field != "items[1].kind" {
		t.Errorf("an item not read from a file is named by its place: %v", err)
	}
	for _, tt := range tests {
		err := ValidateDeferred(tt.items)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: got %v, want an *Error", tt.name, err)
			continue
		}
		if e.Rule != "R25" || e.Field != tt.field || e.Line == 0 || !strings.Contains(e.Message, tt.msg) {
			t.Errorf("%s: got %+v, want R25, field %s, a line, %q", tt.name, e, tt.field, tt.msg)
		}
	}
}

func TestDeferredWork(t *testing.T) {
	w := DeferredWork{Count: 3, Minutes: 12}
	if w.Work() != 36 || w.Pieces() != 3 {
		t.Errorf("3 × 12 min: work %g, pieces %d", w.Work(), w.Pieces())
	}
	w = DeferredWork{TotalMinutes: 90}
	if w.Work() != 90 || w.Pieces() != 1 {
		t.Errorf("90 min in total: work %g, pieces %d", w.Work(), w.Pieces())
	}
}
