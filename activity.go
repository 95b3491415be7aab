package wfm

import (
	"fmt"
	"slices"
	"time"
)

// The kinds of off-phone activity (R15).
const (
	ActivityTraining = "training" // in-post training on new business (P1 Art. 18–20)
	ActivityExam     = "exam"     // knowledge and skill exams (P1 Art. 21–23)
	ActivityMeeting  = "meeting"  // meetings beyond the pre-shift one of R11
)

// ActivityKinds lists the kinds in the order reports show them.
var ActivityKinds = []string{ActivityTraining, ActivityExam, ActivityMeeting}

// The recurrences of an activity.
const (
	RepeatNone      = "none"      // one occurrence in the window
	RepeatWeekly    = "weekly"    // one occurrence per ISO week the window touches
	RepeatQuarterly = "quarterly" // one occurrence per calendar quarter the window touches
)

// The room an activity asks for.
const (
	RoomAny     = ""        // the centre's own room when the group fits it, else a company room
	RoomOwn     = "own"     // only the centre's own rooms
	RoomCompany = "company" // only company rooms elsewhere
)

// Limits of activities (R15).
const (
	// OwnRoomLimit is the group size from which a group goes to a company room: the centre's own
	// rooms take fewer than 10 people (P4 Art. 3), whatever their stated capacity.
	OwnRoomLimit = 10
	// DefaultRoomCapacity is a room's capacity when none is stated, and DefaultGroupSize the
	// largest group of an activity that states none.
	DefaultRoomCapacity = 10
	DefaultGroupSize    = 10
	MaxActivities       = 1000
	MaxRooms            = 200
	MaxActivityMinutes  = 12 * 60
)

// Activity is an off-phone activity (R15): training, an exam or a meeting of Minutes minutes that
// every attendee spends off the phones inside a shift it works. The attendees are the agents
// named in Agents, or else Count agents drawn from those in Group (R22, "" any) holding Skill
// ("" any); a drawn agent is never a suspended one (R14). Each occurrence is held between From
// and To inclusive: once (Repeat none), once in each ISO week the window touches (weekly), or
// once in each calendar quarter it touches (quarterly), each occurrence over the part of the
// window inside its week or quarter. An occurrence's attendees are split into sessions of at most
// MaxGroup people (DefaultGroupSize when 0), each held in one room: Room says which rooms may
// take it (RoomAny, RoomOwn or RoomCompany); a group of OwnRoomLimit or more always goes to a
// company room.
type Activity struct {
	ID       string   `json:"id"`
	Name     string   `json:"name,omitempty"`
	Kind     string   `json:"kind"`
	Minutes  int      `json:"minutes"`
	Agents   []string `json:"agents,omitempty"`
	Count    int      `json:"count,omitempty"`
	Group    string   `json:"group,omitempty"`
	Skill    string   `json:"skill,omitempty"`
	From     Date     `json:"from"`
	To       Date     `json:"to"`
	Repeat   string   `json:"repeat,omitempty"` // "" reads as none
	Room     string   `json:"room,omitempty"`
	MaxGroup int      `json:"max_group,omitempty"`
	// Line is the line of the planner's file the activity was read from, for messages; 0 when
	// it came another way.
	Line int `json:"-"`
}

// GroupLimit is the largest session of the activity.
func (a *Activity) GroupLimit() int {
	if a.MaxGroup > 0 {
		return a.MaxGroup
	}
	return DefaultGroupSize
}

// Takes reports whether a session of n people of the activity may be held in room r: the room's
// kind is one the activity allows, n is within the room's capacity, and an own room holds fewer
// than OwnRoomLimit.
func (a *Activity) Takes(r *Room, n int) bool {
	switch {
	case n > r.Seats(), a.Room == RoomOwn && !r.Own, a.Room == RoomCompany && r.Own:
		return false
	}
	return !r.Own || n < OwnRoomLimit
}

// Eligible reports whether agent x may be drawn for the activity: not suspended, in its group
// (an agent of group any is in every group) and holding its skill.
func (a *Activity) Eligible(x *Agent) bool {
	return !x.Has(RoleSuspended) && (a.Group == "" || x.Group == a.Group || x.Group == GroupAny) &&
		(a.Skill == "" || x.Speaks(a.Skill))
}

// Occurrences returns the windows [from, to] of the activity's occurrences, in date order.
func (a *Activity) Occurrences() [][2]Date {
	var out [][2]Date
	for from := a.From; from <= a.To; {
		to := a.To
		switch a.Repeat {
		case RepeatWeekly:
			to = min(to, from.AddDays(6-int((from.Weekday()+6)%7))) // the Sunday of its ISO week
		case RepeatQuarterly:
			t := from.Time(time.UTC)
			q := (int(t.Month()) - 1) / 3
			to = min(to, DateOf(t.Year(), 3*time.Month(q+1)+1, 1).AddDays(-1))
		}
		out = append(out, [2]Date{from, to})
		from = to.AddDays(1)
	}
	return out
}

