package curtois

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Off is the Roster value of a day off.
const Off = -1

// OffMark is the roster-file token of a day off.
const OffMark = "-"

// Roster assigns shifts: Roster[e][d] is the shift index employee e works on day d, or Off.
type Roster [][]int

// NewRoster returns a roster for inst with every employee off on every day.
func NewRoster(inst *Instance) Roster {
	r := make(Roster, len(inst.Staff))
	for e := range r {
		r[e] = make([]int, inst.Days)
		for d := range r[e] {
			r[e][d] = Off
		}
	}
	return r
}

// normalise returns a copy of r with one row per employee and one entry per day, every entry a
// shift index or Off, together with a ConstraintRoster violation for each departure from that
// shape. Missing rows and days and out-of-range entries become Off in the copy.
func normalise(inst *Instance, r Roster) (Roster, []Violation) {
	var vs []Violation
	if len(r) != len(inst.Staff) {
		vs = append(vs, Violation{Constraint: ConstraintRoster, Day: -1,
			Detail: fmt.Sprintf("roster has %d rows, want one per employee (%d)", len(r), len(inst.Staff))})
	}
	clean := NewRoster(inst)
	for e := range min(len(r), len(clean)) {
		emp := &inst.Staff[e]
		if len(r[e]) != inst.Days {
			vs = append(vs, violation(ConstraintRoster, emp, -1, "row has %d days, want %d", len(r[e]), inst.Days))
		}
		for d := range min(len(r[e]), inst.Days) {
			s := r[e][d]
			if s < Off || s >= len(inst.Shifts) {
				vs = append(vs, violation(ConstraintRoster, emp, d, "shift index %d out of range", s))
				continue
			}
			clean[e][d] = s
		}
	}
	return clean, vs
}

// WriteRoster writes r as text: each line of each comment as a '#' line, then one tab-separated line per
// employee holding the employee id and, for each day, the id of the shift worked or OffMark.
// It refuses a roster whose shape does not fit inst.
func WriteRoster(w io.Writer, inst *Instance, r Roster, comments ...string) error {
	if _, vs := normalise(inst, r); len(vs) > 0 {
		return fmt.Errorf("curtois: cannot write roster: %s", vs[0])
	}
	bw := bufio.NewWriter(w)
	for _, c := range comments {
		for _, l := range strings.Split(c, "\n") {
			fmt.Fprintln(bw, strings.TrimSpace("# "+l))
		}
	}
	for e, emp := range inst.Staff {
		bw.WriteString(emp.ID)
		for _, s := range r[e] {
			bw.WriteByte('\t')
			bw.WriteString(shiftToken(inst, s))
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

func shiftToken(inst *Instance, s int) string {
	if s == Off {
		return OffMark
	}
	return inst.Shifts[s].ID
}

// ReadRoster reads a roster for inst in the format of WriteRoster. Fields may be separated by any
// run of whitespace. Every employee must have exactly one line with one entry per day. Errors are
// *ParseError values naming the line (none for a missing employee).
func ReadRoster(r io.Reader, inst *Instance) (Roster, error) {
	const name = "roster"
	roster := make(Roster, len(inst.Staff))
	lineOf := make([]int, len(inst.Staff))
	err := scanLines(r, name, func(num int, text string) error {
		fields := strings.Fields(text)
		e, ok := inst.EmployeeIndex[fields[0]]
		switch {
		case !ok:
			return parseErrorf(name, num, "unknown employee %q", fields[0])
		case lineOf[e] > 0:
			return parseErrorf(name, num, "second line for employee %q (first on line %d)", fields[0], lineOf[e])
		case len(fields)-1 != inst.Days:
			return parseErrorf(name, num, "employee %q has %d days, want %d", fields[0], len(fields)-1, inst.Days)
		}
		lineOf[e] = num
		row, err := parseRow(inst, fields[1:])
		if err != nil {
			return parseErrorf(name, num, "employee %q: %v", fields[0], err)
		}
		roster[e] = row
		return nil
	})
	if err != nil {
		return nil, err
	}
	for e, row := range roster {
		if row == nil {
			return nil, parseErrorf(name, 0, "missing employee %q", inst.Staff[e].ID)
		}
	}
	return roster, nil
}

// parseRow turns one shift token per day into shift indexes.
func parseRow(inst *Instance, tokens []string) ([]int, error) {
	row := make([]int, len(tokens))
	for d, tok := range tokens {
		if tok == OffMark {
			row[d] = Off
			continue
		}
		s, ok := inst.ShiftIndex[tok]
		if !ok {
			return nil, fmt.Errorf("day %d: unknown shift %q", d, tok)
		}
		row[d] = s
	}
	return row, nil
}
