package workflow

import (
	"slices"

	"wfm"
	"wfm/solver/validate"
)

// Approval is a decision a published roster must show before it is final: approved leave or an
// approved swap. Exactly one of Leave and Swap is set.
type Approval struct {
	ID    string       `json:"id"`
	Leave *wfm.Leave   `json:"leave,omitempty"`
	Swap  *SwapRequest `json:"swap,omitempty"`
}

// Kind is "leave" or "swap".
func (a Approval) Kind() string {
	if a.Swap != nil {
		return "swap"
	}
	return "leave"
}

// Refusal is an approval a roster could not take, and why: the first HARD rule the roster would
// break with it, or the reason it no longer fits (a swap whose days changed).
type Refusal struct {
	Approval Approval
	Err      *wfm.Error
	// Violations are the HARD rules the roster would break with the approval and does not break
	// without it; empty when the approval did not fit at all.
	Violations []wfm.Violation
}

// Reapplied is a roster with approvals re-applied: the problem and roster after them (objective
// and coverage by the independent checker), which approvals changed it, and which it refused.
type Reapplied struct {
	Problem *wfm.Problem
	Roster  *wfm.Roster
	Applied []Approval
	Refused []Refusal
}

// LeaveShown reports whether roster r of problem p shows approved leave l: l is among the
// problem's approved leave, so that the checker holds the roster to it (R9), and every day of l
// inside the horizon shows its type. Leave wholly outside the horizon is shown by default.
func LeaveShown(p *wfm.Problem, r *wfm.Roster, l wfm.Leave) bool {
	if !slices.ContainsFunc(p.Leave, func(x wfm.Leave) bool { return sameLeave(x, l) }) {
		return !overlapsHorizon(p.Horizon, l)
	}
	i, err := scheduleOf(r, l.Agent)
	if err != nil {
		return false
	}
	for k, d := range r.Schedules[i].Days {
		if day := r.Horizon.Start.AddDays(k); l.From <= day && day <= l.To && (d.Leave != l.Type || d.Working()) {
			return false
		}
	}
	return true
}

// sameLeave compares two leave records by what the roster must show: agent, type and days.
func sameLeave(a, b wfm.Leave) bool {
	return a.Agent == b.Agent && a.Type == b.Type && a.From == b.From && a.To == b.To
}

// overlapsHorizon reports whether leave l has a day inside h.
func overlapsHorizon(h wfm.Horizon, l wfm.Leave) bool {
	_, ok := overlapping(l.From, l.To, h.Start, h.Start.AddDays(h.Days-1))
	return ok
}

// WithLeave returns a shallow copy of p in which leave l is approved: added to p.Leave (unless
// there), and the fixed assignments of its agent on its days dropped, for approved leave overrides
// a fixed day (R9). p is not changed.
func WithLeave(p *wfm.Problem, l wfm.Leave) *wfm.Problem {
	q := *p
	if !slices.ContainsFunc(p.Leave, func(x wfm.Leave) bool { return sameLeave(x, l) }) {
		q.Leave = append(slices.Clip(p.Leave), l)
	}
	q.Fixed = slices.DeleteFunc(slices.Clone(p.Fixed), func(f wfm.Fixed) bool {
		return f.Agent == l.Agent && l.From <= f.Date && f.Date <= l.To
	})
	return &q
}

// Reapply applies approvals, in the order given (the order they were decided), to roster r of
// problem p, and returns the result; p and r are not changed. Leave the roster already shows is
// skipped. Each other approval is kept only when the roster after it breaks no HARD rule it did
// not break before (the independent checker decides); otherwise it is refused, with the rule, and
// the next is applied to the roster without it. A swap is applied as an exchange of the two
// agents' days on its dates (ApplySwap); one whose agents already have the same day on each date
// is shown as it is. The error is for a problem or roster that cannot be checked at all.
func Reapply(p *wfm.Problem, r *wfm.Roster, approvals []Approval) (*Reapplied, error) {
	if p == nil {
		return nil, newErr(wfm.KindInvalid, "", "problem", "", "", "no problem given")
	}
	if err := checkRosterHorizon(p, r); err != nil {
		return nil, err
	}
	out := &Reapplied{Problem: p, Roster: r}
	rep := validate.Check(p, r)
	for _, a := range approvals {
		np, nr, err := applyApproval(out.Problem, out.Roster, a)
		if err != nil {
			out.Refused = append(out.Refused, Refusal{Approval: a, Err: asError(err)})
			continue
		}
		if nr == nil { // shown already
			continue
		}
		after := validate.Check(np, nr)
		if fresh := newViolations(rep.Violations, after.Violations); len(fresh) > 0 {
			v := fresh[0]
			out.Refused = append(out.Refused, Refusal{Approval: a, Violations: fresh,
				Err: newErr(wfm.KindRule, v.Rule, "", v.Agent, v.Day, "the roster with it breaks this HARD rule: %s", v.Detail)})
			continue
		}
		out.Problem, out.Roster, rep = np, nr, after
		out.Applied = append(out.Applied, a)
	}
	if len(out.Applied) > 0 {
		out.Roster.Objective, out.Roster.Coverage = rep.Objective, rep.Coverage
	}
	return out, nil
}

