package workflow

import (
	"testing"
	"time"

	"wfm"
)

func TestAwardEligible(t *testing.T) {
	agent := &wfm.Agent{ID: "a", Group: wfm.GroupDay}
	suspended := &wfm.Agent{ID: "s", Group: wfm.GroupDay, Roles: []string{wfm.RoleSuspended}}
	for _, tc := range []struct {
		a            *wfm.Agent
		leave, swaps int
		want         bool
	}{{agent, 0, 0, true}, {agent, 1, 0, false}, {agent, 0, 1, false}, {agent, 3, 2, false}, {agent, -1, 0, true},
		{suspended, 0, 0, false}} { // R18: a suspended agent in remedial training is not at full attendance
		if got := AwardEligible(tc.a, tc.leave, tc.swaps); got != tc.want {
			t.Errorf("AwardEligible(%s, %d, %d) = %v, want %v", tc.a.ID, tc.leave, tc.swaps, got, tc.want)
		}
	}
}

// TestAwardFromRecords reads the award off a month's leave and swaps as a report would.
func TestAwardFromRecords(t *testing.T) {
	leave := []wfm.Leave{
		{Agent: "d1", Type: wfm.LeaveSick, From: wfm.DateOf(2026, 11, 29), To: wfm.DateOf(2026, 12, 2)}, // 2 days in December
		{Agent: "d1", Type: wfm.LeaveSick, From: wfm.DateOf(2026, 12, 2), To: wfm.DateOf(2026, 12, 2)},  // same day twice counts once
		{Agent: "d2", Type: wfm.LeaveAnnual, From: wfm.DateOf(2026, 12, 31), To: wfm.DateOf(2027, 1, 3)},
		{Agent: "d3", Type: wfm.LeaveAnnual, From: wfm.DateOf(2027, 1, 1), To: wfm.DateOf(2027, 1, 3)},
	}
	swaps := SwapsInMonth([]SwapRequest{{AgentA: "d4", DateA: day(mon), AgentB: "d5", DateB: day(mon)}}, 2026, time.December)
	for _, tc := range []struct {
		agent     string
		leaveDays int
		eligible  bool
	}{{"d1", 2, false}, {"d2", 1, false}, {"d3", 0, true}, {"d4", 0, false}, {"d5", 0, false}, {"d6", 0, true}} {
		n := LeaveDaysInMonth(tc.agent, leave, 2026, time.December)
		if n != tc.leaveDays {
			t.Errorf("%s: %d leave days in December, want %d", tc.agent, n, tc.leaveDays)
		}
		if got := AwardEligible(&wfm.Agent{ID: tc.agent, Group: wfm.GroupDay}, n, swaps[tc.agent]); got != tc.eligible {
			t.Errorf("%s: eligible %v, want %v", tc.agent, got, tc.eligible)
		}
	}
}
