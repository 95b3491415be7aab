// Package inputs reads the files a planner keeps: agents, shift templates, leave and requests as
// CSV, the centre's settings and rules as JSON. Every error names the file, the line and the
// column, and the rule when one is broken; nothing is accepted half-read.
package inputs

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"wfm"
	"wfm/internal/csvtable"
)

// table reads one of the planner's CSV files (see csvtable.Read).
func table(r io.Reader, file string, known, required []string, row func(get func(string) string) error) error {
	return csvtable.Read(r, csvtable.Spec{File: file, Known: known, Required: required},
		func(_ int, rec csvtable.Record) error { return row(rec.Get) })
}

// list splits a ';'-separated cell.
func list(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ";") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func number(field, s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, wfm.Invalidf(field, "%q is not a number", s)
	}
	return v, nil
}

// AgentColumns are the columns of an agents file; id and group are required.
var AgentColumns = []string{"id", "name", "group", "skills", "roles", "contract_hours", "mentor",
	"weekly_min_hours", "weekly_max_hours", "shifts"}

// ReadAgents reads agents:
//
//	id,name,group,skills,roles,contract_hours,mentor,weekly_min_hours,weekly_max_hours,shifts
//	A001,Lin Mei,day,mandarin;minnan,leader,40,,,,
//	A002,Chen Wei,day,mandarin,trainee,40,A001,,,
//	A003,Wu Fang,day,mandarin,,24,,16,,D08;D09
//
// Skills, roles and shifts are separated by ';'. contract_hours may be empty (the rules'
// default); an empty weekly bound is the rules' bound scaled to the contract (R3); empty shifts
// mean every template the group may work (R22). The columns after mentor are optional.
func ReadAgents(r io.Reader, file string) ([]wfm.Agent, error) {
	var out []wfm.Agent
	err := table(r, file, AgentColumns, []string{"id", "group"}, func(get func(string) string) error {
		a := wfm.Agent{ID: get("id"), Name: get("name"), Group: get("group"), Mentor: get("mentor"),
			Skills: list(get("skills")), Roles: list(get("roles")), Shifts: list(get("shifts"))}
		if h := get("contract_hours"); h != "" {
			v, err := number("contract_hours", h)
			if err != nil {
				return err
			}
			a.ContractHours = v
		}
		for _, b := range []struct {
			column string
			dst    **float64
		}{{"weekly_min_hours", &a.WeeklyMinHours}, {"weekly_max_hours", &a.WeeklyMaxHours}} {
			if h := get(b.column); h != "" {
				v, err := number(b.column, h)
				if err != nil {
					return err
				}
				*b.dst = &v
			}
		}
		if err := a.Validate(); err != nil {
			return err
		}
		out = append(out, a)
		return nil
	})
	return out, err
}

// ReadShifts reads shift templates:
//
//	id,start,minutes,cannot_follow
//	D08,08:00,510,
//	N22,22:00,600,
//	E07,07:00,510,N22
//
// cannot_follow lists, separated by ';', templates that may not be worked the day after this one.
func ReadShifts(r io.Reader, file string) ([]wfm.ShiftTemplate, error) {
	var out []wfm.ShiftTemplate
	err := table(r, file, []string{"id", "start", "minutes", "cannot_follow"}, []string{"id", "start", "minutes"},
		func(get func(string) string) error {
			start, err := wfm.ParseClock(get("start"))
			if err != nil {
				return wfm.Invalidf("start", "%v", err)
			}
			minutes, err := strconv.Atoi(get("minutes"))
			if err != nil {
				return wfm.Invalidf("minutes", "%q is not a whole number of minutes", get("minutes"))
			}
			s := wfm.ShiftTemplate{ID: get("id"), Start: start, Minutes: minutes, CannotFollow: list(get("cannot_follow"))}
			if err := s.Validate(); err != nil {
				return err
			}
			out = append(out, s)
			return nil
		})
	return out, err
}

// ReadLeave reads approved leave:
//
//	agent,type,from,to,reason
//	A001,annual,2026-12-14,2026-12-18,family visit
func ReadLeave(r io.Reader, file string) ([]wfm.Leave, error) {
	var out []wfm.Leave
	err := table(r, file, []string{"agent", "type", "from", "to", "reason"}, []string{"agent", "type", "from", "to"},
		func(get func(string) string) error {
			l := wfm.Leave{Agent: get("agent"), Type: get("type"), Reason: get("reason")}
			var err error
			if l.From, err = wfm.ParseDate(get("from")); err != nil {
				return &wfm.Error{Kind: wfm.KindInvalid, Rule: "R9", Field: "from", Agent: l.Agent, Message: err.Error()}
			}
			if l.To, err = wfm.ParseDate(get("to")); err != nil {
				return &wfm.Error{Kind: wfm.KindInvalid, Rule: "R9", Field: "to", Agent: l.Agent, Message: err.Error()}
			}
			out = append(out, l)
			return nil
		})
	return out, err
}

// ReadRequests reads shift requests (R23):
//
//	agent,date,shift,kind,weight
//	A001,2026-12-24,,off,5
//	A002,2026-12-05,D08,on,2
//
// An empty shift means any shift.
func ReadRequests(r io.Reader, file string) ([]wfm.Request, error) {
	var out []wfm.Request
	err := table(r, file, []string{"agent", "date", "shift", "kind", "weight"}, []string{"agent", "date", "kind"},
		func(get func(string) string) error {
			q := wfm.Request{Agent: get("agent"), Shift: get("shift"), Kind: get("kind"), Weight: 1}
			var err error
			if q.Date, err = wfm.ParseDate(get("date")); err != nil {
				return &wfm.Error{Kind: wfm.KindInvalid, Rule: "R23", Field: "date", Agent: q.Agent, Message: err.Error()}
			}
			if w := get("weight"); w != "" {
				if q.Weight, err = number("weight", w); err != nil {
					return err
				}
			}
			out = append(out, q)
			return nil
		})
	return out, err
}

// ReadSettings reads a centre's settings as JSON (wfm.CentreSettings); fields left out keep the
// defaults of RULES.md. Unknown fields are errors.
func ReadSettings(r io.Reader, file string) (wfm.CentreSettings, error) {
	s := wfm.DefaultCentreSettings()
	data, err := io.ReadAll(r)
	if err != nil {
		return s, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		var typ *json.UnmarshalTypeError
		e := &wfm.Error{Kind: wfm.KindInvalid, File: file, Message: err.Error()}
		if errors.As(err, &typ) {
			e.Field = typ.Field
			e.Line = bytes.Count(data[:min(int(typ.Offset), len(data))], []byte("\n")) + 1
		}
		return s, e
	}
	if err := s.Validate(); err != nil {
		var e *wfm.Error
		if errors.As(err, &e) {
			e.File = file
		}
		return s, err
	}
	return s, nil
}
