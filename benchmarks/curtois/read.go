package curtois

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

// maxDays bounds the horizon (ten years), which bounds the memory a file can make Read allocate.
const maxDays = 3660

// line is one content line of a file with its 1-based number.
type line struct {
	num  int
	text string
}

// section is the body of one SECTION_* block; header is the line number of its title.
type section struct {
	header int
	lines  []line
}

// sectionParsers lists every section in dependency order: each one may refer to the horizon and
// to the ids that the sections before it define. All of them must be present in a file.
var sectionParsers = []struct {
	name  string
	parse func(p *parser, s section) error
}{
	{"SECTION_HORIZON", (*parser).horizon},
	{"SECTION_SHIFTS", (*parser).shifts},
	{"SECTION_STAFF", (*parser).staff},
	{"SECTION_DAYS_OFF", (*parser).daysOff},
	{"SECTION_SHIFT_ON_REQUESTS", func(p *parser, s section) error { return p.requests(s, &p.inst.ShiftOn) }},
	{"SECTION_SHIFT_OFF_REQUESTS", func(p *parser, s section) error { return p.requests(s, &p.inst.ShiftOff) }},
	{"SECTION_COVER", (*parser).cover},
}

// ReadFile reads the instance file at path; the instance is named after the file without its
// extension (e.g. "Instance1").
func ReadFile(path string) (*Instance, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(f, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
}

// Read parses an instance in the benchmark's text format (see FORMAT.md). Sections may come in
// any order; blank lines, '#' comment lines and surrounding whitespace (including CR) are ignored.
// Errors are *ParseError values naming the line and the problem.
func Read(r io.Reader, name string) (*Instance, error) {
	sections, err := splitSections(r, name)
	if err != nil {
		return nil, err
	}
	p := &parser{name: name, inst: &Instance{Name: name}}
	for _, sp := range sectionParsers {
		s, ok := sections[sp.name]
		if !ok {
			return nil, parseErrorf(name, 0, "missing section %s", sp.name)
		}
		if err := sp.parse(p, s); err != nil {
			return nil, err
		}
	}
	return p.inst, nil
}

// splitSections groups the content lines of r by the section they belong to.
func splitSections(r io.Reader, name string) (map[string]section, error) {
	known := make(map[string]bool, len(sectionParsers))
	for _, sp := range sectionParsers {
		known[sp.name] = true
	}
	sections := make(map[string]section)
	current := ""
	err := scanLines(r, name, func(num int, text string) error {
		if strings.HasPrefix(text, "SECTION_") {
			if !known[text] {
				return parseErrorf(name, num, "unknown section %q", text)
			}
			if prev, dup := sections[text]; dup {
				return parseErrorf(name, num, "duplicate section %s (first on line %d)", text, prev.header)
			}
			current = text
			sections[text] = section{header: num}
			return nil
		}
		if current == "" {
			return parseErrorf(name, num, "data before the first SECTION_ line")
		}
		s := sections[current]
		s.lines = append(s.lines, line{num, text})
		sections[current] = s
		return nil
	})
	return sections, err
}

// parser fills in an Instance section by section.
type parser struct {
	name string
	inst *Instance
}

// records splits each line of s into comma-separated, trimmed columns and calls fn with them. It
// checks the column count first and stops at the first error that fn records.
func (p *parser) records(s section, minCols, maxCols int, fn func(r *record)) error {
	for _, l := range s.lines {
		r := &record{p: p, num: l.num, cols: strings.Split(l.text, ",")}
		for i := range r.cols {
			r.cols[i] = strings.TrimSpace(r.cols[i])
		}
		if n := len(r.cols); n < minCols || n > maxCols {
			r.fail("%s, got %d", wantColumns(minCols, maxCols), n)
		} else {
			fn(r)
		}
		if r.err != nil {
			return r.err
		}
	}
	return nil
}

func wantColumns(minCols, maxCols int) string {
	switch {
	case minCols == maxCols:
		return fmt.Sprintf("want %d comma-separated fields", minCols)
	case maxCols == math.MaxInt:
		return fmt.Sprintf("want at least %d comma-separated fields", minCols)
	}
	return fmt.Sprintf("want %d to %d comma-separated fields", minCols, maxCols)
}

// record is one line being parsed. Its helpers record the first problem in err and return a
// zero value, so a line can be decoded in one expression and checked once.
type record struct {
	p    *parser
	num  int
	cols []string
	err  error
}

func (r *record) fail(format string, args ...any) {
	if r.err == nil {
		r.err = parseErrorf(r.p.name, r.num, format, args...)
	}
}

func (r *record) count(s, what string) int {
	n, err := parseCount(s, what)
	if err != nil {
		r.fail("%v", err)
	}
	return n
}

// id checks a new shift or employee id: non-empty, no whitespace (roster files are
// whitespace-separated).
func (r *record) id(s, what string) string {
	if s == "" {
		r.fail("empty %s id", what)
	} else if strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		r.fail("%s id %q contains whitespace", what, s)
	}
	return s
}

