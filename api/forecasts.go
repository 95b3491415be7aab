package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"

	"wfm"
	"wfm/forecast"
	"wfm/planning"
	"wfm/staffing"
	"wfm/store"
)

// appendHistory adds CSV history (the forecast command's format) to the centre's; intervals
// already stored are replaced. The whole upload is stored or none of it.
func (s *Server) appendHistory(c *gin.Context) {
	ce, err := s.centre(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	// Read the whole body first: a body over the limit is 413, whereas the CSV reader would turn
	// the limit's error into a parse error on some line.
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		s.fail(c, err)
		return
	}
	h, err := forecast.ReadHistory(bytes.NewReader(body), "history")
	if err != nil {
		s.fail(c, err)
		return
	}
	rows := historyRows(h)
	ctx := c.Request.Context()
	// One centre's history has one interval length: rows of another would land beside the stored
	// ones (hourly counts in half-hour slots) and corrupt every later forecast.
	if n, err := s.store.HistoryCount(ctx, ce.ID); err != nil || n > 0 {
		var old *forecast.History
		if err == nil {
			old, err = s.loadHistory(ctx, ce.ID)
		}
		if err != nil {
			s.fail(c, err)
			return
		}
		if old.Grid.Step != h.Grid.Step {
			s.fail(c, &wfm.Error{Kind: wfm.KindConflict, Rule: "R2", Field: "interval_start", Message: fmt.Sprintf(
				"the centre's history has %d-minute intervals and this upload %d-minute ones", old.Grid.Step, h.Grid.Step)})
			return
		}
	}
	err = s.store.InTx(ctx, func(q *store.Queries) error {
		if err := q.AppendHistory(ctx, ce.ID, rows); err != nil {
			return err
		}
		return q.Audit(ctx, audit(c, ce.ID, "history.append", "history", ce.ID, gin.H{"intervals": len(rows),
			"from": h.Grid.Start, "days": h.Grid.Days, "interval_minutes": h.Grid.Step}))
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"stored": len(rows), "from": h.Grid.Start, "days": h.Grid.Days, "interval_minutes": h.Grid.Step})
}

// historyRows turns parsed history into store rows (intervals with data only).
func historyRows(h *forecast.History) []store.HistoryRow {
	opt := func(v []float64, i int) *float64 {
		if v == nil || math.IsNaN(v[i]) {
			return nil
		}
		x := v[i]
		return &x
	}
	var rows []store.HistoryRow
	for i, calls := range h.Calls {
		if math.IsNaN(calls) {
			continue
		}
		d, m := h.Grid.At(i)
		rows = append(rows, store.HistoryRow{Day: d, Minute: m, Calls: calls, AHT: opt(h.AHT, i),
			Abandoned: opt(h.Abandoned, i), Minnan: opt(h.Minnan, i)})
	}
	return rows
}

// loadHistory reads a centre's stored history back into a History.
func (s *Server) loadHistory(ctx context.Context, centre string) (*forecast.History, error) {
	rows, err := s.store.History(ctx, centre)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, &wfm.Error{Kind: wfm.KindConflict, Rule: "R2", Field: "history", Message: "the centre has no call history yet; upload it first"}
	}
	val := func(p *float64) float64 {
		if p == nil {
			return math.NaN()
		}
		return *p
	}
	recs := make([]forecast.Record, len(rows))
	for i, r := range rows {
		recs[i] = forecast.Record{Date: r.Day, Minute: r.Minute, Calls: r.Calls, AHT: val(r.AHT),
			Abandoned: val(r.Abandoned), Minnan: val(r.Minnan)}
	}
	return forecast.NewHistory(recs)
}

func (s *Server) historySummary(c *gin.Context) {
	if _, err := s.centre(c); err != nil {
		s.fail(c, err)
		return
	}
	h, err := s.loadHistory(c.Request.Context(), c.Param("centre"))
	if err != nil {
		s.fail(c, err)
		return
	}
	calls := 0.0
	for _, v := range h.Calls {
		if !math.IsNaN(v) {
			calls += v
		}
	}
	c.JSON(http.StatusOK, gin.H{"from": h.Grid.Start, "days": h.Grid.Days, "interval_minutes": h.Grid.Step, "calls": calls,
		"has_aht": h.AHT != nil, "has_minnan": h.Minnan != nil})
}

// forecastParams asks for a forecast.
type forecastParams struct {
	Start wfm.Date `json:"start"`
	Days  int      `json:"days"`
	Model string   `json:"model,omitempty"`
}

