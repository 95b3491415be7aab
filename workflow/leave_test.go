package workflow

import (
	"slices"
	"strings"
	"testing"
	"time"

	"wfm"
)

// dec1 is the day the leave requests of these tests are made: Tuesday 2026-12-01, 10:00 Shanghai.
var dec1 = wfm.DateOf(2026, time.December, 1)

func TestCheckLeaveNotice(t *testing.T) {
	p := fixtureProblem()
	asked := at(dec1, 10, 0)
	tests := []struct {
		name      string
		typ       string
		from, to  wfm.Date
		requested time.Time
		ok        bool
	}{
		{"sick exactly 3 days ahead", wfm.LeaveSick, dec1.AddDays(3), dec1.AddDays(4), asked, true},
		{"sick 2 days ahead", wfm.LeaveSick, dec1.AddDays(2), dec1.AddDays(2), asked, false},
		{"personal exactly 3 days ahead", wfm.LeavePersonal, dec1.AddDays(3), dec1.AddDays(3), asked, true},
		{"personal 2 days ahead", wfm.LeavePersonal, dec1.AddDays(2), dec1.AddDays(3), asked, false},
		{"annual exactly 30 days ahead", wfm.LeaveAnnual, dec1.AddDays(30), dec1.AddDays(34), asked, true},
		{"annual 29 days ahead", wfm.LeaveAnnual, dec1.AddDays(29), dec1.AddDays(34), asked, false},
		{"marriage exactly 30 days ahead", wfm.LeaveMarriage, dec1.AddDays(30), dec1.AddDays(32), asked, true},
		{"marriage 29 days ahead", wfm.LeaveMarriage, dec1.AddDays(29), dec1.AddDays(32), asked, false},
		{"maternity exactly 30 days ahead", wfm.LeaveMaternity, dec1.AddDays(30), dec1.AddDays(120), asked, true},
		{"maternity 29 days ahead", wfm.LeaveMaternity, dec1.AddDays(29), dec1.AddDays(120), asked, false},
		{"other the same day", wfm.LeaveOther, dec1, dec1, asked, true},
		{"other the day before", wfm.LeaveOther, dec1.AddDays(-1), dec1, asked, false},
		// 2026-11-30 17:30 UTC is 2026-12-01 01:30 in Shanghai: the request date is the centre's.
		{"request date read in the centre's zone", wfm.LeaveSick, dec1.AddDays(3), dec1.AddDays(3),
			time.Date(2026, time.November, 30, 17, 30, 0, 0, time.UTC), true},
		{"UTC date would have been one day early", wfm.LeaveSick, dec1.AddDays(2), dec1.AddDays(2),
			time.Date(2026, time.November, 30, 17, 30, 0, 0, time.UTC), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := LeaveRequest{Agent: "d2", Type: tc.typ, From: tc.from, To: tc.to, RequestedAt: tc.requested}
			dec, err := CheckLeave(p, nil, req, nil)
			if tc.ok {
				if err != nil {
					t.Fatalf("rejected: %v", err)
				}
				if want := int(tc.from - dec1); dec.NoticeDays != want {
					t.Errorf("notice %d days, want %d", dec.NoticeDays, want)
				}
				if len(dec.Flags) != 0 {
					t.Errorf("unexpected flags %q", dec.Flags)
				}
				return
			}
			e := wantErr(t, err, wfm.KindRule, "R9", "d2", tc.from)
			if need := NoticeDays(p.Rules, tc.typ); !strings.Contains(e.Message, "needs "+plural(int64(need), "day")) {
				t.Errorf("message %q does not state the notice needed", e.Message)
			}
		})
	}
}

func TestCheckLeaveNoticeMessage(t *testing.T) {
	p := fixtureProblem()
	req := LeaveRequest{Agent: "d2", Type: wfm.LeaveSick, From: dec1.AddDays(2), To: dec1.AddDays(2), RequestedAt: at(dec1, 9, 0)}
	_, err := CheckLeave(p, nil, req, nil)
	want := "R9: agent d2: 2026-12-03: field from: sick leave needs 3 days of notice: requested 2026-12-01 (Tue) for 2026-12-03 (Thu), 2 days ahead (1 day short)"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
}

func TestCheckLeaveNoticeFromRules(t *testing.T) {
	p := fixtureProblem()
	p.Rules.LeaveNoticeDays = map[string]int{wfm.LeaveSick: 1} // annual missing: DefaultRules' 30
	sick := LeaveRequest{Agent: "d2", Type: wfm.LeaveSick, From: dec1.AddDays(1), To: dec1.AddDays(1), RequestedAt: at(dec1, 9, 0)}
	if _, err := CheckLeave(p, nil, sick, nil); err != nil {
		t.Errorf("sick leave with the centre's 1 day of notice rejected: %v", err)
	}
	annual := LeaveRequest{Agent: "d2", Type: wfm.LeaveAnnual, From: dec1.AddDays(29), To: dec1.AddDays(29), RequestedAt: at(dec1, 9, 0)}
	wantErr(t, func() error { _, err := CheckLeave(p, nil, annual, nil); return err }(), wfm.KindRule, "R9", "d2", dec1.AddDays(29))
}

