package inputs

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"wfm"
	"wfm/forecast"
)

// wantError asserts err is a *wfm.Error naming file, line and field.
func wantError(t *testing.T, err error, line int, field string) {
	t.Helper()
	var e *wfm.Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want a *wfm.Error", err)
	}
	if e.File != "f.csv" || e.Line != line || e.Field != field {
		t.Errorf("error %q: file %q line %d field %q, want f.csv line %d field %q", e, e.File, e.Line, e.Field, line, field)
	}
}

func TestReadAgents(t *testing.T) {
	good := "id,name,group,skills,roles,contract_hours,mentor\nA1,Lin,day,mandarin;minnan,leader,40,\nA2,,night,mandarin,trainee,,A1\n"
	agents, origins, err := ReadAgents(strings.NewReader(good), "f.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(agents) != 2 || !agents[0].Speaks(wfm.SkillMinnan) || !agents[0].Has(wfm.RoleLeader) ||
		agents[0].ContractHours != 40 || agents[1].Mentor != "A1" || agents[1].ContractHours != 0 {
		t.Errorf("agents %+v", agents)
	}
	if len(origins) != 2 || origins[1] != (Origin{File: "f.csv", Line: 3}) || origins[1].String() != "f.csv:3" {
		t.Errorf("origins %v", origins)
	}
	contracts := "id,group,contract_hours,weekly_min_hours,weekly_max_hours,shifts\nP1,day,24,16,,D08; D09\nP2,day,24,,30,\n"
	if agents, _, err = ReadAgents(strings.NewReader(contracts), "f.csv"); err != nil {
		t.Fatal(err)
	}
	if p := agents[0]; *p.WeeklyMinHours != 16 || p.WeeklyMaxHours != nil || len(p.Shifts) != 2 || p.Shifts[1] != "D09" {
		t.Errorf("part-timer %+v", p)
	}
	if p := agents[1]; p.WeeklyMinHours != nil || *p.WeeklyMaxHours != 30 || p.Shifts != nil {
		t.Errorf("part-timer %+v", p)
	}
	bad := []struct {
		name, text string
		line       int
		field      string
	}{
		{"empty", "", 1, ""},
		{"header only", "id,group\n", 2, ""},
		{"unknown column", "id,group,age\nA1,day,30\n", 1, "age"},
		{"missing group", "id,name\nA1,x\n", 1, "group"},
		{"bad group", "id,group\nA1,dayy\n", 2, "group"},
		{"bad role", "id,group,roles\nA1,day,boss\n", 2, "roles"},
		{"bad hours", "id,group,contract_hours\nA1,day,forty\n", 2, "contract_hours"},
		{"hours out of range", "id,group,contract_hours\nA1,day,200\n", 2, "contract_hours"},
		{"bad id", "id,group\nA 1,day\n", 2, "id"},
		{"bad weekly minimum", "id,group,weekly_min_hours\nA1,day,some\n", 2, "weekly_min_hours"},
		{"weekly maximum out of range", "id,group,weekly_max_hours\nA1,day,\nA2,day,170\n", 3, "weekly_max_hours"},
		{"empty weekly band", "id,group,weekly_min_hours,weekly_max_hours\nA1,day,30,20\n", 2, "weekly_min_hours"},
		{"shift listed twice", "id,group,shifts\nA1,day,D08;D08\n", 2, "shifts"},
		{"bare quote", "id,group\n\"A1,day\n", 2, ""},
		{"id twice", "id,group\nA1,day\nA2,day\nA1,night\n", 4, "id"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := ReadAgents(strings.NewReader(tc.text), "f.csv")
			wantError(t, err, tc.line, tc.field)
		})
	}
}

