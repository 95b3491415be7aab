// Package csvtable reads the product's CSV files: a header line naming known columns in any
// order, then one record per line. It gives each record's line number and a getter by column
// name, and turns every problem into a *wfm.Error naming the file, the line and the column.
package csvtable

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"wfm"
)

// Spec describes a file: its name (for messages), the columns it may have, those it must have,
// and the rule its contents serve (e.g. "R7" for holidays), which errors carry.
type Spec struct {
	File       string
	Known      []string
	Required   []string
	Rule       string
	AllowEmpty bool // a header without records is a valid, empty table
	Strict     bool // every record has as many fields as the header (otherwise short rows read as empty cells)
}

// Record is one row of a table.
type Record struct {
	cells []string
	col   map[string]int
}

// Get returns the trimmed cell of a column, "" when the column is absent or the row short.
func (r Record) Get(column string) string {
	if i, ok := r.col[column]; ok && i < len(r.cells) {
		return strings.TrimSpace(r.cells[i])
	}
	return ""
}

// Has reports whether the file has the column.
func (r Record) Has(column string) bool {
	_, ok := r.col[column]
	return ok
}

// Read reads the table from r and calls row for each record with its line. An error row returns,
// if it is a *wfm.Error, gets the file and line filled in (and the spec's rule when it names none).
// A file without records is an error unless AllowEmpty. A request body over its size limit keeps
// its *http.MaxBytesError so the API answers 413.
func Read(r io.Reader, s Spec, row func(line int, rec Record) error) error {
	cr := csv.NewReader(r)
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true
	if !s.Strict {
		cr.FieldsPerRecord = -1
	}
	fail := func(line int, field, format string, args ...any) error {
		return &wfm.Error{Kind: wfm.KindInvalid, Rule: s.Rule, File: s.File, Line: line, Field: field,
			Message: fmt.Sprintf(format, args...)}
	}
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return fail(1, "", "empty file: expected a header with %s", strings.Join(s.Required, ","))
	}
	if err != nil {
		return sizeOr(err, fail(1, "", "%v", err))
	}
	col := map[string]int{}
	unknown := ""
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := col[name]; dup {
			return fail(1, name, "column %q appears twice", name)
		}
		if !contains(s.Known, name) && unknown == "" {
			unknown = name
		}
		col[name] = i
	}
	for _, need := range s.Required {
		if _, ok := col[need]; !ok {
			return fail(1, need, "missing column %q", need)
		}
	}
	if unknown != "" {
		return fail(1, unknown, "unknown column %q; the columns are %s", unknown, strings.Join(s.Known, ", "))
	}
	rows := 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line := RecordLine(cr, err)
		if err != nil {
			return sizeOr(err, fail(line, "", "%v", err))
		}
		if err := row(line, Record{cells: rec, col: col}); err != nil {
			var e *wfm.Error
			if errors.As(err, &e) {
				e.File, e.Line = s.File, line
				if e.Rule == "" {
					e.Rule = s.Rule
				}
			}
			return err
		}
		rows++
	}
	if rows == 0 && !s.AllowEmpty {
		return fail(2, "", "no rows after the header")
	}
	return nil
}

// RecordLine returns the line where the record csv.Reader.Read has just returned with err starts:
// the line of its first field, or the start line of the parse error (a failed record may have no
// field at all, and FieldPos would panic).
func RecordLine(cr *csv.Reader, err error) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.StartLine
	}
	if err != nil {
		return 0
	}
	line, _ := cr.FieldPos(0)
	return line
}

// sizeOr keeps an oversized-body error as it is, and returns otherwise for any other.
func sizeOr(err, otherwise error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	}
	return otherwise
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
