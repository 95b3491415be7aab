package wfm

import (
	"encoding/json"
	"fmt"
	"time"
)

// Date is a civil date counted in days since 1970-01-01. It has no time zone: it names a day on
// the centre's wall calendar. Dense integer dates make day arithmetic and array indexing trivial.
type Date int32

// MinutesPerDay is the length of a civil day on the interval grid. Wall-clock days always have
// this length here: a daylight-saving jump is not modelled (China keeps no daylight saving time).
const MinutesPerDay = 24 * 60

// DateOf returns the civil date of y-m-d.
func DateOf(y int, m time.Month, d int) Date {
	return Date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// DateFromTime returns the civil date of t as read on t's own clock.
func DateFromTime(t time.Time) Date {
	y, m, d := t.Date()
	return DateOf(y, m, d)
}

// The supported dates: every date the product reads, and every day of a horizon, a forecast or a
// grid it builds from them, lies in [MinDate, MaxDate]. The range holds any call history a centre
// keeps and any month it plans, and leaves centuries of room inside what YYYY-MM-DD can write
// (years 0000–9999), so that a date computed from a supported one (a horizon's end, the week
// before it) always reads back. Readers refuse dates outside it (ParseDate), and validation refuses
// spans that run out of it (CheckDate, Grid.Validate).
var (
	MinDate = DateOf(1900, time.January, 1)
	MaxDate = DateOf(2199, time.December, 31)
)

// ParseDate parses YYYY-MM-DD, a date between MinDate and MaxDate.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	d := DateFromTime(t)
	if !d.Supported() {
		return 0, fmt.Errorf("date %s is outside the supported range %s to %s", s, MinDate, MaxDate)
	}
	return d, nil
}

// Supported reports whether d lies in [MinDate, MaxDate].
func (d Date) Supported() bool { return d >= MinDate && d <= MaxDate }

// CheckSpan checks that the days days from start all lie in [MinDate, MaxDate]; the error is
// KindInvalid naming field.
func CheckSpan(field string, start Date, days int) error {
	if !start.Supported() || days > int(MaxDate-start)+1 {
		return &Error{Kind: KindInvalid, Field: field, Day: start.String(), Message: fmt.Sprintf(
			"%d days from %s run outside the supported dates %s to %s", days, start, MinDate, MaxDate)}
	}
	return nil
}

// Time returns midnight of d in loc.
func (d Date) Time(loc *time.Location) time.Time {
	u := time.Unix(int64(d)*86400, 0).UTC()
	return time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, loc)
}

// String formats d as YYYY-MM-DD.
func (d Date) String() string { return d.Time(time.UTC).Format(time.DateOnly) }

// Year returns the calendar year of d.
func (d Date) Year() int { return d.Time(time.UTC).Year() }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	// 1970-01-01 was a Thursday.
	return time.Weekday((int(d)%7 + 7 + int(time.Thursday)) % 7)
}

// AddDays returns d shifted by n days.
func (d Date) AddDays(n int) Date { return d + Date(n) }

// MarshalJSON writes d as "YYYY-MM-DD".
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads "YYYY-MM-DD".
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("date must be a string YYYY-MM-DD: %w", err)
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}