func TestCheckLeaveEmergency(t *testing.T) {
	p := fixtureProblem()
	asked := at(dec1, 7, 15)
	tests := []struct {
		name     string
		typ      string
		from, to wfm.Date
		ok       bool
		field    string
	}{
		{"sudden illness today", wfm.LeaveSick, dec1, dec1.AddDays(2), true, ""},
		{"sudden illness tomorrow", wfm.LeaveSick, dec1.AddDays(1), dec1.AddDays(1), true, ""},
		{"sick leave reported after it began", wfm.LeaveSick, dec1.AddDays(-1), dec1, false, "from"},
		{"emergency annual leave", wfm.LeaveAnnual, dec1.AddDays(1), dec1.AddDays(3), false, "emergency"},
		{"emergency personal leave", wfm.LeavePersonal, dec1, dec1, false, "emergency"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := LeaveRequest{Agent: "d4", Type: tc.typ, From: tc.from, To: tc.to, Emergency: true, RequestedAt: asked}
			dec, err := CheckLeave(p, nil, req, nil)
			if tc.ok {
				if err != nil {
					t.Fatalf("rejected: %v", err)
				}
				if !slices.Contains(dec.Flags, FlagEmergencySick) {
					t.Errorf("flags %q lack the paperwork flag", dec.Flags)
				}
				return
			}
			if e := wantErr(t, err, wfm.KindRule, "R9", "d4", tc.from); e.Field != tc.field {
				t.Errorf("field %q, want %q", e.Field, tc.field)
			}
		})
	}
}

func TestCheckLeaveAnnualCap(t *testing.T) {
	p := fixtureProblem()
	asked := at(wfm.DateOf(2026, time.October, 1), 9, 0)
	approved := []wfm.Leave{
		{Agent: "d5", Type: wfm.LeaveAnnual, From: day(mon), To: day(mon)},
		{Agent: "d6", Type: wfm.LeaveAnnual, From: day(wed), To: day(thu)},
		{Agent: "d3", Type: wfm.LeaveSick, From: day(thu), To: day(fri)}, // sick leave does not count
	}
	req := LeaveRequest{Agent: "d1", Type: wfm.LeaveAnnual, From: day(tue), To: day(fri), RequestedAt: asked}

	_, err := CheckLeave(p, approved, req, nil)
	e := wantErr(t, err, wfm.KindRule, "R10", "d1", day(wed))
	if !strings.Contains(e.Message, "(d6)") || strings.Contains(e.Message, "d3") || strings.Contains(e.Message, "d5") {
		t.Errorf("message %q should name d6 alone as already away", e.Message)
	}

	p.Rules.MaxConcurrentAnnualLeave = 2
	if _, err := CheckLeave(p, approved, req, nil); err != nil {
		t.Errorf("with a cap of 2 rejected: %v", err)
	}
	approved = append(approved, wfm.Leave{Agent: "d2", Type: wfm.LeaveAnnual, From: day(thu), To: day(sun)})
	_, err = CheckLeave(p, approved, req, nil)
	if e := wantErr(t, err, wfm.KindRule, "R10", "d1", day(thu)); !strings.Contains(e.Message, "2 agents already away (d6, d2)") {
		t.Errorf("message %q should name d6 and d2", e.Message)
	}

	// Sick leave is not capped.
	req.Type = wfm.LeaveSick
	p.Rules.MaxConcurrentAnnualLeave = 0
	if _, err := CheckLeave(p, approved, req, nil); err != nil {
		t.Errorf("sick leave rejected: %v", err)
	}
}

