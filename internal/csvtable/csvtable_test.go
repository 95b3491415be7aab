package csvtable

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"wfm"
)

func TestReadTables(t *testing.T) {
	spec := Spec{File: "t.csv", Known: []string{"a", "b", "c"}, Required: []string{"a"}, Rule: "R7"}
	var got []string
	err := Read(strings.NewReader("\ufeffB, a\n2,1\n4,3\n"), spec, func(line int, rec Record) error {
		got = append(got, rec.Get("a")+rec.Get("b")+rec.Get("c"))
		if rec.Has("c") || !rec.Has("b") {
			t.Error("Has is wrong")
		}
		return nil
	})
	if err != nil || strings.Join(got, " ") != "12 34" {
		t.Fatalf("got %v, %v", got, err)
	}
	bad := []struct {
		name, text string
		spec       Spec
		line       int
		field      string
	}{
		{"empty", "", spec, 1, ""},
		{"header only", "a\n", spec, 2, ""},
		{"missing required", "b\n1\n", spec, 1, "a"},
		{"unknown", "a,x\n1,2\n", spec, 1, "x"},
		{"twice", "a,a\n1,2\n", spec, 1, "a"},
		{"bare quote", "a\n\"1\n", spec, 2, ""},
		{"short row, strict", "a,b\n1\n", Spec{File: "t.csv", Known: []string{"a", "b"}, Strict: true}, 2, ""},
		{"row error", "a\nboom\n", spec, 2, "a"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			err := Read(strings.NewReader(tc.text), tc.spec, func(_ int, rec Record) error {
				if rec.Get("a") == "boom" {
					return wfm.Invalidf("a", "boom")
				}
				return nil
			})
			var e *wfm.Error
			if !errors.As(err, &e) || e.File != "t.csv" || e.Line != tc.line || e.Field != tc.field {
				t.Fatalf("got %v, want t.csv line %d field %q", err, tc.line, tc.field)
			}
			if tc.spec.Rule != "" && e.Rule != tc.spec.Rule {
				t.Errorf("rule %q, want %q", e.Rule, tc.spec.Rule)
			}
		})
	}
	if err := Read(strings.NewReader("a\n"), Spec{File: "t.csv", Known: []string{"a"}, AllowEmpty: true},
		func(int, Record) error { return nil }); err != nil {
		t.Errorf("empty table refused: %v", err)
	}
	// An oversized request body keeps its own error, so the API can answer 413.
	limited := http.MaxBytesReader(httptest.NewRecorder(), body(strings.Repeat("a\n", 100)), 10)
	err = Read(limited, spec, func(int, Record) error { return nil })
	var mbe *http.MaxBytesError
	if !errors.As(err, &mbe) {
		t.Errorf("oversized body: %v", err)
	}
}

type reader struct{ *strings.Reader }

func (reader) Close() error { return nil }

func body(s string) reader { return reader{strings.NewReader(s)} }
