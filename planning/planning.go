// Package planning joins the pipeline's stages for a centre: from its settings, history and staff
// to a forecast, the staffing it needs, and the roster problem the solver takes. The service and
// the command line both plan through it, so a month planned either way is planned the same way.
//
// Assembling a month's problem (Assemble) also settles what the planner's inputs leave open: the
// days before the horizon from the previous month's roster (HistoryOf), approved annual leave
// beyond the cap of R10 (LeaveCap), and requests no roster can grant (UngrantableRequests). Every
// error and note names the file and line of the entry it concerns when the entry was read from a
// planner's file.
package planning

import (
	"context"
	"errors"
	"time"

	"wfm"
	"wfm/calendar"
	"wfm/forecast"
	"wfm/forecast/erlang"
	"wfm/inputs"
	"wfm/staffing"
)

// StaffingParams turns a centre's settings into staffing parameters.
func StaffingParams(s wfm.CentreSettings) staffing.Params {
	p := staffing.DefaultParams()
	p.Target = erlang.Target{ServiceLevel: s.ServiceLevel, AnswerWithin: s.AnswerWithin, MaxOccupancy: s.MaxOccupancy,
		MaxASA: s.MaxASA, Patience: s.Patience}
	p.Shrinkage, p.MinnanShare = s.Shrinkage, s.MinnanShare
	return p
}

// Calendar returns the centre's holiday calendar.
func Calendar(s wfm.CentreSettings) (*wfm.Calendar, error) { return calendar.Load(s.Holidays) }

// Forecast forecasts days from start at the centre's interval from its history, and staffs it,
// with the centre's holiday calendar.
func Forecast(ctx context.Context, s wfm.CentreSettings, h *forecast.History, start wfm.Date, days int, model string) (*forecast.Forecast, *staffing.Plan, error) {
	cal, err := Calendar(s)
	if err != nil {
		return nil, nil, err
	}
	return ForecastOn(ctx, s, cal, h, start, days, model)
}

// ForecastOn is Forecast with the holiday calendar cal (e.g. a planner's own file).
func ForecastOn(ctx context.Context, s wfm.CentreSettings, cal *wfm.Calendar, h *forecast.History, start wfm.Date, days int, model string) (*forecast.Forecast, *staffing.Plan, error) {
	fc, err := forecast.Run(ctx, forecast.Request{History: h, Calendar: cal, Start: start, Days: days,
		Step: s.IntervalMinutes, Model: model, AHT: s.DefaultAHT})
	if err != nil {
		return nil, nil, err
	}
	plan, err := staffing.Compute(fc, StaffingParams(s))
	if err != nil {
		return nil, nil, err
	}
	return fc, plan, nil
}

// Adjust applies the planner's adjustments to a forecast, in order (R2), and staffs the result
// with the centre's settings. An adjustment's error carries its line, when it has one.
func Adjust(s wfm.CentreSettings, fc *forecast.Forecast, adjustments []wfm.Adjustment) (*forecast.Forecast, *staffing.Plan, []wfm.AdjustmentEffect, error) {
	effects := make([]wfm.AdjustmentEffect, 0, len(adjustments))
	for _, a := range adjustments {
		next, eff, err := fc.Adjust(a)
		if err != nil {
			var e *wfm.Error
			if errors.As(err, &e) && a.Line > 0 {
				e.Line = a.Line
			}
			return nil, nil, nil, err
		}
		fc = next
		effects = append(effects, eff)
	}
	plan, err := staffing.Compute(fc, StaffingParams(s))
	if err != nil {
		return nil, nil, nil, err
	}
	return fc, plan, effects, nil
}

// Staff is who can be rostered and what they asked for.
type Staff struct {
	Agents   []wfm.Agent
	Shifts   []wfm.ShiftTemplate
	Leave    []wfm.Leave // in filing order (see LeaveCapFirstCome)
	Requests []wfm.Request
	Fixed    []wfm.Fixed
	// Origins say where the entries above were read, when they come from a planner's files.
	Origins Origins
	// History is the previous month's last days (HistoryOf); nil: the month starts without one.
	History *History
}

// Origins say where the entries of Staff were read, list by list: Leave[i] is where
// Staff.Leave[i] came from. A list left nil was not read from a file.
type Origins struct {
	Agents, Shifts, Leave, Requests []inputs.Origin
}

