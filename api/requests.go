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
// Approval writes the leave into the month's published roster as a new version, reports the
// coverage lost, and, when asked or when the leave breaks a HARD rule of the roster, starts a repair
// solve of the affected days.

type leaveBody struct {
	Agent     string   `json:"agent"`
	Type      string   `json:"type"`
	From      wfm.Date `json:"from"`
	To        wfm.Date `json:"to"`
	Reason    string   `json:"reason"`
	Emergency bool     `json:"emergency"`
}

// centreProblem is the part of a problem leave and swap checks need: the centre's rules, agents
// and horizon-free data.
func (s *Server) centreProblem(ctx context.Context, ce store.Centre) (*wfm.Problem, *wfm.Calendar, error) {
	agents, err := s.store.Agents(ctx, ce.ID)
	if err != nil {
		return nil, nil, err
	}
	cal, err := planning.Calendar(ce.Settings)
	if err != nil {
		return nil, nil, err
	}
	return &wfm.Problem{Horizon: wfm.Horizon{Start: wfm.DateFromTime(s.now()), Days: 1, IntervalMinutes: ce.Settings.IntervalMinutes,
		TimeZone: ce.Settings.TimeZone}, Rules: ce.Settings.Rules, Agents: agents}, cal, nil
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
	p, cal, err := s.centreProblem(ctx, ce)
	if err != nil {
		s.fail(c, err)
		return
	}
	approved, err := s.approvedLeave(ctx, ce.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	req := workflow.LeaveRequest{Agent: b.Agent, Type: b.Type, From: b.From, To: b.To, Reason: b.Reason,
		Emergency: b.Emergency, RequestedAt: s.now()}
	dec, err := workflow.CheckLeave(p, approved, req, cal)
	if err != nil {
		s.fail(c, err)
		return
	}
	l := store.LeaveRequest{CentreID: ce.ID, Agent: b.Agent, Type: b.Type, From: b.From, To: b.To, Reason: b.Reason,
		Emergency: b.Emergency, Flags: dec.Flags, RequestedBy: actor(c)}
	err = s.store.InTx(ctx, func(q *store.Queries) error {
		if err := q.CreateLeave(ctx, &l); err != nil {
			return err
		}
		return q.Audit(ctx, audit(c, ce.ID, "leave.request", "leave", l.ID, gin.H{"agent": l.Agent, "type": l.Type,
			"from": l.From, "to": l.To, "emergency": l.Emergency}))
	})
	if err != nil {
		s.fail(c, err)
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
	for i := range list {
		list[i] = redactLeave(c, list[i])
	}
	c.JSON(http.StatusOK, gin.H{"requests": list})
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

type decisionBody struct {
	Note   string `json:"note"`
	Repair bool   `json:"repair"` // leave: also start a repair solve of the affected days
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

// decisionStart reads what every approval needs: the centre and the optional decision body. When
// it fails it has answered, and ok is false.
func (s *Server) decisionStart(c *gin.Context) (ce store.Centre, b decisionBody, ok bool) {
	ce, err := s.centre(c)
	if err == nil && c.Request.ContentLength != 0 {
		err = bind(c, &b)
	}
	if err != nil {
		s.fail(c, err)
		return ce, b, false
	}
	return ce, b, true
}

// stillPending refuses to decide a request twice.
func stillPending(status string) error {
	if status != store.RequestPending {
		return &wfm.Error{Kind: wfm.KindConflict, Message: "the request was already " + status}
	}
	return nil
}

func (s *Server) approveLeave(c *gin.Context) {
	ce, b, ok := s.decisionStart(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	l, err := s.store.Leave(ctx, ce.ID, c.Param("request"))
	if err != nil {
		s.fail(c, err)
		return
	}
	if err := stillPending(l.Status); err != nil {
		s.fail(c, err)
		return
	}
	// The rules again (R10: other leave may have been approved since the request was filed).
	p, cal, err := s.centreProblem(ctx, ce)
	if err != nil {
		s.fail(c, err)
		return
	}
	approved, err := s.approvedLeave(ctx, ce.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	req := workflow.LeaveRequest{Agent: l.Agent, Type: l.Type, From: l.From, To: l.To, Reason: l.Reason,
		Emergency: l.Emergency, RequestedAt: s.requestedAt(l.RequestedAt)}
	if _, err := workflow.CheckLeave(p, approved, req, cal); err != nil {
		s.fail(c, err)
		return
	}
	leave := req.Leave()
	out := gin.H{}
	err = s.store.InTx(ctx, func(q *store.Queries) error {
		if err := q.DecideLeave(ctx, ce.ID, l.ID, store.RequestApproved, actor(c), b.Note, 0); err != nil {
			return err
		}
		if err := q.Audit(ctx, audit(c, ce.ID, "leave.approve", "leave", l.ID, gin.H{"agent": l.Agent, "type": l.Type,
			"from": l.From, "to": l.To, "approved_by": actor(c)})); err != nil {
			return err
		}
		return s.applyLeave(c, q, ce, leave, b.Repair, out)
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	out["id"], out["status"] = l.ID, store.RequestApproved
	c.JSON(http.StatusOK, out)
}

// applyLeave writes approved leave into the published roster of each month it touches: a new
// version with the leave, the impact in out; a repair solve when asked or when the leave leaves
// the roster breaking a HARD rule.
func (s *Server) applyLeave(c *gin.Context, q *store.Queries, ce store.Centre, l wfm.Leave, repair bool, out gin.H) error {
	ctx := c.Request.Context()
	impacts := []gin.H{}
	for _, month := range monthsOf(l.From, l.To) {
		src, err := q.PublishedRoster(ctx, ce.ID, month)
		if wfm.ErrorKind(err) == wfm.KindNotFound {
			continue
		}
		if err != nil {
			return err
		}
		p, r, err := decodeRoster(src)
		if err != nil {
			return err
		}
		imp, err := workflow.Impact(p, r, l)
		if err != nil {
			return err
		}
		np := *p
		np.Leave = append(append([]wfm.Leave(nil), p.Leave...), l)
		entry := gin.H{"month": month, "impact": gin.H{"shifts": imp.Shifts, "hours_removed": imp.HoursRemoved,
			"agent_intervals_lost": imp.AgentIntervalsLost, "new_shortfall": imp.NewShortfall,
			"only_leader_days": imp.OnlyLeaderDays, "only_minnan_days": imp.OnlyMinnanDays, "violations": imp.Violations}}
		if len(imp.Violations) == 0 {
			v, err := s.newVersion(ctx, q, src, &np, imp.Roster, actor(c))
			if err != nil {
				return err
			}
			entry["roster"] = v
			if err := q.Audit(ctx, audit(c, ce.ID, "roster.leave", "roster", v.ID, gin.H{"from_version": src.ID, "leave": l})); err != nil {
				return err
			}
		}
		if repair || len(imp.Violations) > 0 {
			job, err := s.repairSolve(c, q, src, &np, r, l.From, l.To)
			if err != nil {
				return err
			}
			entry["repair_job"] = jobView(job)
		}
		impacts = append(impacts, entry)
	}
	out["rosters"] = impacts
	return nil
}

// repairSolve queues a solve of the roster with every agent-day outside [from−1, to+1] fixed as it
// is: a new draft version the planner can publish.
func (s *Server) repairSolve(c *gin.Context, q *store.Queries, src store.Roster, p *wfm.Problem, r *wfm.Roster, from, to wfm.Date) (store.Job, error) {
	ctx := c.Request.Context()
	np := *p
	np.Fixed = append([]wfm.Fixed(nil), p.Fixed...)
	for _, sch := range r.Schedules {
		for _, d := range sch.Days {
			if d.Date >= from.AddDays(-1) && d.Date <= to.AddDays(1) || d.Leave != "" {
				continue
			}
			shift := d.Shift
			if shift == "" {
				shift = wfm.Off
			}
			np.Fixed = append(np.Fixed, wfm.Fixed{Agent: sch.Agent, Date: d.Date, Shift: shift})
		}
	}
	body, err := jsonString(&np)
	if err != nil {
		return store.Job{}, err
	}
	ros := store.Roster{CentreID: src.CentreID, Month: src.Month, Status: store.RosterQueued, Problem: body,
		CreatedBy: actor(c), ParentID: src.ID}
	if err := q.CreateRoster(ctx, &ros); err != nil {
		return store.Job{}, err
	}
	job := store.Job{RosterID: ros.ID, MaxAttempts: defaultAttempts, TimeLimit: 30_000, Seed: 1}
	if err := q.CreateJob(ctx, &job); err != nil {
		return job, err
	}
	if err := s.queue.Enqueue(ctx, q, job); err != nil {
		return job, err
	}
	return job, q.Audit(ctx, audit(c, src.CentreID, "roster.repair", "roster", ros.ID, gin.H{"from_version": src.ID,
		"free_from": from.AddDays(-1), "free_to": to.AddDays(1)}))
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

// swapContext loads what a swap is checked against: the published roster of its month and the
// swaps already approved in that month.
func (s *Server) swapContext(ctx context.Context, ce store.Centre, req workflow.SwapRequest) (store.Roster, *wfm.Problem, *wfm.Roster, map[string]int, *wfm.Calendar, error) {
	month := req.Earliest().String()[:7]
	src, err := s.store.PublishedRoster(ctx, ce.ID, month)
	if err != nil {
		return src, nil, nil, nil, nil, err
	}
	p, r, err := decodeRoster(src)
	if err != nil {
		return src, nil, nil, nil, nil, err
	}
	approved, err := s.store.Swaps(ctx, ce.ID, "", store.RequestApproved)
	if err != nil {
		return src, nil, nil, nil, nil, err
	}
	var reqs []workflow.SwapRequest
	for _, a := range approved {
		reqs = append(reqs, workflow.SwapRequest{AgentA: a.AgentA, DateA: a.DateA, AgentB: a.AgentB, DateB: a.DateB})
	}
	y, m := req.Month()
	cal, err := planning.Calendar(ce.Settings)
	return src, p, r, workflow.SwapsInMonth(reqs, y, m), cal, err
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
	src, p, r, counts, cal, err := s.swapContext(ctx, ce, req)
	if err != nil {
		s.fail(c, err)
		return
	}
	dec, err := workflow.CheckSwap(p, r, req, counts, cal)
	if err != nil {
		s.fail(c, err)
		return
	}
	sw := store.SwapRequest{CentreID: ce.ID, RosterID: src.ID, AgentA: b.AgentA, DateA: b.DateA, AgentB: b.AgentB,
		DateB: b.DateB, RequestedBy: actor(c)}
	err = s.store.InTx(ctx, func(q *store.Queries) error {
		if err := q.CreateSwap(ctx, &sw); err != nil {
			return err
		}
		return q.Audit(ctx, audit(c, ce.ID, "swap.request", "swap", sw.ID, b))
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"request": sw, "changes": dec.Changes, "notice_working_days": dec.NoticeWorkingDays})
}

func (s *Server) listSwaps(c *gin.Context) {
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
	c.JSON(http.StatusOK, gin.H{"requests": list})
}

func (s *Server) approveSwap(c *gin.Context) {
	ce, b, ok := s.decisionStart(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	sw, err := s.store.Swap(ctx, ce.ID, c.Param("request"))
	if err != nil {
		s.fail(c, err)
		return
	}
	if err := stillPending(sw.Status); err != nil {
		s.fail(c, err)
		return
	}
	// The rules again, on the roster as it is now (other changes may have been made since), with
	// the request's own date for the notice.
	req := workflow.SwapRequest{AgentA: sw.AgentA, DateA: sw.DateA, AgentB: sw.AgentB, DateB: sw.DateB,
		RequestedAt: s.requestedAt(sw.RequestedAt)}
	src, p, r, counts, cal, err := s.swapContext(ctx, ce, req)
	if err != nil {
		s.fail(c, err)
		return
	}
	dec, err := workflow.CheckSwap(p, r, req, counts, cal)
	if err != nil {
		s.fail(c, err)
		return
	}
	var v store.Roster
	err = s.store.InTx(ctx, func(q *store.Queries) error {
		if err := q.DecideSwap(ctx, ce.ID, sw.ID, store.RequestApproved, actor(c), b.Note, 0); err != nil {
			return err
		}
		if v, err = s.newVersion(ctx, q, src, p, dec.After, actor(c)); err != nil {
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
