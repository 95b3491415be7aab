// Package inputs reads the files a planner keeps: agents, shift templates, leave and requests as
// CSV, the centre's settings and rules as JSON. Every error names the file, the line and the
// column, and the rule when one is broken; nothing is accepted half-read. The CSV readers return,
// with every entry, the line it was read from (Origin), so that a problem found later, when the
// files are put together, names its file and line too.
package inputs

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"wfm"
	"wfm/internal/csvtable"
)

// Origin is where an entry was read: a file and its 1-based line (0 when the entry is not one line
// of a file, e.g. a day of a previous roster).
type Origin struct {
	File string
	Line int
}

// String is "file:line", or the file alone without a line.
func (o Origin) String() string {
	if o.Line <= 0 {
		return o.File
	}
	return o.File + ":" + strconv.Itoa(o.Line)
}

// rows reads one of the planner's CSV files (see csvtable.Read): parse turns the record on a line
// into an entry, and every entry comes with its origin.
func rows[T any](r io.Reader, file string, known, required []string, parse func(line int, get func(string) string) (T, error)) ([]T, []Origin, error) {
	var out []T
	var origins []Origin
	err := csvtable.Read(r, csvtable.Spec{File: file, Known: known, Required: required},
		func(line int, rec csvtable.Record) error {
			v, err := parse(line, rec.Get)
			if err != nil {
				return err
			}
			out = append(out, v)
			origins = append(origins, Origin{File: file, Line: line})
			return nil
		})
	if err != nil {
		return nil, nil, err
	}
	return out, origins, nil
}

// unique records that id appears on line, and fails when an earlier line has it.
func unique(seen map[string]int, field, id string, line int) error {
	if first, dup := seen[id]; dup {
		return wfm.Invalidf(field, "%q is used twice (first on line %d)", id, first)
	}
	seen[id] = line
	return nil
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
// mean every template the group may work (R22). The columns after mentor are optional. An id
// used twice is an error on its second line.
func ReadAgents(r io.Reader, file string) ([]wfm.Agent, []Origin, error) {
	seen := map[string]int{}
	return rows(r, file, AgentColumns, []string{"id", "group"}, func(line int, get func(string) string) (wfm.Agent, error) {
		a := wfm.Agent{ID: get("id"), Name: get("name"), Group: get("group"), Mentor: get("mentor"),
			Skills: list(get("skills")), Roles: list(get("roles")), Shifts: list(get("shifts"))}
		if h := get("contract_hours"); h != "" {
			v, err := number("contract_hours", h)
			if err != nil {
				return a, err
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
					return a, err
				}
				*b.dst = &v
			}
		}
		if err := a.Validate(); err != nil {
			return a, err
		}
		return a, unique(seen, "id", a.ID, line)
	})
}

// WriteAgents writes agents as ReadAgents reads them, every column of AgentColumns: a contract of
// 0 and a nil weekly bound are written empty (the rules' defaults).
func WriteAgents(w io.Writer, agents []wfm.Agent) error {
	cw := csv.NewWriter(w)
	cw.Write(AgentColumns)
	bound := func(v *float64) string {
		if v == nil {
			return ""
		}
		return strconv.FormatFloat(*v, 'f', -1, 64)
	}
	for _, a := range agents {
		cw.Write([]string{a.ID, a.Name, a.Group, strings.Join(a.Skills, ";"), strings.Join(a.Roles, ";"),
			optionalNumber(a.ContractHours), a.Mentor, bound(a.WeeklyMinHours), bound(a.WeeklyMaxHours), strings.Join(a.Shifts, ";")})
	}
	cw.Flush()
	return cw.Error()
}

// optionalInt writes v, or nothing for 0 (a column's default).
func optionalInt(v int) string {
	if v == 0 {
		return ""
	}
	return strconv.Itoa(v)
}

