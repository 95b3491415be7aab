package api

import (
	"fmt"
	"net/http"
	"testing"

	"wfm"
)

// TestForecastAdjustments is the planner's manual override of a stored forecast (R2): stored as
// a new, restaffed forecast that names its base and lists its adjustments, audited (R19), for
// planners only, with errors naming the field. (The harness checks every reply against the OpenAPI
// document.)
func TestForecastAdjustments(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		c := ts.seedCentre(t, "Xiamen", seedOpts{})
		pl, agent := ts.planner, ts.agentToken(t, c.id, "A0002")
		adjust := p("/centres/%s/forecasts/%s/adjustments", c.id, c.forecast)
		base := ts.get(t, p("/centres/%s/forecasts/%s", c.id, c.forecast)).want(t, http.StatusOK)
		christmas := 24 * 48 // 25 December, the 25th day of the forecast at 30 minutes
		var adjusted string
		ts.run(t, []apiCase{
			{name: "Christmas Day at a third", method: "POST", path: adjust, token: pl, status: http.StatusCreated,
				body: map[string]any{"from": "2026-12-25", "to": "2026-12-25", "factor": 1.0 / 3, "reason": "bank closed"},
				check: func(t *testing.T, r *reply) {
					adjusted = r.str("id")
					before, after := r.num("effect.calls_before"), r.num("effect.calls_after")
					if adjusted == "" || adjusted == c.forecast || r.str("base") != c.forecast || r.num("effect.intervals") != 48 ||
						before <= 0 || after < before/3-1e-6 || after > before/3+1e-6 || r.str("effect.adjustment.reason") != "bank closed" {
						t.Errorf("adjustment: %s", r)
					}
					doc := ts.get(t, p("/centres/%s/forecasts/%s", c.id, adjusted)).want(t, http.StatusOK)
					if doc.str("base") != c.forecast || len(doc.list("adjustments")) != 1 {
						t.Errorf("the adjusted forecast does not record its base and adjustment: base %q, %d adjustments", doc.str("base"), len(doc.list("adjustments")))
					}
					for i, k := range []int{christmas - 1, christmas + 20, christmas + 48} {
						was, now := base.num(fmt.Sprintf("calls.%d", k)), doc.num(fmt.Sprintf("calls.%d", k))
						if inside := i == 1; inside && now > was/3+1e-9 || !inside && now != was {
							t.Errorf("interval %d: %v calls, were %v", k, now, was)
						}
					}
					if doc.num(fmt.Sprintf("demand.agents.%d", christmas+20)) >= base.num(fmt.Sprintf("demand.agents.%d", christmas+20)) {
						t.Error("a third of the calls staffed as many agents")
					}
					if a := findAudit(ts.auditTrail(t, c.id), "forecast.adjust", adjusted); a == nil {
						t.Error("no audit entry")
					}
				}},
			{name: "the adjusted one again, a time span set to a value", method: "POST", token: pl, status: http.StatusCreated,
				pathFn: func() string { return p("/centres/%s/forecasts/%s/adjustments", c.id, adjusted) },
				body:   map[string]any{"from": "2026-12-31T18:00", "to": "2027-01-01", "value": 80, "reason": "year-end card limits"},
				check: func(t *testing.T, r *reply) {
					doc := ts.get(t, p("/centres/%s/forecasts/%s", c.id, r.str("id"))).want(t, http.StatusOK)
					if r.num("effect.intervals") != 12 || r.num("effect.calls_after") != 12*80 || doc.str("base") != adjusted ||
						len(doc.list("adjustments")) != 2 {
						t.Errorf("second adjustment: %s; forecast base %q, %d adjustments", r, doc.str("base"), len(doc.list("adjustments")))
					}
				}},
			{name: "as an agent", method: "POST", path: adjust, token: agent, status: http.StatusForbidden,
				body: map[string]any{"from": "2026-12-25", "to": "2026-12-25", "factor": 0.5, "reason": "x"}},
			{name: "without a reason", method: "POST", path: adjust, token: pl, status: http.StatusBadRequest,
				body: map[string]any{"from": "2026-12-25", "to": "2026-12-25", "factor": 0.5},
				err:  &errSpec{kind: wfm.KindInvalid, field: "reason", rule: "R2"}},
			{name: "factor and value", method: "POST", path: adjust, token: pl, status: http.StatusBadRequest,
				body: map[string]any{"from": "2026-12-25", "to": "2026-12-25", "factor": 0.5, "value": 3, "reason": "x"},
				err:  &errSpec{kind: wfm.KindInvalid, field: "factor", rule: "R2"}},
			{name: "a negative value", method: "POST", path: adjust, token: pl, status: http.StatusBadRequest,
				body: map[string]any{"from": "2026-12-25", "to": "2026-12-25", "value": -3, "reason": "x"},
				err:  &errSpec{kind: wfm.KindInvalid, field: "value", rule: "R2"}},
			{name: "outside the forecast", method: "POST", path: adjust, token: pl, status: http.StatusBadRequest,
				body: map[string]any{"from": "2027-02-01", "to": "2027-02-02", "factor": 2, "reason": "x"},
				err:  &errSpec{kind: wfm.KindInvalid, field: "from", rule: "R2"}},
			{name: "a malformed time", method: "POST", path: adjust, token: pl, status: http.StatusBadRequest,
				body: map[string]any{"from": "25/12/2026", "to": "2026-12-25", "factor": 2, "reason": "x"},
				err:  &errSpec{kind: wfm.KindInvalid, field: "from", rule: "R2"}},
			{name: "an unknown field", method: "POST", path: adjust, token: pl, status: http.StatusBadRequest,
				body: map[string]any{"from": "2026-12-25", "to": "2026-12-25", "factor": 2, "reason": "x", "scope": "all"},
				err:  e(wfm.KindInvalid, "scope")},
			{name: "an unknown forecast", method: "POST", path: p("/centres/%s/forecasts/nope/adjustments", c.id), token: pl,
				status: http.StatusNotFound, body: map[string]any{"from": "2026-12-25", "to": "2026-12-25", "factor": 2, "reason": "x"},
				err: e(wfm.KindNotFound, "")},
		})
		if got := ts.get(t, p("/centres/%s/forecasts/%s", c.id, c.forecast)).want(t, http.StatusOK); got.num(fmt.Sprintf("calls.%d", christmas+20)) !=
			base.num(fmt.Sprintf("calls.%d", christmas+20)) || got.str("base") != "" {
			t.Error("the forecast adjusted changed")
		}
	})
}
