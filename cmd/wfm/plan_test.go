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
	"wfm/inputs"
	"wfm/solver/validate"
)

// plannerFiles writes the agents and shift templates of a generated 30-agent centre as a planner
// keeps them (contracts, own weekly bands and shift lists included), with the history of
// historyFile, and returns the centre and the flags that name them.
func plannerFiles(t *testing.T, dir string) (*wfm.Problem, []string) {
	t.Helper()
	p, err := gen.Generate(gen.Config{Agents: 30, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	var agents, shifts strings.Builder
	if err := inputs.WriteAgents(&agents, p.Agents); err != nil {
		t.Fatal(err)
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

// TestPlanMonthsChain plans December 2026, then January 2027 with --previous December's roster:
// January's problem carries the last wfm.HistoryDays days of December as its history, exactly as
// the December roster has them, and the independent checker judges January's first days against
// it (a shift too soon after a night of 31 December breaks R21 only with the history).
func TestPlanMonthsChain(t *testing.T) {
	dir := t.TempDir()
	_, files := plannerFiles(t, dir)
	dec, jan := filepath.Join(dir, "dec"), filepath.Join(dir, "jan")
	if code, out, errs := run(t, append([]string{"plan", "--month", "2026-12", "--time", "2s", "--out", dec}, files...)...); code != 0 {
		t.Fatalf("plan December: %d\n%s\n%s", code, out, errs)
	}
	decRoster := filepath.Join(dec, "roster.json")
	code, out, errs := run(t, append([]string{"plan", "--month", "2027-01", "--time", "3s", "--out", jan, "--previous", decRoster}, files...)...)
	if code != 0 {
		t.Fatalf("plan January: %d\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(out, "history from "+decRoster+": 2026-12-18 to 2026-12-31 for 30 agents") {
		t.Errorf("no history line:\n%s", out)
	}
	var r1, r2 wfm.Roster
	var p2 wfm.Problem
	readJSON(t, decRoster, &r1)
	readJSON(t, filepath.Join(jan, "roster.json"), &r2)
	readJSON(t, filepath.Join(jan, "problem.json"), &p2)
	if err := p2.Validate(); err != nil {
		t.Fatalf("January's problem: %v", err)
	}

	// The history is December's last 14 days as the roster has them: a shift, off, or leave.
	start := p2.Horizon.Start
	fixed := map[string]string{}
	for _, f := range p2.Fixed {
		if f.Date < start {
			fixed[f.Agent+" "+f.Date.String()] = f.Shift
		}
	}
	leaveDays := map[string]string{} // "agent date" → leave type
	for _, l := range p2.Leave {
		for d := l.From; d <= l.To; d++ {
			leaveDays[l.Agent+" "+d.String()] = l.Type
		}
	}
	days := 0
	for _, s := range r1.Schedules {
		for _, d := range s.Days[len(s.Days)-wfm.HistoryDays:] {
			key := s.Agent + " " + d.Date.String()
			switch {
			case d.Shift != "" && fixed[key] != d.Shift, d.Leave == "" && d.Shift == "" && fixed[key] != wfm.Off:
				t.Errorf("%s: December has %q, January's history %q", key, d.Shift, fixed[key])
			case d.Leave != "" && leaveDays[key] != d.Leave:
				t.Errorf("%s: December has %s leave, January's history %q", key, d.Leave, leaveDays[key])
			}
			days++
		}
	}
	if days != 30*wfm.HistoryDays || len(fixed) > days {
		t.Errorf("%d history days, %d fixed entries", days, len(fixed))
	}

	// January's roster keeps every HARD rule across the edge (the checker reads the history).
	if rep := validate.Check(&p2, &r2); !rep.OK() {
		t.Fatalf("January breaks %d rules, first %v", len(rep.Violations), rep.Violations[0])
	}
	// An agent whose December ends on a run of L working days, given January's first 7−L days:
	// a run of 7 across the start breaks R21 (at most 6 days in a row, a day off in seven), which
	// the checker sees through the history and only through it.
	agent, shift, tail := "", "", 0
	for _, s := range r1.Schedules {
		n := 0
		for k := len(s.Days) - 1; k >= 0 && s.Days[k].Working(); k-- {
			n++
		}
		if n > tail {
			agent, shift, tail = s.Agent, s.Days[len(s.Days)-1].Shift, n
		}
	}
	if tail == 0 || tail > p2.Rules.MaxConsecutiveDays {
		t.Fatalf("December ends on runs of %d days", tail)
	}
	for i := range r2.Schedules {
		if r2.Schedules[i].Agent != agent {
			continue
		}
		days := r2.Schedules[i].Days
		for k := range days[:p2.Rules.MaxConsecutiveDays+2-tail] {
			days[k] = wfm.DaySchedule{Date: start.AddDays(k), Shift: shift}
		}
		days[p2.Rules.MaxConsecutiveDays+1-tail] = wfm.DaySchedule{Date: start.AddDays(p2.Rules.MaxConsecutiveDays + 1 - tail)}
	}
	runs := func(p *wfm.Problem) int {
		n := 0
		for _, v := range validate.Check(p, &r2).Violations {
			if v.Rule == "R21" && v.Agent == agent {
				n++
			}
		}
		return n
	}
	if runs(&p2) == 0 {
		t.Errorf("the checker does not see %s's run of %d days at the end of December", agent, tail)
	}
	alone := p2
	alone.Fixed = nil
	if n := runs(&alone); n != 0 {
		t.Errorf("without the history the checker still reports %d R21 violations of %s", n, agent)
	}

	t.Run("refused", func(t *testing.T) {
		// A roster that does not end the day before the month, or names a template the month lacks.
		code, _, errs := run(t, append([]string{"plan", "--month", "2027-02", "--time", "1s", "--out", filepath.Join(dir, "feb"),
			"--previous", decRoster}, files...)...)
		if code != 2 || !strings.Contains(errs, decRoster+": R21: field previous: the previous roster ends on 2026-12-31 and this month starts on 2027-02-01: the 31 days between are unknown") {
			t.Errorf("a gap: %d %s", code, errs)
		}
		shifts := "id,start,minutes\n"
		for _, s := range p2.Shifts {
			if !s.IsNight(p2.Rules) {
				shifts += fmt.Sprintf("%s,%s,%d\n", s.ID, s.Start, s.Minutes)
			}
		}
		noNight := append([]string{"plan", "--month", "2027-01", "--time", "1s", "--out", filepath.Join(dir, "x"), "--previous", decRoster}, files...)
		noNight = append(noNight, "--shifts", writeText(t, dir, "day-shifts.csv", shifts))
		code, _, errs = run(t, noNight...)
		if code != 2 || !strings.Contains(errs, decRoster+": R21: agent ") || !strings.Contains(errs, " is not a template of this month") {
			t.Errorf("an unknown template: %d %s", code, errs)
		}
	})
	t.Run("solve", func(t *testing.T) {
		// wfm solve --previous gives a problem without history the same history.
		alone.Leave = nil
		for _, l := range p2.Leave {
			if l.To >= start {
				alone.Leave = append(alone.Leave, l)
			}
		}
		bare := filepath.Join(dir, "bare.json")
		data, _ := json.Marshal(alone)
		os.WriteFile(bare, data, 0o644)
		roster := filepath.Join(dir, "solved.json")
		code, _, errs := run(t, "solve", "--problem", bare, "--previous", decRoster, "--time", "0", "--moves", "20000", "--workers", "1",
			"--quiet", "--out", roster)
		if code != 0 || !strings.Contains(errs, "history from "+decRoster+": 2026-12-18 to 2026-12-31 for 30 agents") {
			t.Fatalf("solve --previous: %d %s", code, errs)
		}
		var got wfm.Roster
		readJSON(t, roster, &got)
		if rep := validate.Check(&p2, &got); !rep.OK() {
			t.Errorf("the roster solved with --previous breaks %v", rep.Violations[0])
		}
		code, _, errs = run(t, "solve", "--problem", filepath.Join(jan, "problem.json"), "--previous", decRoster, "--time", "1s", "--quiet")
		if code != 2 || !strings.Contains(errs, "already holds history before the horizon") {
			t.Errorf("a problem with history, chained again: %d %s", code, errs)
		}
	})
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
		{"deferred: unknown kind", "--deferred", "deferred.csv", "id,kind,minutes,release,deadline_working_days\nC1,follow_up,10,2026-12-01T09:00,1\nC2,letter,10,2026-12-01T09:00,1\n",
			`deferred.csv:3: R25: field kind: "letter" is not one of`},
		{"deferred: released after the month", "--deferred", "deferred.csv", "id,kind,minutes,release,deadline_working_days\nC1,follow_up,10,2027-01-02T09:00,1\n",
			"deferred.csv:2: R25: field release: C1: follow_up is released at 2027-01-02T09:00, after the horizon ends"},
		{"activities: unknown kind", "--activities", "activities.csv", "id,kind,minutes,count,from,to\nX,party,60,2,2026-12-01,2026-12-31\n",
			`activities.csv:2: R15: field kind: "party" is not one of`},
		{"activities: unknown agent", "--activities", "activities.csv", "id,kind,minutes,agents,from,to\nX,exam,60," + a + ";ZZZ,2026-12-01,2026-12-31\n",
			"activities.csv:2: R15: agent ZZZ: field agents: not an agent of the problem"},
		{"activities: outside the month", "--activities", "activities.csv", "id,kind,minutes,count,from,to\nX,exam,60,2,2026-12-01,2027-01-05\n",
			"activities.csv:2: R15: field from: the window 2026-12-01 to 2027-01-05 is not inside the horizon"},
		{"activities: JSON", "--activities", "activities.json", `{"activities": [{"id": "X", "kind": "exam", "minutes": 60, "count": 500, "from": "2026-12-01", "to": "2026-12-31"}]}`,
			"activities.json: R15: field activities[0].count: 500 attendees asked for"},
		{"rooms: not a boolean", "--rooms", "rooms.csv", "id,capacity,own\nhall,40,maybe\n", `rooms.csv:2: R15: field own: "maybe" is not true or false`},
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
	if code, _, errs := run(t, append([]string{"plan", "--month", "2026-12", "--deferred-capacity", "more"}, files...)...); code != 2 ||
		!strings.Contains(errs, `R25: field deferred-capacity: "more" is not idle or add`) {
		t.Errorf("--deferred-capacity more: %d %s", code, errs)
	}
	if code, _, errs := run(t, append([]string{"plan", "--month", "2026-12", "--leave-cap", "lottery"}, files...)...); code != 2 ||
		!strings.Contains(errs, `"lottery" is not a policy`) {
		t.Errorf("--leave-cap lottery: %d %s", code, errs)
	}
}

// TestPlanDeferredWork plans a month with deferred work (R25): complaint follow-ups and a call back
// that the roster's idle capacity does by their deadlines, and a Minnan outbound campaign too large
// for it. With --deferred-capacity idle the campaign's missing hours are reported; with add the
// demand is raised before its deadline, the roster solved again, and the report says what was
// added.
func TestPlanDeferredWork(t *testing.T) {
	dir := t.TempDir()
	_, files := plannerFiles(t, dir)
	work := writeText(t, dir, "deferred.csv", "id,kind,count,minutes,release,deadline_working_days,skill,level,after\n"+
		"C1,follow_up,,10,2026-12-01T09:40,1,,1,\n"+
		"C1-CB,call_back,,5,2026-12-01T09:40,3,,1,C1\n"+
		"C2,follow_up,,20,2026-12-02T14:10,3,,3,\n"+
		"OB,outbound,400,6,2026-12-14T08:00,2,minnan,,\n")
	// A quiet month for the centre's 30 agents, so that the roster has idle capacity.
	quiet := writeText(t, dir, "overrides.csv", "from,to,factor,value,reason\n2026-12-01,2026-12-31,0.05,,a quiet month\n")
	for _, policy := range []string{"idle", "add"} {
		t.Run(policy, func(t *testing.T) {
			out := filepath.Join(dir, policy)
			code, stdout, errs := run(t, append([]string{"plan", "--month", "2026-12", "--time", "2s", "--out", out, "--deferred", work,
				"--deferred-capacity", policy, "--override", quiet}, files...)...)
			if code != 0 {
				t.Fatalf("exit %d\n%s\n%s", code, stdout, errs)
			}
			if !strings.Contains(stdout, "deferred work: ") || !strings.Contains(stdout, "Deferred work (R25)") {
				t.Errorf("output lacks the deferred work:\n%s", stdout)
			}
			if added := strings.Contains(stdout, "adding capacity for the deferred work"); added != (policy == "add") {
				t.Errorf("capacity added: %v with %s:\n%s", added, policy, stdout)
			}
			rows, err := os.ReadFile(filepath.Join(out, "deferred.csv"))
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(string(rows)), "\n")
			if len(lines) != 5 || !strings.HasPrefix(lines[1], "C1,follow_up,,1,10,2026-12-01T09:40,2026-12-03T00:00,on_time,") ||
				!strings.HasPrefix(lines[2], "C1-CB,call_back,,1,5,2026-12-01T") {
				t.Errorf("deferred.csv:\n%s", rows)
			}
			page, err := os.ReadFile(filepath.Join(out, "report.html"))
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{`id="deferred-days"`, `id="deferred-items"`, "<td>OB</td>"} {
				if !strings.Contains(string(page), want) {
					t.Errorf("report.html lacks %s", want)
				}
			}
			if got := strings.Contains(string(page), `id="deferred-added"`); got != (policy == "add") {
				t.Errorf("the report's note on capacity added: %v with %s", got, policy)
			}
			var p wfm.Problem
			readJSON(t, filepath.Join(out, "problem.json"), &p)
			var r wfm.Roster
			readJSON(t, filepath.Join(out, "roster.json"), &r)
			if check := validate.Check(&p, &r); !check.OK() {
				t.Errorf("the roster written breaks %v", check.Violations)
			}
		})
	}
}

// TestPlanActivities plans a month with activities off the phones (R15): an exam for 12 agents in
// a company room of 12 and the centre's own room of 8: every attendance placed or named, the
// roster.json's sessions accepted by the checker, the report's section and sessions.csv.
func TestPlanActivities(t *testing.T) {
	dir := t.TempDir()
	_, files := plannerFiles(t, dir)
	acts := writeText(t, dir, "activities.csv", "id,name,kind,minutes,count,from,to,repeat\nEX,exam,exam,60,12,2026-12-01,2026-12-31,quarterly\n")
	rooms := writeText(t, dir, "rooms.csv", "id,capacity,own\nown,8,true\nhq,12,false\n")
	out := filepath.Join(dir, "out")
	code, stdout, errs := run(t, append([]string{"plan", "--month", "2026-12", "--time", "2s", "--out", out, "--activities", acts, "--rooms", rooms}, files...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(stdout, "activities (R15): ") {
		t.Errorf("output lacks the activities:\n%s", stdout)
	}
	var p wfm.Problem
	var r wfm.Roster
	readJSON(t, filepath.Join(out, "problem.json"), &p)
	readJSON(t, filepath.Join(out, "roster.json"), &r)
	if c := validate.Check(&p, &r); !c.OK() || c.Compare(r.Objective, 1e-9) != nil {
		t.Errorf("the checker: %v, %v", c.Violations, c.Compare(r.Objective, 1e-9))
	}
	n := len(r.Unplaced)
	for _, s := range r.Sessions {
		n += len(s.Attendees)
		if s.Room == "own" && len(s.Attendees) > 8 || len(s.Attendees) > 12 {
			t.Errorf("%d people in room %s", len(s.Attendees), s.Room)
		}
	}
	if n != 12 || len(r.Sessions) == 0 {
		t.Errorf("%d sessions, %d attendances placed or named, want 12", len(r.Sessions), n)
	}
	page, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil || !strings.Contains(string(page), `id="sessions"`) {
		t.Errorf("report.html lacks the sessions: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "sessions.csv")); err != nil {
		t.Error(err)
	}
}

// TestPlanExamples plans December 2026 from the files in examples/, as the README's tour does
// (with the synthetic history of historyFile): the planner's example files stay a month the
// product can plan, every HARD rule kept.
func TestPlanExamples(t *testing.T) {
	dir := t.TempDir()
	ex := func(name string) string { return filepath.Join("..", "..", "examples", name) }
	code, out, errs := run(t, "plan", "--history", historyFile(t), "--agents", ex("agents.csv"), "--shifts", ex("shifts.csv"),
		"--rules", ex("rules.json"), "--leave", ex("leave.csv"), "--requests", ex("requests.csv"), "--override", ex("overrides.csv"),
		"--month", "2026-12", "--time", "3s", "--out", dir)
	if code != 0 || !strings.Contains(out, "0 HARD violations") {
		t.Fatalf("plan of the examples: exit %d\n%s\n%s", code, out, errs)
	}
	var r wfm.Roster
	readJSON(t, filepath.Join(dir, "roster.json"), &r)
	var p wfm.Problem
	readJSON(t, filepath.Join(dir, "problem.json"), &p)
	if rep := validate.Check(&p, &r); !rep.OK() {
		t.Errorf("the examples' roster breaks %d rules, first %v", len(rep.Violations), rep.Violations[0])
	}
}