// forecastDoc is a stored forecast with its staffing and demand.
type forecastDoc struct {
	ID           string         `json:"id"`
	Params       forecastParams `json:"params"`
	Grid         wfm.Grid       `json:"grid"`
	Model        string         `json:"model"`
	Calls        []float64      `json:"calls"`
	P10          []float64      `json:"calls_p10"`
	P90          []float64      `json:"calls_p90"`
	AHT          []float64      `json:"aht_seconds"`
	Minnan       []float64      `json:"minnan_calls,omitempty"`
	ServiceLevel []float64      `json:"service_level"`
	Demand       *wfm.Demand    `json:"demand"`
	// Base and Adjustments: a forecast adjusted by the planner (R2, see adjustForecast) names the
	// one it was made from and lists every adjustment since the model's forecast.
	Base        string                 `json:"base,omitempty"`
	Adjustments []wfm.AdjustmentEffect `json:"adjustments,omitempty"`
}

func (d *forecastDoc) forecast() *forecast.Forecast {
	return &forecast.Forecast{Grid: d.Grid, Model: d.Model, Calls: d.Calls, P10: d.P10, P90: d.P90, AHT: d.AHT, Minnan: d.Minnan}
}

func (s *Server) createForecast(c *gin.Context) {
	ce, err := s.centre(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var p forecastParams
	if err := bind(c, &p); err != nil {
		s.fail(c, err)
		return
	}
	if p.Days < 1 || p.Days > forecast.MaxForecastDays {
		s.fail(c, invalid("days", "must be between 1 and %d", forecast.MaxForecastDays))
		return
	}
	if p.Model == "" {
		p.Model = "auto"
	}
	if _, err := forecast.ModelByName(p.Model); err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	h, err := s.loadHistory(ctx, ce.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	fc, plan, err := planning.Forecast(ctx, ce.Settings, h, p.Start, p.Days, p.Model)
	if err != nil {
		s.fail(c, err)
		return
	}
	doc := &forecastDoc{Params: p, Grid: fc.Grid, Model: fc.Model, Calls: fc.Calls, P10: fc.P10, P90: fc.P90, AHT: fc.AHT,
		Minnan: fc.Minnan}
	if err := s.storeForecast(c, ce.ID, doc, plan, "forecast.create", p); err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"id": doc.ID, "model": fc.Model, "grid": fc.Grid,
		"summary": summaryDays(plan.Summarise())})
}

// daySummary is one day of a forecast's staffing, as the API writes it (staffing.DaySummary has
// no JSON names of its own).
type daySummary struct {
	Date         string  `json:"date"`
	Weekday      string  `json:"weekday"`
	Calls        float64 `json:"calls"`
	AgentHours   float64 `json:"agent_hours"`
	MinnanHours  float64 `json:"minnan_hours"`
	PeakAgents   int     `json:"peak_agents"`
	PeakMinnan   int     `json:"peak_minnan"`
	Leaders      int     `json:"leaders"`
	ServiceLevel float64 `json:"service_level"`
}

func summaryDays(s staffing.Summary) []daySummary {
	out := make([]daySummary, len(s.Days))
	for i, d := range s.Days {
		out[i] = daySummary{Date: d.Date, Weekday: d.Weekday, Calls: d.Calls, AgentHours: d.AgentHours,
			MinnanHours: d.MinnanHours, PeakAgents: d.PeakAgents, PeakMinnan: d.PeakMinnan, Leaders: d.Leader,
			ServiceLevel: d.ServiceLevel}
	}
	return out
}

