package curtois

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// smallText is a complete instance whose line numbers the error tests below refer to.
const smallText = `# small instance
SECTION_HORIZON
7

SECTION_SHIFTS
D,480,
N,600,D|N

SECTION_STAFF
A,D=7|N=2,4200,960,5,2,2,1
B,D=7,4200,0,7,1,1,1

SECTION_DAYS_OFF
A,0,6

SECTION_SHIFT_ON_REQUESTS
A,1,D,2

SECTION_SHIFT_OFF_REQUESTS
B,2,N,3

SECTION_COVER
0,D,1,100,1
0,N,2,50,5
`

// smallInstance is what Read must make of smallText.
func smallInstance() *Instance {
	cover := make([][]Cover, 7)
	for d := range cover {
		cover[d] = make([]Cover, 2)
	}
	cover[0][0] = Cover{Requirement: 1, WeightUnder: 100, WeightOver: 1}
	cover[0][1] = Cover{Requirement: 2, WeightUnder: 50, WeightOver: 5}
	return &Instance{
		Name: "small",
		Days: 7,
		Shifts: []Shift{
			{ID: "D", Minutes: 480},
			{ID: "N", Minutes: 600, CannotFollow: []int{0, 1}},
		},
		Staff: []Employee{
			{ID: "A", MaxShifts: []int{7, 2}, MaxTotalMinutes: 4200, MinTotalMinutes: 960, MaxConsecutiveShifts: 5,
				MinConsecutiveShifts: 2, MinConsecutiveDaysOff: 2, MaxWeekends: 1, DaysOff: []int{0, 6}},
			// N is absent from B's MaxShifts: the limit is the horizon length.
			{ID: "B", MaxShifts: []int{7, 7}, MaxTotalMinutes: 4200, MaxConsecutiveShifts: 7,
				MinConsecutiveShifts: 1, MinConsecutiveDaysOff: 1, MaxWeekends: 1},
		},
		ShiftOn:       []Request{{Employee: 0, Day: 1, Shift: 0, Weight: 2}},
		ShiftOff:      []Request{{Employee: 1, Day: 2, Shift: 1, Weight: 3}},
		Cover:         cover,
		ShiftIndex:    map[string]int{"D": 0, "N": 1},
		EmployeeIndex: map[string]int{"A": 0, "B": 1},
	}
}

func TestReadSmall(t *testing.T) {
	got, err := Read(strings.NewReader(smallText), "small")
	if err != nil {
		t.Fatal(err)
	}
	if want := smallInstance(); !reflect.DeepEqual(got, want) {
		t.Errorf("Read:\n got %+v\nwant %+v", got, want)
	}
}

// TestReadLayoutVariants checks that section order, CRLF, surrounding spaces and extra comments
// and blank lines do not change the result.
func TestReadLayoutVariants(t *testing.T) {
	blocks := strings.Split(strings.TrimSuffix(smallText, "\n"), "\n\n")
	reversed := slices.Clone(blocks)
	slices.Reverse(reversed)
	tests := []struct {
		name string
		text string
	}{
		{"sections reversed", strings.Join(reversed, "\n\n") + "\n"},
		{"CRLF", strings.ReplaceAll(smallText, "\n", "\r\n")},
		{"spaces and tabs", strings.NewReplacer(",", " , ", "\n", " \t\n").Replace(smallText)},
		{"comments and blanks", strings.ReplaceAll(smallText, "\n\n", "\n\n   # note\n\n\n")},
		{"no final newline", strings.TrimSuffix(smallText, "\n")},
	}
	want := smallInstance()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(strings.NewReader(tt.text), "small")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name     string
		old, new string // replace the first old in smallText by new
		line     int
		msg      string
	}{
		{"unknown shift in cover", "0,N,2", "0,X,2", 24, `unknown shift id "X"`},
		{"unknown shift in cannot-follow", "N,600,D|N", "N,600,D|Q", 7, `unknown shift id "Q"`},
		{"unknown shift in MaxShifts", "A,D=7|N=2", "A,D=7|Z=2", 10, `unknown shift id "Z"`},
		{"unknown employee in request", "A,1,D,2", "C,1,D,2", 17, `unknown employee id "C"`},
		{"unknown employee in days off", "A,0,6", "Q,0,6", 14, `unknown employee id "Q"`},
		{"day out of range", "B,2,N,3", "B,7,N,3", 20, "day 7 out of range 0..6"},
		{"bad number", "4200,960", "4200,9x0", 10, `MinTotalMinutes: bad number "9x0"`},
		{"negative number", "0,D,1,100,1", "0,D,-1,100,1", 23, "requirement: negative value -1"},
		{"huge number", "A,1,D,2", "A,1,D,99999999999", 17, "weight: value 99999999999 is larger"},
		{"duplicate employee", "B,D=7,", "A,D=7,", 11, `duplicate employee "A"`},
		{"duplicate shift", "N,600,D|N", "D,600,", 7, `duplicate shift "D"`},
		{"shift id reserved", "N,600,D|N", "-,600,", 7, "reserved for a day off"},
		{"id with space", "B,D=7,", "B B,D=7,", 11, "contains whitespace"},
		{"zero-length shift", "D,480,", "D,0,", 6, "length 0"},
		{"cannot-follow twice", "D|N", "D|D", 7, `shift "D" listed twice`},
		{"MaxShifts syntax", "A,D=7|N=2", "A,D7|N=2", 10, `MaxShifts entry "D7"`},
		{"MaxShifts twice", "A,D=7|N=2", "A,D=7|D=2", 10, `MaxShifts names shift "D" twice`},
		{"too few fields", "A,1,D,2", "A,1,D", 17, "want 4 comma-separated fields, got 3"},
		{"too many shift fields", "D,480,", "D,480,,", 6, "want 2 to 3 comma-separated fields, got 4"},
		{"duplicate day off", "A,0,6", "A,0,0", 14, "day 0 listed twice"},
		{"second days-off line", "A,0,6", "A,0\nA,6", 15, "second days-off line"},
		{"duplicate cover", "0,N,2,50,5", "0,D,2,50,5", 24, "second cover line for day 0"},
		{"horizon zero", "HORIZON\n7", "HORIZON\n0", 3, "horizon 0 out of range"},
		{"horizon too long", "HORIZON\n7", "HORIZON\n4000", 3, "horizon 4000 out of range"},
		{"horizon two lines", "HORIZON\n7", "HORIZON\n7\n8", 4, "more than one line"},
		{"empty shifts", "D,480,\nN,600,D|N\n", "", 5, "section SECTION_SHIFTS is empty"},
		{"missing section", "SECTION_COVER\n0,D,1,100,1\n0,N,2,50,5\n", "", 0, "missing section SECTION_COVER"},
		{"duplicate section", "SECTION_COVER", "SECTION_DAYS_OFF", 22, "duplicate section SECTION_DAYS_OFF (first on line 13)"},
		{"unknown section", "SECTION_COVER", "SECTION_CONTRACTS", 22, `unknown section "SECTION_CONTRACTS"`},
		{"data before section", "# small instance", "7", 1, "data before the first SECTION_"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Replace(smallText, tt.old, tt.new, 1)
			if text == smallText {
				t.Fatalf("%q not found in smallText", tt.old)
			}
			_, err := Read(strings.NewReader(text), "small")
			if pe := checkParseError(t, err, tt.line, tt.msg); pe.Name != "small" {
				t.Errorf("error names %q, want small", pe.Name)
			}
		})
	}
}

