package wfm

import (
	"encoding/json"
	"testing"
)

func TestCalendar(t *testing.T) {
	// 2026-02-14 is a Saturday, 02-16 a Monday, 02-18 a Wednesday.
	sat, mon, wed := DateOf(2026, 2, 14), DateOf(2026, 2, 16), DateOf(2026, 2, 18)
	c := NewCalendar([]SpecialDay{
		{Date: sat, Kind: Workday, Name: "make-up"},
		{Date: wed, Kind: Holiday, Name: "first"},
		{Date: wed, Kind: Holiday, Name: "Spring Festival"}, // a later entry wins
	})
	tests := []struct {
		cal     *Calendar
		d       Date
		kind    DayKind
		working bool
	}{
		{c, sat, Workday, true},
		{c, sat + 1, Ordinary, false}, // Sunday
		{c, mon, Ordinary, true},
		{c, wed, Holiday, false},
		{c, DateOf(2026, 2, 20), Ordinary, true}, // Friday
		{nil, sat, Ordinary, false},
		{nil, mon, Ordinary, true},
		{&Calendar{}, wed, Ordinary, true},
		{NewCalendar(nil), sat + 1, Ordinary, false},
	}
	for _, tt := range tests {
		if got := tt.cal.Kind(tt.d); got != tt.kind {
			t.Errorf("Kind(%s) = %s, want %s", tt.d, got, tt.kind)
		}
		if got := tt.cal.IsWorkingDay(tt.d); got != tt.working {
			t.Errorf("IsWorkingDay(%s %s) = %v, want %v", tt.d, tt.d.Weekday(), got, tt.working)
		}
	}
	if sd, ok := c.Day(wed); !ok || sd.Name != "Spring Festival" {
		t.Errorf("Day(%s) = %+v, %v", wed, sd, ok)
	}
	if _, ok := (*Calendar)(nil).Day(wed); ok {
		t.Error("nil calendar has a special day")
	}
	for k, want := range map[DayKind]string{Ordinary: "ordinary", Holiday: "holiday", Workday: "workday"} {
		if k.String() != want {
			t.Errorf("%d.String() = %q, want %q", k, k.String(), want)
		}
	}
}

func TestCalendarCovers(t *testing.T) {
	c := NewCalendar(nil)
	c.FirstYear, c.LastYear = 2002, 2027
	tests := []struct {
		cal    *Calendar
		d0, d1 Date
		want   bool
	}{
		{c, DateOf(2026, 1, 1), DateOf(2027, 12, 31), true},
		{c, DateOf(2002, 1, 1), DateOf(2002, 1, 1), true},
		{c, DateOf(2001, 12, 31), DateOf(2002, 1, 31), false},
		{c, DateOf(2027, 12, 1), DateOf(2028, 1, 1), false},
		{NewCalendar(nil), DateOf(1999, 1, 1), DateOf(2099, 1, 1), true},
		{nil, DateOf(1999, 1, 1), DateOf(2099, 1, 1), true},
	}
	for _, tt := range tests {
		if got := tt.cal.Covers(tt.d0, tt.d1); got != tt.want {
			t.Errorf("Covers(%s, %s) = %v, want %v", tt.d0, tt.d1, got, tt.want)
		}
	}
}

func TestSpecialDayJSON(t *testing.T) {
	for _, sd := range []SpecialDay{
		{Date: DateOf(2026, 2, 17), Kind: Holiday, Name: "春节"},
		{Date: DateOf(2026, 2, 14), Kind: Workday},
		{Date: DateOf(2026, 3, 3), Kind: Ordinary},
	} {
		b, err := json.Marshal(sd)
		if err != nil {
			t.Fatal(err)
		}
		var back SpecialDay
		if err := json.Unmarshal(b, &back); err != nil || back != sd {
			t.Errorf("%s decoded as %+v, %v; want %+v", b, back, err, sd)
		}
	}
	// The wire form is the CSV spelling.
	if b, _ := json.Marshal(SpecialDay{Date: DateOf(2026, 2, 14), Kind: Workday}); string(b) != `{"date":"2026-02-14","kind":"workday"}` {
		t.Errorf("encoded as %s", b)
	}
	for _, in := range []string{`{"date":"2026-02-14","kind":"Holiday"}`, `{"date":"2026-02-14","kind":1}`, `{"date":"2026-02-14","kind":"festival"}`} {
		var sd SpecialDay
		if err := json.Unmarshal([]byte(in), &sd); err == nil {
			t.Errorf("%s decoded as %+v", in, sd)
		}
	}
}
