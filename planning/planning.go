// Package planning joins the pipeline's stages for a centre: from its settings, history and staff
// to a forecast, the staffing it needs, and the roster problem the solver takes. The service and
// the command line both plan through it, so a month planned either way is planned the same way.
package planning

import (
	"context"
	"errors"
	"time"

	"wfm"
	"wfm/calendar"
	"wfm/forecast"
	"wfm/forecast/erlang"
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

// Forecast forecasts days from start at the centre's interval from its history, and staffs it.
func Forecast(ctx context.Context, s wfm.CentreSettings, h *forecast.History, start wfm.Date, days int, model string) (*forecast.Forecast, *staffing.Plan, error) {
	cal, err := Calendar(s)
	if err != nil {
		return nil, nil, err
	}
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
	Leave    []wfm.Leave
	Requests []wfm.Request
	Fixed    []wfm.Fixed
}

// Problem assembles the roster problem of days from start: the centre's rules and grid, the staff,
// the demand, and the holidays of the horizon. Leave and requests outside the horizon are left out.
// The problem is validated.
func Problem(s wfm.CentreSettings, start wfm.Date, days int, staff Staff, demand *wfm.Demand) (*wfm.Problem, error) {
	cal, err := Calendar(s)
	if err != nil {
		return nil, err
	}
	end := start.AddDays(days - 1)
	p := &wfm.Problem{
		Horizon: wfm.Horizon{Start: start, Days: days, IntervalMinutes: s.IntervalMinutes, TimeZone: s.TimeZone},
		Rules:   s.Rules, Shifts: staff.Shifts, Agents: staff.Agents, Fixed: staff.Fixed, Demand: demand,
	}
	for _, l := range staff.Leave {
		if l.To >= start && l.From <= end {
			p.Leave = append(p.Leave, l)
		}
	}
	for _, r := range staff.Requests {
		if r.Date >= start && r.Date <= end {
			p.Requests = append(p.Requests, r)
		}
	}
	for d := start; d <= end; d++ {
		if sd, ok := cal.Day(d); ok {
			p.Holidays = append(p.Holidays, sd)
		}
	}
	return p, p.Validate()
}

// Month returns the first day and the length of month "YYYY-MM".
func Month(month string) (wfm.Date, int, error) {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return 0, 0, wfm.Invalidf("month", "%q is not YYYY-MM", month)
	}
	first := wfm.DateFromTime(t)
	return first, int(wfm.DateFromTime(t.AddDate(0, 1, 0)) - first), nil
}
