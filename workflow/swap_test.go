package workflow

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"wfm"
	"wfm/solver/validate"
)

// thuBefore is Thursday 2026-12-03, 10:00: one working day (Friday) before the fixture week.
var thuBefore = at(monday.AddDays(-4), 10, 0)

// snapshot is v (a roster or a problem) as JSON, to prove that a check leaves its input alone.
func snapshot(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// diffCells lists the agent-days where a and b differ (shift, leave or breaks).
func diffCells(a, b *wfm.Roster) []string {
	var out []string
	for i := range a.Schedules {
		for k := range a.Schedules[i].Days {
			if !reflect.DeepEqual(a.Schedules[i].Days[k], b.Schedules[i].Days[k]) {
				out = append(out, a.Schedules[i].Agent+"@"+a.Schedules[i].Days[k].Date.String())
			}
		}
	}
	return out
}

func TestCheckSwapAccepts(t *testing.T) {
	tests := []struct {
		name    string
		req     SwapRequest
		changed []string // agent@date cells that change
		notice  int      // working days between the request (Thursday 12-03) and the swap
		check   func(t *testing.T, after *wfm.Roster)
	}{
		{"same day, two day agents exchange D08 and D09",
			SwapRequest{AgentA: "d1", DateA: day(mon), AgentB: "d3", DateB: day(mon), RequestedAt: thuBefore},
			[]string{"d1@2026-12-07", "d3@2026-12-07"}, 1,
			func(t *testing.T, after *wfm.Roster) {
				a, b := cellOf(t, after, "d1", mon), cellOf(t, after, "d3", mon)
				if a.Shift != "D09" || b.Shift != "D08" {
					t.Errorf("d1 works %s, d3 %s; want D09 and D08", a.Shift, b.Shift)
				}
				if !reflect.DeepEqual(a.Breaks, breaksOf("D09")) || !reflect.DeepEqual(b.Breaks, breaksOf("D08")) {
					t.Errorf("breaks did not travel with their shifts: %v, %v", a.Breaks, b.Breaks)
				}
			}},
		{"same day, one off: d6 gives its Sunday to a1",
			SwapRequest{AgentA: "d6", DateA: day(sun), AgentB: "a1", DateB: day(sun), RequestedAt: thuBefore},
			[]string{"d6@2026-12-13", "a1@2026-12-13"}, 6,
			func(t *testing.T, after *wfm.Roster) {
				if a, b := cellOf(t, after, "d6", sun), cellOf(t, after, "a1", sun); a.Working() || b.Shift != "D09" {
					t.Errorf("d6 %+v, a1 %+v: want d6 off and a1 on D09", a, b)
				}
			}},
		{"two dates: d1 gives Monday, d2 gives Sunday",
			SwapRequest{AgentA: "d1", DateA: day(mon), AgentB: "d2", DateB: day(sun), RequestedAt: thuBefore},
			[]string{"d1@2026-12-07", "d1@2026-12-13", "d2@2026-12-07", "d2@2026-12-13"}, 1,
			func(t *testing.T, after *wfm.Roster) {
				if c := cellOf(t, after, "d1", mon); c.Working() {
					t.Errorf("d1 still works Monday: %+v", c)
				}
				if c := cellOf(t, after, "d2", mon); c.Shift != "D08" {
					t.Errorf("d2 does not take d1's Monday shift: %+v", c)
				}
				if c := cellOf(t, after, "d1", sun); c.Shift != "D08" {
					t.Errorf("d1 does not take d2's Sunday shift: %+v", c)
				}
				if c := cellOf(t, after, "d2", sun); c.Working() {
					t.Errorf("d2 still works Sunday: %+v", c)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, r := fixture(t)
			before := snapshot(t, r)
			dec, err := CheckSwap(p, r, tc.req, map[string]int{tc.req.AgentA: 1, tc.req.AgentB: 1}, nil)
			if err != nil {
				t.Fatalf("rejected: %v", err)
			}
			if snapshot(t, r) != before {
				t.Fatal("CheckSwap changed its input roster")
			}
			if got := diffCells(r, dec.After); !reflect.DeepEqual(got, tc.changed) {
				t.Errorf("changed cells %v, want %v", got, tc.changed)
			}
			if len(dec.Changes) != len(tc.changed) {
				t.Errorf("%d changes reported, want %d: %+v", len(dec.Changes), len(tc.changed), dec.Changes)
			}
			for _, c := range dec.Changes {
				if got := cellOf(t, dec.After, c.Agent, int(c.Date-monday)); !reflect.DeepEqual(got, c.After) {
					t.Errorf("change %+v does not match the roster after: %+v", c, got)
				}
			}
			rep := validate.Check(p, dec.After)
			if !rep.OK() {
				t.Errorf("roster after the swap breaks HARD rules: %v", rep.Violations)
			}
			if err := rep.Compare(dec.After.Objective, 1e-9); err != nil {
				t.Errorf("objective of the roster after is stale: %v", err)
			}
			if dec.NoticeWorkingDays != tc.notice {
				t.Errorf("notice %d working days, want %d", dec.NoticeWorkingDays, tc.notice)
			}
			tc.check(t, dec.After)
			applied, err := ApplySwap(r, tc.req)
			if err != nil || !reflect.DeepEqual(applied.Schedules, dec.After.Schedules) {
				t.Errorf("ApplySwap disagrees with CheckSwap: %v", err)
			}
		})
	}
}

func TestCheckSwapNotice(t *testing.T) {
	thursday := SwapRequest{AgentA: "d1", DateA: day(thu), AgentB: "d3", DateB: day(thu)}
	mondaySwap := SwapRequest{AgentA: "d1", DateA: day(mon), AgentB: "d3", DateB: day(mon)}
	wedHoliday := wfm.NewCalendar([]wfm.SpecialDay{{Date: day(wed), Kind: wfm.Holiday, Name: "test holiday"}})
	friHoliday := wfm.NewCalendar([]wfm.SpecialDay{{Date: monday.AddDays(-3), Kind: wfm.Holiday, Name: "test holiday"}})
	satWorkday := wfm.NewCalendar([]wfm.SpecialDay{{Date: monday.AddDays(-2), Kind: wfm.Workday, Name: "make-up working day"}})
	tests := []struct {
		name   string
		req    SwapRequest
		asked  time.Time
		cal    *wfm.Calendar
		notice int // working days between; -1 for a day already past
		ok     bool
	}{
		{"Tuesday for Thursday: Wednesday between", thursday, at(day(tue), 23, 59), nil, 1, true},
		{"Tuesday for Thursday over a Wednesday holiday", thursday, at(day(tue), 9, 0), wedHoliday, 0, false},
		{"Wednesday for Thursday", thursday, at(day(wed), 8, 0), nil, 0, false},
		{"Thursday for Thursday", thursday, at(day(thu), 6, 0), nil, 0, false},
		{"Friday for Thursday, a day past", thursday, at(day(fri), 6, 0), nil, -1, false},
		{"Thursday for Monday: Friday between", mondaySwap, thuBefore, nil, 1, true},
		{"Thursday for Monday over a Friday holiday", mondaySwap, thuBefore, friHoliday, 0, false},
		{"Friday for Monday: a weekend is no notice", mondaySwap, at(monday.AddDays(-3), 9, 0), nil, 0, false},
		{"Friday for Monday over a make-up Saturday", mondaySwap, at(monday.AddDays(-3), 9, 0), satWorkday, 1, true},
		// 2026-12-02 20:00 UTC is Thursday 2026-12-03 04:00 in Shanghai.
		{"request date read in the centre's zone", mondaySwap, time.Date(2026, 12, 2, 20, 0, 0, 0, time.UTC), friHoliday, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, r := fixture(t)
			req := tc.req
			req.RequestedAt = tc.asked
			dec, err := CheckSwap(p, r, req, nil, tc.cal)
			if tc.ok {
				if err != nil {
					t.Fatalf("rejected: %v", err)
				}
				if dec.NoticeWorkingDays != tc.notice {
					t.Errorf("notice %d, want %d", dec.NoticeWorkingDays, tc.notice)
				}
				return
			}
			e := wantErr(t, err, wfm.KindRule, "R6", "d1", req.DateA)
			want := "a day already past"
			if tc.notice >= 0 {
				want = plural(int64(tc.notice), "working day") + " between"
			}
			if !strings.Contains(e.Message, want) {
				t.Errorf("message %q lacks %q", e.Message, want)
			}
		})
	}
}

func TestCheckSwapNoticeMessage(t *testing.T) {
	p, r := fixture(t)
	p.Horizon.Start, r.Horizon.Start = monday.AddDays(-2), monday.AddDays(-2) // make Saturday 12-05 day 0
	for i := range r.Schedules {
		for k := range r.Schedules[i].Days {
			r.Schedules[i].Days[k].Date = monday.AddDays(k - 2)
		}
	}
	p.Leave, p.Demand.Grid.Start = nil, p.Horizon.Start
	req := SwapRequest{AgentA: "d1", DateA: monday.AddDays(-2), AgentB: "d3", DateB: monday.AddDays(-2),
		RequestedAt: at(monday.AddDays(-3), 17, 0)}
	_, err := CheckSwap(p, r, req, nil, nil)
	want := "R6: agent d1: 2026-12-05: field requested_at: swap needs 1 working day of notice: requested 2026-12-04 (Fri) for 2026-12-05 (Sat), 0 working days between"
	if err == nil || err.Error() != want {
		t.Fatalf("got  %v\nwant %s", err, want)
	}
}

func TestCheckSwapRejects(t *testing.T) {
	swap := func(a string, da int, b string, db int) SwapRequest {
		return SwapRequest{AgentA: a, DateA: day(da), AgentB: b, DateB: day(db), RequestedAt: thuBefore}
	}
	tests := []struct {
		name     string
		req      SwapRequest
		approved map[string]int
		kind     wfm.Kind
		rule     string
		agent    string
		day      wfm.Date
		detail   string // in the message
	}{
		{"third swap of the month for A", swap("d1", mon, "d3", mon), map[string]int{"d1": 2},
			wfm.KindRule, "R6", "d1", day(mon), "d1 already has 2 approved in 2026-12"},
		{"third swap of the month for B", swap("d1", mon, "d3", mon), map[string]int{"d1": 1, "d3": 2},
			wfm.KindRule, "R6", "d3", day(mon), "this would be swap 3"},
		{"day agent with night agent", swap("d1", mon, "n1", mon), nil,
			wfm.KindRule, "R6", "d1", day(mon), "d1 is in the day group, n1 in the night group"},
		{"night agent with day agent", swap("n2", sun, "d2", sun), nil,
			wfm.KindRule, "R6", "n2", day(sun), "day staff never swap with night staff"},
		{"A on approved leave", swap("d5", mon, "d4", mon), nil,
			wfm.KindConflict, "R6", "d5", day(mon), "approved annual leave"},
		{"B on approved leave", swap("d4", mon, "d5", mon), nil,
			wfm.KindConflict, "R6", "d5", day(mon), "approved annual leave"},
		{"two dates, one a leave day", swap("d4", wed, "d5", mon), nil,
			wfm.KindConflict, "R6", "d5", day(mon), "approved annual leave"},
		{"unknown agent A", swap("zz", mon, "d3", mon), nil,
			wfm.KindInvalid, "R6", "zz", 0, `unknown agent "zz"`},
		{"unknown agent B", swap("d1", mon, "", mon), nil,
			wfm.KindInvalid, "R6", "", 0, `unknown agent ""`},
		{"same agent twice", swap("d1", mon, "d1", tue), nil,
			wfm.KindInvalid, "R6", "d1", day(mon), "two different agents"},
		{"date after the horizon", swap("d1", 7, "d3", 7), nil,
			wfm.KindInvalid, "R6", "d1", day(7), "outside the roster's horizon"},
		{"date before the horizon", swap("d1", mon, "d2", -1), nil,
			wfm.KindInvalid, "R6", "d2", day(-1), "outside the roster's horizon"},
		{"no-op: the same shift", swap("d1", mon, "a1", mon), nil,
			wfm.KindInvalid, "R6", "d1", day(mon), "both work shift D08"},
		{"no-op: both off", swap("d2", tue, "d5", tue), nil,
			wfm.KindInvalid, "R6", "d2", day(tue), "are both off"},
		{"two dates, A works the day it takes over", swap("d1", mon, "d3", tue), nil,
			wfm.KindConflict, "R6", "d1", day(tue), "already works shift D08"},
		{"two dates, A off the day it gives up", swap("d2", mon, "d1", thu), nil,
			wfm.KindConflict, "R6", "d2", day(mon), "works no shift"},
		{"rest after an evening shift (R21)", swap("d1", mon, "d4", mon), nil,
			wfm.KindRule, "R21", "d1", day(tue), "rest of 570 min between shift E14"},
		{"a fifth shift in the week (R3)", swap("d1", mon, "d2", mon), nil,
			wfm.KindRule, "R3", "d2", day(mon), "paid 43.33 h over the period"},
		{"group any takes a night shift, the night agent a day shift (R22)", swap("a1", mon, "n1", mon), nil,
			wfm.KindRule, "R22", "n1", day(mon), "D08"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, r := fixture(t)
			before := snapshot(t, r)
			dec, err := CheckSwap(p, r, tc.req, tc.approved, nil)
			e := wantErr(t, err, tc.kind, tc.rule, tc.agent, tc.day)
			if !strings.Contains(e.Message, tc.detail) {
				t.Errorf("message %q lacks %q", e.Message, tc.detail)
			}
			if dec.After != nil || dec.Changes != nil {
				t.Errorf("a rejected swap returns a roster: %+v", dec)
			}
			if snapshot(t, r) != before {
				t.Error("CheckSwap changed its input roster")
			}
		})
	}
}

