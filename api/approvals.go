package api

// The approval model. An approval (leave or a swap) is final once the published roster of each
// month it touches shows it. A swap is checked against the published roster and applied to it at
// once, or refused. Leave is applied at once when the roster with it still keeps every HARD rule;
// otherwise it is approved but awaiting its roster, and a repair solve of the days around it is
// queued, built on the current published version and carrying every leave of the month still
// waiting. Publishing any draft (a solve, a repair) re-applies the approvals decided after its
// problem was taken, onto it and as a version newer than the current one, or refuses with 409
// naming the approvals the current roster shows and the draft cannot: nothing approved is dropped.
// Leave that was waiting before may stay waiting (it keeps its repair). Every approval, every
// publish and every version made from them holds the centre's decision lock
// (store.LockDecisions), so that each is checked against the state it writes.

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"wfm"
	"wfm/store"
	"wfm/workflow"
)

// decide runs fn in one transaction that holds the centre's decision lock, with the decision
// number it took (store.LockDecisions): what fn reads is the state it writes on.
func (s *Server) decide(ctx context.Context, centre string, fn func(q *store.Queries, seq int64) error) error {
	return s.store.InTx(ctx, func(q *store.Queries) error {
		seq, err := q.LockDecisions(ctx, centre)
		if err != nil {
			return err
		}
		return fn(q, seq)
	})
}

// approvalRef names an approval in a reply.
type approvalRef struct {
	Kind string `json:"kind"` // leave or swap
	ID   string `json:"id"`
}

func refsOf(list []workflow.Approval) []approvalRef {
	out := make([]approvalRef, len(list))
	for i, a := range list {
		out[i] = approvalRef{Kind: a.Kind(), ID: a.ID}
	}
	return out
}

// leaveOf is the leave an approved request puts in the roster.
func leaveOf(l store.LeaveRequest) wfm.Leave {
	return wfm.Leave{Agent: l.Agent, Type: l.Type, From: l.From, To: l.To, Reason: l.Reason, Handover: l.Handover}
}

// swapOf is the swap a stored request asks for.
func swapOf(s store.SwapRequest) workflow.SwapRequest {
	return workflow.SwapRequest{AgentA: s.AgentA, DateA: s.DateA, AgentB: s.AgentB, DateB: s.DateB}
}

// monthApprovals lists, in the order decided, what a roster of horizon h taken at decision number
// since must show: every approved leave with a day in h (a roster that shows it already skips it),
// and every swap with both dates in h approved after since (one approved before was approved on
// the roster that the draft's solve replaces, or is in the draft already).
func monthApprovals(ctx context.Context, q *store.Queries, centre string, h wfm.Horizon, since int64) ([]workflow.Approval, error) {
	last := h.Start.AddDays(h.Days - 1)
	leave, err := q.Leaves(ctx, centre, "", store.RequestApproved)
	if err != nil {
		return nil, err
	}
	swaps, err := q.Swaps(ctx, centre, "", store.RequestApproved)
	if err != nil {
		return nil, err
	}
	type numbered struct {
		seq int64
		a   workflow.Approval
	}
	var list []numbered
	for _, l := range leave {
		if l.From <= last && h.Start <= l.To {
			lv := leaveOf(l)
			list = append(list, numbered{l.DecidedSeq, workflow.Approval{ID: l.ID, Leave: &lv}})
		}
	}
	in := func(d wfm.Date) bool { return h.Start <= d && d <= last }
	for _, s := range swaps {
		if s.DecidedSeq > since && in(s.DateA) && in(s.DateB) {
			sw := swapOf(s)
			list = append(list, numbered{s.DecidedSeq, workflow.Approval{ID: s.ID, Swap: &sw}})
		}
	}
	slices.SortStableFunc(list, func(a, b numbered) int { return int(a.seq - b.seq) })
	out := make([]workflow.Approval, len(list))
	for i, n := range list {
		out[i] = n.a
	}
	return out, nil
}

// waitingLeave lists the approved leave with a day in the horizon of roster r of problem p that r
// does not show: what a repair built on r must carry.
func waitingLeave(ctx context.Context, q *store.Queries, centre string, p *wfm.Problem, r *wfm.Roster) ([]store.LeaveRequest, error) {
	approved, err := q.Leaves(ctx, centre, "", store.RequestApproved)
	if err != nil {
		return nil, err
	}
	var out []store.LeaveRequest
	for _, l := range approved {
		if !workflow.LeaveShown(p, r, leaveOf(l)) {
			out = append(out, l)
		}
	}
	slices.SortStableFunc(out, func(a, b store.LeaveRequest) int { return int(a.DecidedSeq - b.DecidedSeq) })
	return out, nil
}

// Repair solves: defaults and bounds.
const (
	defaultRepairSeconds = 30
	defaultDaysAround    = 1
	maxDaysAround        = 31
)