// TestWriteAgents: agents written by WriteAgents read back as they were, names with commas and
// quotes, own weekly bands and shift lists included.
func TestWriteAgents(t *testing.T) {
	lo, hi := 30.5, 48.0
	want := []wfm.Agent{
		{ID: "A1", Name: `O'Brien, "Pat"`, Group: wfm.GroupDay, Skills: []string{"mandarin", wfm.SkillMinnan}, Roles: []string{wfm.RoleLeader}},
		{ID: "A2", Group: wfm.GroupNight, ContractHours: 40, WeeklyMinHours: &lo, WeeklyMaxHours: &hi},
		{ID: "A3", Group: wfm.GroupDay, ContractHours: 24.5, Mentor: "A1", Roles: []string{wfm.RoleTrainee}, Shifts: []string{"D08", "D09"}},
	}
	var b strings.Builder
	if err := WriteAgents(&b, want); err != nil {
		t.Fatal(err)
	}
	got, _, err := ReadAgents(strings.NewReader(b.String()), "f.csv")
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if fmt.Sprintf("%+v", deref(got)) != fmt.Sprintf("%+v", deref(want)) {
		t.Errorf("read back\n%+v\nwant\n%+v\n%s", deref(got), deref(want), b.String())
	}
}

// deref shows the agents' weekly bounds by value, so that two lists compare by what they hold.
func deref(agents []wfm.Agent) []string {
	var out []string
	for _, a := range agents {
		bound := func(v *float64) string {
			if v == nil {
				return "nil"
			}
			return fmt.Sprint(*v)
		}
		a2 := a
		a2.WeeklyMinHours, a2.WeeklyMaxHours = nil, nil
		out = append(out, fmt.Sprintf("%+v min %s max %s", a2, bound(a.WeeklyMinHours), bound(a.WeeklyMaxHours)))
	}
	return out
}

func TestReadShifts(t *testing.T) {
	shifts, _, err := ReadShifts(strings.NewReader("id,start,minutes,cannot_follow\nD08,08:00,510,\nE07,07:00,510,N22;D08\n"), "f.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(shifts) != 2 || shifts[0].Start != 480 || shifts[1].CannotFollow[1] != "D08" {
		t.Errorf("shifts %+v", shifts)
	}
	for _, tc := range []struct {
		text  string
		field string
	}{
		{"id,start,minutes\nD,8h,510\n", "start"},
		{"id,start,minutes\nD,08:00,long\n", "minutes"},
		{"id,start,minutes\nD,08:00,0\n", "minutes"},
		{"id,start,minutes\noff,08:00,510\n", "id"},
	} {
		_, _, err := ReadShifts(strings.NewReader(tc.text), "f.csv")
		wantError(t, err, 2, tc.field)
	}
	_, _, err = ReadShifts(strings.NewReader("id,start,minutes\nD08,08:00,510\nD08,09:00,510\n"), "f.csv")
	wantError(t, err, 3, "id")
	if !strings.Contains(err.Error(), "first on line 2") {
		t.Errorf("duplicate shift: %v", err)
	}
}

func TestReadLeaveAndRequests(t *testing.T) {
	leave, _, err := ReadLeave(strings.NewReader("agent,type,from,to,reason\nA1,annual,2026-12-14,2026-12-18,visit\n"), "f.csv")
	if err != nil || len(leave) != 1 || leave[0].To-leave[0].From != 4 || leave[0].Reason != "visit" {
		t.Fatalf("leave %+v %v", leave, err)
	}
	_, _, err = ReadLeave(strings.NewReader("agent,type,from,to\nA1,annual,2026-12-40,2026-12-18\n"), "f.csv")
	wantError(t, err, 2, "from")
	reqs, _, err := ReadRequests(strings.NewReader("agent,date,shift,kind,weight\nA1,2026-12-24,,off,5\nA2,2026-12-05,D08,on,\n"), "f.csv")
	if err != nil || len(reqs) != 2 || reqs[0].Weight != 5 || reqs[1].Weight != 1 || reqs[1].Shift != "D08" {
		t.Fatalf("requests %+v %v", reqs, err)
	}
	// A quoted cell over two lines: the next entry's origin is the line it starts on.
	_, origins, err := ReadRequests(strings.NewReader("agent,date,shift,kind,weight\n\"A1\n\",2026-12-24,,off,5\nA2,2026-12-05,D08,on,\n"), "f.csv")
	if err != nil || len(origins) != 2 || origins[0].Line != 2 || origins[1].Line != 4 {
		t.Fatalf("origins %v %v", origins, err)
	}
	_, _, err = ReadRequests(strings.NewReader("agent,date,kind,weight\nA1,2026-12-24,off,heavy\n"), "f.csv")
	wantError(t, err, 2, "weight")
}

