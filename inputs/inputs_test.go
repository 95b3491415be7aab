package inputs

import (
	"errors"
	"strings"
	"testing"

	"wfm"
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
	agents, err := ReadAgents(strings.NewReader(good), "f.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(agents) != 2 || !agents[0].Speaks(wfm.SkillMinnan) || !agents[0].Has(wfm.RoleLeader) ||
		agents[0].ContractHours != 40 || agents[1].Mentor != "A1" || agents[1].ContractHours != 0 {
		t.Errorf("agents %+v", agents)
	}
	contracts := "id,group,contract_hours,weekly_min_hours,weekly_max_hours,shifts\nP1,day,24,16,,D08; D09\nP2,day,24,,30,\n"
	if agents, err = ReadAgents(strings.NewReader(contracts), "f.csv"); err != nil {
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
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadAgents(strings.NewReader(tc.text), "f.csv")
			wantError(t, err, tc.line, tc.field)
		})
	}
}

func TestReadShifts(t *testing.T) {
	shifts, err := ReadShifts(strings.NewReader("id,start,minutes,cannot_follow\nD08,08:00,510,\nE07,07:00,510,N22;D08\n"), "f.csv")
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
		_, err := ReadShifts(strings.NewReader(tc.text), "f.csv")
		wantError(t, err, 2, tc.field)
	}
}

func TestReadLeaveAndRequests(t *testing.T) {
	leave, err := ReadLeave(strings.NewReader("agent,type,from,to,reason\nA1,annual,2026-12-14,2026-12-18,visit\n"), "f.csv")
	if err != nil || len(leave) != 1 || leave[0].To-leave[0].From != 4 || leave[0].Reason != "visit" {
		t.Fatalf("leave %+v %v", leave, err)
	}
	_, err = ReadLeave(strings.NewReader("agent,type,from,to\nA1,annual,2026-12-40,2026-12-18\n"), "f.csv")
	wantError(t, err, 2, "from")
	reqs, err := ReadRequests(strings.NewReader("agent,date,shift,kind,weight\nA1,2026-12-24,,off,5\nA2,2026-12-05,D08,on,\n"), "f.csv")
	if err != nil || len(reqs) != 2 || reqs[0].Weight != 5 || reqs[1].Weight != 1 || reqs[1].Shift != "D08" {
		t.Fatalf("requests %+v %v", reqs, err)
	}
	_, err = ReadRequests(strings.NewReader("agent,date,kind,weight\nA1,2026-12-24,off,heavy\n"), "f.csv")
	wantError(t, err, 2, "weight")
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
		agents, err := ReadAgents(strings.NewReader(text), "f.csv")
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
		shifts, err := ReadShifts(strings.NewReader(text), "f.csv")
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
