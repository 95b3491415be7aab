package curtois

import (
	"bufio"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// objectiveSpec: two employees, a 7-day horizon and a few requests and cover rows; every other
// (day, shift) has no cover row and so no cover penalty.
var objectiveSpec = tinySpec{
	days:  7,
	staff: []string{"A,D=7|N=7,4200,0,7,1,1,1", "B,D=7|N=7,4200,0,7,1,1,1"},
	on:    []string{"A,0,D,2", "A,1,N,3", "B,2,D,1", "B,3,N,6"},
	off:   []string{"A,2,N,4", "B,0,D,5", "B,1,N,2"},
	cover: []string{"0,D,2,100,1", "0,N,0,100,1", "1,N,1,10,7", "1,D,0,10,7", "2,N,3,5,1", "3,D,1,9,9"},
}

func TestScoreObjective(t *testing.T) {
	inst := objectiveSpec.build(t)
	tests := []struct {
		name string
		rows []string
		want Result // Violations not compared
	}{
		{
			// On: A0 D granted 0; A1 works D not N 3; B2 works N not D 1; B3 off 6 → 10.
			// Off: A2 works N 4; B0 works N not D 0; B1 works N 2 → 6.
			// Cover (day,shift: x vs req): 0D 1<2 → 100; 0N 1>0 → 1; 1N 1=1; 1D 1>0 → 7;
			// 2N 2<3 → 5; 3D 0<1 → 9. Under 114, over 8. Total 10+6+114+8 = 138.
			name: "mixed",
			rows: []string{"DDN----", "NNN----"},
			want: Result{Penalty: 138, OnRequests: 10, OffRequests: 6, CoverUnder: 114, CoverOver: 8},
		},
		{
			// On: all four refused, 2+3+1+6 = 12. Off: none worked, 0.
			// Under: 0D 2×100 + 1N 1×10 + 2N 3×5 + 3D 1×9 = 234. Total 246.
			name: "all off",
			rows: []string{"-------", "-------"},
			want: Result{Penalty: 246, OnRequests: 12, CoverUnder: 234},
		},
		{
			// On: A0 0, A1 3, B2 0, B3 6 → 9. Off: A2 0, B0 5, B1 0 → 5.
			// Cover: 0D 2=2; 0N 0=0; 1N 0<1 → 10; 1D 2>0 → 2×7 = 14; 2N 0<3 → 15; 3D 2>1 → 9.
			// Under 25, over 23. Total 9+5+25+23 = 62.
			name: "all D",
			rows: []string{"DDDDDDD", "DDDDDDD"},
			want: Result{Penalty: 62, OnRequests: 9, OffRequests: 5, CoverUnder: 25, CoverOver: 23},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Score(inst, rosterOf(t, inst, tt.rows...))
			got.Violations = nil
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestScoreRandomRosters scores random rosters of Instance1: the penalty is the sum of its
// components, each non-negative, and Score leaves its argument unchanged.
func TestScoreRandomRosters(t *testing.T) {
	inst, err := ReadFile(filepath.Join(dataDir(t), "Instance1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		r := randomRoster(rng, inst)
		before := cloneRoster(r)
		res := Score(inst, r)
		if sum := res.OnRequests + res.OffRequests + res.CoverUnder + res.CoverOver; res.Penalty != sum {
			t.Fatalf("penalty %d, components sum to %d: %+v", res.Penalty, sum, res)
		}
		if min(res.OnRequests, res.OffRequests, res.CoverUnder, res.CoverOver) < 0 {
			t.Fatalf("negative component: %+v", res)
		}
		if !equalRosters(r, before) {
			t.Fatal("Score modified the roster")
		}
	}
}

// TestScoreAllOff checks, for every instance, the all-off roster against sums taken straight
// from the file text: under-cover Σ requirement × weight for under, on-requests Σ weight, and
// nothing else.
func TestScoreAllOff(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(dataDir(t), "Instance*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no instance files (%v)", err)
	}
	for _, path := range paths {
		inst, err := ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want := Result{
			OnRequests: sectionSum(t, path, "SECTION_SHIFT_ON_REQUESTS", 3),
			CoverUnder: sectionSum(t, path, "SECTION_COVER", 2, 3),
		}
		want.Penalty = want.OnRequests + want.CoverUnder
		got := Score(inst, NewRoster(inst))
		got.Violations = nil
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %+v, want %+v", inst.Name, got, want)
		}
	}
}

// TestScoreAllOffInstance1Violations: with nobody working, each of the 8 employees of Instance1
// falls short of MinTotalMinutes (3360) and breaks nothing else (the run of days off spans the
// horizon, so the minimum-days-off rule exempts it).
func TestScoreAllOffInstance1Violations(t *testing.T) {
	inst, err := ReadFile(filepath.Join(dataDir(t), "Instance1.txt"))
	if err != nil {
		t.Fatal(err)
	}
	vs := Score(inst, NewRoster(inst)).Violations
	if len(vs) != 8 {
		t.Fatalf("%d violations, want 8: %v", len(vs), vs)
	}
	for _, v := range vs {
		if v.Constraint != ConstraintMinTotalMinutes {
			t.Errorf("unexpected violation %v", v)
		}
	}
}

// sectionSum sums, over the data lines of the named section of the file at path, the product of
// the comma-separated columns cols. It reads the file itself, independently of Read.
func sectionSum(t *testing.T, path, section string, cols ...int) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sum, in := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		text := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(text, "SECTION_"):
			in = text == section
		case in && text != "" && !strings.HasPrefix(text, "#"):
			fields := strings.Split(text, ",")
			product := 1
			for _, c := range cols {
				n, err := strconv.Atoi(fields[c])
				if err != nil {
					t.Fatalf("%s: %q: %v", path, text, err)
				}
				product *= n
			}
			sum += product
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return sum
}

// randomRoster gives each employee, on each day, a day off or a uniformly chosen shift with equal
// probability.
func randomRoster(rng *rand.Rand, inst *Instance) Roster {
	r := NewRoster(inst)
	for e := range r {
		for d := range r[e] {
			if rng.IntN(2) == 0 {
				r[e][d] = rng.IntN(len(inst.Shifts))
			}
		}
	}
	return r
}

func cloneRoster(r Roster) Roster {
	c := make(Roster, len(r))
	for e := range r {
		c[e] = slices.Clone(r[e])
	}
	return c
}

func equalRosters(a, b Roster) bool {
	return slices.EqualFunc(a, b, slices.Equal[[]int])
}
