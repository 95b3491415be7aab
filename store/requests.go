package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"wfm"
)

// The statuses of leave and swap requests.
const (
	RequestPending  = "pending"
	RequestApproved = "approved"
	RequestRejected = "rejected"
)

// LeaveRequest is an agent's leave request and the planner's decision (R9, R10).
type LeaveRequest struct {
	ID          string     `json:"id" db:"id"`
	CentreID    string     `json:"centre_id" db:"centre_id"`
	Agent       string     `json:"agent" db:"agent_id"`
	Type        string     `json:"type" db:"type"`
	From        wfm.Date   `json:"from" db:"date_from"`
	To          wfm.Date   `json:"to" db:"date_to"`
	Reason      string     `json:"reason,omitempty" db:"reason"`
	Emergency   bool       `json:"emergency" db:"emergency"`
	Flags       []string   `json:"flags,omitempty" db:"-"`
	Status      string     `json:"status" db:"status"`
	RequestedBy string     `json:"requested_by" db:"requested_by"`
	RequestedAt time.Time  `json:"requested_at" db:"-"`
	DecidedBy   string     `json:"decided_by,omitempty" db:"-"`
	DecidedAt   *time.Time `json:"decided_at,omitempty" db:"-"`
	Note        string     `json:"note,omitempty" db:"note"`
	// Handover is the hall posts' handover given with the request (R24), kept with its approval.
	Handover *wfm.Handover `json:"handover,omitempty" db:"-"`
	// DecidedSeq is the centre's decision number of the approval (store.LockDecisions); 0 when
	// pending, rejected, or approved before decisions were numbered.
	DecidedSeq int64 `json:"-" db:"-"`
}

type leaveRow struct {
	LeaveRequest
	FlagsText   string         `db:"flags"`
	Handover    string         `db:"handover"`
	RequestedAt string         `db:"requested_at"`
	DecidedBy   sql.NullString `db:"decided_by"`
	DecidedAt   sql.NullString `db:"decided_at"`
	DecidedSeq  sql.NullInt64  `db:"decided_seq"`
}

func (r leaveRow) request() LeaveRequest {
	l := r.LeaveRequest
	json.Unmarshal([]byte(r.FlagsText), &l.Flags)
	if r.Handover != "" {
		l.Handover = new(wfm.Handover)
		json.Unmarshal([]byte(r.Handover), l.Handover)
	}
	l.RequestedAt, l.DecidedBy, l.DecidedAt = parseStamp(r.RequestedAt), r.DecidedBy.String, optStamp(r.DecidedAt)
	l.DecidedSeq = r.DecidedSeq.Int64
	return l
}

