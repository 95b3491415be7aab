package workflow

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"wfm"
)

// LeaveRequest is an agent's request for leave from From to To inclusive (civil dates in the
// centre's zone), made at RequestedAt.
type LeaveRequest struct {
	Agent  string   `json:"agent"`
	Type   string   `json:"type"` // one of wfm.LeaveTypes
	From   wfm.Date `json:"from"`
	To     wfm.Date `json:"to"`
	Reason string   `json:"reason,omitempty"` // private (R20): copied into the leave, never into a message
	// Emergency marks sudden illness: sick leave reported without notice, accepted and flagged for
	// the paperwork that follows (R9). Only sick leave may be an emergency.
	Emergency   bool      `json:"emergency,omitempty"`
	RequestedAt time.Time `json:"requested_at"`
	// Handover hands each hall post the agent holds as A to its B holder (R24).
	Handover *wfm.Handover `json:"handover,omitempty"`
}

// Leave returns the leave the request asks for, as it is recorded once approved.
func (q LeaveRequest) Leave() wfm.Leave {
	return wfm.Leave{Agent: q.Agent, Type: q.Type, From: q.From, To: q.To, Reason: q.Reason, Handover: q.Handover}
}

// LeaveDecision is what CheckLeave finds about an acceptable leave request.
type LeaveDecision struct {
	// Flags are what the planner must follow up, e.g. the paperwork of emergency sick leave.
	Flags []string `json:"flags,omitempty"`
	// NoticeDays is the notice given: calendar days from the request date to the first day of leave.
	NoticeDays int `json:"notice_days"`
	// WorkingDays counts the days of the leave that are working days by the calendar (Monday to
	// Friday, less holidays, plus make-up working days): what a leave balance counted in working
	// days is charged.
	WorkingDays int `json:"working_days"`
	// Impact is what the leave costs the published roster; nil when no roster is given.
	Impact *LeaveImpact `json:"impact,omitempty"`
}

// FlagEmergencySick is the flag of emergency sick leave.
const FlagEmergencySick = "emergency sick leave: accepted without notice, paperwork due afterwards (R9)"

// NoticeDays returns the calendar days of notice leave of type typ needs (R9): the rules' value,
// or DefaultRules' when the rules name no value for the type.
func NoticeDays(r wfm.Rules, typ string) int {
	if n, ok := r.LeaveNoticeDays[typ]; ok {
		return n
	}
	return wfm.DefaultRules().LeaveNoticeDays[typ]
}

// CheckLeave validates a leave request against the rules and the leave already approved.
//
// approved is every approved leave of the centre that the request may meet (the problem's own
// p.Leave is not read: pass it in approved when it belongs there). p supplies the agents, the
// rules and the centre's time zone; cal the working days counted in the decision (nil: Monday to
// Friday).
//
// The error is a *wfm.Error naming the field, agent and day:
//   - KindInvalid for a malformed request: unknown agent or leave type, no request time, To before
//     From, leave longer than wfm.MaxHorizonDays days or starting more than MaxLeadDays days after
//     the request.
//   - KindConflict (rule R9) when the leave overlaps the agent's own approved leave, or a day the
//     agent is fixed to work.
//   - KindRule R9 when the notice is short: the calendar days from the request date (in the
//     centre's zone) to From are fewer than NoticeDays; an emergency is accepted without notice
//     when it is sick leave starting no earlier than the day it is reported, and is rejected for
//     every other type.
//   - KindRule R10 when annual leave would put more than Rules.MaxConcurrentAnnualLeave agents on
//     annual leave on some day; the error names the first such day and the agents already away.
//     It is a *PrivateError: the agent who asked reads only that the day is not available (R20).
//   - For a holder of a hall post (Problem.Hall), R24 as hallLeave states: the post's other holder
//     not away on an open day of the leave (KindRule), an A holder's notice of HallNoticeDays
//     (KindRule) and handover to the B holder (KindInvalid, field handover).
func CheckLeave(p *wfm.Problem, approved []wfm.Leave, req LeaveRequest, cal *wfm.Calendar) (LeaveDecision, error) {
	var dec LeaveDecision
	if p == nil {
		return dec, newErr(wfm.KindInvalid, "", "problem", req.Agent, "", "no problem given")
	}
	if req.Agent == "" || findAgent(p, req.Agent) == nil {
		return dec, newErr(wfm.KindInvalid, "R9", "agent", req.Agent, "", "unknown agent %q", req.Agent)
	}
	if !slices.Contains(wfm.LeaveTypes, req.Type) {
		return dec, newErr(wfm.KindInvalid, "R9", "type", req.Agent, "",
			"unknown leave type %q (%s)", req.Type, strings.Join(wfm.LeaveTypes, ", "))
	}
	asked, e := requestDay(p, req.RequestedAt, "requested_at")
	if e != nil {
		e.Agent, e.Rule = req.Agent, "R9"
		return dec, e
	}
	if req.To < req.From {
		return dec, newErr(wfm.KindInvalid, "R9", "to", req.Agent, req.From.String(),
			"leave ends on %s, before it starts on %s", fmtDay(req.To), fmtDay(req.From))
	}
	days := int64(req.To) - int64(req.From) + 1
	if days > wfm.MaxHorizonDays {
		return dec, newErr(wfm.KindInvalid, "R9", "to", req.Agent, req.From.String(),
			"leave of %d days, at most %d at once", days, wfm.MaxHorizonDays)
	}
	ahead := int64(req.From) - int64(asked)
	if ahead > MaxLeadDays {
		return dec, newErr(wfm.KindInvalid, "R9", "from", req.Agent, req.From.String(),
			"leave starts %d days after the request (%s), at most %d days ahead", ahead, fmtDay(asked), MaxLeadDays)
	}

	if err := leaveConflicts(p, approved, req); err != nil {
		return dec, err
	}

	need := NoticeDays(p.Rules, req.Type)
	switch {
	case req.Emergency && req.Type != wfm.LeaveSick:
		return dec, newErr(wfm.KindRule, "R9", "emergency", req.Agent, req.From.String(),
			"only sick leave (sudden illness) may be taken as an emergency without notice; %s leave needs %s of notice: requested %s for %s, %s ahead",
			req.Type, plural(int64(need), "day"), fmtDay(asked), fmtDay(req.From), plural(ahead, "day"))
	case req.Emergency && ahead < 0:
		return dec, newErr(wfm.KindRule, "R9", "from", req.Agent, req.From.String(),
			"emergency sick leave must be reported by the day it starts: reported %s for leave from %s",
			fmtDay(asked), fmtDay(req.From))
	case req.Emergency:
		dec.Flags = append(dec.Flags, FlagEmergencySick)
	case ahead < int64(need):
		return dec, newErr(wfm.KindRule, "R9", "from", req.Agent, req.From.String(),
			"%s leave needs %s of notice: requested %s for %s, %s ahead (%s short)",
			req.Type, plural(int64(need), "day"), fmtDay(asked), fmtDay(req.From), plural(ahead, "day"),
			plural(int64(need)-ahead, "day"))
	}

	if req.Type == wfm.LeaveAnnual {
		if err := annualCap(p, approved, req, days); err != nil {
			return dec, err
		}
	}
	if p.Hall != nil {
		hallCal := cal
		if hallCal == nil {
			hallCal = wfm.NewCalendar(p.Holidays)
		}
		flags, err := hallLeave(p, approved, req, ahead, hallCal)
		if err != nil {
			return dec, err
		}
		dec.Flags = append(dec.Flags, flags...)
	}

	dec.NoticeDays = int(ahead)
	for i := range days {
		if cal.IsWorkingDay(req.From.AddDays(int(i))) {
			dec.WorkingDays++
		}
	}
	return dec, nil
}

