package validate

import (
	"strings"
	"testing"

	"wfm"
)

// shapeProblem is two weeks from Monday 2026-11-30 for the shape terms alone: no demand (one
// shift cover of 0, as a problem needs one), no
// breaks, templates D08, D11, E16 and N22 (8 h each), agents a (any group; the day before the
// horizon worked D08, the one before off), b (day group, no history) and c (suspended).
func shapeProblem() *wfm.Problem {
	r := wfm.DefaultRules()
	r.Breaks = false
	r.StartToleranceMinutes, r.MinDaysOffBlock, r.MinFullWeekendsOff = 120, 2, 1
	r.Weights = wfm.Weights{StartChange: 2, DaysOffBlock: 3, SingleDay: 5, WeekendsOff: 7}
	return &wfm.Problem{
		Horizon: wfm.Horizon{Start: monday, Days: 14, IntervalMinutes: 30, TimeZone: "Asia/Shanghai"},
		Rules:   r,
		Shifts: []wfm.ShiftTemplate{{ID: "D08", Start: hm(8, 0), Minutes: 480}, {ID: "D11", Start: hm(11, 0), Minutes: 480},
			{ID: "E16", Start: hm(16, 0), Minutes: 480}, {ID: "N22", Start: hm(22, 0), Minutes: 480}},
		Agents: []wfm.Agent{{ID: "a", Group: wfm.GroupAny}, {ID: "b", Group: wfm.GroupDay},
			{ID: "c", Group: wfm.GroupDay, Roles: []string{wfm.RoleSuspended}}},
		Fixed:       []wfm.Fixed{{Agent: "a", Date: monday.AddDays(-2), Shift: wfm.Off}, {Agent: "a", Date: monday.AddDays(-1), Shift: "D08"}},
		ShiftDemand: []wfm.ShiftCover{{Date: monday, Shift: "D08", Required: 0}},
	}
}

// shapeRoster (days Monday to Sunday, twice):
//
//	a: D11 D11 .   E16 .   D08 D08 | N22 N22 .   .   .   .   .
//	b: D08 D08 D08 D08 .   D08 .   | D08 D08 D08 D08 .   .   D08
//	c: off throughout
func shapeRoster() *wfm.Roster {
	r := &wfm.Roster{Horizon: shapeProblem().Horizon}
	for _, row := range [][2]string{
		{"a", "D11 D11 . E16 . D08 D08 N22 N22 . . . . ."},
		{"b", "D08 D08 D08 D08 . D08 . D08 D08 D08 D08 . . D08"},
		{"c", ". . . . . . . . . . . . . ."},
	} {
		r.Schedules = append(r.Schedules, planned(row[0], monday, strings.Fields(row[1])))
	}
	return r
}

// TestShapeTermsByHand checks each roster-shape term on shapeRoster, counted by hand.
//
// Start changes (δ on the 24-hour clock, tolerance 120 min, cost 1 + hours beyond it):
// a's history D08 → D11 on Monday, δ = 180 → 1 + 1 = 2; Sunday D08 → Monday N22, δ = min(840,
// 600) = 600 → 1 + 8 = 9; every other pair keeps its start. 2 changes, 2·(2 + 9) = 22.
// Blocks of days off (at least 2; judged when the day before is known and the block ends before the
// last day): a's Wednesday and Friday of week 1 (1 day each) → 2 missing; a's last five days hold
// the last day → exempt. b's Friday and Sunday of week 1 → 2 missing; b's Friday–Saturday of week
// 2 is a block of 2. c's fortnight off holds both ends → exempt. 4 missing, 3·4 = 12.
// Isolated working days: a's Thursday E16 (off on both sides) and b's Saturday D08 of week 1;
// a's Monday run starts in the history (known: off on the day before) and is three days long; b's
// first run starts on an unknown day and b's last D08 holds the last day → 2, 5·2 = 10.
// Full weekends off (at least 1 of the 2): a has the second, b works a day of both → b lacks 1;
// c never works → 1 missing, 7.
func TestShapeTermsByHand(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(r *wfm.Rules)
		terms  map[string][2]float64 // penalty, amount
	}{
		{"defaults of the test", func(r *wfm.Rules) {}, map[string][2]float64{
			wfm.TermStartChange: {22, 2}, wfm.TermDaysOffBlock: {12, 4}, wfm.TermSingleDay: {10, 2}, wfm.TermWeekendsOff: {7, 1}}},
		// Tolerance 180: the 3 h change is within it; the 10 h change costs 1 + 7 = 8.
		// Blocks of 3: a 2 + 2; b 2 + 2 and its 2-day block 1 → 9 missing.
		// Two weekends: a lacks 1, b 2 → 3.
		{"stricter", func(r *wfm.Rules) {
			r.StartToleranceMinutes, r.MinDaysOffBlock, r.MinFullWeekendsOff = 180, 3, 2
		}, map[string][2]float64{
			wfm.TermStartChange: {16, 1}, wfm.TermDaysOffBlock: {27, 9}, wfm.TermSingleDay: {10, 2}, wfm.TermWeekendsOff: {21, 3}}},
		// A weight of 0 turns its term off, amount included.
		{"off", func(r *wfm.Rules) { r.Weights = wfm.Weights{} }, map[string][2]float64{
			wfm.TermStartChange: {0, 0}, wfm.TermDaysOffBlock: {0, 0}, wfm.TermSingleDay: {0, 0}, wfm.TermWeekendsOff: {0, 0}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := shapeProblem()
			tc.change(&p.Rules)
			if err := p.Validate(); err != nil {
				t.Fatal(err)
			}
			o := Check(p, shapeRoster()).Objective
			for name, v := range tc.terms {
				termIs(t, o, name, v[0], v[1])
			}
		})
	}
}
