package api

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"wfm"
	"wfm/inputs"
	"wfm/planning"
	"wfm/store"
)

// deferredBody is the JSON form of a month's deferred work.
type deferredBody struct {
	Items []wfm.DeferredWork `json:"items"`
}

// putDeferred stores a centre's deferred work for a month (R25), replacing what was stored for it:
// a CSV body in the planner's file format (inputs.ReadDeferred; errors name the line), or JSON
// {"items": [...]} (errors name items[i].field). Every item must be released before the month
// ends. Audited.
func (s *Server) putDeferred(c *gin.Context) {
	ce, month, start, days, err := s.centreMonth(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var items []wfm.DeferredWork
	var origins []inputs.Origin
	if strings.HasPrefix(c.ContentType(), "application/json") {
		var body deferredBody
		if err = bind(c, &body); err == nil {
			items, err = body.Items, wfm.ValidateDeferred(body.Items)
		}
	} else {
		var data []byte
		if data, err = io.ReadAll(c.Request.Body); err == nil { // over the limit: 413, not a CSV error
			items, origins, err = inputs.ReadDeferred(bytes.NewReader(data), "deferred.csv")
		}
	}
	if err == nil {
		err = planning.CheckDeferred(start.AddDays(days), items, origins)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	if items == nil {
		items = []wfm.DeferredWork{}
	}
	data, err := json.Marshal(items)
	if err != nil {
		s.fail(c, err)
		return
	}
	rec := store.DeferredWork{CentreID: ce.ID, Month: month, Items: string(data), UpdatedBy: actor(c)}
	work := 0.0
	for _, w := range items {
		work += w.Work()
	}
	ctx := c.Request.Context()
	err = s.store.InTx(ctx, func(q *store.Queries) error {
		if err := q.PutDeferredWork(ctx, &rec); err != nil {
			return err
		}
		return q.Audit(ctx, audit(c, ce.ID, "deferred.put", "deferred_work", month, gin.H{"items": len(items), "work_minutes": work}))
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"centre_id": ce.ID, "month": month, "items": len(items), "work_minutes": work,
		"updated_by": rec.UpdatedBy, "updated_at": rec.UpdatedAt})
}

// getDeferred returns a centre's deferred work for a month and, when the month has a solved
// roster (the latest published version, else the latest draft), the work placed in its idle
// capacity: the totals, the inbound service level with and without it, each day and each item.
func (s *Server) getDeferred(c *gin.Context) {
	ce, month, _, _, err := s.centreMonth(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	rec, err := s.store.DeferredWorkOf(ctx, ce.ID, month)
	if err != nil {
		s.fail(c, err)
		return
	}
	var items []wfm.DeferredWork
	if err := json.Unmarshal([]byte(rec.Items), &items); err != nil {
		s.fail(c, err)
		return
	}
	out := gin.H{"centre_id": ce.ID, "month": month, "updated_by": rec.UpdatedBy, "updated_at": rec.UpdatedAt, "items": items}
	ro, err := s.monthRoster(c, ce.ID, month)
	if err != nil {
		s.fail(c, err)
		return
	}
	if ro != nil {
		p, r, err := decodeRoster(*ro)
		if err != nil {
			s.fail(c, err)
			return
		}
		cal, err := planning.Calendar(ce.Settings)
		if err != nil {
			s.fail(c, err)
			return
		}
		d, err := planning.PlaceDeferred(p, r, items, cal)
		if err != nil {
			s.fail(c, err)
			return
		}
		out["placement"] = placementOf(ro, d)
	}
	c.JSON(http.StatusOK, out)
}

// monthRoster returns the month's latest published roster, else its latest solved draft; nil
// when it has neither.
func (s *Server) monthRoster(c *gin.Context, centre, month string) (*store.Roster, error) {
	ctx := c.Request.Context()
	r, err := s.store.PublishedRoster(ctx, centre, month)
	if err == nil {
		return &r, nil
	}
	if wfm.ErrorKind(err) != wfm.KindNotFound {
		return nil, err
	}
	versions, err := s.store.Rosters(ctx, centre)
	if err != nil {
		return nil, err
	}
	for _, v := range versions { // latest version first
		if v.Month == month && v.Status == store.RosterDraft {
			r, err := s.store.Roster(ctx, centre, v.ID)
			if err != nil {
				return nil, err
			}
			return &r, nil
		}
	}
	return nil, nil
}

// placementOf is the reply's account of the work placed in a roster version's idle capacity.
func placementOf(ro *store.Roster, d *planning.Deferred) gin.H {
	e := d.Effect
	number := func(x float64) any { // NaN (no calls in the demand) is null
		if math.IsNaN(x) {
			return nil
		}
		return x
	}
	return gin.H{"roster_id": ro.ID, "roster_version": ro.Version, "roster_status": ro.Status,
		"totals": d.Schedule.Totals(), "days": d.Schedule.Days(), "outcomes": d.Schedule.Items,
		"service_level_without": number(e.Without), "service_level_with": number(e.With)}
}
