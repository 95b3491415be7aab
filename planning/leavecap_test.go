package planning

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"wfm"
	"wfm/inputs"
)

// dec returns a date of December 2026.
func dec(d int) wfm.Date { return wfm.DateOf(2026, 12, d) }

// filed returns origins for n entries of file, on lines 2, 3, …
func filed(file string, n int) []inputs.Origin {
	out := make([]inputs.Origin, n)
	for i := range out {
		out[i] = inputs.Origin{File: file, Line: i + 2}
	}
	return out
}

func annual(agent string, from, to int) wfm.Leave {
	return wfm.Leave{Agent: agent, Type: wfm.LeaveAnnual, From: dec(from), To: dec(to)}
}

// TestLeaveCapStop: every conflict with the cap is reported at once, each naming the days, the
// entries with their lines, and the line of the entry that broke the cap.
func TestLeaveCapStop(t *testing.T) {
	leave := []wfm.Leave{
		annual("A", 1, 5), // line 2
		annual("B", 3, 4), // line 3: over the cap of 1 on 3–4 with A
		{Agent: "C", Type: wfm.LeaveSick, From: dec(3), To: dec(4)}, // line 4: sick leave does not count
		annual("D", 10, 10), // line 5
		annual("E", 10, 12), // line 6: over on 10 with D
		annual("F", 25, 31), // line 7: December only: 2027 days do not count
		{Agent: "G", Type: wfm.LeaveAnnual, From: wfm.DateOf(2026, 11, 20), To: dec(2)}, // line 8: over on 1–2 with A
	}
	kept, refused, err := capLeave(leave, filed("leave.csv", len(leave)), 1, dec(1), dec(31), LeaveCapStop)
	if kept != nil || refused != nil {
		t.Errorf("kept %v, refused %v under stop", kept, refused)
	}
	var conflicts LeaveConflicts
	if !errors.As(err, &conflicts) {
		t.Fatalf("got %v, want LeaveConflicts", err)
	}
	var first *wfm.Error
	if !errors.As(err, &first) || first.Rule != "R10" || wfm.ErrorKind(err) != wfm.KindRule {
		t.Errorf("the conflicts do not read as an R10 rule error: %v", err)
	}
	want := []struct {
		line  int
		agent string
		day   string
		text  string
	}{
		{8, "G", "2026-12-01", "2 agents on annual leave through 2026-12-02, at most 1 at a time: A (leave.csv:2), G (leave.csv:8)"},
		{3, "B", "2026-12-03", "2 agents on annual leave through 2026-12-04, at most 1 at a time: A (leave.csv:2), B (leave.csv:3)"},
		{6, "E", "2026-12-10", "2 agents on annual leave, at most 1 at a time: D (leave.csv:5), E (leave.csv:6)"},
	}
	if len(conflicts) != len(want) {
		t.Fatalf("%d conflicts, want %d:\n%v", len(conflicts), len(want), err)
	}
	for i, w := range want {
		c := conflicts[i]
		if c.File != "leave.csv" || c.Line != w.line || c.Agent != w.agent || c.Day != w.day || c.Message != w.text {
			t.Errorf("conflict %d: %s:%d agent %s day %s %q\nwant line %d agent %s day %s %q", i, c.File, c.Line, c.Agent, c.Day, c.Message,
				w.line, w.agent, w.day, w.text)
		}
	}
	if !strings.HasPrefix(err.Error(), "3 conflicts with the cap on concurrent annual leave (R10):\n  leave.csv:8: R10: agent G: 2026-12-01: ") {
		t.Errorf("message: %s", err)
	}
	// Within the cap: everything is kept.
	if kept, _, err := capLeave(leave, nil, 3, dec(1), dec(31), LeaveCapStop); err != nil || len(kept) != len(leave) {
		t.Errorf("cap 3: kept %v, %v", kept, err)
	}
	// Without origins, entries are named by their dates.
	_, _, err = capLeave(leave[:2], nil, 1, dec(1), dec(31), "")
	if err == nil || !strings.Contains(err.Error(), "A (2026-12-01 to 2026-12-05), B (2026-12-03 to 2026-12-04)") {
		t.Errorf("without origins: %v", err)
	}
}

