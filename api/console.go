package api

// A planner's edit of one day (POST …/rosters/{r}/days): what it breaks and costs, and its saving
// as a new version; and the service methods the console (package web) calls in the same process
// beside the requests it hands to the API's handler with the caller's token (WithPrincipal): a
// pending request's checks re-run on the current state with the coverage it would cost. Each uses
// the same checks, store functions and audit records as the API's handlers.

import (
	"context"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"wfm"
	"wfm/solver/validate"
	"wfm/store"
	"wfm/workflow"
)

// dayEditBody changes one agent's day of a roster version; Save stores the result.
type dayEditBody struct {
	Agent string   `json:"agent"`
	Date  wfm.Date `json:"date"`
	Shift string   `json:"shift"`
	Save  bool     `json:"save"`
}

// editDay is the route of an edit (applyDayEdit): 200 with the checker's answer, or 201 with it and the new version
// when saved.
func (s *Server) editDay(c *gin.Context) {
	var b dayEditBody
	if err := bind(c, &b); err != nil {
		s.fail(c, err)
		return
	}
	switch {
	case b.Agent == "":
		s.fail(c, invalid("agent", "name the agent whose day changes"))
		return
	case b.Date == 0:
		s.fail(c, invalid("date", "give the day that changes"))
		return
	}
	res, err := s.applyDayEdit(c.Request.Context(), who(c), c.Param("centre"), c.Param("roster"),
		workflow.DayEdit{Agent: b.Agent, Date: b.Date, Shift: b.Shift}, b.Save)
	if err != nil {
		s.fail(c, err)
		return
	}
	if res.Saved != nil {
		c.JSON(http.StatusCreated, gin.H{"impact": res.Impact, "roster": res.Saved})
		return
	}
	c.JSON(http.StatusOK, gin.H{"impact": res.Impact})
}

// dayEditResult is the checker's answer to an edit of one day and, when saved, the new version.
type dayEditResult struct {
	Impact *workflow.EditImpact
	Saved  *store.Roster // the new version, nil when not saved
}

