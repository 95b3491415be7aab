package curtois

import (
	"bytes"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
)

// twoStaff is a 7-day tiny instance with employees A and B.
var twoStaff = tinySpec{days: 7, staff: []string{"A,D=7|N=7,4200,0,7,1,1,1", "B,D=7|N=7,4200,0,7,1,1,1"}}

func TestWriteRoster(t *testing.T) {
	inst := twoStaff.build(t)
	var buf bytes.Buffer
	err := WriteRoster(&buf, inst, rosterOf(t, inst, "DN-----", "------D"), "solver x\nseed 3", "")
	if err != nil {
		t.Fatal(err)
	}
	want := "# solver x\n# seed 3\n#\nA\tD\tN\t-\t-\t-\t-\t-\nB\t-\t-\t-\t-\t-\t-\tD\n"
	if got := buf.String(); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestWriteRosterRejectsBadShape(t *testing.T) {
	inst := twoStaff.build(t)
	bad := rosterOf(t, inst, "DN-----", "------")
	if err := WriteRoster(&bytes.Buffer{}, inst, bad); err == nil || !strings.Contains(err.Error(), "row has 6 days, want 7") {
		t.Errorf("error %v, want one about the short row", err)
	}
}

// TestRosterRoundTrip writes random rosters of Instance1 and reads them back.
func TestRosterRoundTrip(t *testing.T) {
	inst, err := ReadFile(filepath.Join(dataDir(t), "Instance1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		want := randomRoster(rng, inst)
		var buf bytes.Buffer
		if err := WriteRoster(&buf, inst, want, "random roster"); err != nil {
			t.Fatal(err)
		}
		got, err := ReadRoster(&buf, inst)
		if err != nil {
			t.Fatal(err)
		}
		if !equalRosters(got, want) {
			t.Fatalf("round trip: got %v, want %v", got, want)
		}
	}
}

func TestReadRosterTolerance(t *testing.T) {
	inst := twoStaff.build(t)
	text := "# c\r\n\r\nB  -\t- - - - -   D \r\n\tA\tD\tN\t-\t-\t-\t-\t-\r\n"
	got, err := ReadRoster(strings.NewReader(text), inst)
	if err != nil {
		t.Fatal(err)
	}
	if want := rosterOf(t, inst, "DN-----", "------D"); !equalRosters(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestReadRosterErrors(t *testing.T) {
	const a, b = "A\tD\tN\t-\t-\t-\t-\t-\n", "B\t-\t-\t-\t-\t-\t-\tD\n"
	tests := []struct {
		name string
		text string
		line int
		msg  string
	}{
		{"unknown employee", "# c\n" + a + "C\t-\t-\t-\t-\t-\t-\t-\n", 3, `unknown employee "C"`},
		{"unknown shift", "# c\n" + "A\tD\tX\t-\t-\t-\t-\t-\n" + b, 2, `employee "A": day 1: unknown shift "X"`},
		{"too few days", "# c\n\n" + a + "B\t-\t-\n", 4, `employee "B" has 2 days, want 7`},
		{"too many days", "A\tD\tN\t-\t-\t-\t-\t-\t-\n" + b, 1, `employee "A" has 8 days, want 7`},
		{"duplicate employee", a + b + a, 3, `second line for employee "A" (first on line 1)`},
		{"missing employee", "# only A\n" + a, 0, `missing employee "B"`},
		{"empty file", "", 0, `missing employee "A"`},
	}
	inst := twoStaff.build(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadRoster(strings.NewReader(tt.text), inst)
			checkParseError(t, err, tt.line, tt.msg)
		})
	}
}
