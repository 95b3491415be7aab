package gen

import (
	"fmt"

	"wfm"
)

// The shift lengths of the centre: a day or evening shift is 8 h 30 (8 h of work and a 30-minute
// meal; the rest break of R4 is taken inside), a night shift 10 h.
const (
	dayShiftMinutes   = 510
	nightShiftMinutes = 600
)

// Templates returns the centre's shift templates: D07 … D13, day shifts of 8 h 30 starting every
// hour from 07:00 to 13:00; E14 and E15, evening shifts of 8 h 30 ending at 22:30 and 23:30 (still
// day-group shifts under R22, as they do not touch 00:00–06:00); and N22, the night shift from 22:00
// to 08:00. Every template starts on the hour, so on every grid that divides 60 minutes.
func Templates() []wfm.ShiftTemplate {
	var ts []wfm.ShiftTemplate
	for h := 7; h <= 13; h++ {
		ts = append(ts, wfm.ShiftTemplate{ID: fmt.Sprintf("D%02d", h), Start: wfm.Clock(h * 60), Minutes: dayShiftMinutes})
	}
	for _, h := range []int{14, 15} {
		ts = append(ts, wfm.ShiftTemplate{ID: fmt.Sprintf("E%02d", h), Start: wfm.Clock(h * 60), Minutes: dayShiftMinutes})
	}
	return append(ts, wfm.ShiftTemplate{ID: "N22", Start: 22 * 60, Minutes: nightShiftMinutes})
}

// checkTemplates verifies that every template starts on the grid and can hold its breaks under r
// (R4), and that the first template is a day shift and the last a night shift (R22), which the
// generator relies on.
func checkTemplates(ts []wfm.ShiftTemplate, r wfm.Rules, step int) error {
	for _, s := range ts {
		if int(s.Start)%step != 0 {
			return wfm.Invalidf("interval_minutes", "shift %s starts at %s, off the %d-minute grid", s.ID, s.Start, step)
		}
		if !BreaksFit(s, r, step) {
			return &wfm.Error{Kind: wfm.KindInvalid, Rule: "R4", Field: "shifts",
				Message: fmt.Sprintf("shift %s cannot hold its breaks on a %d-minute grid", s.ID, step)}
		}
	}
	if ts[0].IsNight(r) || !ts[len(ts)-1].IsNight(r) {
		return wfm.Invalidf("shifts", "templates must run from day shifts to the night shift")
	}
	return nil
}

// BreaksFit reports whether shift s can hold the breaks R4 asks of it under r on a step-minute grid:
// no break when it lasts at most BreaksAfter minutes, else one meal and one rest break, each starting
// on the grid inside [start+BreakWindow, end−BreakWindow], not overlapping, and every stretch of
// work between the start, the breaks and the end at most MaxContinuousWork minutes.
func BreaksFit(s wfm.ShiftTemplate, r wfm.Rules, step int) bool {
	if !r.Breaks {
		return true
	}
	if s.Minutes <= r.BreaksAfter {
		return s.Minutes <= r.MaxContinuousWork
	}
	start, end := int(s.Start), int(s.End())
	lo, hi := start+r.BreakWindow, end-r.BreakWindow
	first := (lo + step - 1) / step * step // first grid point at or after lo
	for _, order := range [2][2]int{{r.MealMinutes, r.RestMinutes}, {r.RestMinutes, r.MealMinutes}} {
		for b1 := first; b1+order[0] <= hi; b1 += step {
			if b1-start > r.MaxContinuousWork {
				break
			}
			for b2 := (b1 + order[0] + step - 1) / step * step; b2+order[1] <= hi; b2 += step {
				if b2-(b1+order[0]) <= r.MaxContinuousWork && end-(b2+order[1]) <= r.MaxContinuousWork {
					return true
				}
			}
		}
	}
	return false
}

// allowed reports whether an agent of group may work shift s under r (R22).
func allowed(group string, s wfm.ShiftTemplate, r wfm.Rules) bool {
	switch group {
	case wfm.GroupAny:
		return true
	case wfm.GroupNight:
		return s.IsNight(r)
	default:
		return !s.IsNight(r)
	}
}
