package api

import (
	"encoding/json"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"wfm"
	"wfm/planning"
	"wfm/staffing"
	"wfm/store"
)

// adjustForecast applies a planner's adjustment (R2: a manual override, allowed and recorded) to a
// stored forecast. The forecast itself is never changed, as rosters may have been made from it:
// the adjusted forecast, restaffed with the centre's settings, is stored as a new forecast whose
// base is the one adjusted and whose adjustments list every override made on the way, each with
// what it changed. The change is in the audit trail (R19).
func (s *Server) adjustForecast(c *gin.Context) {
	ce, err := s.centre(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var a wfm.Adjustment
	if err := bind(c, &a); err != nil {
		s.fail(c, err)
		return
	}
	base, err := s.forecastDoc(c.Request.Context(), ce.ID, c.Param("forecast"))
	if err != nil {
		s.fail(c, err)
		return
	}
	fc, plan, effects, err := planning.Adjust(ce.Settings, base.forecast(), []wfm.Adjustment{a})
	if err != nil {
		s.fail(c, err)
		return
	}
	doc := &forecastDoc{Params: base.Params, Grid: fc.Grid, Model: fc.Model, Calls: fc.Calls, P10: fc.P10, P90: fc.P90,
		AHT: fc.AHT, Minnan: fc.Minnan, Base: base.ID, Adjustments: append(slices.Clone(base.Adjustments), effects...)}
	if err := s.storeForecast(c, ce.ID, doc, plan, "forecast.adjust", gin.H{"base": base.ID, "effect": effects[0]}); err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"id": doc.ID, "base": base.ID, "effect": effects[0], "grid": fc.Grid,
		"summary": summaryDays(plan.Summarise())})
}

// storeForecast completes doc with the staffing of plan (the demand and the service level per
// interval) and stores it as a new forecast of the centre, with its audit entry (R19) of action
// and detail, in one transaction; doc.ID is the new forecast's.
func (s *Server) storeForecast(c *gin.Context, centre string, doc *forecastDoc, plan *staffing.Plan, action string, detail any) error {
	demand, err := plan.Demand()
	if err != nil {
		return err
	}
	doc.Demand, doc.ServiceLevel = demand, make([]float64, len(plan.Intervals))
	for i, iv := range plan.Intervals {
		doc.ServiceLevel[i] = iv.ServiceLevel
	}
	ctx := c.Request.Context()
	params, _ := json.Marshal(doc.Params)
	rec := store.Forecast{CentreID: centre, CreatedBy: actor(c), Params: string(params)}
	err = s.store.InTx(ctx, func(q *store.Queries) error {
		rec.ID = store.NewID()
		doc.ID = rec.ID
		data, err := json.Marshal(doc)
		if err != nil {
			return err
		}
		rec.Data = string(data)
		if err := q.SaveForecastWithID(ctx, &rec); err != nil {
			return err
		}
		return q.Audit(ctx, audit(c, centre, action, "forecast", rec.ID, detail))
	})
	if err != nil {
		return err
	}
	s.cache.put(centre+"/"+rec.ID, doc)
	return nil
}
