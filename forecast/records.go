package forecast

import (
	"fmt"
	"math"

	"wfm"
)

// Record is one interval of history given as values rather than CSV text (the service keeps
// history in its database). NaN marks an optional value that is unknown.
type Record struct {
	Date                   wfm.Date
	Minute                 int
	Calls                  float64
	AHT, Abandoned, Minnan float64
}

// NewHistory builds a History from records, with the checks ReadHistory makes (interval length,
// alignment, duplicates, at least two weeks). An optional series exists when any record has a
// value for it. Errors name the record by its 1-based position.
func NewHistory(records []Record) (*History, error) {
	fail := func(line int, field, format string, args ...any) error {
		return &wfm.Error{Kind: wfm.KindInvalid, Rule: "R2", Field: field,
			Message: fmt.Sprintf("record %d: ", line) + fmt.Sprintf(format, args...)}
	}
	if len(records) == 0 {
		return nil, fail(0, colCalls, "no history")
	}
	cols := [5]int{0, 1, -1, -1, -1}
	rows := make([]historyRow, len(records))
	for i, r := range records {
		if r.Minute < 0 || r.Minute >= wfm.MinutesPerDay {
			return nil, fail(i+1, colStart, "minute %d is not within a day", r.Minute)
		}
		if !r.Date.Supported() {
			return nil, fail(i+1, colStart, "date %s is outside the supported dates %s to %s", r.Date, wfm.MinDate, wfm.MaxDate)
		}
		rows[i] = historyRow{line: i + 1, date: r.Date, minute: r.Minute, values: [4]float64{r.Calls, r.AHT, r.Abandoned, r.Minnan}}
		if field, err := rows[i].check(); err != nil {
			return nil, fail(i+1, field, "%v", err)
		}
		for k, v := range rows[i].values[1:] {
			if !math.IsNaN(v) {
				cols[k+2] = k + 2
			}
		}
	}
	return buildHistory(rows, cols, fail)
}