// repairOptions reads the repair's time limit and the days freed around each leave, with their
// defaults, and checks them.
func repairOptions(seconds float64, around *int) (float64, int, error) {
	if seconds == 0 {
		seconds = defaultRepairSeconds
	}
	if !(seconds >= 1 && seconds <= maxSolveSeconds) {
		return 0, 0, invalid("time_limit_s", "must be between 1 and %d seconds", maxSolveSeconds)
	}
	days := defaultDaysAround
	if around != nil {
		days = *around
	}
	if days < 0 || days > maxDaysAround {
		return 0, 0, invalid("days_around", "must be between 0 and %d days", maxDaysAround)
	}
	return seconds, days, nil
}

// repairSolve queues a repair built on the published version base (problem p, roster r): a solve
// in which every agent-day outside the days around each leave of leave is fixed as r has it, and
// the days of approved swaps too (workflow.RepairProblem), with the leave approved. It is a new
// version of kind repair, base its parent and seq its decision number; once solved it is a draft
// the planner publishes like any other (re-applied onto the version then current).
func (s *Server) repairSolve(c *gin.Context, q *store.Queries, base store.Roster, p *wfm.Problem, r *wfm.Roster, leave []wfm.Leave,
	around int, seconds float64, seq int64) (store.Roster, store.Job, error) {
	ctx := c.Request.Context()
	swaps, err := q.Swaps(ctx, base.CentreID, "", store.RequestApproved)
	if err != nil {
		return store.Roster{}, store.Job{}, err
	}
	var kept []workflow.SwapRequest
	for _, sw := range swaps {
		kept = append(kept, swapOf(sw))
	}
	np, err := workflow.RepairProblem(p, r, leave, kept, around)
	if err != nil {
		return store.Roster{}, store.Job{}, err
	}
	body, err := jsonString(np)
	if err != nil {
		return store.Roster{}, store.Job{}, err
	}
	ros := store.Roster{CentreID: base.CentreID, Month: base.Month, Status: store.RosterQueued, Kind: store.KindRepair,
		Problem: body, CreatedBy: actor(c), ParentID: base.ID, TakenSeq: seq}
	if err := q.CreateRoster(ctx, &ros); err != nil {
		return ros, store.Job{}, err
	}
	job := store.Job{RosterID: ros.ID, MaxAttempts: defaultAttempts, TimeLimit: int64(seconds * 1000), Seed: 1}
	if err := q.CreateJob(ctx, &job); err != nil {
		return ros, job, err
	}
	if err := s.queue.Enqueue(ctx, q, job); err != nil {
		return ros, job, err
	}
	return ros, job, q.Audit(ctx, audit(c, base.CentreID, "roster.repair", "roster", ros.ID, gin.H{"from_version": base.ID,
		"leave": leave, "days_around": around, "job": job.ID}))
}

// repairBody asks for a repair of the current published version.
type repairBody struct {
	TimeLimit  float64 `json:"time_limit_s"`
	DaysAround *int    `json:"days_around"`
}