// TestCheckSwapMentor: a swap that leaves a trainee without its mentor is blamed on the trainee's
// R14 rule, although neither agent of the swap is the trainee.
func TestCheckSwapMentor(t *testing.T) {
	p, r := fixture(t)
	p.Agents[5].Roles, p.Agents[5].Mentor = []string{wfm.RoleTrainee}, "d3" // d6 mentored by d3
	// d6 works D09 on Mon, Wed, Fri, Sun; d3 D09 on Mon, Tue, Thu, Fri: they share Mon and Fri.
	// Give the fixture a valid start: d6 follows d3 on Wednesday and Sunday too.
	for _, k := range []int{wed, sun} {
		r.Schedules[5].Days[k] = wfm.DaySchedule{Date: day(k)}
	}
	r.Schedules[5].Days[tue] = wfm.DaySchedule{Date: day(tue), Shift: "D09", Breaks: breaksOf("D09")}
	r.Schedules[5].Days[thu] = wfm.DaySchedule{Date: day(thu), Shift: "D09", Breaks: breaksOf("D09")}
	if rep := validate.Check(p, r); !rep.OK() {
		t.Fatalf("trainee fixture: %v", rep.Violations)
	}
	_, err := CheckSwap(p, r, SwapRequest{AgentA: "d3", DateA: day(mon), AgentB: "d1", DateB: day(mon), RequestedAt: thuBefore}, nil, nil)
	wantErr(t, err, wfm.KindRule, "R14", "d6", day(mon))
}

