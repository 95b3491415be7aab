package planning

import (
	"errors"
	"strings"
	"testing"

	"wfm"
)

// smallMonth is the inputs of December 2026 for four agents, read from files (origins on lines
// 2, 3, …), with an empty demand.
func smallMonth() Inputs {
	s := wfm.DefaultCentreSettings()
	s.Holidays = "none"
	g := wfm.Grid{Start: dec(1), Days: 31, Step: 30}
	staff := Staff{
		Agents: []wfm.Agent{{ID: "A", Group: wfm.GroupDay}, {ID: "B", Group: wfm.GroupNight, Roles: []string{wfm.RoleLeader}},
			{ID: "C", Group: wfm.GroupAny, Roles: []string{wfm.RoleSuspended}}, {ID: "D", Group: wfm.GroupDay,
				Limits: &wfm.AgentLimits{MaxShifts: map[string]int{"E15": 0}}}},
		Shifts: []wfm.ShiftTemplate{{ID: "D08", Start: 480, Minutes: 510}, {ID: "E15", Start: 900, Minutes: 510},
			{ID: "N22", Start: 1320, Minutes: 600}},
		Leave: []wfm.Leave{{Agent: "A", Type: wfm.LeaveSick, From: dec(10), To: dec(12)},
			{Agent: "B", Type: wfm.LeaveAnnual, From: wfm.DateOf(2026, 10, 1), To: wfm.DateOf(2026, 10, 3)}, // long before: left out
			{Agent: "B", Type: wfm.LeaveAnnual, From: wfm.DateOf(2026, 11, 10), To: dec(2)}},                // cut to 17 November
		Requests: []wfm.Request{
			{Agent: "A", Date: wfm.DateOf(2027, 1, 5), Kind: wfm.RequestOff, Weight: 1}, // outside: left out
			{Agent: "A", Date: dec(5), Shift: "N22", Kind: wfm.RequestOn, Weight: 2},    // R22
			{Agent: "A", Date: dec(11), Kind: wfm.RequestOn, Weight: 1},                 // R9
			{Agent: "B", Date: dec(3), Shift: "D08", Kind: wfm.RequestOn, Weight: 1},    // R22
			{Agent: "C", Date: dec(4), Kind: wfm.RequestOn, Weight: 1},                  // R14
			{Agent: "C", Date: dec(4), Kind: wfm.RequestOff, Weight: 1},                 // always granted
			{Agent: "D", Date: dec(6), Shift: "E15", Kind: wfm.RequestOn, Weight: 1},    // limits
			{Agent: "D", Date: dec(6), Shift: "D08", Kind: wfm.RequestOn, Weight: 1},    // grantable
		},
		Fixed: []wfm.Fixed{{Agent: "D", Date: dec(20), Shift: "D08"}, {Agent: "A", Date: dec(21), Shift: wfm.Off}},
	}
	staff.Requests = append(staff.Requests,
		wfm.Request{Agent: "D", Date: dec(20), Kind: wfm.RequestOff, Weight: 1},               // fixed to D08
		wfm.Request{Agent: "D", Date: dec(20), Shift: "E15", Kind: wfm.RequestOff, Weight: 1}, // granted: not E15
		wfm.Request{Agent: "A", Date: dec(21), Kind: wfm.RequestOn, Weight: 1})                // fixed off
	staff.Origins = Origins{Agents: filed("agents.csv", 4), Shifts: filed("shifts.csv", 3), Leave: filed("leave.csv", 3),
		Requests: filed("requests.csv", len(staff.Requests))}
	return Inputs{Settings: s, Start: dec(1), Days: 31, Staff: staff,
		Demand: &wfm.Demand{Grid: g, Agents: make([]int, g.Len()), Minnan: make([]int, g.Len()), Leaders: make([]int, g.Len())}}
}

