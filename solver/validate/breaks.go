package validate

import (
	"cmp"
	"slices"

	"wfm"
)

// checkBreaks is R4 on every worked day of agent a.
func (c *checker) checkBreaks(a int) {
	for k, x := range c.row(a) {
		if !x.worked() {
			continue
		}
		if !c.rules.Breaks {
			if len(x.breaks) > 0 {
				c.add("R4", a, k, "%d breaks on shift %s while breaks are off", len(x.breaks), c.shifts[x.shift].ID)
			}
			continue
		}
		s := c.shifts[x.shift]
		c.checkBreakSet(a, k, s, x.breaks)
		for _, b := range x.breaks {
			c.checkBreakPlace(a, k, s, b)
		}
		c.checkStretches(a, k, s, x.breaks)
	}
}

// checkBreakSet: a shift longer than BreaksAfter holds exactly one meal of MealMinutes and one rest
// break of RestMinutes; a shorter one holds none.
func (c *checker) checkBreakSet(a, k int, s wfm.ShiftTemplate, breaks []wfm.Break) {
	r := c.rules
	if s.Minutes <= r.BreaksAfter {
		if len(breaks) > 0 {
			c.add("R4", a, k, "shift %s of %d min (not over %d) holds %d breaks, expected none",
				s.ID, s.Minutes, r.BreaksAfter, len(breaks))
		}
		return
	}
	for _, want := range []struct {
		kind    string
		minutes int
	}{{wfm.BreakMeal, r.MealMinutes}, {wfm.BreakRest, r.RestMinutes}} {
		n := 0
		for _, b := range breaks {
			if b.Kind != want.kind {
				continue
			}
			n++
			if b.Minutes != want.minutes {
				c.add("R4", a, k, "%s break at %s lasts %d min, expected %d", b.Kind, b.Start, b.Minutes, want.minutes)
			}
		}
		if n != 1 {
			c.add("R4", a, k, "shift %s of %d min holds %d %s breaks, expected 1", s.ID, s.Minutes, n, want.kind)
		}
	}
}

// checkBreakPlace: a break starts on the interval grid and lies inside
// [start+BreakWindow, end−BreakWindow].
func (c *checker) checkBreakPlace(a, k int, s wfm.ShiftTemplate, b wfm.Break) {
	if c.step > 0 && int(b.Start)%c.step != 0 {
		c.add("R4", a, k, "%s break at %s is not on the %d-min grid (%d min off)", b.Kind, b.Start, c.step, int(b.Start)%c.step)
	}
	w := c.rules.BreakWindow
	lo, hi := int(s.Start)+w, int(s.End())-w
	if start, end := int(b.Start), int(b.Start)+b.Minutes; start < lo || end > hi || end < start {
		c.add("R4", a, k, "%s break %s..%s of shift %s lies outside its window %s..%s",
			b.Kind, b.Start, wfm.Clock(end), s.ID, wfm.Clock(lo), wfm.Clock(hi))
	}
}

// checkStretches: breaks do not overlap, and every stretch of work between the shift's start, its
// breaks and its end is at most MaxContinuousWork.
func (c *checker) checkStretches(a, k int, s wfm.ShiftTemplate, breaks []wfm.Break) {
	var buf [4]wfm.Break
	sorted := append(buf[:0], breaks...)
	slices.SortStableFunc(sorted, func(x, y wfm.Break) int { return cmp.Compare(x.Start, y.Start) })
	limit := c.rules.MaxContinuousWork
	from := int(s.Start) // where the current stretch of work starts
	reach := 0           // the latest end of the breaks so far
	for i, b := range sorted {
		if i > 0 && int(b.Start) < reach {
			c.add("R4", a, k, "%s break at %s overlaps a break before it, which runs to %s", b.Kind, b.Start, wfm.Clock(reach))
		}
		if i == 0 || int(b.Start)+b.Minutes > reach {
			reach = int(b.Start) + b.Minutes
		}
		if n := int(b.Start) - from; n > limit {
			c.add("R4", a, k, "works %d min without a break (%s..%s), max %d", n, wfm.Clock(from), b.Start, limit)
		}
		from = max(from, int(b.Start)+b.Minutes)
	}
	if n := int(s.End()) - from; n > limit {
		c.add("R4", a, k, "works %d min without a break (%s..%s), max %d", n, wfm.Clock(from), s.End(), limit)
	}
}
