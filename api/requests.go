package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"wfm"
	"wfm/planning"
	"wfm/store"
	"wfm/workflow"
)

// Leave requests (R9, R10): an agent or a planner files one; it is checked for notice and the
// annual-leave cap at once and kept pending; a planner approves (checked again) or rejects it.
// Approval writes the leave into the month's published roster as a new version when the roster
// still keeps every HARD rule with it, and otherwise queues a repair solve (see approvals.go). The
// checks and the writes of a request or an approval run in one transaction under the centre's
// decision lock, so that concurrent approvals never exceed a cap (R10, R6).

type leaveBody struct {
	Agent     string   `json:"agent"`
	Type      string   `json:"type"`
	From      wfm.Date `json:"from"`
	To        wfm.Date `json:"to"`
	Reason    string   `json:"reason"`
	Emergency bool     `json:"emergency"`
	// Handover hands the hall posts the agent holds as A to their B holders (R24).
	Handover *wfm.Handover `json:"handover"`
}

// centreProblem is the part of a problem leave and swap checks need: the centre's rules, agents
// and horizon-free data, read through q.
func (s *Server) centreProblem(ctx context.Context, q *store.Queries, ce store.Centre) (*wfm.Problem, *wfm.Calendar, error) {
	agents, err := q.Agents(ctx, ce.ID)
	if err != nil {
		return nil, nil, err
	}
	cal, err := planning.Calendar(ce.Settings)
	if err != nil {
		return nil, nil, err
	}
	return &wfm.Problem{Horizon: wfm.Horizon{Start: wfm.DateFromTime(s.now()), Days: 1, IntervalMinutes: ce.Settings.IntervalMinutes,
		TimeZone: ce.Settings.TimeZone}, Rules: ce.Settings.Rules, Agents: agents, Hall: ce.Settings.Hall}, cal, nil
}

// checkLeave checks a leave request against the centre's rules and approved leave, read through q
// (in the transaction that writes the decision, under the decision lock).
func (s *Server) checkLeave(ctx context.Context, q *store.Queries, ce store.Centre, req workflow.LeaveRequest) (workflow.LeaveDecision, error) {
	p, cal, err := s.centreProblem(ctx, q, ce)
	if err != nil {
		return workflow.LeaveDecision{}, err
	}
	approved, err := approvedLeave(ctx, q, ce.ID)
	if err != nil {
		return workflow.LeaveDecision{}, err
	}
	return workflow.CheckLeave(p, approved, req, cal)
}

// refusal is what the caller may read of a refused request: an agent reads of a refusal about
// someone else only that the day is not available (R20); a planner reads it in full.
func refusal(c *gin.Context, err error) error {
	if isAgent(c) {
		return workflow.ForRequester(err, who(c).AgentID)
	}
	return err
}