// applyApproval returns the problem and roster with approval a applied, or a nil roster when r
// shows it already.
func applyApproval(p *wfm.Problem, r *wfm.Roster, a Approval) (*wfm.Problem, *wfm.Roster, error) {
	switch {
	case a.Leave != nil:
		if LeaveShown(p, r, *a.Leave) {
			return p, nil, nil
		}
		nr, err := ApplyLeave(r, *a.Leave)
		if err != nil {
			return nil, nil, err
		}
		return WithLeave(p, *a.Leave), nr, nil
	case a.Swap != nil:
		if swapShown(r, *a.Swap) {
			return p, nil, nil
		}
		nr, err := ApplySwap(r, *a.Swap)
		return p, nr, err
	}
	return nil, nil, newErr(wfm.KindInvalid, "", "approval", "", "", "approval %s is neither leave nor a swap", a.ID)
}

// swapShown reports whether the swap's agents have the same day (shift and breaks, or the same
// free day) on each of its dates, so that exchanging them would change nothing.
func swapShown(r *wfm.Roster, s SwapRequest) bool {
	ia, errA := scheduleOf(r, s.AgentA)
	ib, errB := scheduleOf(r, s.AgentB)
	if errA != nil || errB != nil {
		return false
	}
	for _, d := range s.dates() {
		if !inHorizon(r.Horizon, d) {
			return false
		}
		k := int(d - r.Horizon.Start)
		x, y := r.Schedules[ia].Days[k], r.Schedules[ib].Days[k]
		if x.Shift != y.Shift || x.Leave != y.Leave || !slices.Equal(x.Breaks, y.Breaks) {
			return false
		}
	}
	return true
}

// asError returns err as a *wfm.Error (an internal one when it is not).
func asError(err error) *wfm.Error {
	if e, ok := err.(*wfm.Error); ok {
		return e
	}
	return &wfm.Error{Kind: wfm.KindInternal, Message: err.Error(), Err: err}
}

// RepairProblem is the problem of a repair solve that makes room for approved leave in roster r
// of problem p: p with every leave of leave approved (WithLeave), and every agent-day of r the
// repair does not free fixed as r has it (a shift, or off), so that the solver re-plans only what
// the leave touches. It frees every agent on the days [From−around, To+around] of each leave; and
// when the roster breaks HARD rules with the leave applied, it frees over the whole horizon the
// agents of those rules (e.g. a trainee whose mentor is away, R14) and the agents on leave, for
// their period hours (R3), weekly band and rest (R21) and a trainee's shifts with its mentor may
// only be met again across the month. The days of the approved swaps given stay as r has them, so
// that a repair never undoes a swap; leave days (approved, or shown by r) are never fixed, and a
// day p already fixes keeps p's entry. around is at least 0.
func RepairProblem(p *wfm.Problem, r *wfm.Roster, leave []wfm.Leave, swaps []SwapRequest, around int) (*wfm.Problem, error) {
	if p == nil {
		return nil, newErr(wfm.KindInvalid, "", "problem", "", "", "no problem given")
	}
	if err := checkRosterHorizon(p, r); err != nil {
		return nil, err
	}
	if around < 0 {
		return nil, newErr(wfm.KindInvalid, "", "days_around", "", "", "days around the leave must be 0 or more, got %d", around)
	}
	np, applied := p, r
	for _, l := range leave {
		np = WithLeave(np, l)
		var err error
		if applied, err = ApplyLeave(applied, l); err != nil {
			return nil, err
		}
	}
	concerned := map[string]bool{} // agents free over the whole horizon
	for _, v := range newViolations(validate.Check(p, r).Violations, validate.Check(np, applied).Violations) {
		if v.Agent != "" {
			concerned[v.Agent] = true
		}
		for _, l := range leave {
			concerned[l.Agent] = true
		}
	}
	free := func(agent string, d wfm.Date) bool {
		if concerned[agent] {
			return true
		}
		for _, l := range leave {
			if l.From.AddDays(-around) <= d && d <= l.To.AddDays(around) {
				return true
			}
		}
		return false
	}
	kept := map[string]bool{} // agent|date of the swaps' days
	for _, s := range swaps {
		for _, d := range s.dates() {
			kept[s.AgentA+"|"+d.String()], kept[s.AgentB+"|"+d.String()] = true, true
		}
	}
	fixed := map[string]bool{}
	for _, f := range np.Fixed {
		fixed[f.Agent+"|"+f.Date.String()] = true
	}
	out := *np
	out.Fixed = slices.Clone(np.Fixed)
	for _, sch := range r.Schedules {
		for _, d := range sch.Days {
			key := sch.Agent + "|" + d.Date.String()
			if _, away := leaveOn(np.Leave, sch.Agent, d.Date); away || d.Leave != "" || fixed[key] || free(sch.Agent, d.Date) && !kept[key] {
				continue
			}
			shift := d.Shift
			if shift == "" {
				shift = wfm.Off
			}
			out.Fixed = append(out.Fixed, wfm.Fixed{Agent: sch.Agent, Date: d.Date, Shift: shift})
		}
	}
	return &out, nil
}
