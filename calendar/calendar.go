package calendar

import (
	"container/list"
	"io"
	"os"
	"strings"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"

	"wfm"
	"wfm/internal/csvtable"
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
	var days []wfm.SpecialDay
	seen := map[wfm.Date]int{}
	spec := csvtable.Spec{File: file, Known: []string{"date", "kind", "name"}, Required: []string{"date", "kind"}, Rule: "R7",
		AllowEmpty: true}
	err := csvtable.Read(r, spec, func(line int, rec csvtable.Record) error {
		get := rec.Get
		d, err := wfm.ParseDate(get("date"))
		if err != nil {
			return wfm.Invalidf("date", "%v", err)
		}
		if prev, dup := seen[d]; dup {
			return wfm.Invalidf("date", "%s is listed twice (first on line %d)", d, prev)
		}
		seen[d] = line
		var kind wfm.DayKind
		switch k := strings.ToLower(get("kind")); k {
		case "holiday":
			kind = wfm.Holiday
		case "workday":
			kind = wfm.Workday
		default:
			return wfm.Invalidf("kind", "kind %q must be holiday or workday", k)
		}
		days = append(days, wfm.SpecialDay{Date: d, Kind: kind, Name: get("name")})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return wfm.NewCalendar(days), nil
}
