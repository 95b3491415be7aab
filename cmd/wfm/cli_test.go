package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"wfm"
	"wfm/calendar"
	"wfm/internal/dataset"
	"wfm/synth"
)

// run calls the command line in process and returns its exit status and outputs.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), &env{stdout: &out, stderr: &errb}, args)
	return code, out.String(), errb.String()
}

// historyFile writes eight weeks of synthetic 15-minute history ending before 2026-12-01.
func historyFile(t *testing.T) string {
	t.Helper()
	cfg := synth.DefaultHistory(wfm.DateOf(2026, 10, 6), 56, 1)
	cfg.Calendar = calendar.CN()
	path := filepath.Join(t.TempDir(), "history.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := synth.History(cfg).WriteCSV(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestUsageAndExitCodes(t *testing.T) {
	if code, out, _ := run(t, "help"); code != 0 || !strings.Contains(out, "forecast") || !strings.Contains(out, "serve") {
		t.Errorf("help: %d %q", code, out)
	}
	if code, _, errs := run(t, "nonsense"); code != 2 || !strings.Contains(errs, "unknown command") {
		t.Errorf("unknown command: %d %q", code, errs)
	}
	if code, _, errs := run(t, "forecast", "--start", "2026-12-01"); code != 2 || !strings.Contains(errs, "--history") {
		t.Errorf("missing flag: %d %q", code, errs)
	}
	if code, _, _ := run(t, "solve", "--problem", "x.json", "stray"); code != 2 {
		t.Errorf("stray argument: %d", code)
	}
}

func TestForecastAndStaffFiles(t *testing.T) {
	dir := t.TempDir()
	fc, st := filepath.Join(dir, "forecast.csv"), filepath.Join(dir, "staffing.csv")
	if code, _, errs := run(t, "forecast", "--history", historyFile(t), "--start", "2026-12-01", "--days", "7",
		"--interval", "30m", "--out", fc); code != 0 {
		t.Fatalf("forecast: %d %s", code, errs)
	}
	recs := readCSV(t, fc)
	if len(recs) != 1+7*48 || strings.Join(recs[0], ",") != "interval_start,calls,calls_p10,calls_p90,aht_seconds,model,minnan_calls" {
		t.Fatalf("forecast CSV: %d rows, header %v", len(recs), recs[0])
	}
	if code, _, errs := run(t, "staff", "--forecast", fc, "--sl", "0.9", "--answer-within", "15s", "--erlang", "a",
		"--patience", "90s", "--out", st); code != 0 {
		t.Fatalf("staff: %d %s", code, errs)
	}
	recs = readCSV(t, st)
	if len(recs) != 1+7*48 || recs[0][3] != "agents" || recs[0][8] != "occupancy" {
		t.Fatalf("staffing CSV: %d rows, header %v", len(recs), recs[0])
	}
	if code, _, errs := run(t, "staff", "--forecast", fc, "--sl", "1.5"); code != 2 || !strings.Contains(errs, "ServiceLevel") {
		t.Errorf("bad target: %d %q", code, errs)
	}
	// A window of the day: the forecast's rows from 09:00 to 17:59 only.
	recs = readCSV(t, fc)
	window := [][]string{recs[0]}
	for _, r := range recs[1:] {
		if hh := r[0][11:13]; hh >= "09" && hh < "18" {
			window = append(window, r)
		}
	}
	part := filepath.Join(dir, "window.csv")
	writeCSV(t, part, window)
	if code, _, errs := run(t, "staff", "--forecast", part, "--out", st); code != 0 {
		t.Fatalf("staff a window of the day: %d %s", code, errs)
	}
	if got := readCSV(t, st); len(got) != len(window) || got[1][0] != window[1][0] {
		t.Errorf("staffing of the window: %d rows (want %d), first %v", len(got), len(window), got[1])
	}
}

func writeCSV(t *testing.T, path string, recs [][]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.WriteAll(recs)
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func TestBacktestEndsWhereAsked(t *testing.T) {
	hist := historyFile(t) // 2026-10-06 … 2026-11-30
	code, out, errs := run(t, "forecast", "backtest", "--history", hist, "--horizon", "7", "--origins", "1", "--end", "2026-11-20")
	if code != 0 {
		t.Fatalf("backtest: %d %s", code, errs)
	}
	if !strings.Contains(out, "(2026-11-14)") || !strings.Contains(out, "| in [p10, p90] |") || !strings.Contains(out, "| auto |") {
		t.Errorf("backtest output:\n%s", out)
	}
	for _, end := range []string{"2026-12-01", "2026-10-05", "20 Nov"} {
		if code, _, errs := run(t, "forecast", "backtest", "--history", hist, "--end", end); code != 2 || !strings.Contains(errs, "end") {
			t.Errorf("--end %s: %d %q", end, code, errs)
		}
	}
}

func TestForecastErrorsNameTheLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.csv")
	os.WriteFile(path, []byte("interval_start,calls\n2026-12-01T00:00:00,3\n2026-12-01T00:30:00,-4\n"), 0o644)
	code, _, errs := run(t, "forecast", "--history", path, "--start", "2026-12-10", "--days", "1")
	if code != 2 || !strings.Contains(errs, "h.csv:3") || !strings.Contains(errs, "negative") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

func TestSolveThenValidate(t *testing.T) {
	dir := t.TempDir()
	problem, roster := filepath.Join(dir, "problem.json"), filepath.Join(dir, "roster.json")
	if code, _, errs := run(t, "bench", "gen", "--agents", "24", "--days", "7", "--out", problem); code != 0 {
		t.Fatalf("bench gen: %d %s", code, errs)
	}
	// 80,000 moves: enough for the search to leave the constructed roster for a feasible better one
	// with the roster-shape terms on (the simulation is compared on a roster without empty stretches).
	if code, _, errs := run(t, "solve", "--problem", problem, "--time", "0", "--moves", "80000", "--workers", "1",
		"--quiet", "--out", roster); code != 0 {
		t.Fatalf("solve: %d %s", code, errs)
	}
	code, out, _ := run(t, "validate", "--problem", problem, "--roster", roster)
	if code != 0 || !strings.Contains(out, "no HARD rule broken") || !strings.Contains(out, "under_coverage") {
		t.Fatalf("validate: %d %q", code, out)
	}
	// The roster's projected service level against a simulation of its calls: the two agree.
	code, out, errs := run(t, "simulate", "--problem", problem, "--roster", roster, "--runs", "2")
	var projected, simulated float64
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "| service level") {
			fmt.Sscanf(strings.Join(strings.Fields(strings.ReplaceAll(line, "|", " "))[3:], " "), "%f %% %f", &projected, &simulated)
		}
	}
	if code != 0 || projected <= 0 || math.Abs(projected-simulated) > 3 {
		t.Errorf("simulate: %d, projected %.2f %%, simulated %.2f %%\n%s%s", code, projected, simulated, out, errs)
	}
	if code, _, errs := run(t, "simulate", "--problem", problem, "--roster", roster, "--runs", "0"); code != 2 || !strings.Contains(errs, "runs") {
		t.Errorf("simulate --runs 0: %d %q", code, errs)
	}
	// Give everyone a night shift on day one: the night groups rule (R22) breaks for day agents.
	var r wfm.Roster
	data, _ := os.ReadFile(roster)
	json.Unmarshal(data, &r)
	for i := range r.Schedules {
		r.Schedules[i].Days[0] = wfm.DaySchedule{Date: r.Schedules[i].Days[0].Date, Shift: "N22"}
	}
	data, _ = json.Marshal(r)
	os.WriteFile(roster, data, 0o644)
	code, out, _ = run(t, "validate", "--problem", problem, "--roster", roster)
	if code == 0 || !strings.Contains(out, "R22") {
		t.Errorf("a broken roster validated: %d %q", code, out)
	}
}

func TestPlanOnFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(text), 0o644)
		return p
	}
	var agents strings.Builder
	agents.WriteString("id,name,group,skills,roles,contract_hours,mentor\n")
	for i := range 40 {
		group, roles, skills := "day", "", "mandarin"
		if i%5 == 0 {
			group = "night"
		}
		if i%8 == 0 || i == 5 || i == 15 {
			roles = "leader"
		}
		if i%3 == 0 {
			skills += ";minnan"
		}
		agents.WriteString(strings.Join([]string{"A" + string(rune('A'+i/26)) + string(rune('A'+i%26)), "", group, skills, roles, "40", ""}, ",") + "\n")
	}
	args := []string{"plan", "--history", historyFile(t), "--agents", write("agents.csv", agents.String()),
		"--shifts", write("shifts.csv", "id,start,minutes\nD08,08:00,510\nD12,12:00,510\nE15,15:00,510\nN22,22:00,540\n"),
		"--leave", write("leave.csv", "agent,type,from,to\nAAB,annual,2026-12-07,2026-12-09\n"),
		"--month", "2026-12", "--time", "3s", "--out", filepath.Join(dir, "out")}
	// An override outside the month is refused before anything is solved, naming its line.
	bad := write("bad.csv", "from,to,factor,value,reason\n2026-12-24,2026-12-24,1.3,,Christmas Eve\n2027-01-04,2027-01-04,2,,next year\n")
	if code, _, errs := run(t, append(args, "--override", bad)...); code != 2 || !strings.Contains(errs, "bad.csv:3") || !strings.Contains(errs, "from") {
		t.Errorf("override outside the month: %d %q", code, errs)
	}
	override := write("override.csv", "from,to,factor,value,reason\n2026-12-24T18:00,2026-12-25,0.5,,Christmas Eve\n")
	code, out, errs := run(t, append(args, "--override", override)...)
	if code != 0 {
		t.Fatalf("plan: %d\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(out, `override (line 2) 2026-12-24T18:00 to 2026-12-25 × 0.5, "Christmas Eve": 60 intervals`) {
		t.Errorf("the override is not reported:\n%s", out)
	}
	if html, _ := os.ReadFile(filepath.Join(dir, "out", "report.html")); !strings.Contains(string(html), "Christmas Eve") {
		t.Error("the report does not list the override")
	}
	for _, f := range []string{"forecast.csv", "staffing.csv", "problem.json", "roster.json", "report.html", "roster.xlsx", "roster.csv", "ics/AAB.ics"} {
		if _, err := os.Stat(filepath.Join(dir, "out", f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	if !strings.Contains(out, "HARD violations            0") {
		t.Errorf("summary: %s", out)
	}
}

func TestBenchCurtoisOnInstance1(t *testing.T) {
	dir := dataset.Dir(t, "curtois")
	out := filepath.Join(t.TempDir(), "results.csv")
	rosters := filepath.Join(t.TempDir(), "rosters")
	code, table, errs := run(t, "bench", "curtois", "--dir", dir, "--only", "Instance1", "--time", "3s", "--out", out, "--rosters", rosters)
	if code != 0 {
		t.Fatalf("bench curtois: %d %s", code, errs)
	}
	if !strings.Contains(table, "| Instance1 | 8 | 14 | 607 |") {
		t.Errorf("table: %s", table)
	}
	recs := readCSV(t, out)
	if len(recs) != 2 || recs[1][8] != "true" {
		t.Fatalf("results CSV %v", recs)
	}
	// The bound is certified: never above the instance's optimum (607), nor below 0.
	if b, err := strconv.ParseFloat(recs[1][5], 64); err != nil || b < 0 || b > 607 {
		t.Errorf("bound %q (%v) outside [0, 607]", recs[1][5], err)
	}
	if _, err := os.Stat(filepath.Join(rosters, "Instance1.roster")); err != nil {
		t.Error("roster file missing")
	}
}

// TestSolvePlacesActivities: wfm solve places a problem's activities (R15) after solving, and
// wfm validate accepts the roster with its sessions.
func TestSolvePlacesActivities(t *testing.T) {
	dir := t.TempDir()
	problem, roster := filepath.Join(dir, "problem.json"), filepath.Join(dir, "roster.json")
	if code, _, errs := run(t, "bench", "gen", "--agents", "24", "--days", "7", "--out", problem); code != 0 {
		t.Fatalf("bench gen: %d %s", code, errs)
	}
	var p wfm.Problem
	readJSON(t, problem, &p)
	p.Activities = []wfm.Activity{{ID: "exam", Kind: wfm.ActivityExam, Minutes: 60, Count: 12, From: p.Horizon.Start, To: p.Horizon.Start.AddDays(6)}}
	data, _ := json.Marshal(p)
	if err := os.WriteFile(problem, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := run(t, "solve", "--problem", problem, "--time", "0", "--moves", "40000", "--workers", "1", "--quiet", "--out", roster)
	if code != 0 || !strings.Contains(errs, "activities (R15): ") {
		t.Fatalf("solve: %d %s", code, errs)
	}
	var r wfm.Roster
	readJSON(t, roster, &r)
	n := len(r.Unplaced)
	for _, s := range r.Sessions {
		n += len(s.Attendees)
	}
	if len(r.Sessions) == 0 || n != 12 {
		t.Errorf("%d sessions, %d attendances placed or named, want 12", len(r.Sessions), n)
	}
	if code, out, _ := run(t, "validate", "--problem", problem, "--roster", roster); code != 0 || !strings.Contains(out, "no HARD rule broken") {
		t.Errorf("validate: %d %q", code, out)
	}
}
