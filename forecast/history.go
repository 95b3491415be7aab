package forecast

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"wfm"
	"wfm/internal/csvtable"
)

// History is interval history on a wall-clock grid. Calls[i] is the number of calls offered in
// interval i of Grid; NaN means no data (closed, or not recorded). The optional series are nil
// when the source had no such column and NaN where an interval lacks the value.
type History struct {
	Grid      wfm.Grid
	Calls     []float64
	AHT       []float64 // mean handling time in seconds
	Abandoned []float64
	Minnan    []float64 // calls that needed a Minnan speaker (R16)
}

// MinHistoryDays is the shortest history accepted: two weeks, so that every weekday is seen twice.
const MinHistoryDays = 14

// MaxHistoryDays is the longest span of history accepted: ten years. A longer span is almost surely
// a mistyped date, and laying it on a fine grid would exhaust memory.
const MaxHistoryDays = 3660

// The columns of a history CSV.
const (
	colStart     = "interval_start"
	colCalls     = "calls"
	colAHT       = "aht_seconds"
	colAbandoned = "abandoned"
	colMinnan    = "minnan_calls"
)

var historyColumns = []string{colStart, colCalls, colAHT, colAbandoned, colMinnan}

// historyRow is one parsed CSV record.
type historyRow struct {
	line   int
	date   wfm.Date
	minute int
	values [4]float64 // calls, aht, abandoned, minnan in the order of historyColumns[1:]
}

// ReadHistory parses history CSV: a header line naming interval_start and calls, optionally
// aht_seconds, abandoned and minnan_calls, in any order; then one row per interval. Timestamps are
// the centre's wall-clock time, ISO 8601 (2026-03-01T08:30:00, seconds and a "T" optional); a
// trailing Z or UTC offset is accepted and ignored. The interval length is detected from the data and
// must divide the day. Rows may come in any order; intervals not listed are missing data. The rows
// must span MinHistoryDays to MaxHistoryDays days.
//
// Errors name the file, the line and the problem. file is used in messages only.
func ReadHistory(r io.Reader, file string) (*History, error) {
	fail := func(line int, field, format string, args ...any) error {
		return &wfm.Error{Kind: wfm.KindInvalid, Rule: "R2", File: file, Line: line, Field: field,
			Message: fmt.Sprintf(format, args...)}
	}
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fail(1, "", "empty file: expected a header with %s,%s", colStart, colCalls)
	}
	if err != nil {
		return nil, fail(1, "", "%v", err)
	}
	cols, field, err := mapColumns(header)
	if err != nil {
		return nil, fail(1, field, "%v", err)
	}

	var rows []historyRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line := csvtable.RecordLine(cr, err)
		if err != nil {
			return nil, fail(line, "", "%v", err)
		}
		row, field, err := parseHistoryRow(rec, cols)
		if err != nil {
			return nil, fail(line, field, "%v", err)
		}
		row.line = line
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return nil, fail(2, "", "no data rows after the header")
	}
	return buildHistory(rows, cols, fail)
}

// mapColumns returns the index of each known column in the header (−1 when absent); on error it
// also names the offending column.
func mapColumns(header []string) ([5]int, string, error) {
	cols := [5]int{-1, -1, -1, -1, -1}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		k := indexOf(historyColumns, name)
		if k < 0 {
			return cols, name, fmt.Errorf("unknown column %q: the columns are %s", h, strings.Join(historyColumns, ", "))
		}
		if cols[k] >= 0 {
			return cols, name, fmt.Errorf("column %q appears twice", name)
		}
		cols[k] = i
	}
	for _, k := range []int{0, 1} {
		if cols[k] < 0 {
			return cols, historyColumns[k], fmt.Errorf("missing column %q (header must name %s and %s)", historyColumns[k], colStart, colCalls)
		}
	}
	return cols, "", nil
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// parseHistoryRow parses one record; on error it names the offending field.
func parseHistoryRow(rec []string, cols [5]int) (historyRow, string, error) {
	var row historyRow
	field := func(k int) string {
		if cols[k] < 0 || cols[k] >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[cols[k]])
	}
	var err error
	row.date, row.minute, err = ParseWallClock(field(0))
	if err != nil {
		return row, colStart, err
	}
	for k := 1; k < len(historyColumns); k++ {
		row.values[k-1] = math.NaN()
		s := field(k)
		if cols[k] < 0 {
			continue
		}
		if s == "" {
			if k == 1 {
				return row, colCalls, fmt.Errorf("empty value")
			}
			continue // an optional value may be blank
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return row, historyColumns[k], fmt.Errorf("%q is not a number", s)
		}
		row.values[k-1] = v
	}
	bad, err := row.check()
	return row, bad, err
}

// valueBounds are the largest values of calls, aht_seconds, abandoned and minnan_calls: no
// interval offers more than wfm.MaxIntervalCalls calls, and no call lasts more than
// wfm.MaxAHTSeconds. So every sum over the longest history (MaxHistoryDays of 1-minute intervals,
// 5.3 M of them) stays below 10^13, where float64 adds whole counts exactly.
var valueBounds = [4]float64{wfm.MaxIntervalCalls, wfm.MaxAHTSeconds, wfm.MaxIntervalCalls, wfm.MaxIntervalCalls}