// TestLeaveCapFirstCome: annual leave is approved in filing order while the cap allows; an entry
// is refused as a whole when any of its days would exceed the cap, and a refused entry blocks no
// later one.
func TestLeaveCapFirstCome(t *testing.T) {
	leave := []wfm.Leave{
		annual("A", 1, 5), // approved
		annual("B", 3, 4), // refused: A on 3–4
		annual("C", 4, 6), // refused: A on 4–5
		annual("D", 6, 8), // approved: C, refused, does not block it
		{Agent: "E", Type: wfm.LeavePersonal, From: dec(1), To: dec(8)}, // not annual: kept
		annual("A", 7, 7),   // refused: D on 7 (A's own leave does not count against itself)
		annual("F", 20, 22), // approved
	}
	kept, refused, err := capLeave(leave, filed("leave.csv", len(leave)), 1, dec(1), dec(31), LeaveCapFirstCome)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(kept, []int{0, 3, 4, 6}) {
		t.Errorf("kept %v, want [0 3 4 6]", kept)
	}
	want := []struct {
		line   int
		reason string
	}{
		{3, "2026-12-03 to 2026-12-04: the cap of 1 on annual leave at a time (R10) is already reached by A (leave.csv:2)"},
		{4, "2026-12-04 to 2026-12-05: the cap of 1 on annual leave at a time (R10) is already reached by A (leave.csv:2)"},
		{7, "2026-12-07: the cap of 1 on annual leave at a time (R10) is already reached by D (leave.csv:5)"},
	}
	if len(refused) != len(want) {
		t.Fatalf("refused %+v", refused)
	}
	for i, w := range want {
		if r := refused[i]; r.Origin.Line != w.line || r.Reason != w.reason || r.Leave != leave[w.line-2] {
			t.Errorf("refused %d: %+v\nwant line %d: %s", i, r, w.line, w.reason)
		}
	}
	// A cap of 0 refuses every annual leave in the horizon.
	_, refused, _ = capLeave(leave[:1], nil, 0, dec(1), dec(31), LeaveCapFirstCome)
	if len(refused) != 1 || refused[0].Reason != "2026-12-01 to 2026-12-05: no annual leave is allowed (the cap is 0, R10)" {
		t.Errorf("cap 0: %+v", refused)
	}
	if _, _, err := capLeave(leave, nil, 1, dec(1), dec(31), "lottery"); wfm.ErrorKind(err) != wfm.KindInvalid {
		t.Errorf("unknown policy: %v", err)
	}
}

// TestLeaveCapFirstComeProperty: on random leave, the approved entries keep the cap (stop finds
// no conflict among them), every refused entry would break it if added back, and an approved
// entry is never refused under a larger cap.
func TestLeaveCapFirstComeProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		n, limit := 1+rng.IntN(12), rng.IntN(3)
		leave := make([]wfm.Leave, n)
		for i := range leave {
			from := 1 + rng.IntN(40) - 5
			typ := wfm.LeaveAnnual
			if rng.IntN(5) == 0 {
				typ = wfm.LeaveSick
			}
			leave[i] = wfm.Leave{Agent: string(rune('A' + rng.IntN(8))), Type: typ, From: dec(from), To: dec(from + rng.IntN(6))}
		}
		kept, refused, err := capLeave(leave, nil, limit, dec(1), dec(31), LeaveCapFirstCome)
		if err != nil {
			t.Fatal(err)
		}
		if len(kept)+len(refused) != n {
			t.Fatalf("trial %d: %d kept + %d refused of %d", trial, len(kept), len(refused), n)
		}
		approved := make([]wfm.Leave, 0, len(kept))
		for _, i := range kept {
			approved = append(approved, leave[i])
		}
		// Leave of one agent over the same day counts once, as under stop.
		if _, _, err := capLeave(approved, nil, limit, dec(1), dec(31), LeaveCapStop); err != nil {
			t.Fatalf("trial %d: the approved leave breaks the cap: %v", trial, err)
		}
		for _, r := range refused {
			with := append(append([]wfm.Leave(nil), approved...), r.Leave)
			if _, _, err := capLeave(with, nil, limit, dec(1), dec(31), LeaveCapStop); err == nil {
				t.Fatalf("trial %d: %+v was refused but fits the cap with the approved leave", trial, r.Leave)
			}
		}
	}
}
