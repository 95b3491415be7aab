package wfm

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestAdjustmentValidate(t *testing.T) {
	num := func(x float64) *float64 { return &x }
	ok := Adjustment{From: "2026-10-08", To: "2026-10-08T12:00", Factor: num(1.2), Reason: "rebound"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	from, to, _ := ok.Bounds()
	if day := int64(DateOf(2026, 10, 8)) * MinutesPerDay; from != day || to != day+12*60 {
		t.Errorf("bounds %d–%d", from, to)
	}
	if _, to, _ := (Adjustment{From: "2026-10-08", To: "2026-10-09"}).Bounds(); to != int64(DateOf(2026, 10, 10))*MinutesPerDay {
		t.Errorf("a date as the end means the end of that day: %d", to)
	}
	for _, c := range []struct {
		field string
		edit  func(a *Adjustment)
	}{
		{"from", func(a *Adjustment) { a.From = "8 Oct" }},
		{"from", func(a *Adjustment) { a.From = "2026-10-08T25:00" }},
		{"from", func(a *Adjustment) { a.From = "2026-10-08T09:00:30" }},
		{"to", func(a *Adjustment) { a.To = "" }},
		{"to", func(a *Adjustment) { a.To = "2026-10-07" }},
		{"to", func(a *Adjustment) { a.To = "2026-10-08T00:00" }},
		{"factor", func(a *Adjustment) { a.Value = num(3) }},
		{"factor", func(a *Adjustment) { a.Factor = nil }},
		{"factor", func(a *Adjustment) { a.Factor = num(-1) }},
		{"factor", func(a *Adjustment) { a.Factor = num(math.NaN()) }},
		{"value", func(a *Adjustment) { a.Factor, a.Value = nil, num(math.Inf(1)) }},
		{"reason", func(a *Adjustment) { a.Reason = "  " }},
		{"reason", func(a *Adjustment) { a.Reason = strings.Repeat("x", 501) }},
	} {
		a := ok
		c.edit(&a)
		var e *Error
		if err := a.Validate(); !errors.As(err, &e) || e.Field != c.field || e.Rule != "R2" || e.Kind != KindInvalid {
			t.Errorf("%+v: got %v, want an error on %s", a, err, c.field)
		}
	}
}
