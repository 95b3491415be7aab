package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"wfm"
	"wfm/benchmarks/gen"
)

// plannerFiles writes the agents and shift templates of a generated 30-agent centre as a planner
// keeps them, with the history of historyFile, and returns the centre and the flags that name them.
func plannerFiles(t *testing.T, dir string) (*wfm.Problem, []string) {
	t.Helper()
	p, err := gen.Generate(gen.Config{Agents: 30, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	var agents, shifts strings.Builder
	agents.WriteString("id,name,group,skills,roles,contract_hours,mentor\n")
	for _, a := range p.Agents {
		fmt.Fprintf(&agents, "%s,%s,%s,%s,%s,%g,%s\n", a.ID, a.Name, a.Group, strings.Join(a.Skills, ";"), strings.Join(a.Roles, ";"),
			a.ContractHours, a.Mentor)
	}
	shifts.WriteString("id,start,minutes\n")
	for _, s := range p.Shifts {
		fmt.Fprintf(&shifts, "%s,%s,%d\n", s.ID, s.Start, s.Minutes)
	}
	return p, []string{"--history", historyFile(t), "--agents", writeText(t, dir, "agents.csv", agents.String()),
		"--shifts", writeText(t, dir, "shifts.csv", shifts.String()), "--model", "mean4"}
}

func writeText(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// readJSON decodes the JSON file at path into v.
func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// TestPlanPlannerFiles: the leave beyond the annual-leave cap is listed at once, every conflict
// with its file and line, and --leave-cap first-come refuses it in filing order and plans; the
// requests no roster can grant are notes before the solve; --holidays takes a file as forecast
// does, and its make-up working day reaches the report as a working day.
func TestPlanPlannerFiles(t *testing.T) {
	dir := t.TempDir()
	centre, files := plannerFiles(t, dir)
	var day []string // plain day agents
	for _, a := range centre.Agents {
		if a.Group == wfm.GroupDay && len(a.Roles) == 0 {
			day = append(day, a.ID)
		}
	}
	leave := writeText(t, dir, "leave.csv", "agent,type,from,to,reason\n"+
		day[0]+",annual,2026-12-07,2026-12-11,\n"+ // line 2: approved
		day[1]+",annual,2026-12-10,2026-12-12,\n"+ // line 3: over the cap on 10–11
		day[2]+",sick,2026-12-10,2026-12-10,\n"+ // line 4: not annual
		day[3]+",annual,2026-12-20,2026-12-21,\n"+ // line 5: approved
		day[4]+",annual,2026-12-21,2026-12-23,\n") // line 6: over the cap on 21
	requests := writeText(t, dir, "requests.csv", "agent,date,shift,kind,weight\n"+
		day[5]+",2026-12-03,D08,on,2\n"+ // line 2: grantable
		day[5]+",2026-12-04,N22,on,2\n"+ // line 3: a day agent asks for the night (R22)
		day[0]+",2026-12-08,,on,1\n") // line 4: during its annual leave (R9)
	rules := writeText(t, dir, "rules.json", `{"rules": {"max_concurrent_annual_leave": 1}}`)
	holidays := writeText(t, dir, "holidays.csv", "date,kind,name\n2026-12-05,workday,Test make-up\n2026-12-25,holiday,Test holiday\n")
	out := filepath.Join(dir, "out")
	args := append([]string{"plan", "--month", "2026-12", "--time", "2s", "--out", out, "--leave", leave, "--requests", requests,
		"--rules", rules, "--holidays", holidays}, files...)

	code, _, errs := run(t, args...)
	for _, want := range []string{
		"2 conflicts with the cap on concurrent annual leave (R10):",
		leave + ":3: R10: agent " + day[1] + ": 2026-12-10: 2 agents on annual leave through 2026-12-11, at most 1 at a time: " +
			day[0] + " (" + leave + ":2), " + day[1] + " (" + leave + ":3)",
		leave + ":6: R10: agent " + day[4] + ": 2026-12-21: 2 agents on annual leave, at most 1 at a time: ",
		"--leave-cap first-come",
	} {
		if code != 2 || !strings.Contains(errs, want) {
			t.Errorf("exit %d; stderr lacks %q:\n%s", code, want, errs)
		}
	}

	code, stdout, errs := run(t, append(args, "--leave-cap", "first-come")...)
	if code != 0 {
		t.Fatalf("first-come: %d\n%s\n%s", code, stdout, errs)
	}
	for _, want := range []string{
		"refused: " + leave + ":3: agent " + day[1] + ": annual leave 2026-12-10 to 2026-12-12: 2026-12-10 to 2026-12-11: " +
			"the cap of 1 on annual leave at a time (R10) is already reached by " + day[0] + " (" + leave + ":2)",
		"refused: " + leave + ":6: agent " + day[4] + ": annual leave 2026-12-21 to 2026-12-23: 2026-12-21:",
		"note: " + requests + ":3: R22: agent " + day[5] + ": 2026-12-04: the on request for N22 can never be granted",
		"note: " + requests + ":4: R9: agent " + day[0] + ": 2026-12-08: the on request for any shift can never be granted: " +
			"the agent is on approved annual leave that day",
		"Leave refused (R10)        2",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Index(stdout, "note: ") > strings.Index(stdout, "solving the roster") {
		t.Error("the notes come after the solve")
	}
	var p wfm.Problem
	readJSON(t, filepath.Join(out, "problem.json"), &p)
	var kept []string
	for _, l := range p.Leave {
		kept = append(kept, l.Agent+" "+l.Type)
	}
	if strings.Join(kept, ",") != day[0]+" annual,"+day[2]+" sick,"+day[3]+" annual" {
		t.Errorf("the problem's leave: %v", kept)
	}
	if len(p.Holidays) != 2 || p.Holidays[0].Kind != wfm.Workday || p.Holidays[1].Name != "Test holiday" {
		t.Errorf("the problem's holidays: %+v", p.Holidays)
	}
	page, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`id="refused-leave"`, "<td>" + leave + ":3</td>", `<span class="sp work">make-up working day (Test make-up)</span>`,
		`<span class="sp hol">Test holiday</span>`, `id="missed-requests"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("report.html lacks %s", want)
		}
	}

	// --holidays takes what forecast takes: none, and a file that must exist and read.
	for _, tc := range []struct{ spec, want string }{
		{filepath.Join(dir, "missing.csv"), "holidays must be cn, none or a CSV file"},
		{writeText(t, dir, "bad-holidays.csv", "date,kind\n2026-12-05,feast\n"), "bad-holidays.csv:2: R7: field kind"},
	} {
		for _, cmd := range [][]string{
			append([]string{"plan", "--month", "2026-12", "--out", out, "--holidays", tc.spec}, files...),
			{"forecast", "--history", files[1], "--start", "2026-12-01", "--days", "1", "--holidays", tc.spec},
		} {
			if code, _, errs := run(t, cmd...); code != 2 || !strings.Contains(errs, tc.want) {
				t.Errorf("%s --holidays %s: %d %s", cmd[0], tc.spec, code, errs)
			}
		}
	}
}

// TestPlanErrorsNameFileAndLine: every error in a planner's file names the file and the line,
// whether the reader finds it or the whole problem's validation does.
func TestPlanErrorsNameFileAndLine(t *testing.T) {
	dir := t.TempDir()
	centre, files := plannerFiles(t, dir)
	a, b := centre.Agents[0].ID, centre.Agents[1].ID
	agents, err := os.ReadFile(files[3])
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, flag, file, text string
		want                   string
	}{
		{"leave: unknown agent", "--leave", "leave.csv", "agent,type,from,to\n" + a + ",sick,2026-12-02,2026-12-02\nZZZ,sick,2026-12-03,2026-12-03\n",
			"leave.csv:3: R9: agent ZZZ: 2026-12-03: field agent: unknown agent"},
		{"leave: unknown type", "--leave", "leave.csv", "agent,type,from,to\n" + a + ",holiday,2026-12-02,2026-12-02\n",
			`leave.csv:2: R9: agent ` + a + `: 2026-12-02: field type: unknown leave type "holiday"`},
		{"leave: overlap", "--leave", "leave.csv", "agent,type,from,to\n" + a + ",sick,2026-12-02,2026-12-04\n" + b + ",sick,2026-12-02,2026-12-02\n" +
			a + ",personal,2026-12-04,2026-12-05\n", "leave.csv:4: R9: agent " + a + ": 2026-12-04: field from: overlaps other leave"},
		{"leave: bad date", "--leave", "leave.csv", "agent,type,from,to\n" + a + ",sick,2026-12-32,2026-12-02\n", "leave.csv:2: R9: agent " + a + ": field from"},
		{"requests: unknown shift", "--requests", "requests.csv", "agent,date,shift,kind,weight\n" + a + ",2026-11-30,ZZ,on,1\n" + a + ",2026-12-02,ZZ,on,1\n",
			"requests.csv:3: R23: agent " + a + ": 2026-12-02: field shift: unknown shift"},
		{"requests: bad kind", "--requests", "requests.csv", "agent,date,shift,kind,weight\n" + a + ",2026-12-02,,maybe,1\n",
			"requests.csv:2: R23: agent " + a + ": 2026-12-02: field kind"},
		{"agents: duplicate id", "--agents", "agents.csv", string(agents) + a + ",,day,mandarin,,40,\n",
			"agents.csv:32: field id: \"" + a + "\" is used twice (first on line 2)"},
		{"agents: unknown mentor", "--agents", "agents.csv", string(agents) + "T1,,day,mandarin,trainee,40,NOBODY\n",
			"agents.csv:32: R14: agent T1: field mentor: mentor \"NOBODY\" is not an agent"},
		{"shifts: unknown cannot_follow", "--shifts", "shifts.csv", "id,start,minutes,cannot_follow\nD08,08:00,510,\nN22,22:00,600,Q\n",
			`shifts.csv:3: R21: field cannot_follow: shift N22 lists unknown shift "Q"`},
		{"shifts: duplicate id", "--shifts", "shifts.csv", "id,start,minutes\nD08,08:00,510\nD08,09:00,510\n",
			`shifts.csv:3: field id: "D08" is used twice (first on line 2)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeText(t, t.TempDir(), tc.file, tc.text)
			code, _, errs := run(t, append(append([]string{"plan", "--month", "2026-12", "--time", "1s", "--out", t.TempDir()}, files...),
				tc.flag, path)...)
			if code != 2 || !strings.Contains(errs, filepath.Dir(path)+"/"+tc.want) {
				t.Errorf("exit %d, stderr %q\nwant %q", code, errs, tc.want)
			}
		})
	}
	if code, _, errs := run(t, append([]string{"plan", "--month", "2026-12", "--leave-cap", "lottery"}, files...)...); code != 2 ||
		!strings.Contains(errs, `"lottery" is not a policy`) {
		t.Errorf("--leave-cap lottery: %d %s", code, errs)
	}
}
