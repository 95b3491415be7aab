package planning

import (
	"context"
	"testing"

	"wfm"
	"wfm/synth"
)

func TestMonth(t *testing.T) {
	for _, tc := range []struct {
		month string
		days  int
	}{{"2026-12", 31}, {"2027-02", 28}, {"2028-02", 29}} {
		start, days, err := Month(tc.month)
		if err != nil || days != tc.days || start.String() != tc.month+"-01" {
			t.Errorf("%s: %s %d %v", tc.month, start, days, err)
		}
	}
	if _, _, err := Month("2026-13"); wfm.ErrorKind(err) != wfm.KindInvalid {
		t.Errorf("bad month: %v", err)
	}
}

// TestForecastAndProblem runs the pipeline on a synthetic history: a forecast and staffing of
// October 2026 (Golden Week) and the roster problem built from them.
func TestForecastAndProblem(t *testing.T) {
	s := wfm.DefaultCentreSettings()
	cal, err := Calendar(s)
	if err != nil {
		t.Fatal(err)
	}
	cfg := synth.DefaultHistory(wfm.DateOf(2026, 7, 1), 92, 3)
	cfg.Calendar = cal
	start, days, _ := Month("2026-10")
	fc, plan, err := Forecast(context.Background(), s, synth.History(cfg), start, days, "auto")
	if err != nil {
		t.Fatal(err)
	}
	if fc.Grid.Step != 30 || len(plan.Intervals) != days*48 {
		t.Fatalf("grid %+v, %d intervals", fc.Grid, len(plan.Intervals))
	}
	// 1 October is a holiday: fewer calls than on an ordinary Thursday two weeks later.
	if day := func(d int) (c float64) {
		for _, v := range fc.Calls[d*48 : (d+1)*48] {
			c += v
		}
		return
	}; day(0) >= day(14) {
		t.Errorf("holiday forecast %v not below an ordinary day %v", day(0), day(14))
	}
	demand, err := plan.Demand()
	if err != nil {
		t.Fatal(err)
	}
	staff := Staff{
		Agents: []wfm.Agent{{ID: "A", Group: wfm.GroupDay}, {ID: "B", Group: wfm.GroupAny, Roles: []string{wfm.RoleLeader}}},
		Shifts: []wfm.ShiftTemplate{{ID: "D08", Start: 480, Minutes: 510}},
		Leave: []wfm.Leave{{Agent: "A", Type: wfm.LeaveAnnual, From: wfm.DateOf(2026, 9, 1), To: wfm.DateOf(2026, 9, 3)},
			{Agent: "A", Type: wfm.LeaveSick, From: wfm.DateOf(2026, 10, 30), To: wfm.DateOf(2026, 11, 2)}},
		Requests: []wfm.Request{{Agent: "B", Date: wfm.DateOf(2026, 11, 5), Kind: wfm.RequestOff, Weight: 1},
			{Agent: "B", Date: wfm.DateOf(2026, 10, 5), Kind: wfm.RequestOff, Weight: 1}},
	}
	p, err := Problem(s, start, days, staff, demand)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Leave) != 1 || p.Leave[0].Type != wfm.LeaveSick || len(p.Requests) != 1 {
		t.Errorf("leave %v and requests %v outside the month were kept", p.Leave, p.Requests)
	}
	holidays := 0
	for _, h := range p.Holidays {
		if h.Kind == wfm.Holiday {
			holidays++
		}
	}
	if holidays < 5 { // Golden Week: 1–7 October
		t.Errorf("%d holidays in October 2026", holidays)
	}
	params := StaffingParams(s)
	if params.Shrinkage != s.Shrinkage || params.Target.ServiceLevel != 0.8 || params.Target.AnswerWithin != 10 {
		t.Errorf("staffing parameters %+v", params)
	}
}
