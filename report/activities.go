package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"wfm"
	"wfm/planning"
)

// FileSessions is the list of placed sessions WriteAll writes when the roster has any (R15).
const FileSessions = "sessions.csv"

// activitiesView is the report's section on activities off the phones (R15).
type activitiesView struct {
	Note     string
	Summary  []setting
	Sessions []sessionRow
	Unplaced []wfm.Unplaced
}

type sessionRow struct {
	Date, Weekday, Time, Activity, Kind, Room, People, Attendees, Cost string
}

// activity returns the problem's activity called id, or one that names only the id.
func (m *model) activity(id string) wfm.Activity {
	for _, a := range m.p.Activities {
		if a.ID == id {
			return a
		}
	}
	return wfm.Activity{ID: id}
}

// sessionCosts returns each session's added coverage cost when the input carries the placement.
func (m *model) sessionCosts() []float64 {
	if a := m.in.Activities; a != nil && len(a.Placement.Cost) == len(m.r.Sessions) {
		return a.Placement.Cost
	}
	return nil
}

// activitiesCard is the summary strip's figure: the attendances placed in sessions (R15), and
// the under-coverage they add against placing them at the busiest hour.
func (m *model) activitiesCard() (card, bool) {
	r := m.r
	if len(r.Sessions) == 0 && len(r.Unplaced) == 0 {
		return card{}, false
	}
	placed := 0
	for _, s := range r.Sessions {
		placed += len(s.Attendees)
	}
	c := card{Label: "Training & exams (R15)", Value: fmt.Sprintf("%d of %d", placed, placed+len(r.Unplaced)), Class: "ok",
		Sub: fmt.Sprintf("attendances placed in %d sessions", len(r.Sessions))}
	if n := len(r.Unplaced); n > 0 {
		c.Class = "warn"
		c.Sub += fmt.Sprintf(" · %d not placed", n)
	}
	if a := m.in.Activities; a != nil {
		base := planning.Under(a.Before).Penalty
		c.Sub += fmt.Sprintf(" · under-coverage +%s, at the busiest hour +%s", num(planning.Under(a.After).Penalty-base, 0),
			num(planning.Under(a.BusiestObjective).Penalty-base, 0))
	}
	return c, true
}

func (m *model) activitiesView() *activitiesView {
	r := m.r
	if len(r.Sessions) == 0 && len(r.Unplaced) == 0 {
		return nil
	}
	v := &activitiesView{Note: "Training, exams and meetings, each session inside every attendee's shift and clear of its breaks; " +
		"the attendees are off the phones for it (paid, not coverage). Cost: the change in the objective's coverage terms the " +
		"session makes, given the sessions placed before it.", Unplaced: r.Unplaced}
	attendances, rooms := 0, map[string]int{}
	costs := m.sessionCosts()
	for i, s := range r.Sessions {
		a := m.activity(s.Activity)
		name := a.ID
		if a.Name != "" {
			name = a.Name + " (" + a.ID + ")"
		}
		when := hhmm(s.Start) + "–" + hhmm(s.Start+wfm.Clock(s.Minutes))
		if s.Start >= wfm.MinutesPerDay {
			when += " (next day)"
		}
		row := sessionRow{Date: s.Date.String(), Weekday: s.Date.Weekday().String()[:3], Time: when, Activity: name, Kind: a.Kind, Room: s.Room,
			People: strconv.Itoa(len(s.Attendees)), Attendees: strings.Join(s.Attendees, ", ")}
		if costs != nil {
			row.Cost = num(costs[i], 1)
		}
		v.Sessions = append(v.Sessions, row)
		attendances += len(s.Attendees)
		rooms[s.Room] = max(rooms[s.Room], len(s.Attendees))
	}
	v.Summary = []setting{
		{Name: "Sessions placed", Value: fmt.Sprintf("%d, for %d attendances", len(r.Sessions), attendances)},
		{Name: "Attendances not placed", Value: strconv.Itoa(len(r.Unplaced))},
	}
	var used []string
	for _, room := range m.p.RoomsOf() {
		if n, ok := rooms[room.ID]; ok {
			used = append(used, fmt.Sprintf("%s: at most %d of %d", room.ID, n, room.Seats()))
		}
	}
	v.Summary = append(v.Summary, setting{Name: "Rooms", Value: strings.Join(used, " · ")})
	if a := m.in.Activities; a != nil {
		under := func(o wfm.Objective) float64 { return planning.Under(o).Penalty - planning.Under(a.Before).Penalty }
		short := func(o wfm.Objective) float64 { return planning.Under(o).Amount - planning.Under(a.Before).Amount }
		v.Summary = append(v.Summary,
			setting{Name: "Objective added by the sessions", Value: num(a.After.Total-a.Before.Total, 1)},
			setting{Name: "Under-coverage added (R17)", Value: fmt.Sprintf("%s (%s agent-intervals short); at the busiest hour it would be %s (%s)",
				num(under(a.After), 1), num(short(a.After), 1), num(under(a.BusiestObjective), 1), num(short(a.BusiestObjective), 1))})
		if f := a.First; f != nil {
			v.Summary = append(v.Summary, setting{Name: "Capacity added for the sessions",
				Value: fmt.Sprintf("%s agent-hours of demand where the first roster's sessions took people off the phones, and the roster solved again; "+
					"on the first roster the sessions added %s to the objective (%s with them) and %s to the under-coverage, on this one %s (%s) and %s",
					num(a.Added, 1), num(f.After.Total-f.Before.Total, 1), num(f.After.Total, 1), num(planning.Under(f.After).Penalty-planning.Under(f.Before).Penalty, 1),
					num(a.After.Total-a.Before.Total, 1), num(a.After.Total, 1), num(under(a.After), 1))})
		}
	}
	return v
}

// writeSessionsCSV writes one row per session: when, where, who and its cost.
func (m *model) writeSessionsCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"activity", "occurrence", "date", "start", "minutes", "room", "attendees", "cost"})
	costs := m.sessionCosts()
	for i, s := range m.r.Sessions {
		cost := ""
		if costs != nil {
			cost = strconv.FormatFloat(costs[i], 'f', 3, 64)
		}
		cw.Write([]string{s.Activity, strconv.Itoa(s.Occurrence), s.Date.String(), s.Start.String(), strconv.Itoa(s.Minutes), s.Room,
			strings.Join(s.Attendees, ";"), cost})
	}
	cw.Flush()
	return cw.Error()
}

// sessionsOf returns the sessions agent attends.
func (m *model) sessionsOf(agent string) []wfm.Session {
	var out []wfm.Session
	for _, s := range m.r.Sessions {
		for _, a := range s.Attendees {
			if a == agent {
				out = append(out, s)
				break
			}
		}
	}
	return out
}