// Room is a training room (R15): the centre's own (Own) or a company room elsewhere, taking
// Capacity people (DefaultRoomCapacity when 0).
type Room struct {
	ID       string `json:"id"`
	Name     string `json:"name,omitempty"`
	Capacity int    `json:"capacity,omitempty"`
	Own      bool   `json:"own"`
}

// Seats is the room's capacity.
func (r *Room) Seats() int {
	if r.Capacity > 0 {
		return r.Capacity
	}
	return DefaultRoomCapacity
}

// DefaultRooms are the rooms of a problem that has activities and lists no rooms: one own room
// of the centre and one company room, each of the default capacity.
func DefaultRooms() []Room {
	return []Room{{ID: "centre", Name: "centre training room", Own: true}, {ID: "company", Name: "company training room"}}
}

// RoomsOf returns the problem's rooms, DefaultRooms when it lists none.
func (p *Problem) RoomsOf() []Room {
	if len(p.Rooms) == 0 {
		return DefaultRooms()
	}
	return p.Rooms
}

// Session is one placed session of an activity (R15): on Date, from Start (on Date's clock, past
// 24:00 inside a night shift that began on Date) for Minutes, in Room, with Attendees, each
// working a shift on Date that spans the session. Occurrence is the index of the activity's
// occurrence (Activity.Occurrences) it belongs to.
type Session struct {
	Activity   string   `json:"activity"`
	Occurrence int      `json:"occurrence"`
	Date       Date     `json:"date"`
	Start      Clock    `json:"start"`
	Minutes    int      `json:"minutes"`
	Room       string   `json:"room"`
	Attendees  []string `json:"attendees"`
}

// Span returns the session's minutes [from, to) since the start of day 0 of a horizon from start.
func (s *Session) Span(start Date) (from, to int) {
	from = int(s.Date-start)*MinutesPerDay + int(s.Start)
	return from, from + s.Minutes
}

// Unplaced is an attendee of an activity's occurrence that no session holds, with the reason.
type Unplaced struct {
	Activity   string `json:"activity"`
	Occurrence int    `json:"occurrence"`
	Agent      string `json:"agent"`
	Reason     string `json:"reason"`
}

// CheckActivities validates the rooms and the activities against the horizon and the agents
// (Validate runs it), naming the field, the agent and R15.
func (p *Problem) CheckActivities() error {
	if len(p.Rooms) > MaxRooms {
		return &Error{Kind: KindInvalid, Rule: "R15", Field: "rooms", Message: fmt.Sprintf("%d rooms, at most %d", len(p.Rooms), MaxRooms)}
	}
	if len(p.Activities) > MaxActivities {
		return &Error{Kind: KindInvalid, Rule: "R15", Field: "activities", Message: fmt.Sprintf("%d activities, at most %d", len(p.Activities), MaxActivities)}
	}
	rooms := map[string]bool{}
	for i, r := range p.Rooms {
		fail := func(field, format string, args ...any) error {
			return &Error{Kind: KindInvalid, Rule: "R15", Field: fmt.Sprintf("rooms[%d].%s", i, field), Message: fmt.Sprintf(format, args...)}
		}
		if err := r.Validate(); err != nil {
			e := err.(*Error)
			e.Field = fmt.Sprintf("rooms[%d].%s", i, e.Field)
			return e
		}
		if rooms[r.ID] {
			return fail("id", "room %q is listed twice", r.ID)
		}
		rooms[r.ID] = true
	}
	agents := p.agentIndex()
	seen := map[string]bool{}
	for i := range p.Activities {
		a := &p.Activities[i]
		if err := a.validate(p, agents, seen); err != nil {
			if e, ok := err.(*Error); ok && a.Line == 0 {
				e.Field = fmt.Sprintf("activities[%d].%s", i, e.Field)
			}
			return err
		}
		seen[a.ID] = true
	}
	return nil
}

// ActivityPlan is a planner's activities and rooms (R15), as one file or one request body.
type ActivityPlan struct {
	Activities []Activity `json:"activities"`
	Rooms      []Room     `json:"rooms,omitempty"`
}

