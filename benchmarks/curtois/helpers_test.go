package curtois

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"wfm/internal/dataset"
)

// dataDir returns the directory holding the benchmark files (see dataset.Dir).
func dataDir(t testing.TB) string {
	t.Helper()
	return dataset.Dir(t, "curtois")
}

// looseStaff is an employee "A" whom no limit binds on a 14-day horizon with the tiny shifts:
// 14 shifts of each type, at most 8400 minutes (14 N shifts), at least 0, runs of 1 to 14
// shifts, runs of at least 1 day off, 2 weekends.
const looseStaff = "A,D=14|N=14,8400,0,14,1,1,2"

// tinySpec describes a small instance with two shift types, D (480 min) and N (600 min, and D
// cannot follow N), written as text in the benchmark format.
type tinySpec struct {
	days    int      // 14 when zero
	staff   []string // SECTION_STAFF lines; looseStaff when empty
	daysOff []string
	on, off []string
	cover   []string
}

func (s tinySpec) text() string {
	days, staff := s.days, s.staff
	if days == 0 {
		days = 14
	}
	if len(staff) == 0 {
		staff = []string{looseStaff}
	}
	var b strings.Builder
	section := func(name string, lines []string) {
		b.WriteString(name + "\n")
		for _, l := range lines {
			b.WriteString(l + "\n")
		}
		b.WriteString("\n")
	}
	section("SECTION_HORIZON", []string{strconv.Itoa(days)})
	section("SECTION_SHIFTS", []string{"D,480,", "N,600,D"})
	section("SECTION_STAFF", staff)
	section("SECTION_DAYS_OFF", s.daysOff)
	section("SECTION_SHIFT_ON_REQUESTS", s.on)
	section("SECTION_SHIFT_OFF_REQUESTS", s.off)
	section("SECTION_COVER", s.cover)
	return b.String()
}

func (s tinySpec) build(t testing.TB) *Instance {
	t.Helper()
	inst, err := Read(strings.NewReader(s.text()), "tiny")
	if err != nil {
		t.Fatalf("tiny instance: %v\n%s", err, s.text())
	}
	return inst
}

// rosterOf builds a roster from one string per employee, one character per day: a one-letter
// shift id, or '-' for a day off.
func rosterOf(t testing.TB, inst *Instance, rows ...string) Roster {
	t.Helper()
	r := make(Roster, len(rows))
	for e, row := range rows {
		for _, c := range row {
			s, ok := inst.ShiftIndex[string(c)]
			if c == '-' {
				s, ok = Off, true
			}
			if !ok {
				t.Fatalf("row %q: unknown shift %q", row, c)
			}
			r[e] = append(r[e], s)
		}
	}
	return r
}

// checkInvariants fails t unless every index in inst is in range and the id maps agree with the
// slices.
func checkInvariants(t testing.TB, inst *Instance) {
	t.Helper()
	nShifts, nStaff := len(inst.Shifts), len(inst.Staff)
	inRange := func(what string, i, n int) {
		if i < 0 || i >= n {
			t.Fatalf("%s: index %d out of range [0,%d)", what, i, n)
		}
	}
	if inst.Days < 1 || inst.Days > maxDays || nShifts == 0 || nStaff == 0 {
		t.Fatalf("sizes: days %d, shifts %d, staff %d", inst.Days, nShifts, nStaff)
	}
	if len(inst.ShiftIndex) != nShifts || len(inst.EmployeeIndex) != nStaff {
		t.Fatalf("id maps hold %d shifts and %d employees, want %d and %d",
			len(inst.ShiftIndex), len(inst.EmployeeIndex), nShifts, nStaff)
	}
	for i, sh := range inst.Shifts {
		if inst.ShiftIndex[sh.ID] != i || sh.Minutes <= 0 {
			t.Fatalf("shift %d: %+v (index %d)", i, sh, inst.ShiftIndex[sh.ID])
		}
		for _, f := range sh.CannotFollow {
			inRange("cannot-follow of "+sh.ID, f, nShifts)
		}
	}
	for i, emp := range inst.Staff {
		if inst.EmployeeIndex[emp.ID] != i || len(emp.MaxShifts) != nShifts {
			t.Fatalf("employee %d: %+v (index %d)", i, emp, inst.EmployeeIndex[emp.ID])
		}
		for _, d := range emp.DaysOff {
			inRange("day off of "+emp.ID, d, inst.Days)
		}
	}
	for _, q := range append(inst.ShiftOn[:len(inst.ShiftOn):len(inst.ShiftOn)], inst.ShiftOff...) {
		inRange("request employee", q.Employee, nStaff)
		inRange("request day", q.Day, inst.Days)
		inRange("request shift", q.Shift, nShifts)
	}
	if len(inst.Cover) != inst.Days {
		t.Fatalf("cover has %d days, want %d", len(inst.Cover), inst.Days)
	}
	for d, row := range inst.Cover {
		if len(row) != nShifts {
			t.Fatalf("cover day %d has %d shifts, want %d", d, len(row), nShifts)
		}
	}
}

// checkParseError fails t unless err is a *ParseError on the given line (0: none) whose message
// contains msg; it returns the error for further checks.
func checkParseError(t testing.TB, err error, line int, msg string) *ParseError {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T), want *ParseError", err, err)
	}
	if pe.Line != line || !strings.Contains(pe.Msg, msg) {
		t.Errorf("got %q (line %d), want line %d containing %q", pe, pe.Line, line, msg)
	}
	return pe
}
