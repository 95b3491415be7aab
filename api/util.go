package api

import (
	"encoding/json"
	"time"

	"wfm"
	"wfm/store"
)

// decodeRoster reads a stored roster version's problem and roster.
func decodeRoster(r store.Roster) (*wfm.Problem, *wfm.Roster, error) {
	var p wfm.Problem
	if err := json.Unmarshal([]byte(r.Problem), &p); err != nil {
		return nil, nil, err
	}
	var ro wfm.Roster
	if err := json.Unmarshal([]byte(r.Roster), &ro); err != nil {
		return nil, nil, err
	}
	return &p, &ro, nil
}

func jsonString(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// monthsOf lists the months ("YYYY-MM") that days from..to touch.
func monthsOf(from, to wfm.Date) []string {
	var out []string
	for d := from; d <= to; d++ {
		m := d.Time(time.UTC).Format("2006-01")
		if len(out) == 0 || out[len(out)-1] != m {
			out = append(out, m)
		}
	}
	return out
}

// DecodeRoster reads a stored roster version's problem and roster (the console reads them too).
func DecodeRoster(r store.Roster) (*wfm.Problem, *wfm.Roster, error) { return decodeRoster(r) }