func (r *record) day(s string) int {
	d := r.count(s, "day")
	if r.err == nil && d >= r.p.inst.Days {
		r.fail("day %d out of range 0..%d", d, r.p.inst.Days-1)
	}
	return d
}

func (r *record) shift(id string) int {
	s, ok := r.p.inst.ShiftIndex[id]
	if !ok {
		r.fail("unknown shift id %q", id)
	}
	return s
}

func (r *record) employee(id string) int {
	e, ok := r.p.inst.EmployeeIndex[id]
	if !ok {
		r.fail("unknown employee id %q", id)
	}
	return e
}

// requireLines reports an empty section, for the sections an instance cannot do without.
func (p *parser) requireLines(s section, name string) error {
	if len(s.lines) == 0 {
		return parseErrorf(p.name, s.header, "section %s is empty", name)
	}
	return nil
}

// horizon parses the single line of SECTION_HORIZON: the number of days.
func (p *parser) horizon(s section) error {
	if err := p.requireLines(s, "SECTION_HORIZON"); err != nil {
		return err
	}
	if len(s.lines) > 1 {
		return parseErrorf(p.name, s.lines[1].num, "SECTION_HORIZON holds more than one line")
	}
	return p.records(s, 1, 1, func(r *record) {
		days := r.count(r.cols[0], "horizon")
		if r.err == nil && (days < 1 || days > maxDays) {
			r.fail("horizon %d out of range 1..%d", days, maxDays)
		}
		p.inst.Days = days
	})
}

// shifts parses "ID, Minutes, CannotFollow" lines. It reads the ids first so that the
// CannotFollow lists may name shifts defined further down.
func (p *parser) shifts(s section) error {
	if err := p.requireLines(s, "SECTION_SHIFTS"); err != nil {
		return err
	}
	inst := p.inst
	inst.ShiftIndex = make(map[string]int, len(s.lines))
	err := p.records(s, 2, 3, func(r *record) {
		id := r.id(r.cols[0], "shift")
		if id == OffMark {
			r.fail("shift id %q is reserved for a day off", id)
		}
		if _, dup := inst.ShiftIndex[id]; dup {
			r.fail("duplicate shift %q", id)
		}
		minutes := r.count(r.cols[1], "shift length")
		if r.err == nil && minutes == 0 {
			r.fail("shift %q has length 0", id)
		}
		inst.ShiftIndex[id] = len(inst.Shifts)
		inst.Shifts = append(inst.Shifts, Shift{ID: id, Minutes: minutes})
	})
	if err != nil {
		return err
	}
	next := 0
	return p.records(s, 2, 3, func(r *record) {
		if len(r.cols) == 3 {
			inst.Shifts[next].CannotFollow = r.shiftList(r.cols[2])
		}
		next++
	})
}

// shiftList parses a '|'-separated list of distinct shift ids; the empty string is the empty list.
func (r *record) shiftList(s string) []int {
	if s == "" {
		return nil
	}
	var list []int
	seen := make(map[int]bool)
	for id := range strings.SplitSeq(s, "|") {
		id = strings.TrimSpace(id)
		sh := r.shift(id)
		if r.err == nil && seen[sh] {
			r.fail("shift %q listed twice", id)
		}
		seen[sh] = true
		list = append(list, sh)
	}
	return list
}

