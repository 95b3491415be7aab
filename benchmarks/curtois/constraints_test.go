package curtois

import (
	"reflect"
	"testing"
)

// Each case breaks exactly one hard constraint with bad and satisfies all of them with good, on
// a 14-day tiny instance (days 5, 6 and 12, 13 are weekends) with one employee "A". The staff
// line is looseStaff with one limit tightened; the field order is
// ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, MinConsecutiveShifts,
// MinConsecutiveDaysOff, MaxWeekends.
func TestHardConstraints(t *testing.T) {
	tests := []struct {
		name      string
		staff     string // looseStaff when empty
		daysOff   string
		bad, good string
		want      string // the constraint bad breaks
		wantDay   int
	}{
		{"cannot follow", "", "", "ND------------", "DN------------", ConstraintCannotFollow, 1},
		{"cannot follow late in horizon", "", "", "-----------NND", "-----------NN-", ConstraintCannotFollow, 13},
		{"max shifts of a type", "A,D=14|N=1,8400,0,14,1,1,2", "", "N-N-----------", "N-D-----------", ConstraintMaxShifts, -1},
		{"max shifts zero", "A,D=14|N=0,8400,0,14,1,1,2", "", "-N------------", "-D------------", ConstraintMaxShifts, -1},
		// 3 D = 1440 > 1000; 2 D = 960.
		{"max total minutes", "A,D=14|N=14,1000,0,14,1,1,2", "", "D-D-D---------", "D-D-----------", ConstraintMaxTotalMinutes, -1},
		// 2 D = 960 < 1000; D + N = 1080.
		{"min total minutes", "A,D=14|N=14,8400,1000,14,1,1,2", "", "D-D-----------", "D-N-----------", ConstraintMinTotalMinutes, -1},
		{"max consecutive shifts", "A,D=14|N=14,8400,0,3,1,1,2", "", "-DDDD---------", "-DDD-D--------", ConstraintMaxConsecutiveShifts, 1},
		// The days after the horizon are off: a run ending on the last day is not exempt.
		{"max consecutive shifts at end", "A,D=14|N=14,8400,0,3,1,1,2", "", "----------DDDD", "-----------DDD", ConstraintMaxConsecutiveShifts, 10},
		{"max consecutive shifts at start", "A,D=14|N=14,8400,0,3,1,1,2", "", "DDDD----------", "DDD-----------", ConstraintMaxConsecutiveShifts, 0},
		{"min consecutive shifts", "A,D=14|N=14,8400,0,14,2,1,2", "", "--D-----------", "--DD----------", ConstraintMinConsecutiveShifts, 2},
		{"min consecutive shifts before last day", "A,D=14|N=14,8400,0,14,2,1,2", "", "------------D-", "------------DD", ConstraintMinConsecutiveShifts, 12},
		{"min consecutive days off", "A,D=14|N=14,8400,0,14,1,2,2", "", "DD-DD---------", "DD--DD--------", ConstraintMinConsecutiveDaysOff, 2},
		{"min consecutive days off after day 0", "A,D=14|N=14,8400,0,14,1,2,2", "", "D-DDDDDDDDDDDD", "D--DDDDDDDDDDD", ConstraintMinConsecutiveDaysOff, 1},
		{"max weekends by Saturdays", "A,D=14|N=14,8400,0,14,1,1,1", "", "-----D------D-", "-----DD-------", ConstraintMaxWeekends, -1},
		{"max weekends by Sundays", "A,D=14|N=14,8400,0,14,1,1,1", "", "------D------D", "----D--D------", ConstraintMaxWeekends, -1},
		{"max weekends zero", "A,D=14|N=14,8400,0,14,1,1,0", "", "------D-------", "DDDDD--DDDDD--", ConstraintMaxWeekends, -1},
		{"day off", "", "A,3", "---D----------", "--D-D---------", ConstraintDaysOff, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := tinySpec{}
			if tt.staff != "" {
				spec.staff = []string{tt.staff}
			}
			if tt.daysOff != "" {
				spec.daysOff = []string{tt.daysOff}
			}
			inst := spec.build(t)
			res := Score(inst, rosterOf(t, inst, tt.bad))
			if len(res.Violations) != 1 {
				t.Fatalf("bad roster %s: violations %v, want exactly one %s", tt.bad, res.Violations, tt.want)
			}
			if v := res.Violations[0]; v.Constraint != tt.want || v.Day != tt.wantDay || v.Employee != "A" {
				t.Errorf("bad roster %s: got %v, want %s on day %d", tt.bad, v, tt.want, tt.wantDay)
			}
			if res := Score(inst, rosterOf(t, inst, tt.good)); !res.Feasible() {
				t.Errorf("good roster %s: violations %v", tt.good, res.Violations)
			}
		})
	}
}