// TestAssembleNotes: leave is cut to the horizon and the history window, and the requests no
// roster can grant are notes naming the requests file and line, the rule and the reason.
func TestAssembleNotes(t *testing.T) {
	a, err := Assemble(smallMonth())
	if err != nil {
		t.Fatal(err)
	}
	p := a.Problem
	if len(p.Leave) != 2 || p.Leave[1].From != wfm.DateOf(2026, 11, 17) || len(p.Requests) != 10 {
		t.Errorf("leave %+v, %d requests", p.Leave, len(p.Requests))
	}
	var got []string
	for _, n := range a.Notes {
		got = append(got, n.String())
	}
	want := []string{
		"requests.csv:3: R22: agent A: 2026-12-05: the on request for N22 can never be granted: N22 is a night shift and the agent is in the day group; night shifts go to the night and any groups",
		"requests.csv:4: R9: agent A: 2026-12-11: the on request for any shift can never be granted: the agent is on approved sick leave that day",
		"requests.csv:5: R22: agent B: 2026-12-03: the on request for D08 can never be granted: D08 is a day shift and the agent is in the night group; day shifts go to the day and any groups",
		"requests.csv:6: R14: agent C: 2026-12-04: the on request for any shift can never be granted: the agent is suspended (remedial training) and never rostered on the phones",
		"requests.csv:8: R3: agent D: 2026-12-06: the on request for E15 can never be granted: the agent's limits allow no E15 shifts",
		"requests.csv:10: fixed: agent D: 2026-12-20: the off request for any shift can never be granted: the day is fixed to shift D08",
		"requests.csv:12: fixed: agent A: 2026-12-21: the on request for any shift can never be granted: the day is fixed off",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestAssembleNamesFileAndLine: an error of the assembled problem names the file and line of the
// entry it is about, also when entries before it were left out of the problem.
func TestAssembleNamesFileAndLine(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(in *Inputs)
		file   string
		line   int
		field  string
	}{
		{"unknown agent in leave", func(in *Inputs) { in.Staff.Leave[2].Agent = "Z" }, "leave.csv", 4, "agent"},
		{"unknown leave type", func(in *Inputs) { in.Staff.Leave[0].Type = "anual" }, "leave.csv", 2, "type"},
		{"leave ends before it starts", func(in *Inputs) { in.Staff.Leave[0].To = dec(9) }, "leave.csv", 2, "to"},
		{"unknown shift in a request", func(in *Inputs) { in.Staff.Requests[3].Shift = "X" }, "requests.csv", 5, "shift"},
		{"bad request kind", func(in *Inputs) { in.Staff.Requests[1].Kind = "maybe" }, "requests.csv", 3, "kind"},
		{"unknown mentor", func(in *Inputs) { in.Staff.Agents[0].Roles, in.Staff.Agents[0].Mentor = []string{wfm.RoleTrainee}, "Q" },
			"agents.csv", 2, "mentor"},
		{"unknown cannot_follow", func(in *Inputs) { in.Staff.Shifts[1].CannotFollow = []string{"Q"} }, "shifts.csv", 3, "cannot_follow"},
		{"limits on an unknown shift", func(in *Inputs) { in.Staff.Agents[3].Limits.MaxShifts["Q"] = 1 }, "agents.csv", 5, "limits.max_shifts"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := smallMonth()
			tc.change(&in)
			_, err := Assemble(in)
			var e *wfm.Error
			if !errors.As(err, &e) || e.File != tc.file || e.Line != tc.line || e.Field != tc.field {
				t.Errorf("got %v\nwant %s:%d field %s", err, tc.file, tc.line, tc.field)
			}
		})
	}
	// Without origins (the service's stored staff), the field keeps the index.
	in := smallMonth()
	in.Staff.Origins = Origins{}
	in.Staff.Leave[0].Type = "anual"
	if _, err := Assemble(in); err == nil || !strings.Contains(err.Error(), "field leave[0].type") {
		t.Errorf("without origins: %v", err)
	}
}

// TestAssembleLeaveCap: the policy reaches the assembled problem: under first-come the refused
// leave is not in the problem.
func TestAssembleLeaveCap(t *testing.T) {
	in := smallMonth()
	in.Staff.Leave = append(in.Staff.Leave, wfm.Leave{Agent: "A", Type: wfm.LeaveAnnual, From: dec(1), To: dec(1)})
	in.Staff.Origins.Leave = filed("leave.csv", 4)
	if _, err := Assemble(in); err == nil || !strings.Contains(err.Error(), "leave.csv:5: R10: agent A: 2026-12-01: 2 agents on annual leave") {
		t.Fatalf("stop: %v", err)
	}
	in.LeaveCap = LeaveCapFirstCome
	a, err := Assemble(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Refused) != 1 || a.Refused[0].Origin.Line != 5 || len(a.Problem.Leave) != 2 {
		t.Errorf("refused %+v, leave %+v", a.Refused, a.Problem.Leave)
	}
}