// TestCheckSwapMalformed feeds CheckSwap and ApplySwap rosters and problems that do not fit: every
// case is an error, none a panic.
func TestCheckSwapMalformed(t *testing.T) {
	ok := SwapRequest{AgentA: "d1", DateA: day(mon), AgentB: "d3", DateB: day(mon), RequestedAt: thuBefore}
	tests := []struct {
		name  string
		edit  func(p *wfm.Problem, r **wfm.Roster, q *SwapRequest, approved map[string]int)
		kind  wfm.Kind
		field string
	}{
		{"nil roster", func(p *wfm.Problem, r **wfm.Roster, q *SwapRequest, _ map[string]int) { *r = nil }, wfm.KindInvalid, "roster"},
		{"agent missing from the roster", func(p *wfm.Problem, r **wfm.Roster, q *SwapRequest, _ map[string]int) {
			(*r).Schedules = (*r).Schedules[1:]
		}, wfm.KindInvalid, "roster.schedules"},
		{"agent twice in the roster", func(p *wfm.Problem, r **wfm.Roster, q *SwapRequest, _ map[string]int) {
			(*r).Schedules = append((*r).Schedules, (*r).Schedules[2])
		}, wfm.KindInvalid, "roster.schedules"},
		{"short schedule", func(p *wfm.Problem, r **wfm.Roster, q *SwapRequest, _ map[string]int) {
			(*r).Schedules[0].Days = (*r).Schedules[0].Days[:3]
		}, wfm.KindInvalid, "roster.schedules"},
		{"misdated day", func(p *wfm.Problem, r **wfm.Roster, q *SwapRequest, _ map[string]int) {
			(*r).Schedules[2].Days[4].Date++
		}, wfm.KindInvalid, "roster.schedules"},
		{"roster of another horizon", func(p *wfm.Problem, r **wfm.Roster, q *SwapRequest, _ map[string]int) {
			(*r).Horizon.Days = 6
		}, wfm.KindInvalid, "roster.horizon"},
		{"invalid problem", func(p *wfm.Problem, r **wfm.Roster, q *SwapRequest, _ map[string]int) {
			p.Horizon.Days = 0
		}, wfm.KindInvalid, "horizon.days"},
		{"no request time", func(p *wfm.Problem, r **wfm.Roster, q *SwapRequest, _ map[string]int) {
			q.RequestedAt = time.Time{}
		}, wfm.KindInvalid, "requested_at"},
		{"requested years ahead", func(p *wfm.Problem, r **wfm.Roster, q *SwapRequest, _ map[string]int) {
			q.RequestedAt = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
		}, wfm.KindInvalid, "requested_at"},
		{"negative monthly count", func(p *wfm.Problem, r **wfm.Roster, q *SwapRequest, a map[string]int) {
			a["d3"] = -1
		}, wfm.KindInvalid, "approved_this_month"},
		{"absurd dates", func(p *wfm.Problem, r **wfm.Roster, q *SwapRequest, _ map[string]int) {
			q.DateA, q.DateB = -1<<31, 1<<31-1
		}, wfm.KindInvalid, "date_a"},
		{"leave shown in the roster only", func(p *wfm.Problem, r **wfm.Roster, q *SwapRequest, _ map[string]int) {
			(*r).Schedules[2].Days[mon] = wfm.DaySchedule{Date: day(mon), Leave: wfm.LeaveSick}
		}, wfm.KindConflict, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, r := fixture(t)
			req, approved := ok, map[string]int{}
			tc.edit(p, &r, &req, approved)
			_, err := CheckSwap(p, r, req, approved, nil)
			var e *wfm.Error
			if wfm.ErrorKind(err) != tc.kind {
				t.Fatalf("got %v, want kind %s", err, tc.kind)
			}
			e = err.(*wfm.Error)
			if e.Field != tc.field {
				t.Errorf("field %q (%v), want %q", e.Field, err, tc.field)
			}
			if _, err := ApplySwap(r, req); err == nil && r == nil {
				t.Error("ApplySwap accepted a nil roster")
			}
		})
	}
	if _, err := CheckSwap(nil, nil, ok, nil, nil); wfm.ErrorKind(err) != wfm.KindInvalid {
		t.Errorf("nil problem: %v", err)
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	cal := wfm.NewCalendar([]wfm.SpecialDay{
		{Date: day(wed), Kind: wfm.Holiday},
		{Date: day(sat), Kind: wfm.Workday},
	})
	tests := []struct {
		from, to wfm.Date
		cal      *wfm.Calendar
		want     int
	}{
		{day(mon), day(mon), nil, 0},
		{day(mon), day(tue), nil, 0},
		{day(mon), day(wed), nil, 1},
		{day(mon), day(sun), nil, 4},  // Tue–Fri
		{day(mon), day(sun), cal, 4},  // Tue, Thu, Fri, make-up Sat
		{day(fri), day(7), nil, 0},    // Sat, Sun
		{day(fri), day(7), cal, 1},    // make-up Sat
		{day(sun), day(mon), nil, 0},  // backwards
		{-1 << 31, 1<<31 - 1, nil, 0}, // absurd: bounded, no panic
	}
	for _, tc := range tests {
		got := WorkingDaysBetween(tc.cal, tc.from, tc.to)
		if tc.from == -1<<31 {
			if got <= 0 || got > MaxLeadDays {
				t.Errorf("absurd span counted %d", got)
			}
			continue
		}
		if got != tc.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestSwapsInMonth(t *testing.T) {
	approved := []SwapRequest{
		{AgentA: "d1", DateA: day(mon), AgentB: "d3", DateB: day(mon)},
		{AgentA: "d1", DateA: monday.AddDays(-7), AgentB: "d2", DateB: monday.AddDays(-7)}, // November 30: not December
		{AgentA: "d2", DateA: wfm.DateOf(2026, 12, 31), AgentB: "d1", DateB: wfm.DateOf(2027, 1, 2)},
	}
	got := SwapsInMonth(approved, 2026, time.December)
	want := map[string]int{"d1": 2, "d3": 1, "d2": 1}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