// check checks the row's values (NaN: unknown), the one check of every history the product reads,
// from CSV or from the store: each is a number from 0 to its bound, and abandoned and Minnan calls
// are part of the interval's calls. On error it names the column.
func (r *historyRow) check() (string, error) {
	for k, v := range r.values {
		if k > 0 && math.IsNaN(v) {
			continue
		}
		switch text := strconv.FormatFloat(v, 'g', -1, 64); {
		case math.IsNaN(v) || math.IsInf(v, 0):
			return historyColumns[k+1], fmt.Errorf("%s is not a number", text)
		case v < 0:
			return historyColumns[k+1], fmt.Errorf("negative value %s", text)
		case v > valueBounds[k]:
			return historyColumns[k+1], fmt.Errorf("%s is above the largest value accepted, %g", text, valueBounds[k])
		}
	}
	calls := r.values[0]
	for _, k := range []int{3, 4} {
		if v := r.values[k-1]; v > calls {
			return historyColumns[k], fmt.Errorf("%s exceeds the %s calls of the interval", strconv.FormatFloat(v, 'g', -1, 64), strconv.FormatFloat(calls, 'g', -1, 64))
		}
	}
	return "", nil
}

// buildHistory detects the interval length, checks alignment and duplicates, and lays the rows on
// a grid.
func buildHistory(rows []historyRow, cols [5]int, fail func(int, string, string, ...any) error) (*History, error) {
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].date != rows[j].date {
			return rows[i].date < rows[j].date
		}
		return rows[i].minute < rows[j].minute
	})
	for i := 1; i < len(rows); i++ {
		if rows[i].date == rows[i-1].date && rows[i].minute == rows[i-1].minute {
			a, b := rows[i-1].line, rows[i].line
			return nil, fail(max(a, b), colStart, "duplicate interval %s %02d:%02d (also on line %d)",
				rows[i].date, rows[i].minute/60, rows[i].minute%60, min(a, b))
		}
	}
	step := detectStep(rows)
	if err := wfm.ValidateStep(step); err != nil {
		return nil, fail(rows[0].line, colStart, "the most common gap between intervals, %d minutes, does not divide the day", step)
	}
	for _, r := range rows {
		if r.minute%step != 0 {
			return nil, fail(r.line, colStart, "mixed interval lengths: %02d:%02d is off the %d-minute grid of the other rows",
				r.minute/60, r.minute%60, step)
		}
	}
	first, last := rows[0].date, rows[len(rows)-1].date
	g := wfm.Grid{Start: first, Days: int(last-first) + 1, Step: step}
	if g.Days < MinHistoryDays {
		return nil, fail(0, colStart, "history spans %d days (%s to %s); at least %d are needed", g.Days, first, last, MinHistoryDays)
	}
	if g.Days > MaxHistoryDays {
		return nil, fail(0, colStart, "history spans %d days (%s to %s); at most %d are accepted", g.Days, first, last, MaxHistoryDays)
	}
	h := &History{Grid: g, Calls: nanSeries(g.Len())}
	optional := []*[]float64{&h.AHT, &h.Abandoned, &h.Minnan}
	for k, p := range optional {
		if cols[k+2] >= 0 {
			*p = nanSeries(g.Len())
		}
	}
	for _, r := range rows {
		i, _ := g.Index(r.date, r.minute)
		h.Calls[i] = r.values[0]
		for k, p := range optional {
			if *p != nil {
				(*p)[i] = r.values[k+1]
			}
		}
	}
	return h, nil
}

// detectStep returns the most common positive gap, in minutes, between consecutive timestamps
// (ties go to the shorter gap).
func detectStep(rows []historyRow) int {
	count := map[int]int{}
	for i := 1; i < len(rows); i++ {
		gap := int(rows[i].date-rows[i-1].date)*wfm.MinutesPerDay + rows[i].minute - rows[i-1].minute
		count[gap]++
	}
	best, bestN := wfm.MinutesPerDay, 0
	for gap, n := range count {
		if n > bestN || (n == bestN && gap < best) {
			best, bestN = gap, n
		}
	}
	return best
}

func nanSeries(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}

// ParseWallClock parses an ISO 8601 local timestamp "YYYY-MM-DDTHH:MM[:SS]" (a space may replace
// the T) into a civil date and minute of day. A trailing "Z" or "±HH:MM" is accepted and ignored:
// the time is taken as the centre's wall clock. Seconds, when present, must be zero.
func ParseWallClock(s string) (wfm.Date, int, error) {
	bad := func(why string) (wfm.Date, int, error) {
		return 0, 0, fmt.Errorf("malformed timestamp %q: %s (want YYYY-MM-DDTHH:MM[:SS])", s, why)
	}
	if len(s) < 16 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' {
		return bad("wrong layout")
	}
	d, err := wfm.ParseDate(s[:10])
	if err != nil {
		return bad("bad date")
	}
	hh, ok1 := twoDigits(s[11:13])
	mm, ok2 := twoDigits(s[14:16])
	if !ok1 || !ok2 || hh > 23 || mm > 59 {
		return bad("bad time of day")
	}
	rest := s[16:]
	if len(rest) >= 3 && rest[0] == ':' {
		ss, ok := twoDigits(rest[1:3])
		if !ok || ss > 59 {
			return bad("bad seconds")
		}
		if ss != 0 {
			return bad("intervals start on a whole minute")
		}
		rest = rest[3:]
	}
	if !validZone(rest) {
		return bad("bad zone suffix " + strconv.Quote(rest))
	}
	return d, hh*60 + mm, nil
}

// validZone accepts "", "Z" and "±HH:MM" (or ±HHMM): the zone is ignored but must be well formed.
func validZone(z string) bool {
	switch {
	case z == "" || z == "Z":
		return true
	case len(z) == 6 && z[3] == ':':
		z = z[:3] + z[4:]
	case len(z) != 5:
		return false
	}
	if z[0] != '+' && z[0] != '-' {
		return false
	}
	h, ok1 := twoDigits(z[1:3])
	m, ok2 := twoDigits(z[3:5])
	return ok1 && ok2 && h <= 14 && m <= 59
}

func twoDigits(s string) (int, bool) {
	if len(s) != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
		return 0, false
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), true
}
