// Package hall plans a walk-in service hall's month (R24) with the roster engine: it turns a site
// profile (wfm.Hall), its staff and their leave into a wfm.Problem, and shows a roster as posts ×
// days with who holds each post.
//
// The hall's problem is the contact centre's with three choices made for the hall:
//   - One template, "day": 08:30–17:30 with the midday closure 12:00–14:30 as its unpaid span
//     (wfm.ShiftTemplate.Unpaid), so it pays 6.5 h (390 min) plus the pre-shift time (R11), not
//     9 h. The closure is the meal (R4) and no stretch of work exceeds 3.5 h, so the hall's rules
//     have breaks off. A holder works a post the whole open day or not at all (no half days: a
//     post handed from A to B at noon is not a roster the hall keeps).
//   - Demand: one agent per post on every open interval (wfm.Hall.OpenOn), none elsewhere; the
//     cover terms make one holder per post the cheapest roster, and R24 (HARD) makes a roster
//     with a post left alone infeasible.
//   - Hours (R3): the contract's average and weekly maximum hold as everywhere; the weekly minimum
//     is 0, since the hall's hours, not a band, set the work (a week of holidays has no open day);
//     for the same reason the roster-shape terms (blocks of days off, weekends) are off.
//     A holders ask to work the whole of every open day (R23 "on" requests for "day", of weight 1), so B stands in only
//     when A is away.
package hall

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"

	"wfm"
)

// Day is the hall's template: the open day with the midday closure unpaid.
var Day = wfm.ShiftTemplate{ID: "day", Start: 8*60 + 30, Minutes: 540, Unpaid: &wfm.Span{Start: 12 * 60, Minutes: 150}}

// Rules are the hall's rules: DefaultRules with breaks off, no weekly minimum, and the roster-shape
// terms off (the hall's open days, not a rotation, set who works when: an A holder works every open
// day, a lone open day included).
func Rules() wfm.Rules {
	r := wfm.DefaultRules()
	r.Breaks = false
	r.WeeklyMinHours = 0
	w := &r.Weights
	w.StartChange, w.DaysOffBlock, w.SingleDay, w.WeekendsOff = 0, 0, 0, 0
	return r
}

// Month is the input of a hall month: the site, its staff and their approved leave, the first
// day and length of the horizon, and the calendar of holidays and make-up working days.
type Month struct {
	Site   wfm.Hall      `json:"site"`
	Agents []wfm.Agent   `json:"agents"`
	Leave  []wfm.Leave   `json:"leave,omitempty"`
	Start  wfm.Date      `json:"start"`
	Days   int           `json:"days"`
	Cal    *wfm.Calendar `json:"-"`
}

// Problem builds the hall month's problem on a 30-minute grid and validates it.
func (mo Month) Problem() (*wfm.Problem, error) {
	site := mo.Site
	p := &wfm.Problem{
		Horizon: wfm.Horizon{Start: mo.Start, Days: mo.Days, IntervalMinutes: 30},
		Rules:   Rules(),
		Shifts:  []wfm.ShiftTemplate{Day},
		Agents:  slices.Clone(mo.Agents),
		Leave:   slices.Clone(mo.Leave),
		Hall:    &site,
	}
	for d := mo.Start; d < mo.Start.AddDays(mo.Days); d++ {
		if sd, ok := mo.Cal.Day(d); ok {
			p.Holidays = append(p.Holidays, sd)
		}
	}
	g := p.Horizon.Grid()
	dem := &wfm.Demand{Grid: g, Agents: make([]int, g.Len()), Minnan: make([]int, g.Len()), Leaders: make([]int, g.Len())}
	cal := wfm.NewCalendar(p.Holidays)
	for k := range mo.Days {
		d := mo.Start.AddDays(k)
		open := site.OpenOn(d, cal)
		for _, sp := range open {
			for m := int(sp.Start); m < int(sp.End()); m += g.Step {
				if i, ok := g.Index(d, m); ok {
					dem.Agents[i] = len(site.Posts)
				}
			}
		}
		if len(open) == 0 {
			continue
		}
		for _, post := range site.Posts {
			if !onLeave(p.Leave, post.A, d) {
				p.Requests = append(p.Requests, wfm.Request{Agent: post.A, Date: d, Shift: Day.ID, Kind: wfm.RequestOn, Weight: 1})
			}
		}
	}
	p.Demand = dem
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return p, nil
}

// ReadMonth decodes a hall month file (the JSON of Month: site, agents, leave, start, days),
// unknown fields refused, and builds its problem on calendar cal. Errors name the file, and the
// line or the field.
func ReadMonth(r io.Reader, file string, cal *wfm.Calendar) (*wfm.Problem, error) {
	data, err := io.ReadAll(io.LimitReader(r, wfm.MaxProblemBytes+1))
	if err != nil || len(data) > wfm.MaxProblemBytes {
		return nil, &wfm.Error{Kind: wfm.KindInvalid, File: file, Message: fmt.Sprintf("cannot read a hall month of at most %d bytes", wfm.MaxProblemBytes), Err: err}
	}
	var mo Month
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&mo); err != nil {
		return nil, wfm.JSONError(&mo, data, file, err)
	}
	if mo.Days <= 0 || mo.Days > wfm.MaxHorizonDays {
		return nil, &wfm.Error{Kind: wfm.KindInvalid, File: file, Field: "days", Message: fmt.Sprintf("must be from 1 to %d, got %d", wfm.MaxHorizonDays, mo.Days)}
	}
	mo.Cal = cal
	p, err := mo.Problem()
	var e *wfm.Error
	if errors.As(err, &e) && e.File == "" {
		e.File = file
	}
	return p, err
}

func onLeave(leave []wfm.Leave, agent string, d wfm.Date) bool {
	for _, l := range leave {
		if l.Agent == agent && l.From <= d && d <= l.To {
			return true
		}
	}
	return false
}
