package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"wfm"
	"wfm/planning"
	"wfm/store"
)

// previousView tells, in the reply to a month's solve, which roster supplied the days before the
// month (planning.HistoryOf): the centre's latest published version of the month before, or none.
type previousView struct {
	Month    string   `json:"month"`
	RosterID string   `json:"roster_id,omitempty"`
	Version  int      `json:"version,omitempty"`
	From     string   `json:"from,omitempty"` // the days of history taken
	To       string   `json:"to,omitempty"`
	Agents   int      `json:"agents"` // agents of the month with a history
	Note     string   `json:"note"`
	Notes    []string `json:"notes,omitempty"`
}

// chainedMonthProblem is monthProblem with the history the centre's published roster of the month
// before supplies (planning.Chain), and what the reply says about it: the version used, or
// that there was none. A published roster that does not chain (it does not end on the day before
// the month, or names templates the centre no longer has) is a conflict, with the reason.
func (s *Server) chainedMonthProblem(ctx context.Context, ce store.Centre, month, forecastID string) (*wfm.Problem, *previousView, error) {
	p, err := s.monthProblem(ctx, ce, month, forecastID)
	if err != nil {
		return nil, nil, err
	}
	before := p.Horizon.Start.AddDays(-1).String()[:7]
	view := &previousView{Month: before}
	ros, err := s.store.PublishedRoster(ctx, ce.ID, before)
	if wfm.ErrorKind(err) == wfm.KindNotFound {
		view.Note = "no published roster of " + before + ": the month starts without history"
		return p, view, nil
	}
	if err != nil {
		return nil, nil, err
	}
	var prev wfm.Roster
	if err := json.Unmarshal([]byte(ros.Roster), &prev); err != nil {
		return nil, nil, fmt.Errorf("published roster %s: %w", ros.ID, err)
	}
	source := fmt.Sprintf("published roster %s (version %d of %s)", ros.ID, ros.Version, before)
	hist, err := planning.Chain(p, &prev, source)
	var we *wfm.Error
	if errors.As(err, &we) {
		we.Kind = wfm.KindConflict // the request is sound; the stored rosters do not chain
	}
	if err != nil {
		return nil, nil, err
	}
	view.RosterID, view.Version, view.From, view.To, view.Agents = ros.ID, ros.Version, hist.From.String(), hist.To.String(), hist.Agents
	view.Note = fmt.Sprintf("the last %d days of %s are the month's history", int(hist.To-hist.From)+1, source)
	for _, n := range hist.Notes {
		view.Notes = append(view.Notes, n.String())
	}
	return p, view, nil
}