// Validate checks one activity on its own, naming the field, the line it was read from and R15:
// an id, a known kind, minutes from 1 to MaxActivityMinutes, attendees named or a count of at
// least 1 (not both), a known group, a window of supported dates that ends no earlier than it
// starts, a known recurrence and room kind, and a group limit not below 0.
func (a *Activity) Validate() error {
	fail := func(field, format string, args ...any) error {
		return &Error{Kind: KindInvalid, Rule: "R15", Line: a.Line, Field: field, Message: fmt.Sprintf(format, args...)}
	}
	switch {
	case !ValidID(a.ID):
		return fail("id", "%q is not an id: 1 to %d letters, digits, '-', '_' or '.'", a.ID, MaxIDLength)
	case !slices.Contains(ActivityKinds, a.Kind):
		return fail("kind", "%q is not one of %v", a.Kind, ActivityKinds)
	case a.Minutes < 1 || a.Minutes > MaxActivityMinutes:
		return fail("minutes", "must be from 1 to %d, got %d", MaxActivityMinutes, a.Minutes)
	case len(a.Agents) > 0 && (a.Count != 0 || a.Group != "" || a.Skill != ""):
		return fail("agents", "name the attendees or give a count drawn from a group and skill, not both")
	case len(a.Agents) == 0 && a.Count < 1:
		return fail("count", "name the attendees or give a count of at least 1, got %d", a.Count)
	case a.Group != "" && a.Group != GroupDay && a.Group != GroupNight && a.Group != GroupAny:
		return fail("group", "%q is not one of day, night, any (R22)", a.Group)
	case !a.From.Supported() || !a.To.Supported():
		return fail("from", "the window %s to %s is outside the supported dates %s to %s", a.From, a.To, MinDate, MaxDate)
	case a.From > a.To:
		return fail("to", "the window ends on %s, before it starts on %s", a.To, a.From)
	case a.Repeat != "" && a.Repeat != RepeatNone && a.Repeat != RepeatWeekly && a.Repeat != RepeatQuarterly:
		return fail("repeat", "%q is not one of none, weekly, quarterly", a.Repeat)
	case a.Room != RoomAny && a.Room != RoomOwn && a.Room != RoomCompany:
		return fail("room", "%q is not own or company (or empty: own when the group fits)", a.Room)
	case a.MaxGroup < 0:
		return fail("max_group", "must be positive (0 for the default %d), got %d", DefaultGroupSize, a.MaxGroup)
	}
	return nil
}

// Validate checks a room on its own: an id and a capacity from 0 (the default) to 1000.
func (r *Room) Validate() error {
	switch {
	case !ValidID(r.ID):
		return &Error{Kind: KindInvalid, Rule: "R15", Field: "id", Message: fmt.Sprintf("%q is not an id: 1 to %d letters, digits, '-', '_' or '.'", r.ID, MaxIDLength)}
	case r.Capacity < 0 || r.Capacity > 1000:
		return &Error{Kind: KindInvalid, Rule: "R15", Field: "capacity", Message: fmt.Sprintf("must be from 1 to 1000 people (0 for the default %d), got %d", DefaultRoomCapacity, r.Capacity)}
	}
	return nil
}

// validate checks one activity on its own (Validate) and against the problem: a new id, named
// attendees known, not suspended and not repeated, a count no more than the eligible agents, a
// window inside the horizon, and a room of the problem that takes it.
func (a *Activity) validate(p *Problem, agents map[string]int, seen map[string]bool) error {
	if err := a.Validate(); err != nil {
		return err
	}
	fail := func(field, agent, format string, args ...any) error {
		return &Error{Kind: KindInvalid, Rule: "R15", Line: a.Line, Field: field, Agent: agent, Message: fmt.Sprintf(format, args...)}
	}
	last := p.Horizon.Start.AddDays(p.Horizon.Days - 1)
	switch {
	case seen[a.ID]:
		return fail("id", "", "activity %q is listed twice", a.ID)
	case a.From < p.Horizon.Start || a.To > last:
		return fail("from", "", "the window %s to %s is not inside the horizon %s to %s", a.From, a.To, p.Horizon.Start, last)
	}
	named := map[string]bool{}
	for _, id := range a.Agents {
		k, ok := agents[id]
		switch {
		case !ok:
			return fail("agents", id, "not an agent of the problem")
		case named[id]:
			return fail("agents", id, "named twice")
		case p.Agents[k].Has(RoleSuspended):
			return fail("agents", id, "a suspended agent works no shifts and so can attend no session (R14)")
		}
		named[id] = true
	}
	if a.Count > 0 {
		n := 0
		for i := range p.Agents {
			if a.Eligible(&p.Agents[i]) {
				n++
			}
		}
		if a.Count > n {
			return fail("count", "", "%d attendees asked for, only %d agents not suspended are in group %q with skill %q", a.Count, n, a.Group, a.Skill)
		}
	}
	rooms := p.RoomsOf()
	for i := range rooms {
		if a.Takes(&rooms[i], 1) {
			return nil
		}
	}
	return fail("room", "", "no room of the problem takes a %q activity", a.Room)
}