func TestReadAdjustments(t *testing.T) {
	const good = "from,to,factor,value,reason\n2026-10-08,2026-10-08,1.25,,rebound after Golden Week\n" +
		"2026-10-20T09:00,2026-10-20T12:00,,60,\"card mailing, wave 2\"\n"
	adj, err := ReadAdjustments(strings.NewReader(good), "f.csv")
	if err != nil || len(adj) != 2 || *adj[0].Factor != 1.25 || adj[0].Value != nil || *adj[1].Value != 60 ||
		adj[1].Reason != "card mailing, wave 2" || adj[1].Line != 3 {
		t.Fatalf("adjustments %+v %v", adj, err)
	}
	for _, c := range []struct {
		row   string
		field string
	}{
		{"2026-10-08,2026-10-08,x,,r", "factor"},
		{"2026-10-08,2026-10-08,1.2,40,r", "factor"},
		{"2026-10-08,2026-10-08,,,r", "factor"},
		{"2026-10-08,2026-10-08,1.2,,", "reason"},
		{"2026-10-09,2026-10-08,1.2,,r", "to"},
		{"10/08/2026,2026-10-08,1.2,,r", "from"},
	} {
		_, err := ReadAdjustments(strings.NewReader("from,to,factor,value,reason\n2026-10-01,2026-10-01,1,,ok\n"+c.row+"\n"), "f.csv")
		wantError(t, err, 3, c.field)
	}
}

func TestReadSettings(t *testing.T) {
	s, err := ReadSettings(strings.NewReader(`{"service_level": 0.9, "rules": {"max_consecutive_days": 5}}`), "r.json")
	if err != nil {
		t.Fatal(err)
	}
	if s.ServiceLevel != 0.9 || s.Rules.MaxConsecutiveDays != 5 || s.Rules.MinRestMinutes != 660 || s.IntervalMinutes != 30 {
		t.Errorf("settings did not keep the defaults around the overrides: %+v", s)
	}
	for _, tc := range []struct{ text, field string }{
		{`{"service_level": "high"}`, "service_level"},
		{`{"service_level": 2}`, "service_level"},
		{`{"rules": {"max_consecutive_days": 0}}`, "rules.max_consecutive_days"},
		{`{"colour": "red"}`, ""},
	} {
		_, err := ReadSettings(strings.NewReader(tc.text), "r.json")
		var e *wfm.Error
		if !errors.As(err, &e) || e.File != "r.json" || e.Field != tc.field {
			t.Errorf("%s: got %v (field %q), want an error on %q", tc.text, err, fieldOf(err), tc.field)
		}
	}
}