// optionalNumber writes v, or nothing for 0 (a column's default).
func optionalNumber(v float64) string {
	if v == 0 {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// ReadShifts reads shift templates:
//
//	id,start,minutes,cannot_follow
//	D08,08:00,510,
//	N22,22:00,600,
//	E07,07:00,510,N22
//
// cannot_follow lists, separated by ';', templates that may not be worked the day after this one.
// An id used twice is an error on its second line.
func ReadShifts(r io.Reader, file string) ([]wfm.ShiftTemplate, []Origin, error) {
	seen := map[string]int{}
	return rows(r, file, []string{"id", "start", "minutes", "cannot_follow"}, []string{"id", "start", "minutes"},
		func(line int, get func(string) string) (wfm.ShiftTemplate, error) {
			var s wfm.ShiftTemplate
			start, err := wfm.ParseClock(get("start"))
			if err != nil {
				return s, wfm.Invalidf("start", "%v", err)
			}
			minutes, err := strconv.Atoi(get("minutes"))
			if err != nil {
				return s, wfm.Invalidf("minutes", "%q is not a whole number of minutes", get("minutes"))
			}
			s = wfm.ShiftTemplate{ID: get("id"), Start: start, Minutes: minutes, CannotFollow: list(get("cannot_follow"))}
			if err := s.Validate(); err != nil {
				return s, err
			}
			return s, unique(seen, "id", s.ID, line)
		})
}

// ReadLeave reads approved leave, in the order of the file's lines (the filing order that
// planning.LeaveCapFirstCome approves by):
//
//	agent,type,from,to,reason
//	A001,annual,2026-12-14,2026-12-18,family visit
func ReadLeave(r io.Reader, file string) ([]wfm.Leave, []Origin, error) {
	return rows(r, file, []string{"agent", "type", "from", "to", "reason"}, []string{"agent", "type", "from", "to"},
		func(_ int, get func(string) string) (wfm.Leave, error) {
			l := wfm.Leave{Agent: get("agent"), Type: get("type"), Reason: get("reason")}
			var err error
			if l.From, err = wfm.ParseDate(get("from")); err != nil {
				return l, &wfm.Error{Kind: wfm.KindInvalid, Rule: "R9", Field: "from", Agent: l.Agent, Message: err.Error()}
			}
			if l.To, err = wfm.ParseDate(get("to")); err != nil {
				return l, &wfm.Error{Kind: wfm.KindInvalid, Rule: "R9", Field: "to", Agent: l.Agent, Message: err.Error()}
			}
			return l, nil
		})
}

// ReadRequests reads shift requests (R23):
//
//	agent,date,shift,kind,weight
//	A001,2026-12-24,,off,5
//	A002,2026-12-05,D08,on,2
//
// An empty shift means any shift.
func ReadRequests(r io.Reader, file string) ([]wfm.Request, []Origin, error) {
	return rows(r, file, []string{"agent", "date", "shift", "kind", "weight"}, []string{"agent", "date", "kind"},
		func(_ int, get func(string) string) (wfm.Request, error) {
			q := wfm.Request{Agent: get("agent"), Shift: get("shift"), Kind: get("kind"), Weight: 1}
			var err error
			if q.Date, err = wfm.ParseDate(get("date")); err != nil {
				return q, &wfm.Error{Kind: wfm.KindInvalid, Rule: "R23", Field: "date", Agent: q.Agent, Message: err.Error()}
			}
			if w := get("weight"); w != "" {
				if q.Weight, err = number("weight", w); err != nil {
					return q, err
				}
			}
			return q, nil
		})
}

// ReadAdjustments reads the planner's changes to a forecast (R2, see wfm.Adjustment):
//
//	from,to,factor,value,reason
//	2026-10-08,2026-10-08,1.25,,rebound after Golden Week
//	2026-10-20T09:00,2026-10-20T12:00,,60,card campaign mailing
//
// Each row gives a factor or a value, and a reason. Adjustments apply in the order of the file,
// each on the forecast the rows before it made.
func ReadAdjustments(r io.Reader, file string) ([]wfm.Adjustment, error) {
	var out []wfm.Adjustment
	err := csvtable.Read(r, csvtable.Spec{File: file, Known: []string{"from", "to", "factor", "value", "reason"},
		Required: []string{"from", "to", "reason"}, Rule: "R2"}, func(line int, rec csvtable.Record) error {
		a := wfm.Adjustment{From: rec.Get("from"), To: rec.Get("to"), Reason: rec.Get("reason"), Line: line}
		for _, c := range []struct {
			name string
			dst  **float64
		}{{"factor", &a.Factor}, {"value", &a.Value}} {
			if cell := rec.Get(c.name); cell != "" {
				v, err := number(c.name, cell)
				if err != nil {
					return err
				}
				*c.dst = &v
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

// ReadSettings reads a centre's settings as JSON (wfm.CentreSettings); fields left out keep the
// defaults of RULES.md. Unknown fields are errors.
func ReadSettings(r io.Reader, file string) (wfm.CentreSettings, error) {
	s := wfm.DefaultCentreSettings()
	data, err := io.ReadAll(r)
	if err != nil {
		return s, err
	}
	if err := decodeJSON(data, file, &s, true); err != nil {
		return s, err
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

// ReadRoster reads a roster.json that wfm wrote (wfm.Roster): the previous month's roster, whose
// last days a month is planned after (planning.HistoryOf). Fields it does not know are ignored, so
// that a roster written by another version of wfm reads. Errors name the file and the line.
func ReadRoster(r io.Reader, file string) (*wfm.Roster, error) {
	data, err := io.ReadAll(io.LimitReader(r, wfm.MaxProblemBytes+1))
	if err != nil {
		return nil, &wfm.Error{Kind: wfm.KindInvalid, File: file, Message: "cannot read roster", Err: err}
	}
	if len(data) > wfm.MaxProblemBytes {
		return nil, &wfm.Error{Kind: wfm.KindInvalid, File: file, Message: fmt.Sprintf("roster larger than %d bytes", wfm.MaxProblemBytes)}
	}
	var ro wfm.Roster
	if err := decodeJSON(data, file, &ro, false); err != nil {
		return nil, err
	}
	return &ro, nil
}

// decodeJSON decodes one JSON value from data into v, refusing unknown fields when strict. Errors
// name the file, and the line and field where the decoder tells them.
func decodeJSON(data []byte, file string, v any, strict bool) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if strict {
		dec.DisallowUnknownFields()
	}
	err := dec.Decode(v)
	if err == nil && dec.More() {
		return &wfm.Error{Kind: wfm.KindInvalid, File: file, Line: lineAt(data, dec.InputOffset()),
			Message: "trailing data after the JSON value"}
	}
	if err != nil {
		return wfm.JSONError(v, data, file, err)
	}
	return nil
}

// lineAt is the 1-based line of byte offset in data.
func lineAt(data []byte, offset int64) int {
	return bytes.Count(data[:min(int(offset), len(data))], []byte("\n")) + 1
}
