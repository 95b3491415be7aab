package wfm

import (
	"encoding/json"
	"fmt"
)

// Clock is a time of day in minutes from midnight of a shift's date. Values of 24:00 and beyond
// name the next day, so a night shift's 02:30 break is Clock(26*60+30), written "26:30".
type Clock int

// String writes the clock as HH:MM (hours may exceed 23).
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// ParseClock reads HH:MM with minutes 00–59 and hours 0–47.
func ParseClock(s string) (Clock, error) {
	var h, m int
	if n, err := fmt.Sscanf(s, "%d:%d", &h, &m); n != 2 || err != nil || len(s) < 4 || s[len(s)-3] != ':' {
		return 0, fmt.Errorf("time %q is not HH:MM", s)
	}
	if h < 0 || h > 47 || m < 0 || m > 59 {
		return 0, fmt.Errorf("time %q is out of range 00:00–47:59", s)
	}
	return Clock(h*60 + m), nil
}

// MarshalJSON writes "HH:MM".
func (c Clock) MarshalJSON() ([]byte, error) { return json.Marshal(c.String()) }

// UnmarshalJSON reads "HH:MM".
func (c *Clock) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("time must be a string HH:MM: %w", err)
	}
	v, err := ParseClock(s)
	if err != nil {
		return err
	}
	*c = v
	return nil
}