func fieldOf(err error) string {
	var e *wfm.Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// FuzzReadAgents: any text reads or fails with a *wfm.Error; it never panics.
func FuzzReadAgents(f *testing.F) {
	f.Add("id,name,group,skills,roles,contract_hours,mentor\nA1,Lin,day,mandarin;minnan,leader,40,\n")
	f.Add("id,group\n\"A1,day\n")
	f.Add("\ufeffid,group\nA1,night\n")
	f.Fuzz(func(t *testing.T, text string) {
		agents, _, err := ReadAgents(strings.NewReader(text), "f.csv")
		var e *wfm.Error
		if err != nil && !errors.As(err, &e) {
			t.Fatalf("error %v is not a *wfm.Error", err)
		}
		for _, a := range agents {
			if a.Validate() != nil {
				t.Fatalf("accepted an invalid agent %+v", a)
			}
		}
	})
}

// FuzzReadShifts: any text reads or fails with a *wfm.Error; every template read is valid.
func FuzzReadShifts(f *testing.F) {
	f.Add("id,start,minutes,cannot_follow\nD08,08:00,510,N\n")
	f.Add("id,start,minutes\nD,25:61,-1\n")
	f.Fuzz(func(t *testing.T, text string) {
		shifts, _, err := ReadShifts(strings.NewReader(text), "f.csv")
		var e *wfm.Error
		if err != nil && !errors.As(err, &e) {
			t.Fatalf("error %v is not a *wfm.Error", err)
		}
		for _, s := range shifts {
			if s.Validate() != nil {
				t.Fatalf("accepted an invalid shift %+v", s)
			}
		}
	})
}

func TestReadRoster(t *testing.T) {
	r, err := ReadRoster(strings.NewReader(`{"horizon": {"start": "2026-12-01", "days": 1, "interval_minutes": 30},
 "schedules": [{"agent": "A1", "days": [{"date": "2026-12-01", "shift": "D08"}]}],
 "objective": {"total": 0, "hard_violations": 0, "terms": []}, "shape": {"from": "a newer wfm"}}`), "r.json")
	if err != nil || r.Horizon.Start != wfm.DateOf(2026, 12, 1) || r.Schedules[0].Days[0].Shift != "D08" {
		t.Fatalf("roster %+v %v", r, err)
	}
	for _, tc := range []struct {
		text  string
		line  int
		field string
	}{
		{"{\n\"horizon\": {\"days\": \"many\"}}", 2, "horizon.days"},
		{"{\n\n\"schedules\": [}", 3, ""},
		{`{"schedules": []} {}`, 1, ""},
		{"", 0, ""},
	} {
		_, err := ReadRoster(strings.NewReader(tc.text), "r.json")
		var e *wfm.Error
		if !errors.As(err, &e) || e.File != "r.json" || e.Line != tc.line || e.Field != tc.field {
			t.Errorf("%q: got %v (line %d, field %q), want line %d field %q", tc.text, err, lineOf(err), fieldOf(err), tc.line, tc.field)
		}
	}
}

func lineOf(err error) int {
	var e *wfm.Error
	if errors.As(err, &e) {
		return e.Line
	}
	return -1
}

// FuzzReadRoster: any text reads or fails with a *wfm.Error naming the file; it never panics.
func FuzzReadRoster(f *testing.F) {
	f.Add(`{"horizon": {"start": "2026-12-01", "days": 1}, "schedules": [{"agent": "A1", "days": [{"date": "2026-12-01"}]}]}`)
	f.Add(`{"horizon": {"start": "2026-13-01"}}`)
	f.Fuzz(func(t *testing.T, text string) {
		_, err := ReadRoster(strings.NewReader(text), "r.json")
		var e *wfm.Error
		if err != nil && (!errors.As(err, &e) || e.File != "r.json") {
			t.Fatalf("error %v is not a *wfm.Error naming the file", err)
		}
	})
}

// FuzzReadAdjustments: any text reads or fails with a *wfm.Error naming its line; every
// adjustment read is valid and applies to a forecast it covers, or fails with a *wfm.Error.
func FuzzReadAdjustments(f *testing.F) {
	f.Add("from,to,factor,value,reason\n2026-10-08,2026-10-08,1.25,,rebound\n")
	f.Add("from,to,factor,value,reason\n2026-10-08T09:00,2026-10-08T12:00,,60,mailing\n")
	f.Add("from,to,value,reason\n2026-10-08T24:00,2026-10-07,NaN,\n")
	g := wfm.Grid{Start: wfm.DateOf(2026, 10, 1), Days: 14, Step: 60}
	fc := &forecast.Forecast{Grid: g, Calls: make([]float64, g.Len()), P10: make([]float64, g.Len()), P90: make([]float64, g.Len()),
		AHT: make([]float64, g.Len())}
	for i := range fc.Calls {
		fc.Calls[i], fc.P10[i], fc.P90[i], fc.AHT[i] = float64(i%24), float64(i%24), float64(i%24), 300
	}
	f.Fuzz(func(t *testing.T, text string) {
		adj, err := ReadAdjustments(strings.NewReader(text), "f.csv")
		var e *wfm.Error
		if err != nil && (!errors.As(err, &e) || e.Line < 1) {
			t.Fatalf("error %v is not a *wfm.Error with a line", err)
		}
		for _, a := range adj {
			if a.Validate() != nil {
				t.Fatalf("accepted an invalid adjustment %+v", a)
			}
			got, _, err := fc.Adjust(a)
			if err != nil {
				if !errors.As(err, &e) {
					t.Fatalf("adjusting by %+v: %v is not a *wfm.Error", a, err)
				}
				continue
			}
			for i := range got.Calls {
				if v := got.Calls[i]; !(v >= 0) || math.IsInf(v, 0) || got.P10[i] > v || got.P90[i] < v {
					t.Fatalf("adjusted by %+v: interval %d has %v calls, band [%v, %v]", a, i, v, got.P10[i], got.P90[i])
				}
			}
		}
	})
}
