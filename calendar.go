package wfm

import (
	"encoding/json"
	"fmt"
)

// DayKind says how a date differs from an ordinary day of its weekday.
type DayKind uint8

// The kinds of day a Calendar knows.
const (
	Ordinary DayKind = iota // an ordinary day of its weekday
	Holiday                 // a public holiday: offices closed, volume usually low
	Workday                 // a make-up working day on a weekend (Chinese 调休): volume like a working day
)

// String names the kind as the holiday CSV spells it.
func (k DayKind) String() string {
	switch k {
	case Holiday:
		return "holiday"
	case Workday:
		return "workday"
	default:
		return "ordinary"
	}
}

// MarshalJSON writes the kind's name.
func (k DayKind) MarshalJSON() ([]byte, error) { return json.Marshal(k.String()) }

// UnmarshalJSON reads "ordinary", "holiday" or "workday".
func (k *DayKind) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("day kind must be a string: %w", err)
	}
	for _, v := range []DayKind{Ordinary, Holiday, Workday} {
		if v.String() == s {
			*k = v
			return nil
		}
	}
	return fmt.Errorf("day kind %q is not ordinary, holiday or workday", s)
}

// SpecialDay is a date that is not an ordinary day of its weekday.
type SpecialDay struct {
	Date Date    `json:"date"`
	Kind DayKind `json:"kind"`
	Name string  `json:"name,omitempty"`
}

// Calendar lists special days. The zero value is a calendar without holidays. It drives the
// forecast (holiday volume), the fairness of holiday work and the notice periods of requests,
// which count working days.
type Calendar struct {
	days map[Date]SpecialDay
	// Known is the range of years the calendar's source covers; outside it the calendar cannot
	// tell a holiday from an ordinary day, and callers may warn. Zero values mean "all years".
	FirstYear, LastYear int
}

// NewCalendar builds a calendar from special days; a later entry for the same date wins.
func NewCalendar(days []SpecialDay) *Calendar {
	c := &Calendar{days: make(map[Date]SpecialDay, len(days))}
	for _, d := range days {
		c.days[d.Date] = d
	}
	return c
}

// Kind returns the kind of day d.
func (c *Calendar) Kind(d Date) DayKind {
	if c == nil {
		return Ordinary
	}
	return c.days[d].Kind
}

// Day returns the special day at d, if any.
func (c *Calendar) Day(d Date) (SpecialDay, bool) {
	if c == nil {
		return SpecialDay{}, false
	}
	s, ok := c.days[d]
	return s, ok
}

// IsWorkingDay reports whether d is a working day: Monday to Friday unless a holiday, or a make-up
// working day.
func (c *Calendar) IsWorkingDay(d Date) bool {
	switch c.Kind(d) {
	case Holiday:
		return false
	case Workday:
		return true
	}
	wd := d.Weekday()
	return wd != 0 && wd != 6
}

// Covers reports whether the calendar's source covers every year from d0 to d1 inclusive.
func (c *Calendar) Covers(d0, d1 Date) bool {
	if c == nil || c.FirstYear == 0 {
		return true
	}
	return d0.Year() >= c.FirstYear && d1.Year() <= c.LastYear
}