// staff parses "ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts,
// MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends" lines.
func (p *parser) staff(s section) error {
	if err := p.requireLines(s, "SECTION_STAFF"); err != nil {
		return err
	}
	inst := p.inst
	inst.EmployeeIndex = make(map[string]int, len(s.lines))
	return p.records(s, 8, 8, func(r *record) {
		c := r.cols
		emp := Employee{
			ID:                    r.id(c[0], "employee"),
			MaxShifts:             r.maxShifts(c[1]),
			MaxTotalMinutes:       r.count(c[2], "MaxTotalMinutes"),
			MinTotalMinutes:       r.count(c[3], "MinTotalMinutes"),
			MaxConsecutiveShifts:  r.count(c[4], "MaxConsecutiveShifts"),
			MinConsecutiveShifts:  r.count(c[5], "MinConsecutiveShifts"),
			MinConsecutiveDaysOff: r.count(c[6], "MinConsecutiveDaysOff"),
			MaxWeekends:           r.count(c[7], "MaxWeekends"),
		}
		if _, dup := inst.EmployeeIndex[emp.ID]; dup {
			r.fail("duplicate employee %q", emp.ID)
		}
		inst.EmployeeIndex[emp.ID] = len(inst.Staff)
		inst.Staff = append(inst.Staff, emp)
	})
}

// maxShifts parses "ShiftID=max|ShiftID=max..."; shift types left out get the horizon length.
func (r *record) maxShifts(s string) []int {
	limits := make([]int, len(r.p.inst.Shifts))
	set := make([]bool, len(limits))
	if s != "" {
		for pair := range strings.SplitSeq(s, "|") {
			id, value, ok := strings.Cut(pair, "=")
			if !ok {
				r.fail("MaxShifts entry %q is not ShiftID=max", pair)
				return limits
			}
			id = strings.TrimSpace(id)
			sh := r.shift(id)
			n := r.count(strings.TrimSpace(value), "MaxShifts "+id)
			if r.err != nil {
				return limits
			}
			if set[sh] {
				r.fail("MaxShifts names shift %q twice", id)
			}
			limits[sh], set[sh] = n, true
		}
	}
	for sh := range limits {
		if !set[sh] {
			limits[sh] = r.p.inst.Days
		}
	}
	return limits
}

// daysOff parses "EmployeeID, Day, Day, ..." lines: at most one line per employee.
func (p *parser) daysOff(s section) error {
	seenLine := make(map[int]int)
	return p.records(s, 1, math.MaxInt, func(r *record) {
		e := r.employee(r.cols[0])
		if first, dup := seenLine[e]; r.err == nil && dup {
			r.fail("second days-off line for employee %q (first on line %d)", r.cols[0], first)
		}
		seenLine[e] = r.num
		seen := make(map[int]bool)
		for _, c := range r.cols[1:] {
			d := r.day(c)
			if r.err != nil {
				return
			}
			if seen[d] {
				r.fail("day %d listed twice", d)
			}
			seen[d] = true
			p.inst.Staff[e].DaysOff = append(p.inst.Staff[e].DaysOff, d)
		}
	})
}

// requests parses "EmployeeID, Day, ShiftID, Weight" lines into dst.
func (p *parser) requests(s section, dst *[]Request) error {
	return p.records(s, 4, 4, func(r *record) {
		*dst = append(*dst, Request{
			Employee: r.employee(r.cols[0]),
			Day:      r.day(r.cols[1]),
			Shift:    r.shift(r.cols[2]),
			Weight:   r.count(r.cols[3], "weight"),
		})
	})
}

// cover parses "Day, ShiftID, Requirement, WeightForUnder, WeightForOver" lines, at most one per
// (day, shift).
func (p *parser) cover(s section) error {
	inst := p.inst
	inst.Cover = make([][]Cover, inst.Days)
	for d := range inst.Cover {
		inst.Cover[d] = make([]Cover, len(inst.Shifts))
	}
	seenLine := make(map[[2]int]int)
	return p.records(s, 5, 5, func(r *record) {
		d, sh := r.day(r.cols[0]), r.shift(r.cols[1])
		c := Cover{
			Requirement: r.count(r.cols[2], "requirement"),
			WeightUnder: r.count(r.cols[3], "weight for under"),
			WeightOver:  r.count(r.cols[4], "weight for over"),
		}
		if r.err != nil {
			return
		}
		if first, dup := seenLine[[2]int{d, sh}]; dup {
			r.fail("second cover line for day %d shift %q (first on line %d)", d, r.cols[1], first)
		}
		seenLine[[2]int{d, sh}] = r.num
		inst.Cover[d][sh] = c
	})
}
