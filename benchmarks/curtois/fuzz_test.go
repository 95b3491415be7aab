package curtois

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// FuzzRead checks that Read never panics, fails only with a *ParseError, and returns instances
// whose indexes are all in range and that Score and the roster format handle.
func FuzzRead(f *testing.F) {
	seeds := []string{
		smallText,
		strings.ReplaceAll(smallText, "\n", "\r\n"),
		// Lines of Instance1 and Instance13.
		"SECTION_HORIZON\n14\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,D=14,4320,3360,5,2,2,1\n" +
			"SECTION_DAYS_OFF\nA,0\nSECTION_SHIFT_ON_REQUESTS\nA,2,D,2\nSECTION_SHIFT_OFF_REQUESTS\nC,12,D,1\n" +
			"SECTION_COVER\n0,D,5,100,1\n",
		"SECTION_SHIFTS\na5,720,a1|a2\na1,480,\na2,480,\n",
		// Malformed variants.
		strings.Replace(smallText, "A,D=7|N=2", "A,D=|N=2=3", 1),
		strings.Replace(smallText, "0,D,1,100,1", "0,D,,100,1", 1),
		strings.Replace(smallText, "N,600,D|N", "N,600,D||", 1),
		strings.Replace(smallText, "\n7\n", "\n99999999999999999999\n", 1),
		"SECTION_HORIZON\n",
		"A,0\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		inst, err := Read(strings.NewReader(text), "fuzz")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T) is not a *ParseError", err, err)
			}
			return
		}
		checkInvariants(t, inst)
		r := NewRoster(inst)
		for e := range r {
			for d := range r[e] {
				r[e][d] = (e+d)%(len(inst.Shifts)+1) - 1
			}
		}
		if res := Score(inst, r); res.Penalty < 0 {
			t.Fatalf("negative penalty %+v", res)
		}
		var buf bytes.Buffer
		if err := WriteRoster(&buf, inst, r); err != nil {
			t.Fatal(err)
		}
		back, err := ReadRoster(&buf, inst)
		if err != nil || !equalRosters(back, r) {
			t.Fatalf("roster round trip: %v\n%s", err, buf.String())
		}
	})
}

// FuzzReadRoster checks that ReadRoster never panics, fails only with a *ParseError, and that a
// roster it accepts fits the instance and survives a write-read round trip.
func FuzzReadRoster(f *testing.F) {
	inst, err := Read(strings.NewReader(smallText), "small")
	if err != nil {
		f.Fatal(err)
	}
	seeds := []string{
		"# ok\nA\tD\tN\t-\t-\t-\t-\t-\nB\t-\t-\t-\t-\t-\t-\tD\n",
		"A D N - - - - -\r\nB - - - - - - D\r\n",
		"A\tD\tN\t-\t-\t-\t-\t-\n",
		"A\tD\tX\t-\t-\t-\t-\t-\nB\t-\t-\t-\t-\t-\t-\tD\n",
		"B\t-\nA\n",
		"#\n\n\t\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		r, err := ReadRoster(strings.NewReader(text), inst)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T) is not a *ParseError", err, err)
			}
			return
		}
		if _, vs := normalise(inst, r); len(vs) > 0 {
			t.Fatalf("accepted roster does not fit: %v", vs)
		}
		Score(inst, r)
		var buf bytes.Buffer
		if err := WriteRoster(&buf, inst, r, text); err != nil {
			t.Fatal(err)
		}
		back, err := ReadRoster(&buf, inst)
		if err != nil || !equalRosters(back, r) {
			t.Fatalf("round trip: %v\n%s", err, buf.String())
		}
	})
}