func TestCheckLeaveMalformedAndConflicting(t *testing.T) {
	p := fixtureProblem()
	p.Fixed = []wfm.Fixed{{Agent: "d4", Date: day(wed), Shift: "E14"}, {Agent: "d4", Date: day(fri), Shift: wfm.Off}}
	asked := at(dec1, 9, 0)
	approved := []wfm.Leave{{Agent: "d2", Type: wfm.LeaveSick, From: day(tue), To: day(wed)}}
	ok := LeaveRequest{Agent: "d2", Type: wfm.LeavePersonal, From: day(thu), To: day(fri), RequestedAt: asked}
	if _, err := CheckLeave(p, approved, ok, nil); err != nil {
		t.Fatalf("the base request is rejected: %v", err)
	}
	tests := []struct {
		name  string
		edit  func(q *LeaveRequest)
		kind  wfm.Kind
		agent string
		day   wfm.Date
		field string
	}{
		{"unknown agent", func(q *LeaveRequest) { q.Agent = "zz" }, wfm.KindInvalid, "zz", 0, "agent"},
		{"empty agent", func(q *LeaveRequest) { q.Agent = "" }, wfm.KindInvalid, "", 0, "agent"},
		{"unknown type", func(q *LeaveRequest) { q.Type = "holiday" }, wfm.KindInvalid, "d2", 0, "type"},
		{"to before from", func(q *LeaveRequest) { q.To = q.From - 1 }, wfm.KindInvalid, "d2", day(thu), "to"},
		{"longer than any horizon", func(q *LeaveRequest) { q.To = q.From + wfm.MaxHorizonDays }, wfm.KindInvalid, "d2", day(thu), "to"},
		{"too far ahead", func(q *LeaveRequest) { q.From, q.To = dec1+MaxLeadDays+1, dec1+MaxLeadDays+1 }, wfm.KindInvalid, "d2", dec1 + MaxLeadDays + 1, "from"},
		{"absurd dates", func(q *LeaveRequest) { q.From, q.To = -1<<31, 1<<31-1 }, wfm.KindInvalid, "d2", 0, "to"},
		{"no request time", func(q *LeaveRequest) { q.RequestedAt = time.Time{} }, wfm.KindInvalid, "d2", 0, "requested_at"},
		{"overlaps own leave", func(q *LeaveRequest) { q.From = day(wed) }, wfm.KindConflict, "d2", day(wed), "from"},
		{"inside own leave", func(q *LeaveRequest) { q.From, q.To = day(tue), day(tue) }, wfm.KindConflict, "d2", day(tue), "from"},
		{"fixed to work", func(q *LeaveRequest) { q.Agent, q.From, q.To = "d4", day(tue), day(thu) }, wfm.KindConflict, "d4", day(wed), "from"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := ok
			tc.edit(&req)
			_, err := CheckLeave(p, approved, req, nil)
			if e := wantErr(t, err, tc.kind, "R9", tc.agent, tc.day); e.Field != tc.field {
				t.Errorf("field %q, want %q", e.Field, tc.field)
			}
		})
	}
	// A fixed day off is no conflict; another agent's leave is none either.
	req := LeaveRequest{Agent: "d4", Type: wfm.LeavePersonal, From: day(thu), To: day(sat), RequestedAt: asked}
	if _, err := CheckLeave(p, approved, req, nil); err != nil {
		t.Errorf("leave over a fixed day off rejected: %v", err)
	}
	if _, err := CheckLeave(nil, approved, req, nil); wfm.ErrorKind(err) != wfm.KindInvalid {
		t.Errorf("nil problem: %v", err)
	}
}

func TestCheckLeaveWorkingDays(t *testing.T) {
	p := fixtureProblem()
	req := LeaveRequest{Agent: "d2", Type: wfm.LeaveAnnual, From: day(mon), To: day(sun), RequestedAt: at(dec1.AddDays(-40), 9, 0)}
	cal := wfm.NewCalendar([]wfm.SpecialDay{
		{Date: day(wed), Kind: wfm.Holiday, Name: "test holiday"},
		{Date: day(sat), Kind: wfm.Workday, Name: "make-up working day"},
	})
	for _, tc := range []struct {
		cal  *wfm.Calendar
		want int
	}{{nil, 5}, {cal, 5 - 1 + 1}} {
		dec, err := CheckLeave(p, nil, req, tc.cal)
		if err != nil {
			t.Fatal(err)
		}
		if dec.WorkingDays != tc.want {
			t.Errorf("working days %d, want %d", dec.WorkingDays, tc.want)
		}
	}
}

func TestCheckLeaveOnRoster(t *testing.T) {
	p, r := fixture(t)
	asked := at(dec1, 9, 0)
	req := LeaveRequest{Agent: "d3", Type: wfm.LeaveSick, From: day(fri), To: day(fri).AddDays(3), RequestedAt: asked}
	dec, err := CheckLeaveOnRoster(p, r, nil, req, nil)
	if err != nil {
		t.Fatal(err)
	}
	if dec.Impact == nil || len(dec.Impact.Shifts) != 1 || dec.Impact.Shifts[0].Date != day(fri) {
		t.Fatalf("impact %+v, want the Friday shift", dec.Impact)
	}
	if dec.Impact.OutsideHorizon != 1 || len(dec.Flags) != 1 || !strings.Contains(dec.Flags[0], "outside the roster") {
		t.Errorf("outside %d, flags %q: want Monday 2026-12-14 flagged", dec.Impact.OutsideHorizon, dec.Flags)
	}
	// Three days of leave credit against one shift removed: d3 is now paid more than its contract
	// less leave allows, which the planner must re-plan (R3).
	if v := dec.Impact.Violations; len(v) != 1 || v[0].Rule != "R3" || v[0].Agent != "d3" {
		t.Errorf("violations after the leave %v, want R3 for d3", v)
	}
	// Without a roster there is no impact; a rejected request computes none.
	if dec, err := CheckLeaveOnRoster(p, nil, nil, req, nil); err != nil || dec.Impact != nil {
		t.Errorf("no roster: %+v, %v", dec, err)
	}
	req.From = dec1.AddDays(1)
	if _, err := CheckLeaveOnRoster(p, r, nil, req, nil); wfm.ErrorKind(err) != wfm.KindRule {
		t.Errorf("short notice on a roster: %v", err)
	}
}