func (s *Server) getForecast(c *gin.Context) {
	doc, err := s.forecastDoc(c.Request.Context(), c.Param("centre"), c.Param("forecast"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, doc)
}

// forecastDoc loads a stored forecast, from the cache when it is there.
func (s *Server) forecastDoc(ctx context.Context, centre, id string) (*forecastDoc, error) {
	key := centre + "/" + id
	if d := s.cache.get(key); d != nil {
		return d, nil
	}
	rec, err := s.store.Forecast(ctx, centre, id)
	if err != nil {
		return nil, err
	}
	var d forecastDoc
	if err := json.Unmarshal([]byte(rec.Data), &d); err != nil {
		return nil, err
	}
	s.cache.put(key, &d)
	return &d, nil
}

// whatIfBody is a staffing scenario on a stored forecast: volume and handling-time factors, and
// the target and assumptions to use instead of the centre's.
type whatIfBody struct {
	Forecast     string   `json:"forecast_id"`
	VolumeFactor *float64 `json:"volume_factor"`
	AHTFactor    *float64 `json:"aht_factor"`
	ServiceLevel *float64 `json:"service_level"`
	AnswerWithin *float64 `json:"answer_within_s"`
	MaxOccupancy *float64 `json:"max_occupancy"`
	Shrinkage    *float64 `json:"shrinkage"`
	MinnanShare  *float64 `json:"minnan_share"`
	Patience     *float64 `json:"patience_s"`
}

// whatIfStaffing answers, synchronously, the staffing a scenario needs.
func (s *Server) whatIfStaffing(c *gin.Context) {
	ce, err := s.centre(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var b whatIfBody
	if err := bind(c, &b); err != nil {
		s.fail(c, err)
		return
	}
	if b.Forecast == "" {
		s.fail(c, invalid("forecast_id", "a scenario starts from a stored forecast"))
		return
	}
	doc, err := s.forecastDoc(c.Request.Context(), ce.ID, b.Forecast)
	if err != nil {
		s.fail(c, err)
		return
	}
	set := ce.Settings
	for _, o := range []struct {
		dst *float64
		src *float64
	}{{&set.ServiceLevel, b.ServiceLevel}, {&set.AnswerWithin, b.AnswerWithin}, {&set.MaxOccupancy, b.MaxOccupancy},
		{&set.Shrinkage, b.Shrinkage}, {&set.MinnanShare, b.MinnanShare}, {&set.Patience, b.Patience}} {
		if o.src != nil {
			*o.dst = *o.src
		}
	}
	if err := set.Validate(); err != nil {
		s.fail(c, err)
		return
	}
	volume, aht, err := factors(b.VolumeFactor, b.AHTFactor)
	if err != nil {
		s.fail(c, err)
		return
	}
	fc := doc.forecast().Scaled(volume, aht)
	if b.MinnanShare != nil {
		fc.Minnan = nil // the scenario's share replaces the forecast's Minnan calls
	}
	plan, err := staffing.Compute(fc, planning.StaffingParams(set))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, whatIfAnswer(plan))
}

// factors validates scenario factors (default 1).
func factors(volume, aht *float64) (float64, float64, error) {
	v, a := 1.0, 1.0
	if volume != nil {
		v = *volume
	}
	if aht != nil {
		a = *aht
	}
	if !(v > 0 && v <= 100) {
		return 0, 0, invalid("volume_factor", "must be above 0 and at most 100, got %v", v)
	}
	if !(a > 0 && a <= 100) {
		return 0, 0, invalid("aht_factor", "must be above 0 and at most 100, got %v", a)
	}
	return v, a, nil
}

// WhatIfResult summarises a scenario's staffing and lists the agents per interval (the reply of
// the what-if routes, read by the console too).
type WhatIfResult struct {
	Grid         wfm.Grid `json:"grid"`
	AgentHours   float64  `json:"agent_hours"`
	MinnanHours  float64  `json:"minnan_hours"`
	PeakAgents   int      `json:"peak_agents"`
	ServiceLevel float64  `json:"service_level"`
	Agents       []int    `json:"agents"`
	Minnan       []int    `json:"agents_minnan"`
}

func whatIfAnswer(plan *staffing.Plan) WhatIfResult {
	r := WhatIfResult{Grid: plan.Grid, Agents: make([]int, len(plan.Intervals)), Minnan: make([]int, len(plan.Intervals))}
	hours := float64(plan.Grid.Step) / 60
	calls, sl := 0.0, 0.0
	for i, iv := range plan.Intervals {
		r.Agents[i], r.Minnan[i] = iv.Agents, iv.Minnan
		r.AgentHours += float64(iv.Agents) * hours
		r.MinnanHours += float64(iv.Minnan) * hours
		r.PeakAgents = max(r.PeakAgents, iv.Agents)
		calls += iv.Calls
		sl += iv.Calls * iv.ServiceLevel
	}
	r.ServiceLevel = 1
	if calls > 0 {
		r.ServiceLevel = sl / calls
	}
	return r
}

// forecastCache keeps recently used forecasts parsed, so what-if questions do not re-read them.
type forecastCache struct {
	mu    sync.Mutex
	size  int
	docs  map[string]*forecastDoc
	order []string
}

func newForecastCache(size int) *forecastCache {
	return &forecastCache{size: size, docs: map[string]*forecastDoc{}}
}

func (fc *forecastCache) get(key string) *forecastDoc {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	return fc.docs[key]
}

func (fc *forecastCache) put(key string, d *forecastDoc) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if _, ok := fc.docs[key]; !ok {
		fc.order = append(fc.order, key)
		if len(fc.order) > fc.size {
			delete(fc.docs, fc.order[0])
			fc.order = fc.order[1:]
		}
	}
	fc.docs[key] = d
}
