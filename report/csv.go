package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// csvHeader is the header of roster.csv.
var csvHeader = []string{"agent", "name", "group", "date", "shift", "start", "end", "leave", "meal_start", "rest_start", "paid_hours"}

// WriteCSV writes roster.csv: the header
//
//	agent,name,group,date,shift,start,end,leave,meal_start,rest_start,paid_hours
//
// and one row per agent and horizon day, agents in the problem's order, days in date order. A day
// off has an empty shift; a leave day names its leave type (annual, sick, …) in leave.
//
// Times are wall-clock HH:MM in the horizon's time zone, always read with the row's date, which is
// the date the shift starts on: a time past midnight keeps the shift's date and is written as the
// next day's clock time, so a night shift of 2026-12-01 from 22:00 to 08:00 has start 22:00 and
// end 08:00 (the end, or a break, with a clock time earlier than start falls on the next day).
// meal_start and rest_start are the starts of the shift's meal and rest breaks (R4), empty when
// it has none. paid_hours is the template's length plus the pre-shift minutes (R11), with two
// decimals; 0 on days off and leave days (leave counts towards the contract but is not paid
// work here).
//
// Text fields that a spreadsheet would read as a formula (starting with =, +, -, @, tab or
// carriage return) are written with a leading apostrophe.
func WriteCSV(w io.Writer, in Input) error {
	m, err := newModel(in)
	if err != nil {
		return err
	}
	return m.writeCSV(w)
}

func (m *model) writeCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, r := range m.agents {
		pre := m.preShift(r.a)
		for k, d := range r.days {
			rec := []string{safeText(r.a.ID), safeText(r.a.Name), safeText(r.a.Group), m.days[k].date.String(),
				"", "", "", "", "", "", "0"}
			if d.Working() {
				rec[4] = safeText(d.Shift)
				if s := m.shifts[d.Shift]; s != nil {
					rec[5], rec[6] = hhmm(s.Start), hhmm(s.End())
					rec[10] = fmt.Sprintf("%.2f", float64(s.PaidMinutes()+pre)/60)
				}
				rec[8] = firstBreak(d.Breaks, "meal")
				rec[9] = firstBreak(d.Breaks, "rest")
			} else if d.Leave != "" {
				rec[7] = safeText(d.Leave)
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// safeText defuses a text that a spreadsheet would take for a formula.
func safeText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
