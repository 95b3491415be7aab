package workflow

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"wfm"
	"wfm/solver"
	"wfm/solver/validate"
)

func leaveApproval(id, agent, typ string, from, to wfm.Date) Approval {
	return Approval{ID: id, Leave: &wfm.Leave{Agent: agent, Type: typ, From: from, To: to}}
}

func swapApproval(id, a string, da wfm.Date, b string, db wfm.Date) Approval {
	return Approval{ID: id, Swap: &SwapRequest{AgentA: a, DateA: da, AgentB: b, DateB: db}}
}

func TestLeaveShown(t *testing.T) {
	p, r := fixture(t)
	for _, tc := range []struct {
		name string
		p    *wfm.Problem
		l    wfm.Leave
		want bool
	}{
		{"approved and shown", p, wfm.Leave{Agent: "d5", Type: wfm.LeaveAnnual, From: day(mon), To: day(mon), Reason: "any"}, true},
		{"not among the problem's leave", p, wfm.Leave{Agent: "d4", Type: wfm.LeaveSick, From: day(fri), To: day(fri)}, false},
		{"approved, the day worked", WithLeave(p, wfm.Leave{Agent: "d1", Type: wfm.LeaveSick, From: day(mon), To: day(mon)}),
			wfm.Leave{Agent: "d1", Type: wfm.LeaveSick, From: day(mon), To: day(mon)}, false},
		{"another type", p, wfm.Leave{Agent: "d5", Type: wfm.LeaveSick, From: day(mon), To: day(mon)}, false},
		{"wholly outside the horizon", p, wfm.Leave{Agent: "d1", Type: wfm.LeaveSick, From: day(sun) + 3, To: day(sun) + 4}, true},
		{"unknown agent", WithLeave(p, wfm.Leave{Agent: "zz", Type: wfm.LeaveSick, From: day(mon), To: day(mon)}),
			wfm.Leave{Agent: "zz", Type: wfm.LeaveSick, From: day(mon), To: day(mon)}, false},
	} {
		if got := LeaveShown(tc.p, r, tc.l); got != tc.want {
			t.Errorf("%s: LeaveShown = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestWithLeaveDropsFixedDays(t *testing.T) {
	p := fixtureProblem()
	p.Fixed = []wfm.Fixed{{Agent: "d4", Date: day(tue), Shift: "E14"}, {Agent: "d4", Date: day(fri), Shift: wfm.Off},
		{Agent: "d1", Date: day(tue), Shift: "D08"}}
	l := wfm.Leave{Agent: "d4", Type: wfm.LeaveSick, From: day(mon), To: day(tue)}
	q := WithLeave(p, l)
	if len(p.Fixed) != 3 || len(p.Leave) != 1 {
		t.Fatalf("WithLeave changed its input: %v %v", p.Fixed, p.Leave)
	}
	if !slices.Contains(q.Leave, l) || len(q.Leave) != 2 {
		t.Errorf("leave %v, want the fixture's and %v", q.Leave, l)
	}
	if want := []wfm.Fixed{p.Fixed[1], p.Fixed[2]}; !reflect.DeepEqual(q.Fixed, want) {
		t.Errorf("fixed %v, want %v (the leave's day dropped)", q.Fixed, want)
	}
	if err := q.Validate(); err != nil {
		t.Errorf("problem with the leave: %v", err)
	}
	if again := WithLeave(q, l); len(again.Leave) != 2 {
		t.Errorf("leave approved twice: %v", again.Leave)
	}
}

func TestReapply(t *testing.T) {
	p, r := fixture(t)
	pBefore, rBefore := snapshot(t, p), snapshot(t, r)
	list := []Approval{
		leaveApproval("shown", "d5", wfm.LeaveAnnual, day(mon), day(mon)),        // in the fixture already
		swapApproval("rest", "d1", day(tue), "d4", day(tue)),                     // E14 then D08: 9.5 h of rest (R21)
		leaveApproval("sick", "d4", wfm.LeaveSick, day(tue), day(wed)),           // keeps every rule
		swapApproval("same", "d1", day(thu), "d2", day(thu)),                     // both work D08: nothing to exchange
		swapApproval("gone", "d4", day(tue), "d3", day(wed)),                     // d4 is on leave on Tuesday now
		swapApproval("fits", "d3", day(mon), "d6", day(mon)),                     // both work D09: nothing to exchange
		swapApproval("mon", "d1", day(mon), "a1", day(mon)),                      // D08 with D08
		swapApproval("two dates", "n1", day(mon), "n2", day(mon)+4),              // n1 works Mon, free Fri; n2 the reverse
		leaveApproval("unknown", "zz", wfm.LeaveSick, day(fri), day(fri)),        // no such agent
		leaveApproval("outside", "d2", wfm.LeaveSick, day(sun)+3, day(sun)+3),    // after the horizon
		swapApproval("after", "d3", day(thu), "d2", day(thu)),                    // D09 with D08, rests kept
		leaveApproval("personal", "a1", wfm.LeavePersonal, day(sat), day(sat)),   // a1 works D09 on Saturday
		leaveApproval("leader", "d1", wfm.LeaveMarriage, day(mon)+3, day(mon)+3), // the only leader: coverage is SOFT
	}
	re, err := Reapply(p, r, list)
	if err != nil {
		t.Fatal(err)
	}
	if snapshot(t, p) != pBefore || snapshot(t, r) != rBefore {
		t.Fatal("Reapply changed its input")
	}
	var applied, refused []string
	for _, a := range re.Applied {
		applied = append(applied, a.ID)
	}
	for _, f := range re.Refused {
		refused = append(refused, f.Approval.ID)
		if f.Err == nil || f.Err.Message == "" {
			t.Errorf("refusal of %s without a reason", f.Approval.ID)
		}
	}
	wantApplied := []string{"sick", "two dates", "after", "personal", "leader"}
	wantRefused := []string{"rest", "gone", "unknown"}
	if !slices.Equal(applied, wantApplied) || !slices.Equal(refused, wantRefused) {
		t.Errorf("applied %v refused %v; want applied %v refused %v", applied, refused, wantApplied, wantRefused)
	}
	for _, f := range re.Refused {
		switch f.Approval.ID {
		case "rest":
			if f.Err.Kind != wfm.KindRule || f.Err.Rule != "R21" || len(f.Violations) == 0 || f.Violations[0].Rule != "R21" {
				t.Errorf("the swap breaking the rest is refused as %v %v", f.Err, f.Violations)
			}
		case "gone":
			if f.Err.Kind != wfm.KindConflict || len(f.Violations) != 0 {
				t.Errorf("the swap of a leave day is refused as %v %v", f.Err, f.Violations)
			}
		}
	}
	// The result: every applied approval shown, every HARD rule kept, the checker's objective.
	rep := validate.Check(re.Problem, re.Roster)
	if !rep.OK() {
		t.Fatalf("the roster with the approvals breaks HARD rules: %v", rep.Violations)
	}
	if re.Roster.Objective.Total != rep.Objective.Total {
		t.Errorf("objective %v, the checker's %v", re.Roster.Objective.Total, rep.Objective.Total)
	}
	for _, a := range re.Applied {
		if a.Leave != nil && !LeaveShown(re.Problem, re.Roster, *a.Leave) {
			t.Errorf("applied leave %s not shown", a.ID)
		}
	}
	if d3, d2 := cellOf(t, re.Roster, "d3", thu), cellOf(t, re.Roster, "d2", thu); d3.Shift != "D08" || d2.Shift != "D09" {
		t.Errorf("swap after: on Thursday d3 works %q and d2 %q, want D08 and D09", d3.Shift, d2.Shift)
	}
	if cellOf(t, re.Roster, "n1", mon).Working() || cellOf(t, re.Roster, "n1", fri).Shift != "N22" ||
		cellOf(t, re.Roster, "n2", mon).Shift != "N22" || cellOf(t, re.Roster, "n2", fri).Working() {
		t.Errorf("two-date swap not made")
	}

	// Nothing to apply: the same problem and roster back.
	same, err := Reapply(p, r, list[:1])
	if err != nil || same.Problem != p || same.Roster != r || len(same.Applied)+len(same.Refused) != 0 {
		t.Errorf("Reapply of a shown leave: %+v %v", same, err)
	}
	if _, err := Reapply(nil, r, nil); err == nil {
		t.Error("Reapply without a problem")
	}
	if _, err := Reapply(p, nil, nil); err == nil {
		t.Error("Reapply without a roster")
	}
}

func TestRepairProblemFixesAllButTheLeave(t *testing.T) {
	p, r := fixture(t)
	p.Fixed = []wfm.Fixed{{Agent: "d2", Date: day(sun), Shift: "D08"}}
	l := wfm.Leave{Agent: "d4", Type: wfm.LeaveSick, From: day(wed), To: day(wed)}
	swaps := []SwapRequest{{AgentA: "d3", DateA: day(tue), AgentB: "d6", DateB: day(tue)}}
	q, err := RepairProblem(p, r, []wfm.Leave{l}, swaps, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Validate(); err != nil {
		t.Fatalf("repair problem: %v", err)
	}
	if !slices.Contains(q.Leave, l) || len(p.Fixed) != 1 {
		t.Errorf("leave %v; input fixed %v", q.Leave, p.Fixed)
	}
	fixed := map[string]string{}
	for _, f := range q.Fixed {
		key := f.Agent + " " + f.Date.String()
		if _, dup := fixed[key]; dup {
			t.Errorf("%s fixed twice", key)
		}
		fixed[key] = f.Shift
	}
	at := func(agent string, k int) (string, bool) { s, ok := fixed[agent+" "+day(k).String()]; return s, ok }
	for _, agent := range []string{"d1", "d2", "d4", "n1", "a1"} {
		for _, k := range []int{tue, wed, thu} {
			if s, ok := at(agent, k); ok {
				t.Errorf("%s on day %d is in the repair window but fixed to %s", agent, k, s)
			}
		}
	}
	for _, want := range []struct {
		agent string
		k     int
		shift string
	}{{"d1", mon, "D08"}, {"d1", fri, wfm.Off}, {"d4", mon, "E14"}, {"n2", sun, "N22"}, {"d3", tue, "D09"}, {"d6", tue, wfm.Off},
		{"d2", sun, "D08"}} {
		if s, _ := at(want.agent, want.k); s != want.shift {
			t.Errorf("%s on day %d fixed to %q, want %q", want.agent, want.k, s, want.shift)
		}
	}
	if s, ok := at("d5", mon); ok {
		t.Errorf("d5's day of annual leave fixed to %s", s)
	}
	if _, err := RepairProblem(p, r, []wfm.Leave{l}, nil, -1); err == nil {
		t.Error("negative days around accepted")
	}
}

// TestRepairProblemFreesTheAgentsConcerned: a mentor's sick day leaves the trainee alone (R14);
// the repair frees both over the whole horizon, and the solver finds a roster that keeps every
// HARD rule with the leave. (The weekly minimum is lowered to 24 h: at 32 h the trainee would need
// four shifts with a mentor whose week, with a day of leave, holds three within the contract.)
func TestRepairProblemFreesTheAgentsConcerned(t *testing.T) {
	p, r := solvedCentre(t)
	p.Rules.WeeklyMinHours = 24
	var d wfm.Date
	for k := range 7 {
		if x, m := cellOf(t, r, "A02", k), cellOf(t, r, "A01", k); x.Working() && x.Shift == m.Shift {
			d = day(k)
			break
		}
	}
	if d == 0 {
		t.Fatal("the trainee never works with its mentor")
	}
	l := wfm.Leave{Agent: "A01", Type: wfm.LeaveSick, From: d, To: d}
	imp, err := Impact(p, r, l)
	if err != nil || len(imp.Violations) == 0 || imp.Violations[0].Rule != "R14" {
		t.Fatalf("the mentor's leave should leave the trainee alone: %+v %v", imp, err)
	}
	q, err := RepairProblem(p, r, []wfm.Leave{l}, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range q.Fixed {
		if f.Agent == "A01" || f.Agent == "A02" {
			t.Errorf("an agent the leave concerns is fixed: %v", f)
		}
		if f.Date == d {
			t.Errorf("the leave day is fixed: %v", f)
		}
	}
	want := 0 // every other agent's worked or free day but the leave day
	for _, sch := range r.Schedules {
		for _, x := range sch.Days {
			if sch.Agent != "A01" && sch.Agent != "A02" && x.Date != d && x.Leave == "" {
				want++
			}
		}
	}
	if len(q.Fixed) != want {
		t.Errorf("%d agent-days fixed, want %d: every other agent's other days", len(q.Fixed), want)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	fixed, err := solver.Solve(ctx, q, solver.Options{Moves: 50_000, Seed: 1, Workers: 1})
	if err != nil {
		t.Fatalf("repair solve: %v", err)
	}
	if rep := validate.Check(q, fixed); !rep.OK() {
		t.Fatalf("the repair breaks HARD rules: %v", rep.Violations)
	}
	if !LeaveShown(q, fixed, l) {
		t.Error("the repair does not show the leave")
	}
}

func TestForRequester(t *testing.T) {
	p := fixtureProblem()
	asked := at(wfm.DateOf(2026, time.October, 1), 9, 0)
	approved := []wfm.Leave{{Agent: "d6", Type: wfm.LeaveAnnual, From: day(wed), To: day(thu), Reason: "wedding"}}
	_, capErr := CheckLeave(p, approved, LeaveRequest{Agent: "d1", Type: wfm.LeaveAnnual, From: day(wed), To: day(wed), RequestedAt: asked}, nil)
	if e := wantErr(t, capErr, wfm.KindRule, "R10", "d1", day(wed)); !strings.Contains(e.Message, "d6") {
		t.Fatalf("a planner reads who is away: %v", e)
	}
	colleague := &wfm.Error{Kind: wfm.KindConflict, Rule: "R6", Agent: "d6", Day: day(wed).String(), Field: "date_b",
		Message: "2026-12-09 (Wed) is a day of approved sick leave of agent d6"}
	own := &wfm.Error{Kind: wfm.KindRule, Rule: "R21", Agent: "d1", Day: day(wed).String(), Message: "rest of 9.5 h"}
	malformed := &wfm.Error{Kind: wfm.KindInvalid, Rule: "R6", Agent: "zz", Field: "agent_b", Message: `unknown agent "zz"`}
	other := errors.New("database closed")
	for _, tc := range []struct {
		name     string
		err      error
		same     bool   // returned as it is
		message  string // else the message
		kind     wfm.Kind
		rule     string
		secrets  []string
		wantDay  string
		wantAgnt string
	}{
		{name: "the annual cap", err: capErr, kind: wfm.KindRule, rule: "R10", message: "2026-12-09 (Wed) is not available for annual leave",
			secrets: []string{"d6", "away"}, wantDay: day(wed).String(), wantAgnt: "d1"},
		{name: "a colleague's leave", err: colleague, kind: wfm.KindConflict, message: "2026-12-09 (Wed) is not available",
			secrets: []string{"d6", "sick", "R6"}, wantDay: day(wed).String()},
		{name: "a colleague's rule", err: &wfm.Error{Kind: wfm.KindRule, Rule: "R14", Agent: "t1", Message: "trainee alone"},
			kind: wfm.KindConflict, message: "the day is not available", secrets: []string{"t1", "trainee", "R14"}},
		{name: "its own rule", err: own, same: true},
		{name: "a malformed request", err: malformed, same: true},
		{name: "not a refusal", err: other, same: true},
	} {
		got := ForRequester(tc.err, "d1")
		if tc.same {
			if got != tc.err {
				t.Errorf("%s: %v, want it unchanged", tc.name, got)
			}
			continue
		}
		var e *wfm.Error
		if !errors.As(got, &e) || e.Kind != tc.kind || e.Rule != tc.rule || e.Day != tc.wantDay || e.Agent != tc.wantAgnt ||
			!strings.HasSuffix(e.Message, tc.message) {
			t.Errorf("%s: %#v, want kind %s rule %q day %q agent %q message ending %q", tc.name, e, tc.kind, tc.rule, tc.wantDay,
				tc.wantAgnt, tc.message)
			continue
		}
		for _, s := range tc.secrets {
			if strings.Contains(e.Error(), s) {
				t.Errorf("%s: the agent reads %q in %q", tc.name, s, e.Error())
			}
		}
	}
}
