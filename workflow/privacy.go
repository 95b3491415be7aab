package workflow

import (
	"errors"

	"wfm"
)

// PrivateError is a refusal that speaks of other agents: the agents already on annual leave (R10),
// a colleague's leave, swaps or rules. Full is what a planner reads; Public is what the agent who
// asked may read of it (R20). errors.As finds Full.
type PrivateError struct {
	Full   *wfm.Error
	Public *wfm.Error
}

func (e *PrivateError) Error() string { return e.Full.Error() }
func (e *PrivateError) Unwrap() error { return e.Full }

// ForRequester returns what agent may read of err, the refusal of a request the agent made itself
// (R20): a PrivateError's public side; a conflict or broken rule about another agent (a colleague
// of a swap on leave, over the monthly cap, or breaking a HARD rule after the swap) as only "the
// day is not available", with no rule, field or agent; anything else as it is. Planners read
// every refusal in full.
func ForRequester(err error, agent string) error {
	if pe := (*PrivateError)(nil); errors.As(err, &pe) {
		return pe.Public
	}
	e := (*wfm.Error)(nil)
	if !errors.As(err, &e) || e.Kind != wfm.KindConflict && e.Kind != wfm.KindRule || e.Agent == agent {
		return err
	}
	msg := "the day is not available"
	if d, perr := wfm.ParseDate(e.Day); perr == nil {
		msg = fmtDay(d) + " is not available"
	}
	return &wfm.Error{Kind: wfm.KindConflict, Day: e.Day, Message: msg}
}
