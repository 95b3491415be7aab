package wfm

import (
	"fmt"
	"testing"
)

func TestValidateStep(t *testing.T) {
	for _, step := range []int{1, 5, 6, 10, 15, 20, 30, 45, 60, 90, 120, 360, 720, 1440} {
		if err := ValidateStep(step); err != nil {
			t.Errorf("ValidateStep(%d): %v", step, err)
		}
	}
	for _, step := range []int{0, -30, 7, 25, 50, 100, 1441, 2880} {
		err := ValidateStep(step)
		if ErrorKind(err) != KindInvalid {
			t.Errorf("ValidateStep(%d) = %v, want an invalid-input error", step, err)
		}
	}
	if err := (Grid{Start: 0, Days: 0, Step: 30}).Validate(); ErrorKind(err) != KindInvalid {
		t.Errorf("grid of no days: %v", err)
	}
	if err := (Grid{Start: 0, Days: 1, Step: 0}).Validate(); ErrorKind(err) != KindInvalid {
		t.Errorf("grid of step 0: %v", err)
	}
}

func TestGridAtIndexLabel(t *testing.T) {
	dec1 := DateOf(2026, 12, 1)
	g := Grid{Start: dec1, Days: 31, Step: 30}
	// Hand-checked points: interval 17 is 17·30 = 510 min = 08:30 of day 0; interval 48 opens day 1;
	// the last is 23:30 of 31 December.
	known := []struct {
		i      int
		d      Date
		minute int
		label  string
	}{
		{0, dec1, 0, "2026-12-01T00:00:00"},
		{17, dec1, 510, "2026-12-01T08:30:00"},
		{48, dec1 + 1, 0, "2026-12-02T00:00:00"},
		{31*48 - 1, DateOf(2026, 12, 31), 1410, "2026-12-31T23:30:00"},
	}
	for _, k := range known {
		d, m := g.At(k.i)
		if d != k.d || m != k.minute || g.Label(k.i) != k.label {
			t.Errorf("interval %d: %s %d %q, want %s %d %q", k.i, d, m, g.Label(k.i), k.d, k.minute, k.label)
		}
	}
	if g.Len() != 31*48 || g.PerDay() != 48 || g.End() != DateOf(2027, 1, 1) {
		t.Errorf("len %d, per day %d, end %s", g.Len(), g.PerDay(), g.End())
	}
	// At and Index are inverse on every step; any minute inside an interval maps to it.
	for _, step := range []int{1, 5, 6, 15, 30, 60, 90, 1440} {
		g := Grid{Start: DateOf(1999, 12, 30), Days: 3, Step: step}
		for i := range g.Len() {
			d, m := g.At(i)
			for _, off := range []int{0, step - 1} {
				if j, ok := g.Index(d, m+off); !ok || j != i {
					t.Fatalf("step %d: Index(At(%d)) + %d min = %d, %v", step, i, off, j, ok)
				}
			}
			if want := fmt.Sprintf("%sT%02d:%02d:00", d, m/60, m%60); g.Label(i) != want {
				t.Fatalf("step %d: Label(%d) = %q, want %q", step, i, g.Label(i), want)
			}
		}
	}
	// Off the grid.
	for _, c := range []struct {
		d Date
		m int
	}{{dec1 - 1, 0}, {dec1 + 31, 0}, {dec1, -1}, {dec1, MinutesPerDay}} {
		if _, ok := g.Index(c.d, c.m); ok {
			t.Errorf("Index(%s, %d) is on the grid", c.d, c.m)
		}
	}
}