func (s *Server) requestLeave(c *gin.Context) {
	ce, err := s.centre(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var b leaveBody
	if err := bind(c, &b); err != nil {
		s.fail(c, err)
		return
	}
	if isAgent(c) && b.Agent == "" {
		b.Agent = who(c).AgentID
	}
	if err := ownOnly(c, b.Agent); err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	req := workflow.LeaveRequest{Agent: b.Agent, Type: b.Type, From: b.From, To: b.To, Reason: b.Reason,
		Emergency: b.Emergency, RequestedAt: s.now(), Handover: b.Handover}
	if err := req.Leave().Validate(); err != nil { // type, dates, length and reason, as in a problem
		s.fail(c, err)
		return
	}
	l := store.LeaveRequest{CentreID: ce.ID, Agent: b.Agent, Type: b.Type, From: b.From, To: b.To, Reason: b.Reason,
		Emergency: b.Emergency, RequestedBy: actor(c), Handover: b.Handover}
	var dec workflow.LeaveDecision
	err = s.decide(ctx, ce.ID, func(q *store.Queries, _ int64) error {
		var err error
		if dec, err = s.checkLeave(ctx, q, ce, req); err != nil {
			return err
		}
		l.Flags = dec.Flags
		if err := q.CreateLeave(ctx, &l); err != nil {
			return err
		}
		return q.Audit(ctx, audit(c, ce.ID, "leave.request", "leave", l.ID, gin.H{"agent": l.Agent, "type": l.Type,
			"from": l.From, "to": l.To, "emergency": l.Emergency}))
	})
	if err != nil {
		s.fail(c, refusal(c, err))
		return
	}
	c.JSON(http.StatusCreated, gin.H{"request": l, "notice_days": dec.NoticeDays, "working_days": dec.WorkingDays})
}

// redactLeave hides the reason of another agent's leave from an agent caller (R20).
func redactLeave(c *gin.Context, l store.LeaveRequest) store.LeaveRequest {
	if isAgent(c) && who(c).AgentID != l.Agent {
		l.Reason, l.Note = "", ""
	}
	return l
}

func (s *Server) listLeave(c *gin.Context) {
	pg, err := readPage(c, defaultPage, maxPage)
	if err != nil {
		s.fail(c, err)
		return
	}
	if _, err := s.centre(c); err != nil {
		s.fail(c, err)
		return
	}
	agent := c.Query("agent")
	if isAgent(c) {
		agent = who(c).AgentID // an agent lists its own requests
	}
	list, err := s.store.Leaves(c.Request.Context(), c.Param("centre"), agent, c.Query("status"))
	if err != nil {
		s.fail(c, err)
		return
	}
	list, next, err := slicePage(list, pg, func(l store.LeaveRequest) string { return l.ID })
	if err != nil {
		s.fail(c, err)
		return
	}
	for i := range list {
		list[i] = redactLeave(c, list[i])
	}
	c.JSON(http.StatusOK, pageBody("requests", list, next))
}

func (s *Server) getLeave(c *gin.Context) {
	l, err := s.store.Leave(c.Request.Context(), c.Param("centre"), c.Param("request"))
	if err != nil {
		s.fail(c, err)
		return
	}
	if isAgent(c) && who(c).AgentID != l.Agent {
		s.fail(c, forbidden("an agent may read only its own leave requests"))
		return
	}
	c.JSON(http.StatusOK, l)
}

// decisionBody is a planner's decision: the note the requester reads.
type decisionBody struct {
	Note string `json:"note"`
}

// leaveDecisionBody approves leave: the note, and the repair solve's options (see repairOptions).
type leaveDecisionBody struct {
	Note       string  `json:"note"`
	Repair     bool    `json:"repair"` // queue a repair of the days around the leave even when it is applied at once
	TimeLimit  float64 `json:"time_limit_s"`
	DaysAround *int    `json:"days_around"`
}

func (s *Server) rejectLeave(c *gin.Context) {
	s.reject(c, "leave", func(ctx context.Context, q *store.Queries, b decisionBody) error {
		return q.DecideLeave(ctx, c.Param("centre"), c.Param("request"), store.RequestRejected, actor(c), b.Note, 0)
	})
}

func (s *Server) rejectSwap(c *gin.Context) {
	s.reject(c, "swap", func(ctx context.Context, q *store.Queries, b decisionBody) error {
		return q.DecideSwap(ctx, c.Param("centre"), c.Param("request"), store.RequestRejected, actor(c), b.Note, 0)
	})
}

// reject records a planner's rejection with its audit entry.
func (s *Server) reject(c *gin.Context, what string, decide func(context.Context, *store.Queries, decisionBody) error) {
	var b decisionBody
	if c.Request.ContentLength != 0 {
		if err := bind(c, &b); err != nil {
			s.fail(c, err)
			return
		}
	}
	ctx := c.Request.Context()
	err := s.store.InTx(ctx, func(q *store.Queries) error {
		if err := decide(ctx, q, b); err != nil {
			return err
		}
		return q.Audit(ctx, audit(c, c.Param("centre"), what+".reject", what, c.Param("request"), gin.H{"note": b.Note}))
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"id": c.Param("request"), "status": store.RequestRejected})
}

// decisionStart reads what every approval needs: the centre and the optional decision body b.
// When it fails it has answered, and ok is false.
func (s *Server) decisionStart(c *gin.Context, b any) (ce store.Centre, ok bool) {
	ce, err := s.centre(c)
	if err == nil && c.Request.ContentLength != 0 {
		err = bind(c, b)
	}
	if err != nil {
		s.fail(c, err)
		return ce, false
	}
	return ce, true
}

// stillPending refuses to decide a request twice.
func stillPending(status string) error {
	if status != store.RequestPending {
		return &wfm.Error{Kind: wfm.KindConflict, Message: "the request was already " + status}
	}
	return nil
}

// leaveRosterChange is what approved leave did to the published roster of one month.
type leaveRosterChange struct {
	Month  string        `json:"month"`
	Impact gin.H         `json:"impact"`
	Final  bool          `json:"final"`            // the published roster shows the leave
	Roster *store.Roster `json:"roster,omitempty"` // the new published version with it
	// Repair is the repair solve queued: the leave breaks a HARD rule of the roster (it awaits the
	// repair), or the planner asked for one.
	Repair    *store.Roster `json:"repair,omitempty"`
	RepairJob gin.H         `json:"repair_job,omitempty"`
}

func (s *Server) approveLeave(c *gin.Context) {
	var b leaveDecisionBody
	ce, ok := s.decisionStart(c, &b)
	if !ok {
		return
	}
	seconds, around, err := repairOptions(b.TimeLimit, b.DaysAround)
	if err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	var l store.LeaveRequest
	var changes []leaveRosterChange
	err = s.decide(ctx, ce.ID, func(q *store.Queries, seq int64) error {
		var err error
		if l, err = q.Leave(ctx, ce.ID, c.Param("request")); err != nil {
			return err
		}
		if err := stillPending(l.Status); err != nil {
			return err
		}
		// The rules again (R10: other leave may have been approved since the request was filed).
		req := workflow.LeaveRequest{Agent: l.Agent, Type: l.Type, From: l.From, To: l.To, Reason: l.Reason,
			Emergency: l.Emergency, RequestedAt: s.requestedAt(l.RequestedAt), Handover: l.Handover}
		if _, err := s.checkLeave(ctx, q, ce, req); err != nil {
			return err
		}
		if err := q.DecideLeave(ctx, ce.ID, l.ID, store.RequestApproved, actor(c), b.Note, seq); err != nil {
			return err
		}
		if err := q.Audit(ctx, audit(c, ce.ID, "leave.approve", "leave", l.ID, gin.H{"agent": l.Agent, "type": l.Type,
			"from": l.From, "to": l.To, "approved_by": actor(c)})); err != nil {
			return err
		}
		changes, err = s.applyLeave(c, q, ce, req.Leave(), b.Repair, around, seconds, seq)
		return err
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"id": l.ID, "status": store.RequestApproved, "rosters": changes})
}

// applyLeave writes approved leave into the published roster of each month it touches: a new
// published version with the leave when that roster still keeps every HARD rule with it (the
// independent checker decides); otherwise the leave awaits its roster and a repair, built on the
// current version and carrying every leave of the month still waiting, is queued. repair asks for
// a repair of the days around the leave even when it is applied.
func (s *Server) applyLeave(c *gin.Context, q *store.Queries, ce store.Centre, l wfm.Leave, repair bool, around int, seconds float64,
	seq int64) ([]leaveRosterChange, error) {
	ctx := c.Request.Context()
	changes := []leaveRosterChange{}
	for _, month := range monthsOf(l.From, l.To) {
		src, err := q.PublishedRoster(ctx, ce.ID, month)
		if wfm.ErrorKind(err) == wfm.KindNotFound {
			continue // every solve of the month includes it, and publishing one taken earlier re-applies it
		}
		if err != nil {
			return nil, err
		}
		p, r, err := decodeRoster(src)
		if err != nil {
			return nil, err
		}
		imp, err := workflow.Impact(p, r, l)
		if err != nil {
			return nil, err
		}
		ch := leaveRosterChange{Month: month, Impact: gin.H{"shifts": imp.Shifts, "hours_removed": imp.HoursRemoved,
			"agent_intervals_lost": imp.AgentIntervalsLost, "new_shortfall": imp.NewShortfall,
			"only_leader_days": imp.OnlyLeaderDays, "only_minnan_days": imp.OnlyMinnanDays, "violations": imp.Violations}}
		base, leave := src, []wfm.Leave{l}
		if len(imp.Violations) == 0 {
			p, r = workflow.WithLeave(p, l), imp.Roster
			v, err := s.newVersion(ctx, q, src, p, r, actor(c), seq)
			if err != nil {
				return nil, err
			}
			if err := q.Audit(ctx, audit(c, ce.ID, "roster.leave", "roster", v.ID, gin.H{"from_version": src.ID, "leave": l})); err != nil {
				return nil, err
			}
			ch.Final, ch.Roster, base = true, &v, v
		} else {
			waiting, err := waitingLeave(ctx, q, ce.ID, p, r)
			if err != nil {
				return nil, err
			}
			leave = leave[:0]
			for _, w := range waiting {
				leave = append(leave, leaveOf(w))
			}
		}
		if repair || !ch.Final {
			ros, job, err := s.repairSolve(c, q, base, p, r, leave, around, seconds, seq)
			if err != nil {
				return nil, err
			}
			ch.Repair, ch.RepairJob = &ros, jobView(job)
		}
		changes = append(changes, ch)
	}
	return changes, nil
}

// requestedAt is when a stored request was made, on the server's clock. The store stamps a
// request with the wall clock when it is saved, which is the server's clock in production; a
// server running on its own clock (Config.Now) cannot have received the request after its own
// now, so a later stamp is taken as now. Without this an approval re-checked the notice (R6, R9)
// from the wall clock, not from the clock the request was accepted by.
func (s *Server) requestedAt(stamp time.Time) time.Time {
	if now := s.now(); stamp.IsZero() || stamp.After(now) {
		return now
	}
	return stamp
}

// Swap requests (R6).

type swapBody struct {
	AgentA string   `json:"agent_a"`
	DateA  wfm.Date `json:"date_a"`
	AgentB string   `json:"agent_b"`
	DateB  wfm.Date `json:"date_b"`
}

// swapContext loads, through q, what a swap is checked against: the published roster of its month
// and the swaps already approved in that month.
func (s *Server) swapContext(ctx context.Context, q *store.Queries, ce store.Centre, req workflow.SwapRequest) (store.Roster, *wfm.Problem, *wfm.Roster, map[string]int, *wfm.Calendar, error) {
	month := req.Earliest().String()[:7]
	src, err := q.PublishedRoster(ctx, ce.ID, month)
	if err != nil {
		return src, nil, nil, nil, nil, err
	}
	p, r, err := decodeRoster(src)
	if err != nil {
		return src, nil, nil, nil, nil, err
	}
	approved, err := q.Swaps(ctx, ce.ID, "", store.RequestApproved)
	if err != nil {
		return src, nil, nil, nil, nil, err
	}
	var reqs []workflow.SwapRequest
	for _, a := range approved {
		reqs = append(reqs, swapOf(a))
	}
	y, m := req.Month()
	cal, err := planning.Calendar(ce.Settings)
	return src, p, r, workflow.SwapsInMonth(reqs, y, m), cal, err
}

// checkSwap checks a swap through q against the month's published roster and the swaps approved
// (R6 and every HARD rule), and returns the roster it is checked on and the decision.
func (s *Server) checkSwap(ctx context.Context, q *store.Queries, ce store.Centre, req workflow.SwapRequest) (store.Roster, *wfm.Problem, workflow.SwapDecision, error) {
	src, p, r, counts, cal, err := s.swapContext(ctx, q, ce, req)
	if err != nil {
		return src, nil, workflow.SwapDecision{}, err
	}
	dec, err := workflow.CheckSwap(p, r, req, counts, cal)
	return src, p, dec, err
}

func (s *Server) requestSwap(c *gin.Context) {
	ce, err := s.centre(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var b swapBody
	if err := bind(c, &b); err != nil {
		s.fail(c, err)
		return
	}
	if t := who(c); t.Role == store.RoleAgent && t.AgentID != b.AgentA && t.AgentID != b.AgentB {
		s.fail(c, forbidden("an agent may request only swaps it takes part in"))
		return
	}
	ctx := c.Request.Context()
	req := workflow.SwapRequest{AgentA: b.AgentA, DateA: b.DateA, AgentB: b.AgentB, DateB: b.DateB, RequestedAt: s.now()}
	sw := store.SwapRequest{CentreID: ce.ID, AgentA: b.AgentA, DateA: b.DateA, AgentB: b.AgentB, DateB: b.DateB, RequestedBy: actor(c)}
	var dec workflow.SwapDecision
	err = s.decide(ctx, ce.ID, func(q *store.Queries, _ int64) error {
		var src store.Roster
		var err error
		if src, _, dec, err = s.checkSwap(ctx, q, ce, req); err != nil {
			return err
		}
		sw.RosterID = src.ID
		if err := q.CreateSwap(ctx, &sw); err != nil {
			return err
		}
		return q.Audit(ctx, audit(c, ce.ID, "swap.request", "swap", sw.ID, b))
	})
	if err != nil {
		s.fail(c, refusal(c, err))
		return
	}
	c.JSON(http.StatusCreated, gin.H{"request": sw, "changes": dec.Changes, "notice_working_days": dec.NoticeWorkingDays})
}

func (s *Server) listSwaps(c *gin.Context) {
	pg, err := readPage(c, defaultPage, maxPage)
	if err != nil {
		s.fail(c, err)
		return
	}
	if _, err := s.centre(c); err != nil {
		s.fail(c, err)
		return
	}
	agent := c.Query("agent")
	if isAgent(c) {
		agent = who(c).AgentID
	}
	list, err := s.store.Swaps(c.Request.Context(), c.Param("centre"), agent, c.Query("status"))
	if err != nil {
		s.fail(c, err)
		return
	}
	list, next, err := slicePage(list, pg, func(sw store.SwapRequest) string { return sw.ID })
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, pageBody("requests", list, next))
}

func (s *Server) approveSwap(c *gin.Context) {
	var b decisionBody
	ce, ok := s.decisionStart(c, &b)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	var sw store.SwapRequest
	var v store.Roster
	var dec workflow.SwapDecision
	err := s.decide(ctx, ce.ID, func(q *store.Queries, seq int64) error {
		var err error
		if sw, err = q.Swap(ctx, ce.ID, c.Param("request")); err != nil {
			return err
		}
		if err := stillPending(sw.Status); err != nil {
			return err
		}
		// The rules again, on the roster as it is now (other changes may have been made since), with
		// the request's own date for the notice.
		req := swapOf(sw)
		req.RequestedAt = s.requestedAt(sw.RequestedAt)
		src, p, d, err := s.checkSwap(ctx, q, ce, req)
		if err != nil {
			return err
		}
		dec = d
		if err := q.DecideSwap(ctx, ce.ID, sw.ID, store.RequestApproved, actor(c), b.Note, seq); err != nil {
			return err
		}
		if v, err = s.newVersion(ctx, q, src, p, dec.After, actor(c), seq); err != nil {
			return err
		}
		return q.Audit(ctx, audit(c, ce.ID, "swap.approve", "roster", v.ID, gin.H{"swap": sw.ID, "from_version": src.ID,
			"approved_by": actor(c), "requested_by": sw.RequestedBy, "changes": dec.Changes}))
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"id": sw.ID, "status": store.RequestApproved, "roster": v, "changes": dec.Changes})
}
