package calendar

import (
	"container/list"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"

	"wfm"
)

// The years for which the statutory-holiday table is complete: the State Council publishes each
// year's arrangement late in the year before, and the table ends with the last one published.
const (
	cnFirstYear = 2002
	cnLastYear  = 2027
)

// CN returns the Chinese statutory holidays (法定节假日) and make-up working days (调休上班) of
// every year the table covers. Holidays are Kind Holiday, make-up days Kind Workday.
func CN() *wfm.Calendar {
	var days []wfm.SpecialDay
	for y := cnFirstYear; y <= cnLastYear; y++ {
		days = appendHolidays(days, HolidayUtil.GetHolidaysByYear(y))
	}
	c := wfm.NewCalendar(days)
	c.FirstYear, c.LastYear = cnFirstYear, cnLastYear
	return c
}

func appendHolidays(days []wfm.SpecialDay, l *list.List) []wfm.SpecialDay {
	for e := l.Front(); e != nil; e = e.Next() {
		h := e.Value.(*HolidayUtil.Holiday)
		d, err := wfm.ParseDate(h.GetDay())
		if err != nil {
			continue // the table is static and well formed; a bad row would be skipped, not fatal
		}
		kind := wfm.Holiday
		if h.IsWork() {
			if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
				// The table lists a few weekdays as worked (2012-05-02, 2012-10-08): ordinary
				// working days, not make-up days, and forecast like their own weekday.
				continue
			}
			kind = wfm.Workday
		}
		days = append(days, wfm.SpecialDay{Date: d, Kind: kind, Name: h.GetName()})
	}
	return days
}

// Load returns the calendar named by spec: "cn" (the default), "none", or the path of a CSV file
// of special days (see ReadCSV).
func Load(spec string) (*wfm.Calendar, error) {
	switch spec {
	case "", "cn":
		return CN(), nil
	case "none":
		return wfm.NewCalendar(nil), nil
	}
	f, err := os.Open(spec)
	if err != nil {
		return nil, &wfm.Error{Kind: wfm.KindInvalid, Field: "holidays", Rule: "R7",
			Message: "holidays must be cn, none or a CSV file", Err: err}
	}
	defer f.Close()
	return ReadCSV(f, spec)
}

// ReadCSV reads special days from CSV with a header line and the columns date (YYYY-MM-DD), kind
// (holiday or workday) and an optional name:
//
//	date,kind,name
//	1999-09-20,holiday,Yom Kippur
//
// Errors name the file, line and field.
func ReadCSV(r io.Reader, file string) (*wfm.Calendar, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	fail := func(line int, field, format string, args ...any) error {
		return &wfm.Error{Kind: wfm.KindInvalid, Rule: "R7", File: file, Line: line, Field: field,
			Message: fmt.Sprintf(format, args...)}
	}
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fail(1, "", "empty file: expected a header date,kind[,name]")
	}
	if err != nil {
		return nil, fail(1, "", "%v", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, need := range []string{"date", "kind"} {
		if _, ok := col[need]; !ok {
			return nil, fail(1, need, "missing column %q in header %q", need, strings.Join(header, ","))
		}
	}
	nameCol, hasName := col["name"]
	var days []wfm.SpecialDay
	seen := map[wfm.Date]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line := recordLine(cr, err)
		if err != nil {
			return nil, fail(line, "", "%v", err)
		}
		get := func(c int) string {
			if c < len(rec) {
				return strings.TrimSpace(rec[c])
			}
			return ""
		}
		d, err := wfm.ParseDate(get(col["date"]))
		if err != nil {
			return nil, fail(line, "date", "%v", err)
		}
		if prev, dup := seen[d]; dup {
			return nil, fail(line, "date", "%s is listed twice (first on line %d)", d, prev)
		}
		seen[d] = line
		var kind wfm.DayKind
		switch k := strings.ToLower(get(col["kind"])); k {
		case "holiday":
			kind = wfm.Holiday
		case "workday":
			kind = wfm.Workday
		default:
			return nil, fail(line, "kind", "kind %q must be holiday or workday", k)
		}
		sd := wfm.SpecialDay{Date: d, Kind: kind}
		if hasName {
			sd.Name = get(nameCol)
		}
		days = append(days, sd)
	}
	return wfm.NewCalendar(days), nil
}

// recordLine returns the line where the record csv.Reader.Read has just returned with err starts:
// the line of its first field, or the start line of the parse error (a failed record may have no
// field at all, and FieldPos would panic).
func recordLine(cr *csv.Reader, err error) int {
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