func TestParseErrorString(t *testing.T) {
	tests := []struct {
		err  ParseError
		want string
	}{
		{ParseError{Name: "Instance1", Line: 12, Msg: "bad"}, "Instance1:12: bad"},
		{ParseError{Name: "Instance1", Msg: "bad"}, "Instance1: bad"},
		{ParseError{Line: 3, Msg: "bad"}, "line 3: bad"},
		{ParseError{Msg: "bad"}, "bad"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.err, got, tt.want)
		}
	}
}

// TestReadBenchmarkFiles parses every instance in the data directory and compares its size with
// best_known.tsv; each row of the table must have its file.
func TestReadBenchmarkFiles(t *testing.T) {
	dir := dataDir(t)
	table, err := ReadBestKnownFile(filepath.Join(dir, "best_known.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	paths, err := filepath.Glob(filepath.Join(dir, "Instance*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no instance files in %s (%v)", dir, err)
	}
	if len(paths) != len(table) {
		t.Errorf("%d instance files, %d rows in best_known.tsv", len(paths), len(table))
	}
	for _, path := range paths {
		inst, err := ReadFile(path)
		if err != nil {
			t.Error(err)
			continue
		}
		checkInvariants(t, inst)
		row, ok := table[inst.Name]
		if !ok {
			t.Errorf("%s: no row in best_known.tsv", inst.Name)
			continue
		}
		got := [3]int{len(inst.Staff), inst.Days, len(inst.Shifts)}
		if want := [3]int{row.Staff, row.Days, row.ShiftTypes}; got != want {
			t.Errorf("%s: staff, days, shift types = %v, want %v", inst.Name, got, want)
		}
	}
}

// TestReadInstance1 spot-checks values of Instance1 against the file.
func TestReadInstance1(t *testing.T) {
	inst, err := ReadFile(filepath.Join(dataDir(t), "Instance1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	h := inst.EmployeeIndex["H"]
	checks := []struct {
		name      string
		got, want any
	}{
		{"name", inst.Name, "Instance1"},
		{"shift D", inst.Shifts[0], Shift{ID: "D", Minutes: 480}},
		{"employee A", inst.Staff[0], Employee{ID: "A", MaxShifts: []int{14}, MaxTotalMinutes: 4320,
			MinTotalMinutes: 3360, MaxConsecutiveShifts: 5, MinConsecutiveShifts: 2, MinConsecutiveDaysOff: 2,
			MaxWeekends: 1, DaysOff: []int{0}}},
		{"on requests", len(inst.ShiftOn), 21},
		{"off requests", len(inst.ShiftOff), 5},
		{"last off request", inst.ShiftOff[4], Request{Employee: h, Day: 3, Shift: 0, Weight: 3}},
		{"cover day 1", inst.Cover[1][0], Cover{Requirement: 7, WeightUnder: 100, WeightOver: 1}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %+v, want %+v", c.name, c.got, c.want)
		}
	}
}