// leaveConflicts finds what the requested leave clashes with: the agent's own approved leave, and
// a fixed shift of the agent on one of its days (the problem would no longer validate).
func leaveConflicts(p *wfm.Problem, approved []wfm.Leave, req LeaveRequest) error {
	for _, l := range approved {
		if l.Agent != req.Agent {
			continue
		}
		if d, ok := overlapping(req.From, req.To, l.From, l.To); ok {
			return newErr(wfm.KindConflict, "R9", "from", req.Agent, d.String(),
				"overlaps the agent's approved %s leave from %s to %s", l.Type, fmtDay(l.From), fmtDay(l.To))
		}
	}
	for _, f := range p.Fixed {
		if f.Agent == req.Agent && f.Shift != wfm.Off && req.From <= f.Date && f.Date <= req.To {
			return newErr(wfm.KindConflict, "R9", "from", req.Agent, f.Date.String(),
				"the agent is fixed to work shift %s on %s", f.Shift, fmtDay(f.Date))
		}
	}
	return nil
}

// annualCap is R10: on no day of the request may more than MaxConcurrentAnnualLeave agents be on
// annual leave, the requester included.
func annualCap(p *wfm.Problem, approved []wfm.Leave, req LeaveRequest, days int64) error {
	limit := p.Rules.MaxConcurrentAnnualLeave
	for i := range days {
		d := req.From.AddDays(int(i))
		var away []string
		for _, l := range approved {
			if l.Type == wfm.LeaveAnnual && l.Agent != req.Agent && l.From <= d && d <= l.To &&
				!slices.Contains(away, l.Agent) {
				away = append(away, l.Agent)
			}
		}
		if len(away)+1 <= limit {
			continue
		}
		who := "nobody else"
		if len(away) > 0 {
			who = strings.Join(away, ", ")
		}
		return &PrivateError{
			Full: newErr(wfm.KindRule, "R10", "from", req.Agent, d.String(),
				"at most %s on annual leave at a time: on %s %s already away (%s)",
				plural(int64(limit), "agent"), fmtDay(d), plural(int64(len(away)), "agent"), who),
			Public: newErr(wfm.KindRule, "R10", "from", req.Agent, d.String(),
				"at most %s on annual leave at a time: %s is not available for annual leave",
				plural(int64(limit), "agent"), fmtDay(d)),
		}
	}
	return nil
}

// CheckLeaveOnRoster is CheckLeave followed, when the request is acceptable and r is not nil, by
// the leave's Impact on the published roster r. Leave days outside the roster's horizon are
// flagged: the impact covers only the days inside it.
func CheckLeaveOnRoster(p *wfm.Problem, r *wfm.Roster, approved []wfm.Leave, req LeaveRequest, cal *wfm.Calendar) (LeaveDecision, error) {
	dec, err := CheckLeave(p, approved, req, cal)
	if err != nil || r == nil {
		return dec, err
	}
	imp, err := Impact(p, r, req.Leave())
	if err != nil {
		return dec, err
	}
	dec.Impact = imp
	if imp.OutsideHorizon > 0 {
		dec.Flags = append(dec.Flags, fmt.Sprintf("leave days outside the roster (%s to %s): %d, not in the impact",
			p.Horizon.Start, p.Horizon.Start.AddDays(p.Horizon.Days-1), imp.OutsideHorizon))
	}
	return dec, nil
}
