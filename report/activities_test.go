package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"wfm"
	"wfm/planning"
	"wfm/solver/validate"
)

// TestActivitiesSection: the report of a roster with placed sessions (R15) lists every session
// (when, where, who, cost), the under-coverage added and at the busiest hour, writes
// sessions.csv, and each attendee's calendar carries its sessions; without sessions, none of it.
func TestActivitiesSection(t *testing.T) {
	in := generatedInput(t)
	p := *in.Problem
	r := *in.Roster
	start := p.Horizon.Start
	p.Activities = []wfm.Activity{{ID: "exam", Name: "quarterly exam", Kind: wfm.ActivityExam, Minutes: 60, Count: 12,
		From: start, To: start.AddDays(6)}}
	a, err := planning.PlaceActivities(&p, &r)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Sessions) == 0 {
		t.Fatal("nothing placed")
	}
	in.Problem, in.Roster, in.Check, in.Activities = &p, &r, validate.Check(&p, &r), a
	_, doc := render(t, in)
	rows := find(byID(doc, "sessions"), func(n *html.Node) bool { return n.Data == "tr" })
	if len(rows) != 1+len(r.Sessions) {
		t.Fatalf("%d rows in the sessions table, want a header and %d sessions", len(rows), len(r.Sessions))
	}
	for i, s := range r.Sessions {
		got := text(rows[1+i])
		for _, want := range []string{s.Date.String(), hhmm(s.Start), s.Room, s.Attendees[0], "quarterly exam", num(a.Placement.Cost[i], 1)} {
			if !strings.Contains(got, want) {
				t.Errorf("session %d: row %q lacks %q", i, got, want)
			}
		}
	}
	if strip := text(byID(doc, "summary")); !strings.Contains(strip, "Training & exams (R15)") || !strings.Contains(strip, "at the busiest hour") {
		t.Errorf("summary strip: %q", strip)
	}
	summary := text(byID(doc, "activities-summary"))
	if !strings.Contains(summary, "at the busiest hour") || !strings.Contains(summary, "Under-coverage added") {
		t.Errorf("summary: %q", summary)
	}
	dir := t.TempDir()
	if _, err := WriteAll(dir, in); err != nil {
		t.Fatal(err)
	}
	csv, err := os.ReadFile(filepath.Join(dir, FileSessions))
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(string(csv)), "\n"); len(lines) != 1+len(r.Sessions) {
		t.Errorf("sessions.csv has %d lines for %d sessions", len(lines), len(r.Sessions))
	}
	sheet, err := workbook(t, in).GetRows(SheetSessions)
	if err != nil || len(sheet) != 1+len(r.Sessions) || sheet[1][0] != r.Sessions[0].Date.String() {
		t.Errorf("the Sessions sheet: %v, %d rows for %d sessions", err, len(sheet), len(r.Sessions))
	}
	s := r.Sessions[0]
	var ics bytes.Buffer
	if err := WriteICS(&ics, in, s.Attendees[0]); err != nil {
		t.Fatal(err)
	}
	if got := ics.String(); !strings.Contains(got, "SUMMARY:Exam: quarterly exam") || !strings.Contains(got, "LOCATION:"+s.Room) ||
		!strings.Contains(got, "CATEGORIES:EXAM") {
		t.Errorf("the calendar of %s lacks its session:\n%s", s.Attendees[0], got)
	}

	in.Problem, in.Roster, in.Check, in.Activities = generatedInput(t).Problem, generatedInput(t).Roster, generatedInput(t).Check, nil
	_, doc = render(t, in)
	if byID(doc, "activities") != nil {
		t.Error("an activities section without sessions")
	}
}