// applyDayEdit checks the edit e of roster version roster of centre (workflow.EditDay) and, when save
// is true, stores the edited roster as the next version with an audit record (R19) naming tok's
// holder, under the centre's decision lock: a change to a published roster is published at once
// and must start from the month's current version, and it must break no HARD rule the roster did
// not break (422 with the violations); a draft may be saved with them, since publishing refuses
// it until they are mended.
func (s *Server) applyDayEdit(ctx context.Context, tok store.Token, centre, roster string, e workflow.DayEdit, save bool) (*dayEditResult, error) {
	ros, err := s.store.Roster(ctx, centre, roster)
	if err != nil {
		return nil, err
	}
	if ros.Roster == "" {
		return nil, &wfm.Error{Kind: wfm.KindConflict, Message: "roster " + ros.ID + " is " + ros.Status + ", not solved"}
	}
	p, r, err := decodeRoster(ros)
	if err != nil {
		return nil, err
	}
	imp, err := workflow.EditDay(p, r, e)
	if err != nil {
		return nil, err
	}
	out := &dayEditResult{Impact: imp}
	if !save {
		return out, nil
	}
	if ros.Status == store.RosterPublished && len(imp.Violations) > 0 {
		return out, &ruleErr{err: &wfm.Error{Kind: wfm.KindRule, Rule: imp.Violations[0].Rule, Agent: e.Agent, Day: e.Date.String(),
			Message: "the edit breaks HARD rules, and a published roster keeps every one"}, violations: imp.Violations}
	}
	by := Actor(tok)
	err = s.decide(ctx, centre, func(q *store.Queries, seq int64) error {
		v, err := s.newVersion(ctx, q, ros, p, imp.Roster, by, seq)
		if err != nil {
			return err
		}
		out.Saved = &v
		return q.Audit(ctx, auditBy(by, centre, "roster.edit", "roster", v.ID, map[string]any{"from_version": ros.ID,
			"agent": e.Agent, "date": e.Date, "before": imp.Before, "after": imp.After, "violations": imp.Violations,
			"short_change": imp.ShortChange}))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RequestReview is a pending request's checks re-run now, as approving it would run them, and
// what it would cost the published roster of each month it touches.
type RequestReview struct {
	// Refusal is why approving it now would be refused (the rule, agent and day), nil when the
	// checks pass.
	Refusal *wfm.Error
	// Months are the published rosters the request touches and its cost to each.
	Months []MonthCost
}

// MonthCost is what a request costs one month's published roster.
type MonthCost struct {
	Month       string
	RosterID    string
	Version     int
	ShortChange float64         // agent-intervals of under-coverage added (negative: removed)
	HoursLost   float64         // paid hours of the shifts leave removes
	Violations  []wfm.Violation // HARD rules the roster would break with it
}

// refusalOf splits a check's error: a refusal (a rule, a conflict, no published roster to check
// on) is the review's answer; anything else (the database) is the review's failure.
func refusalOf(err error) (*wfm.Error, error) {
	var we *wfm.Error
	if err == nil {
		return nil, nil
	}
	if errors.As(err, &we) && we.Kind != wfm.KindInternal && we.Kind != wfm.KindUnavailable {
		return we, nil
	}
	return nil, err
}

// ReviewLeave re-runs the checks of pending leave request id (notice R9, the annual cap R10) and
// computes its impact on every published roster it touches (workflow.Impact).
func (s *Server) ReviewLeave(ctx context.Context, centre, id string) (*RequestReview, error) {
	ce, err := s.store.Centre(ctx, centre)
	if err != nil {
		return nil, err
	}
	l, err := s.store.Leave(ctx, centre, id)
	if err != nil {
		return nil, err
	}
	req := workflow.LeaveRequest{Agent: l.Agent, Type: l.Type, From: l.From, To: l.To, Reason: l.Reason,
		Emergency: l.Emergency, RequestedAt: s.requestedAt(l.RequestedAt), Handover: l.Handover}
	out := &RequestReview{}
	_, err = s.checkLeave(ctx, &s.store.Queries, ce, req)
	if out.Refusal, err = refusalOf(err); err != nil {
		return nil, err
	}
	for _, month := range monthsOf(l.From, l.To) {
		src, err := s.store.PublishedRoster(ctx, centre, month)
		if wfm.ErrorKind(err) == wfm.KindNotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		p, r, err := decodeRoster(src)
		if err != nil {
			return nil, err
		}
		imp, err := workflow.Impact(p, r, req.Leave())
		if err != nil {
			if out.Refusal == nil {
				out.Refusal, err = refusalOf(err)
			}
			if err != nil {
				return nil, err
			}
			continue
		}
		out.Months = append(out.Months, MonthCost{Month: month, RosterID: src.ID, Version: src.Version,
			ShortChange: imp.NewShortfall, HoursLost: imp.HoursRemoved, Violations: imp.Violations})
	}
	return out, nil
}

// ReviewSwap re-runs the checks of pending swap request id on the published roster as it is now
// (R6 and every HARD rule) and computes the under-coverage it adds.
func (s *Server) ReviewSwap(ctx context.Context, centre, id string) (*RequestReview, error) {
	ce, err := s.store.Centre(ctx, centre)
	if err != nil {
		return nil, err
	}
	sw, err := s.store.Swap(ctx, centre, id)
	if err != nil {
		return nil, err
	}
	req := swapOf(sw)
	req.RequestedAt = s.requestedAt(sw.RequestedAt)
	src, p, dec, err := s.checkSwap(ctx, &s.store.Queries, ce, req)
	out := &RequestReview{}
	if out.Refusal, err = refusalOf(err); err != nil || out.Refusal != nil {
		return out, err
	}
	_, r, err := decodeRoster(src)
	if err != nil {
		return nil, err
	}
	before, after := validate.Check(p, r), validate.Check(p, dec.After)
	out.Months = []MonthCost{{Month: src.Month, RosterID: src.ID, Version: src.Version,
		ShortChange: workflow.Shortfall(after.Coverage) - workflow.Shortfall(before.Coverage)}}
	return out, nil
}