// CreateLeave stores a pending leave request.
func (q *Queries) CreateLeave(ctx context.Context, l *LeaveRequest) error {
	l.ID, l.Status, l.RequestedAt = NewID(), RequestPending, time.Now().UTC()
	flags, _ := json.Marshal(l.Flags)
	handover := ""
	if l.Handover != nil {
		b, _ := json.Marshal(l.Handover)
		handover = string(b)
	}
	_, err := q.exec(ctx, `INSERT INTO leave_requests (id, centre_id, agent_id, type, date_from, date_to, reason, emergency, flags,
		handover, status, requested_by, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		l.ID, l.CentreID, l.Agent, l.Type, int(l.From), int(l.To), l.Reason, l.Emergency, string(flags), handover, l.Status,
		l.RequestedBy, stamp(l.RequestedAt))
	return mapErr(err, "leave request", l.ID)
}

// Leave returns one leave request of a centre.
func (q *Queries) Leave(ctx context.Context, centre, id string) (LeaveRequest, error) {
	var r leaveRow
	if err := q.get(ctx, &r, `SELECT * FROM leave_requests WHERE centre_id = ? AND id = ?`, centre, id); err != nil {
		return LeaveRequest{}, mapErr(err, "leave request", id)
	}
	return r.request(), nil
}

// Leaves lists a centre's leave requests, optionally of one agent and/or one status, newest first.
func (q *Queries) Leaves(ctx context.Context, centre, agent, status string) ([]LeaveRequest, error) {
	query, args := `SELECT * FROM leave_requests WHERE centre_id = ?`, []any{centre}
	if agent != "" {
		query, args = query+` AND agent_id = ?`, append(args, agent)
	}
	if status != "" {
		query, args = query+` AND status = ?`, append(args, status)
	}
	var rows []leaveRow
	if err := q.selectAll(ctx, &rows, query+` ORDER BY requested_at DESC, id`, args...); err != nil {
		return nil, err
	}
	out := make([]LeaveRequest, len(rows))
	for i, r := range rows {
		out[i] = r.request()
	}
	return out, nil
}

// DecideLeave approves or rejects a pending leave request; seq is the decision number of an
// approval (0 for none).
func (q *Queries) DecideLeave(ctx context.Context, centre, id, status, by, note string, seq int64) error {
	return q.decide(ctx, "leave_requests", "leave request", centre, id, status, by, note, seq)
}

// SwapRequest is a shift swap between two agents on a published roster (R6).
type SwapRequest struct {
	ID          string     `json:"id" db:"id"`
	CentreID    string     `json:"centre_id" db:"centre_id"`
	RosterID    string     `json:"roster_id" db:"roster_id"`
	AgentA      string     `json:"agent_a" db:"agent_a"`
	DateA       wfm.Date   `json:"date_a" db:"date_a"`
	AgentB      string     `json:"agent_b" db:"agent_b"`
	DateB       wfm.Date   `json:"date_b" db:"date_b"`
	Status      string     `json:"status" db:"status"`
	RequestedBy string     `json:"requested_by" db:"requested_by"`
	RequestedAt time.Time  `json:"requested_at" db:"-"`
	DecidedBy   string     `json:"decided_by,omitempty" db:"-"`
	DecidedAt   *time.Time `json:"decided_at,omitempty" db:"-"`
	Note        string     `json:"note,omitempty" db:"note"`
	DecidedSeq  int64      `json:"-" db:"-"` // as LeaveRequest.DecidedSeq
}

type swapRow struct {
	SwapRequest
	RequestedAt string         `db:"requested_at"`
	DecidedBy   sql.NullString `db:"decided_by"`
	DecidedAt   sql.NullString `db:"decided_at"`
	DecidedSeq  sql.NullInt64  `db:"decided_seq"`
}

func (r swapRow) request() SwapRequest {
	s := r.SwapRequest
	s.RequestedAt, s.DecidedBy, s.DecidedAt = parseStamp(r.RequestedAt), r.DecidedBy.String, optStamp(r.DecidedAt)
	s.DecidedSeq = r.DecidedSeq.Int64
	return s
}

// CreateSwap stores a pending swap request.
func (q *Queries) CreateSwap(ctx context.Context, s *SwapRequest) error {
	s.ID, s.Status, s.RequestedAt = NewID(), RequestPending, time.Now().UTC()
	_, err := q.exec(ctx, `INSERT INTO swap_requests (id, centre_id, roster_id, agent_a, date_a, agent_b, date_b, status,
		requested_by, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.ID, s.CentreID, s.RosterID, s.AgentA, int(s.DateA), s.AgentB, int(s.DateB), s.Status, s.RequestedBy, stamp(s.RequestedAt))
	return mapErr(err, "swap request", s.ID)
}

// Swap returns one swap request of a centre.
func (q *Queries) Swap(ctx context.Context, centre, id string) (SwapRequest, error) {
	var r swapRow
	if err := q.get(ctx, &r, `SELECT * FROM swap_requests WHERE centre_id = ? AND id = ?`, centre, id); err != nil {
		return SwapRequest{}, mapErr(err, "swap request", id)
	}
	return r.request(), nil
}

// Swaps lists a centre's swap requests involving agent (any when empty) with status (any when
// empty), newest first.
func (q *Queries) Swaps(ctx context.Context, centre, agent, status string) ([]SwapRequest, error) {
	query, args := `SELECT * FROM swap_requests WHERE centre_id = ?`, []any{centre}
	if agent != "" {
		query, args = query+` AND (agent_a = ? OR agent_b = ?)`, append(args, agent, agent)
	}
	if status != "" {
		query, args = query+` AND status = ?`, append(args, status)
	}
	var rows []swapRow
	if err := q.selectAll(ctx, &rows, query+` ORDER BY requested_at DESC, id`, args...); err != nil {
		return nil, err
	}
	out := make([]SwapRequest, len(rows))
	for i, r := range rows {
		out[i] = r.request()
	}
	return out, nil
}

// DecideSwap approves or rejects a pending swap request; seq as for DecideLeave.
func (q *Queries) DecideSwap(ctx context.Context, centre, id, status, by, note string, seq int64) error {
	return q.decide(ctx, "swap_requests", "swap request", centre, id, status, by, note, seq)
}

// decide moves a pending request of table to status; a request already decided is a conflict.
func (q *Queries) decide(ctx context.Context, table, what, centre, id, status, by, note string, seq int64) error {
	var num any
	if seq > 0 {
		num = seq
	}
	res, err := q.exec(ctx, `UPDATE `+table+` SET status = ?, decided_by = ?, decided_at = ?, note = ?, decided_seq = ?
		WHERE centre_id = ? AND id = ? AND status = ?`, status, by, stamp(time.Now()), note, num, centre, id, RequestPending)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		var exists int
		if err := q.get(ctx, &exists, `SELECT COUNT(*) FROM `+table+` WHERE centre_id = ? AND id = ?`, centre, id); err != nil {
			return err
		}
		if exists == 0 {
			return notFound(what, id)
		}
		return conflict("%s %s was already decided", what, id)
	}
	return nil
}
