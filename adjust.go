package wfm

import (
	"fmt"
	"strings"
)

// Adjustment is a planner's manual change to a forecast (R2: staffing follows the forecast, and a
// manual override is allowed and recorded). Over the intervals from From to To the expected
// calls are multiplied by Factor, or set to Value calls per interval, for the Reason given; the
// bands and the Minnan calls follow in proportion.
//
// From and To are dates, YYYY-MM-DD, or times, YYYY-MM-DDTHH:MM, on the centre's wall clock: the
// adjustment covers every interval that starts at or after From and before To, a date as From
// meaning its midnight and a date as To the end of that day (so 2026-10-08,2026-10-08 is the whole
// of 8 October, and 2026-10-08T09:00,2026-10-08T12:00 its three hours from nine).
type Adjustment struct {
	From   string   `json:"from"`
	To     string   `json:"to"`
	Factor *float64 `json:"factor,omitempty"`
	Value  *float64 `json:"value,omitempty"`
	Reason string   `json:"reason"`
	// Line is the line of the planner's file the adjustment was read from, for messages; 0 when
	// it came another way.
	Line int `json:"-"`
}

// Limits of an adjustment.
const (
	MaxAdjustFactor = 100
	MaxAdjustValue  = 1e6
)

// AdjustmentEffect is an adjustment as it was applied: the intervals it changed and the calls
// they held before and after.
type AdjustmentEffect struct {
	Adjustment  Adjustment `json:"adjustment"`
	Intervals   int        `json:"intervals"`
	CallsBefore float64    `json:"calls_before"`
	CallsAfter  float64    `json:"calls_after"`
}

// Bounds returns the adjustment's span as minutes since 1970-01-01 00:00 on the wall clock:
// [from, to).
func (a Adjustment) Bounds() (from, to int64, err error) {
	if from, err = moment("from", a.From, false); err != nil {
		return 0, 0, err
	}
	if to, err = moment("to", a.To, true); err != nil {
		return 0, 0, err
	}
	if to <= from {
		return 0, 0, &Error{Kind: KindInvalid, Rule: "R2", Field: "to", Message: fmt.Sprintf("%s is not after %s", a.To, a.From)}
	}
	return from, to, nil
}

// moment parses a date or a date and time; a date that ends a span means the day's end.
func moment(field, s string, end bool) (int64, error) {
	t, ok := parseMoment(s, end)
	if !ok {
		return 0, &Error{Kind: KindInvalid, Rule: "R2", Field: field, Message: fmt.Sprintf("%q is not YYYY-MM-DD or YYYY-MM-DDTHH:MM", s)}
	}
	return t, nil
}

// parseMoment reads YYYY-MM-DD or YYYY-MM-DDTHH:MM as minutes since 1970-01-01 00:00 on the wall
// clock; a bare date is its midnight, or with end the midnight that ends it.
func parseMoment(s string, end bool) (int64, bool) {
	day, clock, timed := strings.Cut(strings.TrimSpace(s), "T")
	d, err := ParseDate(day)
	if err != nil {
		return 0, false
	}
	minute := 0
	switch {
	case timed:
		c, err := ParseClock(clock)
		if err != nil || len(clock) != 5 || int(c) >= MinutesPerDay {
			return 0, false
		}
		minute = int(c)
	case end:
		minute = MinutesPerDay
	}
	return int64(d)*MinutesPerDay + int64(minute), true
}

// Validate checks the adjustment on its own, naming the field (rule R2): a span that parses and
// ends after it starts, exactly one of a factor in [0, MaxAdjustFactor] and a value in [0,
// MaxAdjustValue], and a reason.
func (a Adjustment) Validate() error {
	if _, _, err := a.Bounds(); err != nil {
		return err
	}
	fail := func(field, format string, args ...any) error {
		return &Error{Kind: KindInvalid, Rule: "R2", Field: field, Message: fmt.Sprintf(format, args...)}
	}
	switch {
	case (a.Factor == nil) == (a.Value == nil):
		return fail("factor", "give either a factor or a value, not both or neither")
	case a.Factor != nil && !(*a.Factor >= 0 && *a.Factor <= MaxAdjustFactor):
		return fail("factor", "must be between 0 and %d, got %v", MaxAdjustFactor, *a.Factor)
	case a.Value != nil && !(*a.Value >= 0 && *a.Value <= MaxAdjustValue):
		return fail("value", "must be between 0 and %g calls per interval, got %v", float64(MaxAdjustValue), *a.Value)
	case strings.TrimSpace(a.Reason) == "":
		return fail("reason", "say why the forecast is changed (R2: an override is recorded)")
	case !ValidText(a.Reason, MaxReasonLength):
		return fail("reason", "a reason is at most %d characters of text, without control characters", MaxReasonLength)
	}
	return nil
}

// Change describes the adjustment's change, "× 1.25" or "= 40 calls per interval".
func (a Adjustment) Change() string {
	if a.Factor != nil {
		return fmt.Sprintf("× %g", *a.Factor)
	}
	if a.Value != nil {
		return fmt.Sprintf("= %g calls per interval", *a.Value)
	}
	return ""
}
