package inputs

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"wfm"
)

// ActivityColumns are the columns of an activities file (R15); id, kind, minutes, from and to
// are required, and one of agents and count.
var ActivityColumns = []string{"id", "name", "kind", "minutes", "agents", "count", "group", "skill", "from", "to",
	"repeat", "room", "max_group"}

// RoomColumns are the columns of a rooms file (R15); id is required.
var RoomColumns = []string{"id", "name", "capacity", "own"}

// ReadActivities reads a planner's activities off the phones (R15), as CSV:
//
//	id,name,kind,minutes,agents,count,group,skill,from,to,repeat,room,max_group
//	EXAM-Q1,quarterly exam,exam,60,,150,,,2027-01-01,2027-01-31,quarterly,,10
//	CARDS,new card products,training,120,,20,day,,2027-01-01,2027-01-31,weekly,company,
//	LEAD,leaders' meeting,meeting,60,A001;A013;A025,,,,2027-01-11,2027-01-15,,own,
//
// agents are named separated by ';', or count agents are drawn from group (day, night, any;
// empty: every group) holding skill (empty: any); repeat is none (or empty), weekly or
// quarterly; room is own, company or empty (own when the group fits, R15); max_group empty
// means wfm.DefaultGroupSize. The rooms are then wfm.DefaultRooms. Or as JSON, a
// wfm.ActivityPlan: {"activities": [...], "rooms": [...]}, the activities with the same fields.
// Every activity is checked on its own (wfm.Activity.Validate); the checks against the staff and
// the month come when it joins the problem. An error names the file, the line, the column (the
// field) and R15.
func ReadActivities(r io.Reader, file string) (wfm.ActivityPlan, []Origin, error) {
	data, err := io.ReadAll(io.LimitReader(r, wfm.MaxProblemBytes+1))
	if err != nil {
		return wfm.ActivityPlan{}, nil, &wfm.Error{Kind: wfm.KindInvalid, File: file, Message: "cannot read activities", Err: err}
	}
	if len(data) > wfm.MaxProblemBytes {
		return wfm.ActivityPlan{}, nil, &wfm.Error{Kind: wfm.KindInvalid, File: file, Message: fmt.Sprintf("activities larger than %d bytes", wfm.MaxProblemBytes)}
	}
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '{' {
		var plan wfm.ActivityPlan
		if err := decodeJSON(data, file, &plan, true); err != nil {
			return wfm.ActivityPlan{}, nil, err
		}
		for i := range plan.Activities {
			if err := plan.Activities[i].Validate(); err != nil {
				return wfm.ActivityPlan{}, nil, located(err, file, fmt.Sprintf("activities[%d].", i))
			}
		}
		for i := range plan.Rooms {
			if err := plan.Rooms[i].Validate(); err != nil {
				return wfm.ActivityPlan{}, nil, located(err, file, fmt.Sprintf("rooms[%d].", i))
			}
		}
		return plan, make([]Origin, len(plan.Activities)), nil
	}
	list, origins, err := rows(bytes.NewReader(data), file, ActivityColumns, []string{"id", "kind", "minutes", "from", "to"},
		func(line int, get func(string) string) (wfm.Activity, error) {
			a := wfm.Activity{ID: get("id"), Name: get("name"), Kind: get("kind"), Agents: list(get("agents")), Group: get("group"),
				Skill: get("skill"), Repeat: get("repeat"), Room: get("room"), Line: line}
			fail := func(field string, err error) (wfm.Activity, error) {
				return a, &wfm.Error{Kind: wfm.KindInvalid, Rule: "R15", Field: field, Message: err.Error()}
			}
			for _, f := range []struct {
				name string
				to   *int
			}{{"minutes", &a.Minutes}, {"count", &a.Count}, {"max_group", &a.MaxGroup}} {
				if s := get(f.name); s != "" {
					v, err := strconv.Atoi(s)
					if err != nil {
						return fail(f.name, errors.New(strconv.Quote(s)+" is not a whole number"))
					}
					*f.to = v
				}
			}
			for _, f := range []struct {
				name string
				to   *wfm.Date
			}{{"from", &a.From}, {"to", &a.To}} {
				d, err := wfm.ParseDate(get(f.name))
				if err != nil {
					return fail(f.name, err)
				}
				*f.to = d
			}
			return a, a.Validate()
		})
	if err != nil {
		return wfm.ActivityPlan{}, nil, err
	}
	return wfm.ActivityPlan{Activities: list}, origins, nil
}

// located sets the file of err and puts prefix before its field.
func located(err error, file, prefix string) error {
	var e *wfm.Error
	if errors.As(err, &e) {
		e.File, e.Field = file, prefix+e.Field
	}
	return err
}

// ReadRooms reads rooms (R15):
//
//	id,name,capacity,own
//	centre,centre training room,9,true
//	hq,head office hall,40,false
//
// capacity empty means wfm.DefaultRoomCapacity; own is true or false (empty: false). An id used
// twice is an error on its second line.
func ReadRooms(r io.Reader, file string) ([]wfm.Room, []Origin, error) {
	seen := map[string]int{}
	return rows(r, file, RoomColumns, []string{"id"}, func(line int, get func(string) string) (wfm.Room, error) {
		room := wfm.Room{ID: get("id"), Name: get("name")}
		if s := get("capacity"); s != "" {
			v, err := strconv.Atoi(s)
			if err != nil {
				return room, &wfm.Error{Kind: wfm.KindInvalid, Rule: "R15", Field: "capacity", Message: strconv.Quote(s) + " is not a whole number"}
			}
			room.Capacity = v
		}
		if s := get("own"); s != "" {
			v, err := strconv.ParseBool(s)
			if err != nil {
				return room, &wfm.Error{Kind: wfm.KindInvalid, Rule: "R15", Field: "own", Message: strconv.Quote(s) + " is not true or false"}
			}
			room.Own = v
		}
		if err := room.Validate(); err != nil {
			return room, err
		}
		return room, unique(seen, "id", room.ID, line)
	})
}

// WriteActivities writes activities as ReadActivities reads them from CSV.
func WriteActivities(w io.Writer, list []wfm.Activity) error {
	cw := csv.NewWriter(w)
	cw.Write(ActivityColumns)
	for _, a := range list {
		cw.Write([]string{a.ID, a.Name, a.Kind, strconv.Itoa(a.Minutes), strings.Join(a.Agents, ";"), optionalInt(a.Count), a.Group, a.Skill,
			a.From.String(), a.To.String(), a.Repeat, a.Room, optionalInt(a.MaxGroup)})
	}
	cw.Flush()
	return cw.Error()
}
