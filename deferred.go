package wfm

import (
	"encoding/json"
	"fmt"
	"slices"
)

// The kinds of deferred work (R25): work on the phones that need not be done the moment it
// arrives, only by a deadline, and so can fill the agents' idle phone time.
const (
	DeferredFollowUp = "follow_up" // feedback to a complainant on the handling of the complaint (P2 Art. 13)
	DeferredCallBack = "call_back" // the call back after a complaint is closed (P2 Art. 16)
	DeferredOutbound = "outbound"  // outbound calls: marketing, customer care (P1 Art. 3)
)

// DeferredKinds lists the kinds in the order reports show them.
var DeferredKinds = []string{DeferredFollowUp, DeferredCallBack, DeferredOutbound}

// Limits of a deferred work item.
const (
	MaxDeferredMinutes      = 1e6 // minutes of work in one item (per item × count, or total)
	MaxDeferredCount        = 100_000
	MaxDeferredDeadlineDays = 60 // working days from release
	MaxDeferredItems        = 200_000
)

// WallTime is a moment on the centre's wall clock, in minutes since 1970-01-01 00:00. It is read
// and written as YYYY-MM-DDTHH:MM (a bare YYYY-MM-DD reads as its midnight).
type WallTime int64

// ParseWallTime reads YYYY-MM-DDTHH:MM or YYYY-MM-DD.
func ParseWallTime(s string) (WallTime, error) {
	t, ok := parseMoment(s, false)
	if !ok {
		return 0, fmt.Errorf("%q is not YYYY-MM-DDTHH:MM or YYYY-MM-DD", s)
	}
	return WallTime(t), nil
}

// WallTimeOf returns minute m of day d.
func WallTimeOf(d Date, m int) WallTime { return WallTime(int64(d)*MinutesPerDay + int64(m)) }

// Date returns the day of t.
func (t WallTime) Date() Date { return Date(floorDiv(int64(t), MinutesPerDay)) }

// Minute returns the minute of t's day.
func (t WallTime) Minute() int { return int(int64(t) - int64(t.Date())*MinutesPerDay) }

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// String writes t as YYYY-MM-DDTHH:MM.
func (t WallTime) String() string { return fmt.Sprintf("%sT%s", t.Date(), Clock(t.Minute())) }

// MarshalJSON writes "YYYY-MM-DDTHH:MM".
func (t WallTime) MarshalJSON() ([]byte, error) { return json.Marshal(t.String()) }

// UnmarshalJSON reads "YYYY-MM-DDTHH:MM" or "YYYY-MM-DD".
func (t *WallTime) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("time must be a string YYYY-MM-DDTHH:MM: %w", err)
	}
	v, err := ParseWallTime(s)
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// DeferredWork is one item of deferred work (R25): Count pieces of the same Kind released
// together, each Minutes long (or TotalMinutes for the whole item), to be done on the phones by
// agents who hold Skill ("" or "mandarin": anyone; "minnan": Minnan speakers, R16) within
// DeadlineDays working days of their release.
//
// The deadline is the end (24:00) of the DeadlineDays-th working day after the day of release:
// the day of release does not count and a period ends at midnight of its last day (the Civil
// Code's counting of periods, Art. 201 and 203), working days being those of the centre's
// holiday calendar, make-up working days included (Calendar.IsWorkingDay). DeadlineDays 0 is the
// end of the day of release. A complaint answered by its branch is due within 1 working day, by
// the city office 2, by the province 3 (P2 Art. 13).
//
// After names an item listed earlier whose completion releases this one: a call back follows the
// follow-up of its complaint (P2 Art. 16). The item is then released when that item is done, or
// at Release if that is later, and its deadline counts from then.
type DeferredWork struct {
	ID           string   `json:"id"`
	Kind         string   `json:"kind"`
	Count        int      `json:"count,omitempty"`         // pieces; 0 means 1
	Minutes      float64  `json:"minutes,omitempty"`       // per piece
	TotalMinutes float64  `json:"total_minutes,omitempty"` // for the whole item, instead of Minutes
	Release      WallTime `json:"release"`
	DeadlineDays int      `json:"deadline_working_days"`
	Skill        string   `json:"skill,omitempty"`
	Level        int      `json:"level,omitempty"` // a complaint's level, 1–3 (P2 Art. 13); 0: none
	After        string   `json:"after,omitempty"`
	// Line is the line of the planner's file the item was read from, for messages; 0 when it
	// came another way.
	Line int `json:"-"`
}

// Pieces is the item's count, at least 1.
func (w DeferredWork) Pieces() int { return max(1, w.Count) }

// Work is the item's minutes of work: Count × Minutes, or TotalMinutes.
func (w DeferredWork) Work() float64 {
	if w.TotalMinutes > 0 {
		return w.TotalMinutes
	}
	return float64(w.Pieces()) * w.Minutes
}

// Minnan reports whether the item needs a Minnan speaker.
func (w DeferredWork) Minnan() bool { return w.Skill == SkillMinnan }

