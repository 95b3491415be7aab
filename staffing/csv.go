package staffing

import (
	"encoding/csv"
	"io"
	"strconv"
)

// WriteCSV writes the plan with a header line:
// interval_start,calls,aht_seconds,agents,agents_minnan,leaders,service_level,asa_seconds,occupancy,
// minnan_service_level, one row per interval that is not closed.
func (p *Plan) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"interval_start", "calls", "aht_seconds", "agents", "agents_minnan", "leaders",
		"service_level", "asa_seconds", "occupancy", "minnan_service_level"}); err != nil {
		return err
	}
	f := func(v float64, prec int) string { return strconv.FormatFloat(v, 'f', prec, 64) }
	for i, iv := range p.Intervals {
		if iv.Closed {
			continue
		}
		rec := []string{p.Grid.Label(i), f(iv.Calls, 2), f(iv.AHT, 1), strconv.Itoa(iv.Agents),
			strconv.Itoa(iv.Minnan), strconv.Itoa(iv.Leaders), f(iv.ServiceLevel, 4), f(iv.ASA, 2), f(iv.Occupancy, 4),
			f(iv.MinnanServiceLevel, 4)}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
