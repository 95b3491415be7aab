package wfm

import (
	"errors"
	"math"
	"testing"
)

func TestDemandValidateProjectionSettings(t *testing.T) {
	g := Grid{Start: DateOf(2026, 12, 1), Days: 1, Step: 60}
	ok := func() *Demand {
		return &Demand{Grid: g, Agents: make([]int, 24), Minnan: make([]int, 24), Leaders: make([]int, 24),
			AnswerWithin: 10, Patience: 120, Shrinkage: 0.12}
	}
	if err := ok().Validate(); err != nil {
		t.Fatalf("valid demand: %v", err)
	}
	for _, c := range []struct {
		field string
		edit  func(d *Demand)
	}{
		{"patience_s", func(d *Demand) { d.Patience = -1 }},
		{"patience_s", func(d *Demand) { d.Patience = math.NaN() }},
		{"patience_s", func(d *Demand) { d.Patience = 7201 }},
		{"shrinkage", func(d *Demand) { d.Shrinkage = 0.95 }},
		{"shrinkage", func(d *Demand) { d.Shrinkage = -0.1 }},
		{"shrinkage", func(d *Demand) { d.Shrinkage = math.Inf(1) }},
	} {
		d := ok()
		c.edit(d)
		var e *Error
		if err := d.Validate(); !errors.As(err, &e) || e.Field != c.field || e.Kind != KindInvalid {
			t.Errorf("%s: got %v", c.field, err)
		}
	}
}