// Inputs are what a month's roster problem is assembled from.
type Inputs struct {
	Settings wfm.CentreSettings
	Calendar *wfm.Calendar // nil: the settings' calendar
	Start    wfm.Date
	Days     int
	Staff    Staff
	Demand   *wfm.Demand
	LeaveCap LeaveCap // approved annual leave beyond the cap of R10; "" is LeaveCapStop
}

// Assembled is a month's roster problem with what the planner should know about it.
type Assembled struct {
	Problem *wfm.Problem
	Refused []RefusedLeave // annual leave LeaveCapFirstCome refused, in filing order
	Notes   []Note         // the history's notes, then the requests no roster can grant
}

// Assemble builds the roster problem of in.Days days from in.Start: the centre's rules and grid,
// the staff, the demand and the holidays of the horizon, and validates it.
//
// Requests outside the horizon are left out. Leave is cut to the horizon and the
// wfm.HistoryDays days before it (to the horizon alone when a History supplies those days), and
// leave wholly outside that is left out; annual leave beyond the cap of R10 is settled by
// in.LeaveCap first. An error that concerns an entry read from a file names its file and line.
func Assemble(in Inputs) (*Assembled, error) {
	s, staff := in.Settings, in.Staff
	cal := in.Calendar
	if cal == nil {
		var err error
		if cal, err = Calendar(s); err != nil {
			return nil, err
		}
	}
	start, end := in.Start, in.Start.AddDays(in.Days-1)
	kept, refused, err := capLeave(staff.Leave, staff.Origins.Leave, s.Rules.MaxConcurrentAnnualLeave, start, end, in.LeaveCap)
	if err != nil {
		return nil, err
	}
	p := &wfm.Problem{
		Horizon: wfm.Horizon{Start: start, Days: in.Days, IntervalMinutes: s.IntervalMinutes, TimeZone: s.TimeZone},
		Rules:   s.Rules, Shifts: staff.Shifts, Agents: staff.Agents, Fixed: staff.Fixed, Demand: in.Demand,
	}
	// at says where each entry of the problem's lists was read, as the problem orders them.
	at := Origins{Agents: staff.Origins.Agents, Shifts: staff.Origins.Shifts}
	first := start.AddDays(-wfm.HistoryDays)
	if staff.History != nil {
		first = start
	}
	for _, i := range kept {
		l := staff.Leave[i]
		if l.To < first || l.From > end {
			continue
		}
		l.From = max(l.From, first)
		p.Leave = append(p.Leave, l)
		at.Leave = append(at.Leave, originOf(staff.Origins.Leave, i))
	}
	for i, r := range staff.Requests {
		if r.Date >= start && r.Date <= end {
			p.Requests = append(p.Requests, r)
			at.Requests = append(at.Requests, originOf(staff.Origins.Requests, i))
		}
	}
	var notes []Note
	if h := staff.History; h != nil {
		if err := h.Apply(p); err != nil {
			return nil, err
		}
		for range h.Leave {
			at.Leave = append(at.Leave, inputs.Origin{File: h.Source})
		}
		notes = append(notes, h.Notes...)
	}
	for d := start; d <= end; d++ {
		if sd, ok := cal.Day(d); ok {
			p.Holidays = append(p.Holidays, sd)
		}
	}
	if err := p.Validate(); err != nil {
		return nil, at.locate(err)
	}
	for _, u := range UngrantableRequests(p) {
		q := p.Requests[u.Index]
		notes = append(notes, Note{Origin: originOf(at.Requests, u.Index), Rule: u.Rule, Agent: q.Agent, Day: q.Date.String(),
			Text: describeRequest(q) + " can never be granted: " + u.Reason})
	}
	return &Assembled{Problem: p, Refused: refused, Notes: notes}, nil
}

// Problem assembles and validates the roster problem of days from start with the centre's
// calendar, stopping at annual leave beyond the cap (see Assemble).
func Problem(s wfm.CentreSettings, start wfm.Date, days int, staff Staff, demand *wfm.Demand) (*wfm.Problem, error) {
	a, err := Assemble(Inputs{Settings: s, Start: start, Days: days, Staff: staff, Demand: demand})
	if err != nil {
		return nil, err
	}
	return a.Problem, nil
}

// Month returns the first day and the length of month "YYYY-MM".
func Month(month string) (wfm.Date, int, error) {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return 0, 0, wfm.Invalidf("month", "%q is not YYYY-MM", month)
	}
	first := wfm.DateFromTime(t)
	days := int(wfm.DateFromTime(t.AddDate(0, 1, 0)) - first)
	if err := wfm.CheckSpan("month", first, days); err != nil {
		return 0, 0, err
	}
	return first, days, nil
}
