package synth

import (
	"math"
	"reflect"
	"testing"

	"wfm"
	"wfm/calendar"
)

func TestHistoryShapes(t *testing.T) {
	cfg := DefaultHistory(wfm.DateOf(2026, 9, 7), 56, 1) // eight weeks from a Monday, Golden Week inside
	cfg.Calendar = calendar.CN()
	h := History(cfg)
	if !reflect.DeepEqual(h.Calls, History(cfg).Calls) {
		t.Fatal("the same configuration gave another history")
	}
	per := h.Grid.PerDay()
	day := func(d int) (calls float64) {
		for _, c := range h.Calls[d*per : (d+1)*per] {
			calls += c
		}
		return
	}
	// Mondays are busier than Sundays; the National Day holiday is quieter than an ordinary Thursday.
	if day(0) <= day(6) {
		t.Errorf("Monday %v not above Sunday %v", day(0), day(6))
	}
	if holiday, thursday := day(24), day(38); holiday >= thursday { // 1 Oct and 15 Oct 2026, both Thursdays
		t.Errorf("holiday %v not below an ordinary Thursday %v", holiday, thursday)
	}
	// Two peaks: 10:00 and 15:00 well above 03:00 and the lunch dip around 12:30.
	at := func(hour float64) (v float64) {
		i := int(hour * 60 / float64(cfg.Step))
		for d := range 5 {
			v += h.Calls[d*per+i]
		}
		return
	}
	if !(at(10) > 5*at(3) && at(15) > 5*at(3) && at(12.5) < at(10)) {
		t.Errorf("intraday shape: 03:00 %v 10:00 %v 12:30 %v 15:00 %v", at(3), at(10), at(12.5), at(15))
	}
	for i, c := range h.Calls {
		if c < 0 || h.Minnan[i] > c || h.Abandoned[i] > c || (c > 0 && !(h.AHT[i] > 0)) || (c == 0 && !math.IsNaN(h.AHT[i])) {
			t.Fatalf("interval %d: calls %v minnan %v abandoned %v aht %v", i, c, h.Minnan[i], h.Abandoned[i], h.AHT[i])
		}
	}
}