// repairRoster queues a repair of the month's current published version for every approved leave
// it does not show: the planner's way on when a repair failed, was cancelled, or could not be
// re-applied.
func (s *Server) repairRoster(c *gin.Context) {
	ce, err := s.centre(c)
	var b repairBody
	if err == nil && c.Request.ContentLength != 0 {
		err = bind(c, &b)
	}
	var seconds float64
	var around int
	if err == nil {
		seconds, around, err = repairOptions(b.TimeLimit, b.DaysAround)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	var ros store.Roster
	var job store.Job
	var carried []approvalRef
	err = s.decide(ctx, ce.ID, func(q *store.Queries, seq int64) error {
		base, err := q.Roster(ctx, ce.ID, c.Param("roster"))
		if err != nil {
			return err
		}
		if err := isCurrent(ctx, q, base); err != nil {
			return err
		}
		p, r, err := decodeRoster(base)
		if err != nil {
			return err
		}
		waiting, err := waitingLeave(ctx, q, ce.ID, p, r)
		if err != nil {
			return err
		}
		if len(waiting) == 0 {
			return &wfm.Error{Kind: wfm.KindConflict, Message: fmt.Sprintf(
				"roster %s shows every approved leave of %s: nothing waits for a repair", base.ID, base.Month)}
		}
		leave := make([]wfm.Leave, len(waiting))
		for i, l := range waiting {
			leave[i] = leaveOf(l)
			carried = append(carried, approvalRef{Kind: "leave", ID: l.ID})
		}
		ros, job, err = s.repairSolve(c, q, base, p, r, leave, around, seconds, seq)
		return err
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusAccepted, gin.H{"roster": ros, "job": jobView(job), "approvals": carried})
}

// isCurrent refuses a roster version that is not its month's current published version.
func isCurrent(ctx context.Context, q *store.Queries, ros store.Roster) error {
	cur, err := q.PublishedRoster(ctx, ros.CentreID, ros.Month)
	if err != nil && wfm.ErrorKind(err) != wfm.KindNotFound {
		return err
	}
	switch {
	case err != nil:
		return &wfm.Error{Kind: wfm.KindConflict, Message: fmt.Sprintf("roster %s (version %d) is %s: %s has no published roster",
			ros.ID, ros.Version, ros.Status, ros.Month)}
	case cur.ID != ros.ID:
		return &wfm.Error{Kind: wfm.KindConflict, Message: fmt.Sprintf(
			"roster %s (version %d) is not the published roster of %s: version %d (%s) is; change that one",
			ros.ID, ros.Version, ros.Month, cur.Version, cur.ID)}
	}
	return nil
}

// awaitingApproval is an approval its month's published roster does not show yet, why, and the
// latest repair queued for it.
type awaitingApproval struct {
	Kind       string          `json:"kind"` // leave
	ID         string          `json:"id"`
	Agent      string          `json:"agent"`
	Type       string          `json:"type"`
	From       wfm.Date        `json:"from"`
	To         wfm.Date        `json:"to"`
	DecidedBy  string          `json:"decided_by"`
	Month      string          `json:"month"`
	RosterID   string          `json:"roster_id"`            // the published version that does not show it
	Violations []wfm.Violation `json:"violations,omitempty"` // the HARD rules that version would break with it
	Repair     *store.Roster   `json:"repair,omitempty"`     // the latest repair carrying it
	RepairJob  gin.H           `json:"repair_job,omitempty"`
}

// listAwaiting lists the approvals still waiting for their roster: approved leave that the
// published roster of a month it touches does not show.
func (s *Server) listAwaiting(c *gin.Context) {
	ce, err := s.centre(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	leave, err := s.store.Leaves(ctx, ce.ID, "", store.RequestApproved)
	if err != nil {
		s.fail(c, err)
		return
	}
	versions, err := s.store.Rosters(ctx, ce.ID) // newest first
	if err != nil {
		s.fail(c, err)
		return
	}
	type month struct {
		cur  store.Roster
		p    *wfm.Problem
		r    *wfm.Roster
		none bool
	}
	months := map[string]*month{}
	current := func(m string) (*month, error) {
		if x, ok := months[m]; ok {
			return x, nil
		}
		x := &month{none: true}
		months[m] = x
		for _, v := range versions {
			if v.Month == m && v.Status == store.RosterPublished {
				full, err := s.store.Roster(ctx, ce.ID, v.ID)
				if err != nil {
					return nil, err
				}
				x.cur, x.none = full, false
				x.p, x.r, err = decodeRoster(full)
				return x, err
			}
		}
		return x, nil
	}
	slices.SortStableFunc(leave, func(a, b store.LeaveRequest) int { return int(a.DecidedSeq - b.DecidedSeq) })
	out := []awaitingApproval{}
	for _, l := range leave {
		lv := leaveOf(l)
		for _, m := range monthsOf(l.From, l.To) {
			x, err := current(m)
			if err != nil {
				s.fail(c, err)
				return
			}
			if x.none || workflow.LeaveShown(x.p, x.r, lv) {
				continue
			}
			a := awaitingApproval{Kind: "leave", ID: l.ID, Agent: l.Agent, Type: l.Type, From: l.From, To: l.To,
				DecidedBy: l.DecidedBy, Month: m, RosterID: x.cur.ID}
			if re, err := workflow.Reapply(x.p, x.r, []workflow.Approval{{ID: l.ID, Leave: &lv}}); err == nil && len(re.Refused) > 0 {
				a.Violations = re.Refused[0].Violations
			}
			for _, v := range versions {
				if v.Month == m && v.Kind == store.KindRepair && v.TakenSeq >= l.DecidedSeq {
					a.Repair = &v
					if job, err := s.store.JobForRoster(ctx, v.ID); err == nil {
						a.RepairJob = jobView(job)
					}
					break
				}
			}
			out = append(out, a)
		}
	}
	c.JSON(http.StatusOK, gin.H{"approvals": out})
}

// refusedErr is the 409 of a publish that would drop approvals the current roster shows.
func refusedErr(ros store.Roster, lost []workflow.Refusal) error {
	var parts []string
	var violations []wfm.Violation
	for _, f := range lost {
		what := ""
		switch a := f.Approval; {
		case a.Leave != nil:
			what = fmt.Sprintf("leave %s (agent %s, %s %s to %s)", a.ID, a.Leave.Agent, a.Leave.Type, a.Leave.From, a.Leave.To)
		case a.Swap != nil:
			what = fmt.Sprintf("swap %s (%s on %s with %s on %s)", a.ID, a.Swap.AgentA, a.Swap.DateA, a.Swap.AgentB, a.Swap.DateB)
		}
		parts = append(parts, what+": "+f.Err.Message)
		violations = append(violations, f.Violations...)
	}
	first := lost[0].Err
	return &ruleErr{err: &wfm.Error{Kind: wfm.KindConflict, Rule: first.Rule, Agent: first.Agent, Day: first.Day, Message: fmt.Sprintf(
		"roster %s (version %d) cannot show %d approval(s) that the published roster of %s shows, and publishing it would drop them: %s",
		ros.ID, ros.Version, len(lost), ros.Month, strings.Join(parts, "; "))}, violations: violations}
}
