package forecast

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"
)

// WriteCSV writes the history in the format ReadHistory reads: interval_start, calls and those
// optional columns the history has. Intervals without data are left out.
func (h *History) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cols := []string{colStart, colCalls}
	series := [][]float64{h.Calls}
	for k, s := range [][]float64{h.AHT, h.Abandoned, h.Minnan} {
		if s != nil {
			cols = append(cols, historyColumns[k+2])
			series = append(series, s)
		}
	}
	if err := cw.Write(cols); err != nil {
		return err
	}
	rec := make([]string, len(cols))
	for i, c := range h.Calls {
		if math.IsNaN(c) {
			continue
		}
		rec[0] = h.Grid.Label(i)
		for k, s := range series {
			rec[k+1] = ""
			if !math.IsNaN(s[i]) {
				rec[k+1] = strconv.FormatFloat(s[i], 'f', -1, 64)
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
