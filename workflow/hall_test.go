package workflow

import (
	"strings"
	"testing"
	"time"

	"wfm"
	"wfm/calendar"
	"wfm/hall"
)

// hallLeaveCase is the 12-post demo hall of April 2027 (Qingming on Monday the 5th); requests are
// made on Thursday 2027-04-01. Approved: A01 on personal leave Tuesday 6th to Friday 9th, B06 on
// Tuesday 13th and Wednesday 14th.
func hallLeaveCase(t *testing.T) (*wfm.Problem, []wfm.Leave, time.Time) {
	t.Helper()
	mo := hall.Demo(12, wfm.DateOf(2027, time.April, 1), 30, calendar.CN())
	mo.Leave = nil
	p, err := mo.Problem()
	if err != nil {
		t.Fatal(err)
	}
	approved := []wfm.Leave{{Agent: "A01", Type: wfm.LeavePersonal, From: wfm.DateOf(2027, time.April, 6), To: wfm.DateOf(2027, time.April, 9)},
		{Agent: "B06", Type: wfm.LeaveSick, From: wfm.DateOf(2027, time.April, 13), To: wfm.DateOf(2027, time.April, 14)}}
	return p, approved, at(wfm.DateOf(2027, time.April, 1), 10, 0)
}

func handover(post, to string) *wfm.Handover {
	return &wfm.Handover{Posts: []wfm.PostHandover{{Post: post, To: to}}, Note: "open cases in the tray"}
}

func TestHallLeave(t *testing.T) {
	apr := func(d int) wfm.Date { return wfm.DateOf(2027, time.April, d) }
	for _, tc := range []struct {
		name                string
		req                 LeaveRequest
		kind                wfm.Kind
		field, day, message string // the error's; kind "" when accepted
	}{
		{name: "B away while A is away", req: LeaveRequest{Agent: "B01", Type: wfm.LeavePersonal, From: apr(8), To: apr(12)},
			kind: wfm.KindRule, field: "from", day: "2027-04-08", message: "post P01 would have neither holder: its other holder A01 is away on the open days 2027-04-08..04-09"},
		{name: "B away on the weekend and the holiday after A's leave", req: LeaveRequest{Agent: "B01", Type: wfm.LeavePersonal, From: apr(10), To: apr(12)}},
		{name: "A with notice and a handover", req: LeaveRequest{Agent: "A02", Type: wfm.LeavePersonal, From: apr(6), To: apr(7), Handover: handover("P02", "B02")}},
		{name: "A away while B is away", req: LeaveRequest{Agent: "A06", Type: wfm.LeavePersonal, From: apr(9), To: apr(16), Handover: handover("P06", "B06")},
			kind: wfm.KindRule, field: "from", day: "2027-04-13", message: "post P06 would have neither holder: its other holder B06 is away on the open days 2027-04-13..04-14"},
		{name: "A without a handover", req: LeaveRequest{Agent: "A03", Type: wfm.LeavePersonal, From: apr(6), To: apr(7)},
			kind: wfm.KindInvalid, field: "handover", day: "2027-04-06", message: "post P03 hands it over to its B holder B03"},
		{name: "A hands over to someone else", req: LeaveRequest{Agent: "A03", Type: wfm.LeavePersonal, From: apr(6), To: apr(7), Handover: handover("P03", "B04")},
			kind: wfm.KindInvalid, field: "handover.posts[0].to", message: "to its B holder B03"},
		{name: "A hands over a post it does not hold", req: LeaveRequest{Agent: "A03", Type: wfm.LeavePersonal, From: apr(6), To: apr(7), Handover: handover("P04", "B04")},
			kind: wfm.KindInvalid, field: "handover.posts[0].post", message: `"P04" is not a post`},
		{name: "A without notice", req: LeaveRequest{Agent: "A03", Type: wfm.LeaveOther, From: apr(1), To: apr(1), Handover: handover("P03", "B03")},
			kind: wfm.KindRule, field: "from", day: "2027-04-01", message: "post P03 gives 1 day of notice"},
		{name: "A a day ahead", req: LeaveRequest{Agent: "A03", Type: wfm.LeaveOther, From: apr(2), To: apr(2), Handover: handover("P03", "B03")}},
		{name: "A on a closed day needs neither", req: LeaveRequest{Agent: "A03", Type: wfm.LeaveOther, From: apr(3), To: apr(5)}},
		{name: "B needs no handover", req: LeaveRequest{Agent: "B03", Type: wfm.LeaveOther, From: apr(1), To: apr(1)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, approved, asked := hallLeaveCase(t)
			tc.req.RequestedAt = asked
			_, err := CheckLeave(p, approved, tc.req, calendar.CN())
			if tc.kind == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			e, ok := err.(*wfm.Error)
			if !ok || e.Kind != tc.kind || e.Rule != "R24" || e.Field != tc.field || e.Day != tc.day || e.Agent != tc.req.Agent ||
				!strings.Contains(e.Message, tc.message) {
				t.Fatalf("got %v (%#v), want %s R24 field %s day %q: %s", err, err, tc.kind, tc.field, tc.day, tc.message)
			}
		})
	}
}

// TestHallLeaveEmergency: emergency sick leave of an A holder is accepted without notice or
// handover, flagged for both; the handover given is recorded with the leave.
func TestHallLeaveEmergency(t *testing.T) {
	p, approved, asked := hallLeaveCase(t)
	req := LeaveRequest{Agent: "A05", Type: wfm.LeaveSick, Emergency: true, From: wfm.DateOf(2027, time.April, 1), To: wfm.DateOf(2027, time.April, 1), RequestedAt: asked}
	dec, err := CheckLeave(p, approved, req, nil)
	if err != nil {
		t.Fatal(err)
	}
	if flags := strings.Join(dec.Flags, "\n"); !strings.Contains(flags, "post P05: its A holder is away without notice") ||
		!strings.Contains(flags, "post P05: handover to B holder B05 due afterwards") {
		t.Errorf("flags %q", dec.Flags)
	}
	req.Handover = handover("P05", "B05")
	if l := req.Leave(); l.Handover == nil || l.Handover.Posts[0].To != "B05" || l.Handover.Note == "" {
		t.Errorf("leave %+v does not record the handover", l)
	}
}
