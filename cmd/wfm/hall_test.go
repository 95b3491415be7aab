package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHallCommands: a demo hall month over February 2027 (Spring Festival closed, the make-up
// Sunday the 14th open) is planned with every post held on every open day and the roster passes
// wfm validate; the sweep refuses every leave that would leave a post with both holders away; a
// bad file is answered with the file and the field.
func TestHallCommands(t *testing.T) {
	dir := t.TempDir()
	month := filepath.Join(dir, "hall.json")
	if code, _, errs := run(t, "hall", "demo", "--start", "2027-02-01", "--days", "28", "--out", month); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	problem, roster := filepath.Join(dir, "problem.json"), filepath.Join(dir, "roster.json")
	code, out, errs := run(t, "hall", "plan", "--hall", month, "--time", "0", "--moves", "100000", "--workers", "1",
		"--out", roster, "--problem-out", problem)
	if code != 0 {
		t.Fatalf("plan: %s", errs)
	}
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[1], "P01  A01  B01   A  B  B  B  ·") || strings.Contains(out, "!!") {
		t.Errorf("table:\n%s", out)
	}
	// Day 14 (a make-up Sunday) is open, day 7 (a Sunday of the festival) closed.
	if row := strings.Fields(lines[4]); row[3+13] != "A" || row[3+6] != "·" {
		t.Errorf("P04's row %q: want day 14 open and day 7 closed", row)
	}
	if !strings.Contains(out, "12 posts, 180 open post-days: 180 with a holder at work, 11 of them on the B holder") {
		t.Errorf("summary:\n%s", out)
	}
	if code, out, _ := run(t, "validate", "--problem", problem, "--roster", roster); code != 0 || !strings.Contains(out, "no HARD rule broken") {
		t.Errorf("validate: %d %s", code, out)
	}
	code, out, _ = run(t, "hall", "sweep", "--hall", month)
	if code != 0 || !strings.Contains(out, "| would leave a post with both holders away | 11 | 11 refused, post and day named |") {
		t.Errorf("sweep: %d\n%s", code, out)
	}
	code, _, errs = run(t, "hall", "leave", "--hall", month, "--agent", "B02", "--from", "2027-02-19", "--to", "2027-02-22", "--requested", "2027-02-01")
	if code != 2 || !strings.Contains(errs, "R24: agent B02: 2027-02-19: field from: post P02 would have neither holder: its other holder A02 is away on the open days 2027-02-19") {
		t.Errorf("leave: %d %s", code, errs)
	}
	code, out, errs = run(t, "hall", "leave", "--hall", month, "--agent", "A05", "--from", "2027-02-22", "--requested", "2027-02-01", "--handover", "two open cases")
	if code != 0 || !strings.Contains(out, `handover recorded: P05 to B05 ("two open cases")`) {
		t.Errorf("leave with handover: %d %s %s", code, out, errs)
	}

	data, err := os.ReadFile(month)
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(strings.Replace(string(data), `"b": "B03"`, `"b": "A03"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(t, "hall", "plan", "--hall", bad); code != 2 || !strings.Contains(errs, "bad.json: R24: agent A03: field hall.posts[2].b: post P03: the A and B holders must be two agents") {
		t.Errorf("bad file: %d %s", code, errs)
	}
}