// Deadline is the end of the DeadlineDays-th working day after release's day (see DeferredWork).
func (w DeferredWork) Deadline(cal *Calendar, release WallTime) WallTime {
	return WallTimeOf(cal.AddWorkingDays(release.Date(), w.DeadlineDays).AddDays(1), 0)
}

// AddWorkingDays returns the n-th working day after d (d itself for n ≤ 0).
func (c *Calendar) AddWorkingDays(d Date, n int) Date {
	for ; n > 0; n-- {
		d = d.AddDays(1)
		for !c.IsWorkingDay(d) {
			d = d.AddDays(1)
		}
	}
	return d
}

// ValidateDeferred checks a list of deferred work, every item on its own (DeferredWork.Validate)
// and the list as a whole: unique ids, each After naming an item listed before it, at most
// MaxDeferredItems items. The error names R25, the field and the item: its line when it was read
// from a file, else its place in the list as the field's prefix, items[i].
func ValidateDeferred(items []DeferredWork) error {
	if len(items) > MaxDeferredItems {
		return &Error{Kind: KindInvalid, Rule: "R25", Field: "items", Message: fmt.Sprintf("%d items of deferred work, at most %d", len(items), MaxDeferredItems)}
	}
	seen := make(map[string]int, len(items))
	for i, w := range items {
		if err := w.Validate(); err != nil {
			if e, ok := err.(*Error); ok && w.Line == 0 {
				e.Field = fmt.Sprintf("items[%d].%s", i, e.Field)
			}
			return err
		}
		fail := func(field, format string, args ...any) error {
			if w.Line == 0 {
				field = fmt.Sprintf("items[%d].%s", i, field)
			}
			return &Error{Kind: KindInvalid, Rule: "R25", Line: w.Line, Field: field, Message: fmt.Sprintf(format, args...)}
		}
		if j, dup := seen[w.ID]; dup {
			return fail("id", "%q is used twice (first %s)", w.ID, itemPlace(items[j], j))
		}
		if w.After != "" {
			if _, ok := seen[w.After]; !ok {
				return fail("after", "%q is not an item listed before this one", w.After)
			}
		}
		seen[w.ID] = i
	}
	return nil
}

// itemPlace says where item i of a list is: its line, or its position.
func itemPlace(w DeferredWork, i int) string {
	if w.Line > 0 {
		return fmt.Sprintf("on line %d", w.Line)
	}
	return fmt.Sprintf("as item %d", i+1)
}

// Validate checks one item, naming the field and R25 (and the line the item was read from): an
// id, a known kind, a count from 0 to MaxDeferredCount, exactly one of Minutes and TotalMinutes
// positive with the work at most MaxDeferredMinutes, a supported release, DeadlineDays from 0 to
// MaxDeferredDeadlineDays, a skill the capacity knows ("", "mandarin" or "minnan"), a level from
// 0 to 3, and After not the item itself.
func (w DeferredWork) Validate() error {
	fail := func(field, format string, args ...any) error {
		return &Error{Kind: KindInvalid, Rule: "R25", Line: w.Line, Field: field, Message: fmt.Sprintf(format, args...)}
	}
	switch {
	case !ValidID(w.ID):
		return fail("id", "%q is not an id: 1 to %d letters, digits, '-', '_' or '.'", w.ID, MaxIDLength)
	case !slices.Contains(DeferredKinds, w.Kind):
		return fail("kind", "%q is not one of %v", w.Kind, DeferredKinds)
	case w.Count < 0 || w.Count > MaxDeferredCount:
		return fail("count", "must be from 0 (one piece) to %d, got %d", MaxDeferredCount, w.Count)
	case !(w.Minutes >= 0 && w.TotalMinutes >= 0) || (w.Minutes > 0) == (w.TotalMinutes > 0):
		return fail("minutes", "give either minutes per piece or total_minutes, a positive number, not both or neither")
	case w.TotalMinutes > 0 && w.Count > 1:
		return fail("total_minutes", "total_minutes is the whole item's work: give minutes per piece with a count of %d", w.Count)
	case !(w.Work() <= MaxDeferredMinutes):
		return fail("minutes", "%g minutes of work in one item, at most %g", w.Work(), float64(MaxDeferredMinutes))
	case !w.Release.Date().Supported():
		return fail("release", "%s is outside the supported dates %s to %s", w.Release, MinDate, MaxDate)
	case w.DeadlineDays < 0 || w.DeadlineDays > MaxDeferredDeadlineDays:
		return fail("deadline_working_days", "must be from 0 to %d working days, got %d", MaxDeferredDeadlineDays, w.DeadlineDays)
	case w.Skill != "" && w.Skill != "mandarin" && w.Skill != SkillMinnan:
		return fail("skill", "%q: the capacity is known for mandarin (anyone) and %s speakers (R16)", w.Skill, SkillMinnan)
	case w.Level < 0 || w.Level > 3:
		return fail("level", "a complaint's level is 1, 2 or 3 (P2 Art. 13), or 0 for none; got %d", w.Level)
	case w.After != "" && w.After == w.ID:
		return fail("after", "an item cannot follow itself")
	}
	return nil
}
