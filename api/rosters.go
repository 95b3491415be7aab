package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"wfm"
	"wfm/jobs"
	"wfm/planning"
	"wfm/report"
	"wfm/solver"
	"wfm/solver/validate"
	"wfm/store"
	"wfm/workflow"
)

// Solve defaults and bounds.
const (
	defaultSolveSeconds = 60
	maxSolveSeconds     = 3600
	defaultAttempts     = 3
)

// rosterBody starts a solve: for a month from the centre's data (with a stored forecast's demand,
// or a forecast made now from the history), or for a problem given in full.
type rosterBody struct {
	Month       string          `json:"month"`
	Forecast    string          `json:"forecast_id"`
	Problem     json.RawMessage `json:"problem"`
	TimeLimit   float64         `json:"time_limit_s"`
	Seed        int64           `json:"seed"`
	MaxAttempts int             `json:"max_attempts"`
}

func (s *Server) createRoster(c *gin.Context) {
	ce, err := s.centre(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var b rosterBody
	if err := bind(c, &b); err != nil {
		s.fail(c, err)
		return
	}
	if b.TimeLimit == 0 {
		b.TimeLimit = defaultSolveSeconds
	}
	if !(b.TimeLimit >= 1 && b.TimeLimit <= maxSolveSeconds) {
		s.fail(c, invalid("time_limit_s", "must be between 1 and %d seconds", maxSolveSeconds))
		return
	}
	if b.MaxAttempts == 0 {
		b.MaxAttempts = defaultAttempts
	}
	if b.MaxAttempts < 1 || b.MaxAttempts > 10 {
		s.fail(c, invalid("max_attempts", "must be between 1 and 10"))
		return
	}
	ctx := c.Request.Context()
	// Every approval numbered up to seq is in the stored data the problem is read from; those
	// decided later are re-applied when the roster is published.
	seq, err := s.store.DecisionSeq(ctx, ce.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	var p *wfm.Problem
	var prev *previousView
	switch {
	case len(b.Problem) > 0:
		p, err = wfm.ReadProblem(bytes.NewReader(b.Problem), "problem")
	case b.Month != "":
		p, prev, err = s.chainedMonthProblem(ctx, ce, b.Month, b.Forecast)
	default:
		err = invalid("month", "give a month (YYYY-MM) or a problem")
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	month := p.Horizon.Start.String()[:7]
	ros, job, err := s.enqueueSolve(c, ce.ID, month, p, seq, b.TimeLimit, b.Seed, b.MaxAttempts)
	if err != nil {
		s.fail(c, err)
		return
	}
	reply := gin.H{"roster": ros, "job": jobView(job)}
	if prev != nil {
		reply["previous"] = prev
	}
	c.JSON(http.StatusAccepted, reply)
}

// enqueueSolve stores a roster version for p, taken at decision number seq, and its solve job, and
// hands the job to the engine, all in one transaction: either the request is durable or it did not
// happen.
func (s *Server) enqueueSolve(c *gin.Context, centre, month string, p *wfm.Problem, seq int64, seconds float64, seed int64, attempts int) (store.Roster, store.Job, error) {
	body, err := json.Marshal(p)
	if err != nil {
		return store.Roster{}, store.Job{}, err
	}
	ros := store.Roster{CentreID: centre, Month: month, Status: store.RosterQueued, Kind: store.KindSolve, Problem: string(body),
		CreatedBy: actor(c), TakenSeq: seq}
	job := store.Job{MaxAttempts: attempts, TimeLimit: int64(seconds * 1000), Seed: seed}
	ctx := c.Request.Context()
	err = s.store.InTx(ctx, func(q *store.Queries) error {
		if err := q.CreateRoster(ctx, &ros); err != nil {
			return err
		}
		job.RosterID = ros.ID
		if err := q.CreateJob(ctx, &job); err != nil {
			return err
		}
		if err := s.queue.Enqueue(ctx, q, job); err != nil {
			return err
		}
		return q.Audit(ctx, audit(c, centre, "roster.solve", "roster", ros.ID, gin.H{"month": month, "job": job.ID,
			"time_limit_s": seconds}))
	})
	return ros, job, err
}

// monthProblem builds the roster problem of a month from the centre's stored data.
func (s *Server) monthProblem(ctx context.Context, ce store.Centre, month, forecastID string) (*wfm.Problem, error) {
	start, days, err := planning.Month(month)
	if err != nil {
		return nil, err
	}
	agents, err := s.store.Agents(ctx, ce.ID)
	if err != nil {
		return nil, err
	}
	shifts, err := s.store.Shifts(ctx, ce.ID)
	if err != nil {
		return nil, err
	}
	if len(agents) == 0 || len(shifts) == 0 {
		return nil, &wfm.Error{Kind: wfm.KindConflict, Field: "agents", Message: "the centre needs agents and shift templates before a roster"}
	}
	leave, err := approvedLeave(ctx, &s.store.Queries, ce.ID)
	if err != nil {
		return nil, err
	}
	var demand *wfm.Demand
	if forecastID != "" {
		doc, err := s.forecastDoc(ctx, ce.ID, forecastID)
		if err != nil {
			return nil, err
		}
		want := wfm.Grid{Start: start, Days: days, Step: ce.Settings.IntervalMinutes}
		if doc.Grid != want {
			return nil, &wfm.Error{Kind: wfm.KindConflict, Field: "forecast_id", Message: "the forecast covers " +
				doc.Grid.Start.String() + " for " + strconv.Itoa(doc.Grid.Days) + " days at " + strconv.Itoa(doc.Grid.Step) + " min, not the month " + month}
		}
		demand = doc.Demand
	} else {
		h, err := s.loadHistory(ctx, ce.ID)
		if err != nil {
			return nil, err
		}
		_, plan, err := planning.Forecast(ctx, ce.Settings, h, start, days, "auto")
		if err != nil {
			return nil, err
		}
		if demand, err = plan.Demand(); err != nil {
			return nil, err
		}
	}
	return planning.Problem(ce.Settings, start, days, planning.Staff{Agents: agents, Shifts: shifts, Leave: leave}, demand)
}

// approvedLeave lists a centre's approved leave, read through q.
func approvedLeave(ctx context.Context, q *store.Queries, centre string) ([]wfm.Leave, error) {
	reqs, err := q.Leaves(ctx, centre, "", store.RequestApproved)
	if err != nil {
		return nil, err
	}
	out := make([]wfm.Leave, len(reqs))
	for i, r := range reqs {
		out[i] = leaveOf(r)
	}
	return out, nil
}

func (s *Server) listRosters(c *gin.Context) {
	pg, err := readPage(c, defaultPage, maxPage)
	if err != nil {
		s.fail(c, err)
		return
	}
	if _, err := s.centre(c); err != nil {
		s.fail(c, err)
		return
	}
	list, err := s.store.Rosters(c.Request.Context(), c.Param("centre"))
	if err != nil {
		s.fail(c, err)
		return
	}
	if isAgent(c) { // agents see published rosters only
		pub := list[:0]
		for _, r := range list {
			if r.Status == store.RosterPublished {
				pub = append(pub, r)
			}
		}
		list = pub
	}
	list, next, err := slicePage(list, pg, func(r store.Roster) string { return r.ID })
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, pageBody("rosters", list, next))
}

// loadRoster reads a roster version with its problem and, when solved, its roster.
func (s *Server) loadRoster(c *gin.Context) (store.Roster, *wfm.Problem, *wfm.Roster, error) {
	ros, err := s.store.Roster(c.Request.Context(), c.Param("centre"), c.Param("roster"))
	if err != nil {
		return ros, nil, nil, err
	}
	if isAgent(c) && ros.Status != store.RosterPublished {
		return ros, nil, nil, notFoundErr("roster " + ros.ID)
	}
	var p wfm.Problem
	if err := json.Unmarshal([]byte(ros.Problem), &p); err != nil {
		return ros, nil, nil, err
	}
	if ros.Roster == "" {
		return ros, &p, nil, nil
	}
	var r wfm.Roster
	if err := json.Unmarshal([]byte(ros.Roster), &r); err != nil {
		return ros, nil, nil, err
	}
	return ros, &p, &r, nil
}

// solvedRoster is loadRoster for a roster that must be solved.
func (s *Server) solvedRoster(c *gin.Context) (store.Roster, *wfm.Problem, *wfm.Roster, error) {
	ros, p, r, err := s.loadRoster(c)
	if err == nil && r == nil {
		err = &wfm.Error{Kind: wfm.KindConflict, Message: "roster " + ros.ID + " is " + ros.Status + ", not solved"}
	}
	return ros, p, r, err
}

func (s *Server) getRoster(c *gin.Context) {
	ros, _, r, err := s.loadRoster(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := gin.H{"roster": ros}
	if r != nil {
		if isAgent(c) {
			r = redactRoster(r, who(c).AgentID)
		}
		out["schedule"] = r
	}
	if !isAgent(c) {
		if job, err := s.store.JobForRoster(c.Request.Context(), ros.ID); err == nil {
			out["job"] = jobView(job)
		}
	}
	c.JSON(http.StatusOK, out)
}

// redactRoster is the team roster an agent may read (R20): every colleague's shifts, but leave
// shown only as "leave" and none of the solver's internals.
func redactRoster(r *wfm.Roster, self string) *wfm.Roster {
	out := &wfm.Roster{Horizon: r.Horizon, Schedules: make([]wfm.AgentSchedule, len(r.Schedules))}
	for i, sch := range r.Schedules {
		days := make([]wfm.DaySchedule, len(sch.Days))
		copy(days, sch.Days)
		if sch.Agent != self {
			for k := range days {
				if days[k].Leave != "" {
					days[k].Leave = "leave"
				}
			}
		}
		out.Schedules[i] = wfm.AgentSchedule{Agent: sch.Agent, Days: days}
	}
	return out
}

// jobView is a job as the API shows it, with its progress document and whether its worker has
// gone quiet.
func jobView(j store.Job) gin.H {
	var progress jobs.Progress
	json.Unmarshal([]byte(j.Progress), &progress)
	stale := j.Status == store.JobRunning && j.HeartbeatAt != nil && time.Since(*j.HeartbeatAt) > 10*jobs.HeartbeatEvery
	return gin.H{"id": j.ID, "status": j.Status, "attempts": j.Attempts, "max_attempts": j.MaxAttempts,
		"time_limit_ms": j.TimeLimit, "worker": j.Worker, "error": j.Error, "cancel_requested": j.Cancel,
		"progress": progress, "worker_silent": stale, "created_at": j.CreatedAt, "started_at": j.StartedAt,
		"heartbeat_at": j.HeartbeatAt, "finished_at": j.FinishedAt}
}

func (s *Server) getJob(c *gin.Context) {
	ros, err := s.store.Roster(c.Request.Context(), c.Param("centre"), c.Param("roster"))
	if err != nil {
		s.fail(c, err)
		return
	}
	job, err := s.store.JobForRoster(c.Request.Context(), ros.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, jobView(job))
}

func (s *Server) cancelJob(c *gin.Context) {
	ctx := c.Request.Context()
	ros, err := s.store.Roster(ctx, c.Param("centre"), c.Param("roster"))
	if err != nil {
		s.fail(c, err)
		return
	}
	job, err := s.store.JobForRoster(ctx, ros.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	if job.Status != store.JobQueued && job.Status != store.JobRunning {
		s.fail(c, &wfm.Error{Kind: wfm.KindConflict, Message: "the job is " + job.Status + "; only a queued or running job can be cancelled"})
		return
	}
	err = s.store.InTx(ctx, func(q *store.Queries) error {
		j, err := q.RequestCancel(ctx, job.ID)
		if err != nil {
			return err
		}
		if j.Status == store.JobCancelled {
			if err := q.SetRosterStatus(ctx, ros.ID, store.RosterCancelled, store.RosterQueued); err != nil {
				return err
			}
		}
		job = j
		return q.Audit(ctx, audit(c, ros.CentreID, "roster.cancel", "roster", ros.ID, gin.H{"job": job.ID}))
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusAccepted, jobView(job))
}

// publishedReply is a publish's answer: the version now published, the approvals re-applied onto
// the draft, and the leave still waiting for its roster.
type publishedReply struct {
	store.Roster
	Reapplied []approvalRef `json:"reapplied"`
	Awaiting  []approvalRef `json:"awaiting"`
}

// publishRoster publishes a solved draft. The approvals decided after the draft's problem was
// taken are re-applied onto it (monthApprovals, workflow.Reapply); when any is, or when a newer
// version is published already, the result is published as a new version (the draft is then
// superseded), so that the month's roster is always its latest published version. An approval
// the current roster shows and the draft cannot take refuses the publish with 409, naming it;
// leave already waiting for its roster may stay waiting.
func (s *Server) publishRoster(c *gin.Context) {
	ctx := c.Request.Context()
	ros, p, r, err := s.solvedRoster(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	if rep := validate.Check(p, r); !rep.OK() {
		s.fail(c, &ruleErr{err: &wfm.Error{Kind: wfm.KindRule, Rule: rep.Violations[0].Rule,
			Message: "the roster breaks HARD rules and cannot be published"}, violations: rep.Violations})
		return
	}
	var out publishedReply
	err = s.decide(ctx, ros.CentreID, func(q *store.Queries, seq int64) error {
		var err error
		if ros, err = q.Roster(ctx, ros.CentreID, ros.ID); err != nil {
			return err
		}
		if ros.Status != store.RosterDraft {
			return &wfm.Error{Kind: wfm.KindConflict, Message: fmt.Sprintf("only a solved draft can be published; roster %s is %s", ros.ID, ros.Status)}
		}
		base, err := publishable(ctx, q, ros, p)
		if err != nil {
			return err
		}
		approvals, err := monthApprovals(ctx, q, ros.CentreID, p.Horizon, ros.TakenSeq)
		if err != nil {
			return err
		}
		re, err := workflow.Reapply(base, r, approvals)
		if err != nil {
			return err
		}
		cur, err := q.PublishedRoster(ctx, ros.CentreID, ros.Month)
		hasCur := err == nil
		if err != nil && wfm.ErrorKind(err) != wfm.KindNotFound {
			return err
		}
		var lost []workflow.Refusal
		var waiting []workflow.Approval
		for _, f := range re.Refused {
			if f.Approval.Leave != nil && hasCur && !curShows(cur, *f.Approval.Leave) {
				waiting = append(waiting, f.Approval)
			} else {
				lost = append(lost, f)
			}
		}
		if len(lost) > 0 {
			return refusedErr(ros, lost)
		}
		published := ros
		if len(re.Applied) > 0 || len(base.Fixed) != len(p.Fixed) || hasCur && cur.Version > ros.Version {
			if published, err = s.storeVersion(ctx, q, ros, re.Problem, re.Roster, store.KindChange, seq, actor(c)); err != nil {
				return err
			}
			if err := q.SupersedeRoster(ctx, ros.ID); err != nil {
				return err
			}
		}
		if err := q.PublishRoster(ctx, published.ID, actor(c)); err != nil {
			return err
		}
		if published, err = q.Roster(ctx, published.CentreID, published.ID); err != nil {
			return err
		}
		out = publishedReply{Roster: published, Reapplied: refsOf(re.Applied), Awaiting: refsOf(waiting)}
		return q.Audit(ctx, audit(c, ros.CentreID, "roster.publish", "roster", published.ID, gin.H{"month": ros.Month,
			"version": published.Version, "draft": ros.ID, "reapplied": out.Reapplied, "awaiting": out.Awaiting}))
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, out)
}

// curShows reports whether the published version cur shows leave l; a version that cannot be read
// shows nothing.
func curShows(cur store.Roster, l wfm.Leave) bool {
	p, r, err := decodeRoster(cur)
	return err == nil && workflow.LeaveShown(p, r, l)
}

// publishable is the problem a draft is published with: p itself, or for a repair (a draft made
// from a published version, or from such a draft) p without the fixed days the repair solved
// with, only those of the published version it was built on kept.
func publishable(ctx context.Context, q *store.Queries, ros store.Roster, p *wfm.Problem) (*wfm.Problem, error) {
	for id := ros.ParentID; id != ""; {
		parent, err := q.Roster(ctx, ros.CentreID, id)
		if err != nil {
			return nil, err
		}
		if parent.Status != store.RosterPublished {
			id = parent.ParentID
			continue
		}
		var pp wfm.Problem
		if err := json.Unmarshal([]byte(parent.Problem), &pp); err != nil {
			return nil, err
		}
		base := make(map[wfm.Fixed]bool, len(pp.Fixed))
		for _, f := range pp.Fixed {
			base[f] = true
		}
		out := *p
		out.Fixed = slices.DeleteFunc(slices.Clone(p.Fixed), func(f wfm.Fixed) bool { return !base[f] })
		return &out, nil
	}
	return p, nil
}

func (s *Server) exportRoster(c *gin.Context) {
	_, p, r, err := s.solvedRoster(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var b bytes.Buffer
	if err := report.WriteCSV(&b, report.Input{Problem: p, Roster: r, Check: validate.Check(p, r), Generated: s.now()}); err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="roster-`+c.Param("roster")+`.csv"`)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", b.Bytes())
}

// newVersion stores a changed copy of a roster as its next version, with the status of the
// source (a change to a published roster is published at once: it went through the rules and is
// audited), and returns it. seq is the decision number the caller holds (store.LockDecisions): a
// published change is taken at it; a changed draft keeps its source's.
func (s *Server) newVersion(ctx context.Context, q *store.Queries, src store.Roster, p *wfm.Problem, r *wfm.Roster, by string, seq int64) (store.Roster, error) {
	if src.Status != store.RosterPublished {
		return s.storeVersion(ctx, q, src, p, r, src.Kind, src.TakenSeq, by)
	}
	// A change to a published roster must start from the month's current version: one made from
	// an older version would drop every change published since (a lost update).
	if err := isCurrent(ctx, q, src); err != nil {
		return store.Roster{}, err
	}
	v, err := s.storeVersion(ctx, q, src, p, r, store.KindChange, seq, by)
	if err != nil {
		return v, err
	}
	if err := q.PublishRoster(ctx, v.ID, by); err != nil {
		return v, err
	}
	v.Status = store.RosterPublished
	return v, nil
}

// storeVersion stores problem p and roster r as a draft version made from src.
func (s *Server) storeVersion(ctx context.Context, q *store.Queries, src store.Roster, p *wfm.Problem, r *wfm.Roster, kind string, seq int64, by string) (store.Roster, error) {
	pb, err := json.Marshal(p)
	if err != nil {
		return store.Roster{}, err
	}
	rb, err := json.Marshal(r)
	if err != nil {
		return store.Roster{}, err
	}
	obj := r.Objective.Total
	v := store.Roster{CentreID: src.CentreID, Month: src.Month, ParentID: src.ID, Status: store.RosterDraft, Kind: kind,
		TakenSeq: seq, Problem: string(pb), Roster: string(rb), Objective: &obj, CreatedBy: by}
	return v, q.CreateRoster(ctx, &v)
}

// replanBody asks for an intraday re-plan (R5).
type replanBody struct {
	Date      wfm.Date    `json:"date"`
	From      wfm.Clock   `json:"from"`
	Factor    float64     `json:"factor"`
	ShiftMove int         `json:"shift_move_minutes"`
	Demand    *wfm.Demand `json:"demand"`
}

func (s *Server) replan(c *gin.Context) {
	ros, p, r, err := s.solvedRoster(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var b replanBody
	if err := bind(c, &b); err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	res, err := solver.Replan(ctx, p, r, solver.ReplanRequest{Date: b.Date, From: b.From, Factor: b.Factor,
		ShiftMove: b.ShiftMove, Demand: b.Demand}, solver.Options{Seed: 1})
	if err != nil {
		s.fail(c, err)
		return
	}
	np := *p
	np.Demand = res.Demand
	var v store.Roster
	err = s.decide(ctx, ros.CentreID, func(q *store.Queries, seq int64) error {
		var err error
		if v, err = s.newVersion(ctx, q, ros, &np, res.Roster, actor(c), seq); err != nil {
			return err
		}
		return q.Audit(ctx, audit(c, ros.CentreID, "roster.replan", "roster", v.ID, gin.H{"from_version": ros.ID,
			"request": b, "changes": res.Changes, "before": res.Before, "after": res.After}))
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"roster": v, "changes": res.Changes, "cost_before": res.Before, "cost_after": res.After})
}

// whatIfRoster projects the service level of a solved roster under a changed forecast: the calls
// and handling time of its demand scaled by the factors, against the agents it has on the phones
// after the demand's shrinkage (as the report projects it).
func (s *Server) whatIfRoster(c *gin.Context) {
	_, p, r, err := s.solvedRoster(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var b struct {
		VolumeFactor *float64 `json:"volume_factor"`
		AHTFactor    *float64 `json:"aht_factor"`
	}
	if err := bind(c, &b); err != nil {
		s.fail(c, err)
		return
	}
	volume, aht, err := factors(b.VolumeFactor, b.AHTFactor)
	if err != nil {
		s.fail(c, err)
		return
	}
	if p.Demand == nil || p.Demand.Calls == nil || p.Demand.AHT == nil || r.Coverage == nil {
		s.fail(c, &wfm.Error{Kind: wfm.KindConflict, Message: "the roster's demand carries no calls and handling times to project"})
		return
	}
	ce, err := s.centre(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	d := *p.Demand
	d.AnswerWithin = ce.Settings.AnswerWithin // the centre's target (R17), not a fixed 10 s
	sl, _ := solver.ProjectedServiceLevels(&d, r.Coverage.OnPhones, volume, aht)
	calls, answered := 0.0, 0.0
	for i := range sl {
		calls += p.Demand.Calls[i] * volume
		answered += sl[i] * p.Demand.Calls[i] * volume
	}
	overall := 1.0
	if calls > 0 {
		overall = answered / calls
	}
	c.JSON(http.StatusOK, gin.H{"service_level": overall, "intervals": sl, "grid": p.Horizon.Grid()})
}

// agentSchedule returns one agent's days in the latest published roster of a month.
func (s *Server) agentSchedule(c *gin.Context) {
	agent := c.Param("agent")
	if err := ownOnly(c, agent); err != nil {
		s.fail(c, err)
		return
	}
	month := c.Query("month")
	if _, _, err := planning.Month(month); err != nil {
		s.fail(c, err)
		return
	}
	ros, err := s.store.PublishedRoster(c.Request.Context(), c.Param("centre"), month)
	if err != nil {
		s.fail(c, err)
		return
	}
	var r wfm.Roster
	if err := json.Unmarshal([]byte(ros.Roster), &r); err != nil {
		s.fail(c, err)
		return
	}
	for _, sch := range r.Schedules {
		if sch.Agent == agent {
			c.JSON(http.StatusOK, gin.H{"roster": ros.ID, "version": ros.Version, "agent": agent, "days": sch.Days})
			return
		}
	}
	s.fail(c, notFoundErr("agent "+agent+" in roster "+ros.ID))
}
