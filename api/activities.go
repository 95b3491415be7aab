package api

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"wfm"
	"wfm/inputs"
	"wfm/planning"
	"wfm/store"
)

// putActivities stores a centre's activities off the phones for a month (R15), replacing what
// was stored for it: a CSV body in the planner's file format (inputs.ReadActivities; errors name
// the line and column; the default rooms), or JSON {"activities": [...], "rooms": [...]} (errors
// name activities[i].field). Every activity's window lies in the month and its named attendees
// are agents of the centre. Audited.
func (s *Server) putActivities(c *gin.Context) {
	ce, month, start, days, err := s.centreMonth(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var plan wfm.ActivityPlan
	if strings.HasPrefix(c.ContentType(), "application/json") {
		err = bind(c, &plan)
	} else {
		var data []byte
		if data, err = io.ReadAll(c.Request.Body); err == nil { // over the limit: 413, not a CSV error
			plan, _, err = inputs.ReadActivities(bytes.NewReader(data), "activities.csv")
		}
	}
	ctx := c.Request.Context()
	if err == nil {
		var agents []wfm.Agent
		if agents, err = s.store.Agents(ctx, ce.ID); err == nil {
			p := &wfm.Problem{Horizon: wfm.Horizon{Start: start, Days: days, IntervalMinutes: ce.Settings.IntervalMinutes},
				Agents: agents, Activities: plan.Activities, Rooms: plan.Rooms}
			err = p.CheckActivities()
		}
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	if plan.Activities == nil {
		plan.Activities = []wfm.Activity{}
	}
	data, err := json.Marshal(plan)
	if err != nil {
		s.fail(c, err)
		return
	}
	rec := store.Activities{CentreID: ce.ID, Month: month, Plan: string(data), UpdatedBy: actor(c)}
	err = s.store.InTx(ctx, func(q *store.Queries) error {
		if err := q.PutActivities(ctx, &rec); err != nil {
			return err
		}
		return q.Audit(ctx, audit(c, ce.ID, "activities.put", "activities", month, gin.H{"activities": len(plan.Activities), "rooms": len(plan.Rooms)}))
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"centre_id": ce.ID, "month": month, "activities": len(plan.Activities), "rooms": len(plan.Rooms),
		"updated_by": rec.UpdatedBy, "updated_at": rec.UpdatedAt})
}

// getActivities returns a centre's activities for a month and, when the month has a solved
// roster (the latest published version, else the latest draft), the sessions placed in it: when,
// where, who and each one's added coverage cost, the attendees left out with the reason, and the
// under-coverage before, after and with every session at the busiest hour.
func (s *Server) getActivities(c *gin.Context) {
	ce, month, _, _, err := s.centreMonth(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	rec, err := s.store.ActivitiesOf(ctx, ce.ID, month)
	if err != nil {
		s.fail(c, err)
		return
	}
	var plan wfm.ActivityPlan
	if err := json.Unmarshal([]byte(rec.Plan), &plan); err != nil {
		s.fail(c, err)
		return
	}
	out := gin.H{"centre_id": ce.ID, "month": month, "updated_by": rec.UpdatedBy, "updated_at": rec.UpdatedAt,
		"activities": plan.Activities, "rooms": (&wfm.Problem{Rooms: plan.Rooms}).RoomsOf()}
	ro, err := s.monthRoster(c, ce.ID, month)
	if err != nil {
		s.fail(c, err)
		return
	}
	if ro != nil && len(plan.Activities) > 0 {
		p, r, err := decodeRoster(*ro)
		if err != nil {
			s.fail(c, err)
			return
		}
		p.Activities, p.Rooms = plan.Activities, plan.Rooms
		if err := p.CheckActivities(); err != nil { // the staff changed since the submission
			s.fail(c, &wfm.Error{Kind: wfm.KindConflict, Rule: "R15", Field: "activities", Message: "the activities no longer fit the month's roster", Err: err})
			return
		}
		a, err := planning.PlaceActivities(p, r)
		if err != nil {
			s.fail(c, err)
			return
		}
		out["placement"] = gin.H{"roster_id": ro.ID, "roster_version": ro.Version, "roster_status": ro.Status,
			"sessions": nonNil(r.Sessions), "costs": nonNil(a.Placement.Cost), "unplaced": nonNil(r.Unplaced),
			"objective_before": a.Before.Total, "objective_after": a.After.Total,
			"under_coverage_before": planning.Under(a.Before).Penalty, "under_coverage_after": planning.Under(a.After).Penalty,
			"under_coverage_busiest": planning.Under(a.BusiestObjective).Penalty}
	}
	c.JSON(http.StatusOK, out)
}

// centreMonth reads the centre and the month (YYYY-MM: its first day and length) of a request's
// path.
func (s *Server) centreMonth(c *gin.Context) (store.Centre, string, wfm.Date, int, error) {
	ce, err := s.centre(c)
	if err != nil {
		return ce, "", 0, 0, err
	}
	month := c.Param("month")
	start, days, err := planning.Month(month)
	return ce, month, start, days, err
}

// nonNil returns list, or an empty list for nil (so that JSON has [] rather than null).
func nonNil[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}
