package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"wfm"
	"wfm/planning"
)

// TestDeferredSection: the report of a roster with deferred work (R25) carries the summary
// strip's share done by the deadline, the day-by-day table of the schedule's own figures, every
// item's outcome, and deferred.csv; without deferred work, none of them.
func TestDeferredSection(t *testing.T) {
	in := generatedInput(t)
	start := in.Problem.Horizon.Start
	items := []wfm.DeferredWork{
		{ID: "C1", Kind: wfm.DeferredFollowUp, Minutes: 10, Release: wfm.WallTimeOf(start, 9*60+40), DeadlineDays: 1, Level: 1},
		{ID: "C1-CB", Kind: wfm.DeferredCallBack, Minutes: 5, Release: wfm.WallTimeOf(start, 9*60+40), DeadlineDays: 3, After: "C1"},
		{ID: "BIG", Kind: wfm.DeferredOutbound, Count: 500, Minutes: 30, Release: wfm.WallTimeOf(start.AddDays(2), 8*60), DeadlineDays: 0, Skill: wfm.SkillMinnan},
	}
	d, err := planning.PlaceDeferred(in.Problem, in.Roster, items, wfm.NewCalendar(in.Problem.Holidays))
	if err != nil {
		t.Fatal(err)
	}
	in.Deferred = d
	_, doc := render(t, in)
	tot := d.Schedule.Totals()
	if tot.Missing <= 0 || d.Schedule.Items[0].Status != "on_time" {
		t.Fatalf("the fixture's work: %+v, %+v", tot, d.Schedule.Items[0])
	}
	strip := text(byID(doc, "summary"))
	if !strings.Contains(strip, "Deferred work (R25)") || !strings.Contains(strip, hours(tot.Missing)+" agent-hours missing") {
		t.Errorf("summary strip: %q", strip)
	}
	table := byID(doc, "deferred-days")
	if table == nil {
		t.Fatal("no day-by-day table")
	}
	rows := find(table, func(n *html.Node) bool { return n.Data == "tr" })
	if len(rows) != 1+7+1 {
		t.Fatalf("%d rows in the day table, want a header, 7 days and the month", len(rows))
	}
	for k, day := range d.Schedule.Days() {
		got := text(rows[1+k])
		for _, want := range []string{day.Date.String(), hours(day.Used), hours(day.Idle), hours(day.Missing)} {
			if !strings.Contains(got, want) {
				t.Errorf("day %s: row %q lacks %q", day.Date, got, want)
			}
		}
	}
	list := text(byID(doc, "deferred-items"))
	for _, want := range []string{"C1-CB", "after C1", "missed", "on_time"} {
		if !strings.Contains(list, want) && !(want == "after C1" && d.Schedule.Items[1].Status != "waiting") {
			t.Errorf("item list lacks %q: %q", want, list)
		}
	}
	dir := t.TempDir()
	if _, err := WriteAll(dir, in); err != nil {
		t.Fatal(err)
	}
	csv, err := os.ReadFile(filepath.Join(dir, FileDeferred))
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(string(csv)), "\n"); len(lines) != 4 || !strings.HasPrefix(lines[3], "BIG,outbound,minnan,,15000,") ||
		!strings.Contains(lines[3], ",missed,") {
		t.Errorf("deferred.csv:\n%s", csv)
	}

	in.Deferred = nil
	_, doc = render(t, in)
	if byID(doc, "deferred") != nil || strings.Contains(text(byID(doc, "summary")), "Deferred work") {
		t.Error("a deferred-work section without deferred work")
	}
	clean := t.TempDir()
	if _, err := WriteAll(clean, in); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(clean, FileDeferred)); err == nil {
		t.Error("deferred.csv without deferred work")
	}
}
