package wfm

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Span is a stretch of a day: Minutes from Start (clock time of the day).
type Span struct {
	Start   Clock `json:"start"`
	Minutes int   `json:"minutes"`
}

// End is the clock time the span ends.
func (s Span) End() Clock { return s.Start + Clock(s.Minutes) }

// Hall is the site profile of a walk-in service hall (R24): the hours it is open on each weekday
// and the posts it staffs. On every open interval of every post its A or its B holder is present
// (HARD): B stands in whenever A is away.
//
// A day is open when it is a working day of the problem's calendar (Problem.Holidays): Monday to
// Friday less statutory holidays, plus make-up working days. An open day has the hours of its
// weekday in Hours; a make-up working day that falls on a weekday without hours (a Saturday or
// Sunday) has Monday's. Hours nil means DefaultHallHours.
type Hall struct {
	Name  string      `json:"name,omitempty"`
	Hours []HallHours `json:"hours,omitempty"`
	Posts []Post      `json:"posts"`
}

// HallHours are the opening spans of one weekday ("mon" … "sun").
type HallHours struct {
	Weekday string `json:"weekday"`
	Open    []Span `json:"open"`
}

// Post is one counter of the hall: its A holder, its B holder (two distinct agents of the
// problem) and the skills both must have.
type Post struct {
	ID     string   `json:"id"`
	Name   string   `json:"name,omitempty"`
	A      string   `json:"a"`
	B      string   `json:"b"`
	Skills []string `json:"skills,omitempty"`
}

// The hall's default opening hours (P3 Art. 5): 08:30–12:00 and 14:30–17:30.
var hallDefaultOpen = []Span{{Start: 8*60 + 30, Minutes: 210}, {Start: 14*60 + 30, Minutes: 180}}

// weekdayNames are the Weekday values of HallHours, Sunday first as time.Weekday counts.
var weekdayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// DefaultHallHours are Monday to Friday, 08:30–12:00 and 14:30–17:30.
func DefaultHallHours() []HallHours {
	var h []HallHours
	for _, wd := range weekdayNames[1:6] {
		h = append(h, HallHours{Weekday: wd, Open: slices.Clone(hallDefaultOpen)})
	}
	return h
}

// OpenOn returns the hall's opening spans on date d under calendar cal: none on a day that is not
// a working day, the weekday's hours otherwise (Monday's for a make-up day on a weekday without
// hours).
func (h *Hall) OpenOn(d Date, cal *Calendar) []Span {
	if h == nil || !cal.IsWorkingDay(d) {
		return nil
	}
	hours := h.Hours
	if hours == nil {
		hours = DefaultHallHours()
	}
	find := func(wd time.Weekday) []Span {
		for _, x := range hours {
			if x.Weekday == weekdayNames[wd] {
				return x.Open
			}
		}
		return nil
	}
	if open := find(d.Weekday()); open != nil {
		return open
	}
	if cal.Kind(d) == Workday {
		return find(time.Monday)
	}
	return nil
}

// Holders returns the posts agent id holds, as A or B.
func (h *Hall) Holders(id string) []Post {
	if h == nil {
		return nil
	}
	var out []Post
	for _, p := range h.Posts {
		if p.A == id || p.B == id {
			out = append(out, p)
		}
	}
	return out
}

