package validate

import (
	"testing"

	"wfm"
)

func TestBaseProblemIsValid(t *testing.T) {
	if err := baseProblem().Validate(); err != nil {
		t.Fatal(err)
	}
	if wd := monday.Weekday(); wd.String() != "Monday" {
		t.Fatalf("base week starts on %s", wd)
	}
}

// TestBaseRoster checks the hand-made roster passes and its objective, counted by hand.
//
// Plan (Mon..Sun): lead D D D D . . . | minnan D A E E E . . | mentor and trainee D D D D . . . |
// night N N . . N N . (and N on the Sunday before) | susp off. Intervals are 30 min, 48 a day;
// D covers intervals 16..32 (08:00–16:30), E 32..43 (16:00–22:00), N 44..47 and the next day's
// 0..15. D breaks: lead 12:00 (24) and 14:00 (28), minnan 11:30 (23) and 14:00 (28), mentor and
// trainee 12:30 (25) and 14:30 (29); N breaks 01:30 (next day's 3) and 05:00 (10); the history N
// has no breaks.
//
// Demand is 1 agent everywhere, so every interval nobody covers is short by exactly 1 and empty:
//
//	Mon:  0..15 history N ✓, 16..32 D ✓, 33..43 nobody (11), 44..47 N ✓        → 11
//	Tue:  0..15 N less breaks 3, 10 (2), 33..43 nobody (11)                    → 13
//	Wed:  3, 10 (2), E covers 32..43, 44..47 no N (4)                          →  6
//	Thu:  0..15 no N (16), 44..47 (4)                                          → 20
//	Fri:  0..15 (16), 16..31 nobody on D (16), 44..47 N ✓                      → 32
//	Sat:  3, 10 (2), 16..43 (28)                                               → 30
//	Sun:  3, 10 (2), 16..43 (28), 44..47 (4)                                   → 34
//	next Mon: 0..15, after the horizon but before any template starts and
//	          reached by N (wfm.EdgeIntervals), Sunday's demand; no N Sunday    → 16
//	                                                                   total   162
//
// under = 10·162·h(1) = 1620 (h(1) = 1), empty = 1000·162 = 162000.
//
// Over (on − 1 where on > 1, trainee 0.5): Monday D has lead, minnan, mentor, 0.5 trainee = 3.5:
// twelve intervals at 3.5 (2.5 over), 23 and 24 at 2.5, 25 and 29 at 2, 28 at 1.5 → 30 + 5.5 =
// 35.5. Tuesday D has 2.5: thirteen at 2.5 (1.5 over), 24 and 28 at 1.5, 25 and 29 at 1 → 20.5.
// Wednesday and Thursday as Tuesday plus E's first interval 32 overlapping D (on 3.5, one more
// over) → 21.5 each. Over = 35.5 + 20.5 + 21.5 + 21.5 = 99.
//
// Minnan: 1 required Monday 16..32, minnan on D with breaks at 23 and 28 → 2 short, 200·2 = 400.
// Leader: 1 required Monday–Thursday 16..32, lead's breaks at 24 and 28 → 2 a day, 8 → 1600.
// Shift demand: Monday D needs 3, has 4 (trainee counts 1) → over 1·2 = 2; Sunday N needs 1, has 0
// → under 1·5 = 5.
// Requests missed: lead on D Friday 1.5, minnan off E Wednesday 4, mentor on E Tuesday (works D)
// 7, susp on Thursday 0.25 → 12.75 from 4 requests.
// Fairness: night works 4 nights → 16; night works Saturday → 1 weekend day → 1; Wednesday is a
// holiday worked by lead, minnan, mentor, trainee → 4·1² = 4 (Saturday is a make-up working day,
// not a holiday). Overtime is off → 0.
//
// Shape (default rules: tolerance 2 h, blocks of 2 days off, 1 full weekend off). The week has one
// full weekend (Saturday and Sunday); nobody but night has a history day, so every other run
// holding Monday has an unknown start and is exempt, as is every run holding Sunday.
// Start changes: lead, mentor, trainee D→D, minnan E→E, night N(history)→N, N→N → none.
// Blocks off: minnan's leave on Tuesday is a judged run of one day off (Monday worked, Wednesday
// worked) → 1 day missing, 10·1 = 10; night's Wednesday–Thursday run is two days → none.
// Isolated days: minnan's Monday holds the first day (start unknown) → none.
// Weekends: night works Saturday → no full weekend off, 100·1 = 100; everyone else has it.
//
// Total = 1620 + 162000 + 99 + 400 + 1600 + 5 + 2 + 12.75 + 16 + 1 + 4 + 10 + 100 = 165869.75.
func TestBaseRoster(t *testing.T) {
	p, r := baseProblem(), baseRoster()
	rep := Check(p, r)
	expect(t, rep)
	if !rep.OK() {
		t.Fatal("base roster not OK")
	}
	o := rep.Objective
	termIs(t, o, wfm.TermUnder, 1620, 162)
	termIs(t, o, wfm.TermEmpty, 162000, 162)
	termIs(t, o, wfm.TermOver, 99, 99)
	termIs(t, o, wfm.TermMinnan, 400, 2)
	termIs(t, o, wfm.TermLeader, 1600, 8)
	termIs(t, o, wfm.TermShiftUnder, 5, 1)
	termIs(t, o, wfm.TermShiftOver, 2, 1)
	termIs(t, o, wfm.TermRequests, 12.75, 4)
	termIs(t, o, wfm.TermNights, 16, 4)
	termIs(t, o, wfm.TermWeekends, 1, 1)
	termIs(t, o, wfm.TermHolidays, 4, 4)
	termIs(t, o, wfm.TermOvertime, 0, 0)
	termIs(t, o, wfm.TermStartChange, 0, 0)
	termIs(t, o, wfm.TermDaysOffBlock, 10, 1)
	termIs(t, o, wfm.TermSingleDay, 0, 0)
	termIs(t, o, wfm.TermWeekendsOff, 100, 1)
	near(t, "total", o.Total, 165869.75)
	if o.Hard != 0 {
		t.Errorf("Hard = %d", o.Hard)
	}

	// Every term is reported, in order, with its rule.
	if len(o.Terms) != len(wfm.TermNames) {
		t.Fatalf("%d terms, want %d", len(o.Terms), len(wfm.TermNames))
	}
	for i, term := range o.Terms {
		if term.Name != wfm.TermNames[i] || term.Rule != wfm.TermRules[term.Name] {
			t.Errorf("term %d = %s/%s, want %s/%s", i, term.Name, term.Rule, wfm.TermNames[i], wfm.TermRules[wfm.TermNames[i]])
		}
	}

	// Coverage spot checks (interval index = day·48 + half-hour).
	c := rep.Coverage
	if c == nil || len(c.OnPhones) != 7*48 || c.Grid != p.Horizon.Grid() {
		t.Fatalf("coverage %+v", c)
	}
	for _, tc := range []struct {
		t             int
		on, minnan    float64
		leaders, need int
	}{
		{mon*48 + 0, 1, 0, 0, 1},    // history night shift, no breaks
		{mon*48 + 16, 3.5, 1, 1, 1}, // D: lead, minnan, mentor, half a trainee
		{mon*48 + 23, 2.5, 0, 1, 1}, // minnan's meal
		{mon*48 + 24, 2.5, 1, 0, 1}, // lead's meal
		{mon*48 + 28, 1.5, 0, 0, 1}, // lead and minnan on rest
		{tue*48 + 3, 0, 0, 0, 1},    // night's meal 01:30
		{wed*48 + 32, 3.5, 1, 1, 1}, // D's last interval and E's first (minnan)
		{wed*48 + 33, 1, 1, 0, 1},   // E alone
		{sun*48 + 47, 0, 0, 0, 1},   // nobody
		{sat*48 + 44, 1, 0, 0, 1},   // N
		{fri*48 + 10, 0, 0, 0, 1},   // no N on Thursday
		{thu*48 + 20, 2.5, 0, 1, 1}, // lead, mentor, trainee
		{tue*48 + 25, 1, 0, 1, 1},   // mentor and trainee on meal
		{mon*48 + 47, 1, 0, 0, 1},   // N Monday
		{tue*48 + 0, 1, 0, 0, 1},    // N from Monday
		{tue*48 + 15, 1, 0, 0, 1},   // N's last interval 07:30–08:00
		{tue*48 + 16, 2.5, 0, 1, 1}, // D starts, N gone
		{mon*48 + 32, 3.5, 1, 1, 1}, // D's last interval
		{mon*48 + 33, 0, 0, 0, 1},   // nobody after D on Monday
		{wed*48 + 43, 1, 1, 0, 1},   // E's last interval
		{wed*48 + 44, 0, 0, 0, 1},   // no N on Wednesday
		{thu*48 + 0, 0, 0, 0, 1},    // nor its morning
		{sat*48 + 0, 1, 0, 0, 1},    // N from Friday
		{sat*48 + 16, 0, 0, 0, 1},   // nobody on Saturday's day
		{mon*48 + 29, 2, 1, 1, 1},   // mentor and trainee on rest
		{mon*48 + 25, 2, 1, 1, 1},   // mentor and trainee on meal
		{fri*48 + 32, 1, 1, 0, 1},   // minnan's E
		{fri*48 + 31, 0, 0, 0, 1},   // nobody before E on Friday
		{sun*48 + 3, 0, 0, 0, 1},    // Saturday N's meal
		{sun*48 + 15, 1, 0, 0, 1},   // Saturday N's last interval
		{sun*48 + 16, 0, 0, 0, 1},   // nobody
		{mon*48 + 44, 1, 0, 0, 1},   // N Monday 22:00
		{thu*48 + 24, 1.5, 0, 0, 1}, // lead's meal on Thursday
		{thu*48 + 33, 1, 1, 0, 1},   // E Thursday
		{tue*48 + 33, 0, 0, 0, 1},   // nobody on Tuesday evening (minnan on leave)
		{wed*48 + 0, 1, 0, 0, 1},    // N from Tuesday
		{wed*48 + 10, 0, 0, 0, 1},   // its rest break 05:00
		{wed*48 + 11, 1, 0, 0, 1},   // back from rest
		{sun*48 + 44, 0, 0, 0, 1},   // no N on Sunday
		{mon*48 + 15, 1, 0, 0, 1},   // history N's last interval
		{mon*48 + 22, 3.5, 1, 1, 1}, // before the first break
		{mon*48 + 26, 3.5, 1, 1, 1}, // everyone back
		{mon*48 + 30, 3.5, 1, 1, 1}, // everyone back
		{tue*48 + 28, 1.5, 0, 0, 1}, // lead's rest
		{tue*48 + 29, 1, 0, 1, 1},   // mentor and trainee's rest
		{wed*48 + 16, 2.5, 0, 1, 1}, // D Wednesday
		{fri*48 + 44, 1, 0, 0, 1},   // N Friday
		{sat*48 + 47, 1, 0, 0, 1},   // N Saturday
		{sat*48 + 3, 0, 0, 0, 1},    // Friday N's meal
		{sat*48 + 10, 0, 0, 0, 1},   // Friday N's rest
		{sat*48 + 15, 1, 0, 0, 1},   // Friday N's last interval
	} {
		leadersNeeded := c.LeadersRequired[tc.t]
		if c.OnPhones[tc.t] != tc.on || c.MinnanOnPhones[tc.t] != tc.minnan || c.LeadersOnDuty[tc.t] != tc.leaders || c.Required[tc.t] != tc.need {
			t.Errorf("interval %s: on %v minnan %v leaders %d (need %d) required %d; want %v %v %d, required %d",
				p.Horizon.Grid().Label(tc.t), c.OnPhones[tc.t], c.MinnanOnPhones[tc.t], c.LeadersOnDuty[tc.t], leadersNeeded,
				c.Required[tc.t], tc.on, tc.minnan, tc.leaders, tc.need)
		}
	}
	if err := rep.Compare(o, 1e-9); err != nil {
		t.Errorf("Compare with itself: %v", err)
	}
}

func TestCompare(t *testing.T) {
	rep := Check(baseProblem(), baseRoster())
	o := rep.Objective
	o.Terms = append([]wfm.Term(nil), o.Terms...)
	o.Terms[2].Penalty += 1
	o.Total += 1
	if err := rep.Compare(o, 1e-9); err == nil {
		t.Error("Compare accepted a different objective")
	}
	o = rep.Objective
	o.Hard = 3
	if err := rep.Compare(o, 1e-9); err == nil {
		t.Error("Compare accepted a different hard count")
	}
}

// TestCheckDoesNotModify: Check reads its inputs only.
func TestCheckDoesNotModify(t *testing.T) {
	p, r := baseProblem(), baseRoster()
	sched(r, "lead").Days[mon].Breaks = []wfm.Break{{Kind: wfm.BreakRest, Start: hm(14, 0), Minutes: 30}, {Kind: wfm.BreakMeal, Start: hm(12, 0), Minutes: 30}}
	Check(p, r)
	if b := sched(r, "lead").Days[mon].Breaks; b[0].Kind != wfm.BreakRest {
		t.Errorf("breaks reordered: %+v", b)
	}
}
