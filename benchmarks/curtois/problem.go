package curtois

import (
	"fmt"
	"time"

	"wfm"
)

// horizonStart is the Monday the benchmark's day 0 is mapped to.
var horizonStart = wfm.DateOf(2024, time.January, 1)

// ToProblem maps an instance onto the product's roster model, so that the same solver that builds
// contact-centre rosters solves the benchmark:
//
//   - each shift type is a template (start 00:00, the type's length; times play no part);
//   - "cannot follow" lists become the templates' CannotFollow rotation rule, and the rest rule is off;
//   - cover per day and shift type is demand per day and template (ShiftDemand) with the file's weights;
//   - max shifts per type, min/max total minutes, min/max consecutive shifts, min consecutive days
//     off and max weekends become per-agent limits; days off become leave of type other;
//   - shift on/off requests become requests with their weights;
//   - the centre's own rules (breaks, contracts, weekly band, pre-shift time, groups, fairness) are
//     switched off, so the objective is exactly the benchmark's.
func ToProblem(inst *Instance) *wfm.Problem {
	r := wfm.DefaultRules()
	r.Breaks = false
	r.MinRestMinutes = 0
	// A 168-hour week binds nothing; a day of leave counts its 24 h, which neither the period nor
	// the week can feel either (no day holds more than one shift of at most 24 h).
	r.ContractHoursPerWeek, r.WeeklyMinHours, r.WeeklyMaxHours, r.LeaveHoursPerDay = 168, 0, 168, 24
	r.PreShiftMinutes, r.LeaderPreShiftMinutes = 0, 0
	r.MaxConsecutiveDays = inst.Days
	r.Weights = wfm.Weights{Requests: 1}
	p := &wfm.Problem{
		Horizon: wfm.Horizon{Start: horizonStart, Days: inst.Days, IntervalMinutes: 60, TimeZone: wfm.DefaultTimeZone},
		Rules:   r,
	}
	for _, s := range inst.Shifts {
		t := wfm.ShiftTemplate{ID: s.ID, Minutes: s.Minutes}
		for _, c := range s.CannotFollow {
			t.CannotFollow = append(t.CannotFollow, inst.Shifts[c].ID)
		}
		p.Shifts = append(p.Shifts, t)
	}
	for _, e := range inst.Staff {
		lim := &wfm.AgentLimits{MaxShifts: map[string]int{},
			MinMinutes: ptr(e.MinTotalMinutes), MaxMinutes: ptr(e.MaxTotalMinutes),
			MaxConsecutiveDays: ptr(e.MaxConsecutiveShifts), MinConsecutiveDays: ptr(e.MinConsecutiveShifts),
			MinConsecutiveDaysOff: ptr(e.MinConsecutiveDaysOff), MaxWeekends: ptr(e.MaxWeekends)}
		for s, n := range e.MaxShifts {
			if n < inst.Days {
				lim.MaxShifts[inst.Shifts[s].ID] = n
			}
		}
		p.Agents = append(p.Agents, wfm.Agent{ID: e.ID, Group: wfm.GroupAny, Limits: lim})
		for _, d := range e.DaysOff {
			date := horizonStart.AddDays(d)
			p.Leave = append(p.Leave, wfm.Leave{Agent: e.ID, Type: wfm.LeaveOther, From: date, To: date})
		}
	}
	for _, rq := range inst.ShiftOn {
		p.Requests = append(p.Requests, request(inst, rq, wfm.RequestOn))
	}
	for _, rq := range inst.ShiftOff {
		p.Requests = append(p.Requests, request(inst, rq, wfm.RequestOff))
	}
	for d, row := range inst.Cover {
		for s, c := range row {
			if c.Requirement == 0 && c.WeightOver == 0 {
				continue
			}
			p.ShiftDemand = append(p.ShiftDemand, wfm.ShiftCover{Date: horizonStart.AddDays(d), Shift: inst.Shifts[s].ID,
				Required: c.Requirement, UnderWeight: float64(c.WeightUnder), OverWeight: float64(c.WeightOver)})
		}
	}
	return p
}

func ptr(v int) *int { return &v }

func request(inst *Instance, rq Request, kind string) wfm.Request {
	return wfm.Request{Agent: inst.Staff[rq.Employee].ID, Date: horizonStart.AddDays(rq.Day),
		Shift: inst.Shifts[rq.Shift].ID, Kind: kind, Weight: float64(rq.Weight)}
}

// FromRoster reads the benchmark roster (employee × day, shift index or Off) out of a product roster
// of the problem ToProblem made.
func FromRoster(inst *Instance, r *wfm.Roster) (Roster, error) {
	out := NewRoster(inst)
	for _, sch := range r.Schedules {
		e, ok := inst.EmployeeIndex[sch.Agent]
		if !ok || len(sch.Days) != inst.Days {
			return nil, fmt.Errorf("roster does not match instance %s: agent %q", inst.Name, sch.Agent)
		}
		for d, day := range sch.Days {
			if day.Shift == "" {
				continue
			}
			s, ok := inst.ShiftIndex[day.Shift]
			if !ok {
				return nil, fmt.Errorf("roster names unknown shift %q", day.Shift)
			}
			out[e][d] = s
		}
	}
	return out, nil
}
