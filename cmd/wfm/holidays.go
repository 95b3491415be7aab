package main

import (
	"flag"
	"fmt"

	"wfm"
)

// holidaysFlag registers --holidays as every command that needs the holiday calendar takes it.
func holidaysFlag(fs *flag.FlagSet) *string {
	return fs.String("holidays", "cn", "holiday calendar: cn (Chinese statutory holidays and make-up working days), none, or a CSV file date,kind[,name]")
}

// loadHolidays loads the calendar that spec (the value of --holidays) names, and warns when it
// does not cover the days from–to.
func loadHolidays(e *env, spec string, from, to wfm.Date) (*wfm.Calendar, error) {
	cal, err := loadCalendar(spec)
	if err != nil {
		return nil, err
	}
	if !cal.Covers(from, to) {
		fmt.Fprintf(e.stderr, "warning: the holiday calendar covers %d–%d only; days outside it are treated as ordinary\n",
			cal.FirstYear, cal.LastYear)
	}
	return cal, nil
}
