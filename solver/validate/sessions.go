package validate

import (
	"cmp"
	"fmt"
	"maps"
	"slices"

	"wfm"
)

// checkSessions checks the roster's sessions of activities off the phones (R15) and records, per
// agent and day, the time each attendee spends in them, which is not phone time (coverage). A
// session is HARD-wrong when its activity, room or an attendee is unknown, it lies outside its
// occurrence's window or off the interval grid, it lasts other than its activity's minutes, its
// room does not take its group (capacity, own or company, the own room's limit of fewer than
// wfm.OwnRoomLimit), an attendee is not one the activity may have or is listed twice, an attendee
// does not work a shift on the session's date whose span [start, end) holds the session, the
// session overlaps one of that shift's breaks, two sessions share a room at once, or an agent
// attends two sessions at once. Spans are half-open: a session may start where another ends.
func (c *checker) checkSessions(r *wfm.Roster) {
	if r == nil || len(r.Sessions) == 0 {
		return
	}
	activities := make(map[string]*wfm.Activity, len(c.p.Activities))
	for i := range c.p.Activities {
		activities[c.p.Activities[i].ID] = &c.p.Activities[i]
	}
	rooms := map[string]*wfm.Room{}
	list := c.p.RoomsOf()
	for i := range list {
		rooms[list[i].ID] = &list[i]
	}
	c.away = map[int][]wfm.Break{}
	type busy struct {
		from, to int
		session  int
	}
	byRoom := map[string][]busy{}
	byAgent := map[int][]busy{}
	for i := range r.Sessions {
		s := &r.Sessions[i]
		k := int(s.Date - c.start)
		fail := func(a int, format string, args ...any) {
			day := k
			if k < 0 || k >= c.days {
				day = noDay
			}
			c.add("R15", a, day, "session %d of %s on %s at %s: %s", i+1, s.Activity, s.Date, s.Start, fmt.Sprintf(format, args...))
		}
		act, ok := activities[s.Activity]
		if !ok {
			fail(-1, "no such activity in the problem")
			continue
		}
		occ := act.Occurrences()
		switch {
		case s.Occurrence < 0 || s.Occurrence >= len(occ):
			fail(-1, "occurrence %d of %d", s.Occurrence, len(occ))
		case s.Date < occ[s.Occurrence][0] || s.Date > occ[s.Occurrence][1] || k < 0 || k >= c.days:
			fail(-1, "outside its window %s to %s", occ[s.Occurrence][0], occ[s.Occurrence][1])
		}
		if s.Minutes != act.Minutes {
			fail(-1, "lasts %d min, the activity %d", s.Minutes, act.Minutes)
		}
		if c.step > 0 && int(s.Start)%c.step != 0 {
			fail(-1, "not on the %d-min grid", c.step)
		}
		if s.Start < 0 || s.Minutes <= 0 {
			fail(-1, "starts at %d min and lasts %d", s.Start, s.Minutes)
			continue
		}
		room, ok := rooms[s.Room]
		switch {
		case !ok:
			fail(-1, "no such room %q", s.Room)
		case !act.Takes(room, len(s.Attendees)):
			fail(-1, "room %s (capacity %d, own %t) does not take %d people of a %q activity", s.Room, room.Seats(), room.Own, len(s.Attendees), act.Room)
		}
		from, to := s.Span(c.start)
		if ok {
			byRoom[s.Room] = append(byRoom[s.Room], busy{from, to, i})
		}
		seen := map[int]bool{}
		for _, id := range s.Attendees {
			a, ok := c.agentIx[id]
			switch {
			case !ok:
				c.violations = append(c.violations, wfm.Violation{Rule: "R15", Agent: id, Day: s.Date.String(),
					Detail: fmt.Sprintf("session %d of %s: not an agent of the problem", i+1, s.Activity)})
				continue
			case seen[a]:
				fail(a, "attendee listed twice")
				continue
			case !c.mayAttend(act, a):
				fail(a, "not an attendee the activity may have")
			}
			seen[a] = true
			byAgent[a] = append(byAgent[a], busy{from, to, i})
			if k >= 0 && k < c.days {
				c.checkAttendance(a, k, s, fail)
			}
		}
	}
	overlaps := func(what string, list []busy, agent int) {
		slices.SortFunc(list, func(x, y busy) int { return cmp.Compare(x.from, y.from) })
		for j := 1; j < len(list); j++ {
			if prev := list[j-1]; list[j].from < prev.to {
				s, t := &r.Sessions[prev.session], &r.Sessions[list[j].session]
				k := int(t.Date - c.start)
				if k < 0 || k >= c.days {
					k = noDay
				}
				c.add("R15", agent, k, "%s: session %d of %s (%s %s, %d min) overlaps session %d of %s (%s %s)",
					what, prev.session+1, s.Activity, s.Date, s.Start, s.Minutes, list[j].session+1, t.Activity, t.Date, t.Start)
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(byRoom)) {
		overlaps("room "+id+" double-booked", byRoom[id], -1)
	}
	for _, a := range slices.Sorted(maps.Keys(byAgent)) {
		overlaps("attendee in two sessions at once", byAgent[a], a)
	}
}

// mayAttend reports whether agent a is one activity act may have: one it names, or, drawn by
// count, one of its group and skill who is not suspended.
func (c *checker) mayAttend(act *wfm.Activity, a int) bool {
	if len(act.Agents) > 0 {
		return slices.Contains(act.Agents, c.agents[a].id)
	}
	return act.Eligible(&c.p.Agents[a])
}

// checkAttendance: agent a works a shift on day k whose span holds session s and none of whose
// breaks overlaps it; the session's time is then off the phones.
func (c *checker) checkAttendance(a, k int, s *wfm.Session, fail func(int, string, ...any)) {
	x := c.row(a)[k]
	if !x.worked() {
		fail(a, "the attendee works no shift that day")
		return
	}
	sh := c.shifts[x.shift]
	from, to := int(s.Start), int(s.Start)+s.Minutes
	if from < int(sh.Start) || to > int(sh.End()) {
		fail(a, "outside the attendee's shift %s (%s..%s)", sh.ID, sh.Start, sh.End())
	}
	for _, b := range x.breaks {
		if b0 := int(b.Start); from < b0+b.Minutes && b0 < to {
			fail(a, "overlaps the attendee's %s break at %s", b.Kind, b.Start)
		}
	}
	key := a*c.days + k
	c.away[key] = append(c.away[key], wfm.Break{Kind: "session", Start: s.Start, Minutes: s.Minutes})
}

// offPhones returns the breaks of agent a's day k with the sessions it attends that day.
func (c *checker) offPhones(a, k int, breaks []wfm.Break) []wfm.Break {
	away := c.away[a*c.days+k]
	if len(away) == 0 {
		return breaks
	}
	return append(slices.Clip(breaks), away...)
}
