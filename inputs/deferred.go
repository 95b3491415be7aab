package inputs

import (
	"encoding/csv"
	"errors"
	"io"
	"strconv"

	"wfm"
)

// DeferredColumns are the columns of a deferred-work file (R25); id, kind, release and
// deadline_working_days are required, and one of minutes and total_minutes.
var DeferredColumns = []string{"id", "kind", "count", "minutes", "total_minutes", "release", "deadline_working_days",
	"skill", "level", "after"}

// ReadDeferred reads deferred work (R25):
//
//	id,kind,count,minutes,total_minutes,release,deadline_working_days,skill,level,after
//	C0001,follow_up,,12,,2026-12-01T09:40,1,,1,
//	C0001-CB,call_back,,5,,2026-12-01T09:40,3,,,C0001
//	OB-W49,outbound,200,4,,2026-12-07,5,minnan,,
//
// release is YYYY-MM-DDTHH:MM or a date (its midnight) on the centre's wall clock; count empty
// means one piece; skill empty or mandarin is anyone, minnan a Minnan speaker; after names an
// item listed earlier whose completion releases this one (wfm.DeferredWork). Every item is
// checked by wfm.ValidateDeferred; an error names the file, the line, the column and R25.
func ReadDeferred(r io.Reader, file string) ([]wfm.DeferredWork, []Origin, error) {
	items, origins, err := rows(r, file, DeferredColumns, []string{"id", "kind", "release", "deadline_working_days"},
		func(line int, get func(string) string) (wfm.DeferredWork, error) {
			w := wfm.DeferredWork{ID: get("id"), Kind: get("kind"), Skill: get("skill"), After: get("after"), Line: line}
			fail := func(field string, err error) (wfm.DeferredWork, error) {
				return w, &wfm.Error{Kind: wfm.KindInvalid, Rule: "R25", Field: field, Message: err.Error()}
			}
			var err error
			if w.Release, err = wfm.ParseWallTime(get("release")); err != nil {
				return fail("release", err)
			}
			for _, f := range []struct {
				name string
				to   *int
			}{{"count", &w.Count}, {"deadline_working_days", &w.DeadlineDays}, {"level", &w.Level}} {
				if s := get(f.name); s != "" {
					if *f.to, err = strconv.Atoi(s); err != nil {
						return fail(f.name, errors.New(strconv.Quote(s)+" is not a whole number"))
					}
				}
			}
			for _, f := range []struct {
				name string
				to   *float64
			}{{"minutes", &w.Minutes}, {"total_minutes", &w.TotalMinutes}} {
				if s := get(f.name); s != "" {
					if *f.to, err = number(f.name, s); err != nil {
						return w, &wfm.Error{Kind: wfm.KindInvalid, Rule: "R25", Field: f.name, Message: err.(*wfm.Error).Message}
					}
				}
			}
			return w, w.Validate()
		})
	if err != nil {
		return nil, nil, err
	}
	if err := wfm.ValidateDeferred(items); err != nil {
		var e *wfm.Error
		if errors.As(err, &e) {
			e.File = file
		}
		return nil, nil, err
	}
	return items, origins, nil
}

// WriteDeferred writes items as ReadDeferred reads them.
func WriteDeferred(w io.Writer, items []wfm.DeferredWork) error {
	cw := csv.NewWriter(w)
	cw.Write(DeferredColumns)
	for _, it := range items {
		cw.Write([]string{it.ID, it.Kind, optionalInt(it.Count), optionalNumber(it.Minutes), optionalNumber(it.TotalMinutes), it.Release.String(),
			strconv.Itoa(it.DeadlineDays), it.Skill, optionalInt(it.Level), it.After})
	}
	cw.Flush()
	return cw.Error()
}