// Validate checks the profile on its own (R24), on an interval grid of step minutes: weekdays
// known and each listed once, opening spans inside the day, on the grid, ascending and disjoint;
// at least one post, post ids unique and usable, names bounded, A and B usable ids of two agents.
// Errors name the field under "hall.".
func (h *Hall) Validate(step int) error {
	fail := func(field, agent, format string, args ...any) error {
		return &Error{Kind: KindInvalid, Rule: "R24", Field: "hall." + field, Agent: agent, Message: fmt.Sprintf(format, args...)}
	}
	if len([]rune(h.Name)) > MaxNameLength {
		return fail("name", "", "at most %d characters", MaxNameLength)
	}
	seen := map[string]bool{}
	for i, x := range h.Hours {
		f := fmt.Sprintf("hours[%d]", i)
		if !slices.Contains(weekdayNames, x.Weekday) || seen[x.Weekday] {
			return fail(f+".weekday", "", "%q is not a weekday (%s) or is listed twice", x.Weekday, strings.Join(weekdayNames, ", "))
		}
		seen[x.Weekday] = true
		end := Clock(0)
		for j, s := range x.Open {
			g := fmt.Sprintf("%s.open[%d]", f, j)
			switch {
			case s.Minutes <= 0 || s.Start < 0 || s.End() > MinutesPerDay:
				return fail(g, "", "%s: opening span %s+%d min must lie within the day", x.Weekday, s.Start, s.Minutes)
			case step > 0 && (int(s.Start)%step != 0 || s.Minutes%step != 0):
				return fail(g, "", "%s: opening span %s–%s is not on the %d-min grid", x.Weekday, s.Start, s.End(), step)
			case j > 0 && s.Start < end:
				return fail(g, "", "%s: opening span %s–%s starts before the one before it ends (%s)", x.Weekday, s.Start, s.End(), end)
			}
			end = s.End()
		}
	}
	if len(h.Posts) == 0 {
		return fail("posts", "", "a hall needs at least one post")
	}
	ids := map[string]bool{}
	for i, post := range h.Posts {
		f := fmt.Sprintf("posts[%d]", i)
		if !ValidID(post.ID) || ids[post.ID] {
			return fail(f+".id", "", "post id %q is not a usable id or is used twice", post.ID)
		}
		ids[post.ID] = true
		if len([]rune(post.Name)) > MaxNameLength {
			return fail(f+".name", "", "post %s: at most %d characters", post.ID, MaxNameLength)
		}
		for _, holder := range []struct{ field, id string }{{"a", post.A}, {"b", post.B}} {
			if !ValidID(holder.id) {
				return fail(f+"."+holder.field, "", "post %s: %q is not a usable agent id", post.ID, holder.id)
			}
		}
		if post.A == post.B {
			return fail(f+".b", post.B, "post %s: the A and B holders must be two agents", post.ID)
		}
		if len(post.Skills) > MaxSkills {
			return fail(f+".skills", "", "post %s: at most %d skills", post.ID, MaxSkills)
		}
	}
	return nil
}

// checkHall validates the hall profile (R24): Hall.Validate, and the holders agents of the problem,
// not suspended, with the post's skills.
func (p *Problem) checkHall() error {
	h := p.Hall
	if h == nil {
		return nil
	}
	if err := h.Validate(p.Horizon.IntervalMinutes); err != nil {
		return err
	}
	fail := func(field, agent, format string, args ...any) error {
		return &Error{Kind: KindInvalid, Rule: "R24", Field: "hall." + field, Agent: agent, Message: fmt.Sprintf(format, args...)}
	}
	idx := p.agentIndex()
	for i, post := range h.Posts {
		f := fmt.Sprintf("posts[%d]", i)
		for _, holder := range []struct{ field, id string }{{"a", post.A}, {"b", post.B}} {
			k, ok := idx[holder.id]
			if !ok {
				return fail(f+"."+holder.field, holder.id, "post %s: holder %q is not an agent of the problem", post.ID, holder.id)
			}
			a := &p.Agents[k]
			if a.Has(RoleSuspended) {
				return fail(f+"."+holder.field, a.ID, "post %s: a suspended agent cannot hold a post", post.ID)
			}
			for _, sk := range post.Skills {
				if !a.Speaks(sk) {
					return fail(f+"."+holder.field, a.ID, "post %s needs skill %q, which its %s holder lacks", post.ID, sk, strings.ToUpper(holder.field))
				}
			}
		}
	}
	return nil
}