// TestHardConstraintEdges lists rosters that look like breaches but are feasible because of the
// rules at the ends of the horizon or because the limit is not exceeded.
func TestHardConstraintEdges(t *testing.T) {
	tests := []struct {
		name  string
		staff string
		row   string
	}{
		{"cannot follow is not checked across the start of the horizon", looseStaff, "D------------N"},
		{"a shift may follow itself unless listed", looseStaff, "DD-NN---------"},
		{"a shift type absent from MaxShifts has no limit", "A,D=14,8400,0,14,1,1,2", "NNNNNNNNNNNNNN"},
		{"max total minutes reached exactly", "A,D=14|N=14,960,0,14,1,1,2", "D-D-----------"},
		{"min total minutes reached exactly", "A,D=14|N=14,8400,960,14,1,1,2", "D-D-----------"},
		{"max consecutive shifts reached exactly", "A,D=14|N=14,8400,0,3,1,1,2", "DDD-DDD-DDD-DD"},
		{"short run of shifts touching day 0", "A,D=14|N=14,8400,0,14,3,1,2", "D-------------"},
		{"short run of shifts touching the last day", "A,D=14|N=14,8400,0,14,3,1,2", "-------------D"},
		{"whole horizon worked with a high minimum", "A,D=14|N=14,8400,0,14,20,1,2", "DDDDDDDDDDDDDD"},
		{"short run of days off touching day 0", "A,D=14|N=14,8400,0,14,1,3,2", "-DDDDDDDDDDDDD"},
		{"short run of days off touching the last day", "A,D=14|N=14,8400,0,14,1,3,2", "DDDDDDDDDDDDD-"},
		{"all days off with a high minimum", "A,D=14|N=14,8400,0,14,1,20,2", "--------------"},
		{"Saturday and Sunday make one weekend", "A,D=14|N=14,8400,0,14,1,1,1", "-----DD-------"},
		{"Friday and Monday are not weekend days", "A,D=14|N=14,8400,0,14,1,1,0", "----D--D---D--"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inst := tinySpec{staff: []string{tt.staff}}.build(t)
			if res := Score(inst, rosterOf(t, inst, tt.row)); !res.Feasible() {
				t.Errorf("%s: violations %v", tt.row, res.Violations)
			}
		})
	}
}

// TestScoreReportsEveryViolation checks that all breaches are listed, in check order and then
// day order, each with its own day.
func TestScoreReportsEveryViolation(t *testing.T) {
	// Max 2 consecutive shifts, min 2, day 0 off. Runs of shifts: days 0-2 (too long; touching
	// day 0 exempts it only from the minimum), day 4 (too short), days 6-8 (too long).
	inst := tinySpec{staff: []string{"A,D=14|N=14,8400,0,2,2,1,2"}, daysOff: []string{"A,0"}}.build(t)
	res := Score(inst, rosterOf(t, inst, "DDD-D-DDD-----"))
	type got struct {
		constraint string
		day        int
	}
	want := []got{
		{ConstraintMaxConsecutiveShifts, 0},
		{ConstraintMaxConsecutiveShifts, 6},
		{ConstraintMinConsecutiveShifts, 4},
		{ConstraintDaysOff, 0},
	}
	var have []got
	for _, v := range res.Violations {
		have = append(have, got{v.Constraint, v.Day})
	}
	if !reflect.DeepEqual(have, want) {
		t.Errorf("violations %v, want %v", res.Violations, want)
	}
}

// TestScoreRosterShape checks that a roster not fitting the instance is reported, not a panic.
func TestScoreRosterShape(t *testing.T) {
	inst := tinySpec{staff: []string{looseStaff, "B,D=14|N=14,8400,0,14,1,1,2"}}.build(t)
	good := rosterOf(t, inst, "D-------------", "--------------")
	tests := []struct {
		name    string
		roster  Roster
		wantEmp string
		wantDay int
	}{
		{"missing row", good[:1], "", -1},
		{"short row", Roster{good[0], good[1][:13]}, "B", -1},
		{"shift index too large", Roster{good[0], append([]int{2}, good[1][1:]...)}, "B", 0},
		{"shift index below Off", Roster{good[0], append([]int{-2}, good[1][1:]...)}, "B", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Score(inst, tt.roster)
			if len(res.Violations) != 1 {
				t.Fatalf("violations %v, want one", res.Violations)
			}
			if v := res.Violations[0]; v.Constraint != ConstraintRoster || v.Employee != tt.wantEmp || v.Day != tt.wantDay {
				t.Errorf("got %v, want %s for employee %q day %d", v, ConstraintRoster, tt.wantEmp, tt.wantDay)
			}
		})
	}
}

func TestWeekendsWorked(t *testing.T) {
	tests := []struct {
		row  string
		want int
	}{
		{"--------------", 0},
		{"DDDDD--DDDDD--", 0},
		{"-----D--------", 1},
		{"------D-------", 1},
		{"-----DD-------", 1},
		{"-----D------D-", 2},
		{"------D------D", 2},
		{"------------D", 1}, // a 13-day horizon ends on the second Saturday
		{"-----", 0},         // a horizon ending before the first Saturday
	}
	inst := tinySpec{}.build(t)
	for _, tt := range tests {
		if got := weekendsWorked(rosterOf(t, inst, tt.row)[0]); got != tt.want {
			t.Errorf("%s: %d weekends, want %d", tt.row, got, tt.want)
		}
	}
}
