package report

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"wfm"
	"wfm/inputs"
	"wfm/planning"
	"wfm/solver/validate"
)

// TestHTMLRequests: the missed requests are listed by day with what was asked, its weight and
// what the roster gives; those no roster can grant are marked with the rule and the reason.
func TestHTMLRequests(t *testing.T) {
	in := withSuspended()
	mon, tue := in.Problem.Horizon.Start, in.Problem.Horizon.Start.AddDays(1)
	in.Problem.Requests = []wfm.Request{
		{Agent: "A3", Date: mon, Shift: "D08", Kind: wfm.RequestOn, Weight: 1}, // granted
		{Agent: "A5", Date: tue, Shift: "N22", Kind: wfm.RequestOn, Weight: 3}, // missed: works E14
		{Agent: "A4", Date: mon, Shift: "D08", Kind: wfm.RequestOn, Weight: 2}, // R22: a night agent
		{Agent: "A1", Date: mon, Kind: wfm.RequestOff, Weight: 1.5},            // missed: works D08
		{Agent: "A2", Date: mon, Kind: wfm.RequestOn, Weight: 1},               // R9: on annual leave
		{Agent: "A6", Date: tue, Kind: wfm.RequestOn, Weight: 1},               // R14: suspended
		{Agent: "A6", Date: mon, Kind: wfm.RequestOff, Weight: 1},              // granted
	}
	in.Check = validate.Check(in.Problem, in.Roster)
	if !in.Check.OK() {
		t.Fatalf("the fixture breaks rules: %v", in.Check.Violations)
	}
	_, doc := render(t, in)
	got := rowsOf(t, doc, "missed-requests")
	want := [][]string{
		{"2026-09-28 Mon", "A1", "Chen Li", "off", "1.5", "D08 08:00–16:30", ""},
		{"2026-09-28 Mon", "A2", "Lin Wei", "on, any shift", "1", "annual leave", "R9: the agent is on approved annual leave that day"},
		{"2026-09-28 Mon", "A4", "Zhang Min", "on D08 08:00–16:30", "2", "N22 22:00–08:00+1",
			"R22: D08 is a day shift and the agent is in the night group; day shifts go to the day and any groups"},
		{"2026-09-29 Tue", "A5", `O'Brien, "Pat"`, "on N22 22:00–08:00+1", "3", "E14 14:00–22:30", ""},
		{"2026-09-29 Tue", "A6", "Zhou Yan", "on, any shift", "1", "day off",
			"R14: the agent is suspended (remedial training) and never rostered on the phones"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d missed requests, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d:\n got %q\nwant %q", i, got[i], want[i])
		}
	}
	never := find(byID(doc, "missed-requests"), func(n *html.Node) bool { return n.Data == "tr" && hasClass(n, "never") })
	if len(never) != 3 {
		t.Errorf("%d rows marked never grantable, want 3", len(never))
	}
	// The checker counts the same requests missed.
	if term := in.Check.Objective.Term(wfm.TermRequests); term.Amount != float64(len(want)) {
		t.Errorf("the checker misses %v requests, the report %d", term.Amount, len(want))
	}
	if s := text(byID(doc, "summary")); !strings.Contains(s, "Requests (R23)2 of 7granted · 5 missed, 3 of them never grantable") {
		t.Errorf("summary: %s", s)
	}
	if s := text(byID(doc, "requests")); !strings.Contains(s, "7 requests (R23): 2 granted, 5 missed, of which 3 can never be granted") {
		t.Errorf("requests note: %s", s)
	}
	// No request: no card, a note.
	in.Problem.Requests = nil
	in.Check = validate.Check(in.Problem, in.Roster)
	_, doc = render(t, in)
	if strings.Contains(text(byID(doc, "summary")), "Requests") || !strings.Contains(text(byID(doc, "requests")), "The problem holds no requests.") {
		t.Error("a problem without requests")
	}
}

// TestHTMLRefusedLeave: annual leave the first-come policy refused is listed with its file and
// line, and counted in the summary; no leave reason shows.
func TestHTMLRefusedLeave(t *testing.T) {
	in := fixture()
	in.Refused = []planning.RefusedLeave{{
		Leave:  wfm.Leave{Agent: "A3", Type: wfm.LeaveAnnual, From: in.Problem.Horizon.Start, To: in.Problem.Horizon.Start.AddDays(1), Reason: "PRIVATE-REASON"},
		Origin: inputs.Origin{File: "leave.csv", Line: 7},
		Reason: "2026-09-28 to 2026-09-29: the cap of 1 on annual leave at a time (R10) is already reached by A2 (leave.csv:3)",
	}}
	src, doc := render(t, in)
	rows := rowsOf(t, doc, "refused-leave")
	if len(rows) != 1 || strings.Join(rows[0], "|") != "leave.csv:7|A3|annual|2026-09-28|2026-09-29|"+in.Refused[0].Reason {
		t.Errorf("refused leave rows %q", rows)
	}
	if !strings.Contains(text(byID(doc, "summary")), "Leave refused (R10)1") {
		t.Error("the summary does not count the refused leave")
	}
	if strings.Contains(src, "PRIVATE-REASON") {
		t.Error("a leave reason shows")
	}
	_, doc = render(t, fixture())
	if byID(doc, "refused-leave") != nil {
		t.Error("a refused-leave table without refused leave")
	}
}
