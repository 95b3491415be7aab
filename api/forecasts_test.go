package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"wfm"
)

// TestForecasts is the history, forecast and staffing what-if family.
func TestForecasts(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		c := ts.seedCentre(t, "Xiamen", seedOpts{})
		bare := ts.seedCentre(t, "Fuzhou", seedOpts{noHistory: true})
		hourly := ts.seedCentre(t, "Putian", seedOpts{noHistory: true})
		pl, agent := ts.planner, ts.agentToken(t, c.id, "A0002")
		history, forecasts, whatif := p("/centres/%s/history", c.id), p("/centres/%s/forecasts", c.id), p("/centres/%s/whatif/staffing", c.id)
		// Two weeks of history at step minutes, with one bad value put on a given line.
		fortnightAt := func(step, badLine int, bad string) csvBody {
			var b strings.Builder
			b.WriteString("interval_start,calls,aht_seconds\n")
			line := 1
			for d := range 14 {
				for m := 0; m < wfm.MinutesPerDay; m += step {
					line++
					calls := fmt.Sprint(10 + m/60)
					if line == badLine {
						calls = bad
					}
					fmt.Fprintf(&b, "%sT%02d:%02d,%s,280\n", wfm.DateOf(2026, 10, 1+d), m/60, m%60, calls)
				}
			}
			return csvBody(b.String())
		}
		fortnight := func(badLine int, bad string) csvBody { return fortnightAt(30, badLine, bad) }
		ts.run(t, []apiCase{
			{name: "history: two weeks more", method: "POST", path: history, body: fortnight(0, ""), token: pl, status: http.StatusOK,
				check: func(t *testing.T, r *reply) {
					if r.num("stored") != 14*48 || r.str("from") != "2026-10-01" || r.num("interval_minutes") != 30 {
						t.Errorf("stored: %s", r)
					}
				}},
			{name: "history: hourly over half-hourly", method: "POST", path: history, body: fortnightAt(60, 0, ""), token: pl,
				status: http.StatusConflict, err: &errSpec{kind: wfm.KindConflict, field: "interval_start", rule: "R2"}},
			{name: "history: hourly in a centre without", method: "POST", path: p("/centres/%s/history", hourly.id), body: fortnightAt(60, 0, ""),
				token: pl, status: http.StatusOK},
			{name: "history: a bad number on line 30", method: "POST", path: history, body: fortnight(30, "many"), token: pl,
				status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, line: 30, field: "calls", rule: "R2"}},
			{name: "history: a negative count on line 2", method: "POST", path: history, body: fortnight(2, "-3"), token: pl,
				status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, line: 2, field: "calls"}},
			{name: "history: a bad time on line 3", method: "POST", path: history, body: csvBody("interval_start,calls\n2026-10-01 00:00,1\nyesterday,2\n"),
				token: pl, status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, line: 3}},
			{name: "history: unknown column", method: "POST", path: history, body: csvBody("interval_start,calls,mood\n2026-10-01 00:00,1,ok\n"),
				token: pl, status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, line: 1, field: "mood"}},
			{name: "history: no calls column", method: "POST", path: history, body: csvBody("interval_start\n2026-10-01 00:00\n"),
				token: pl, status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, line: 1, field: "calls"}},
			{name: "history: header only", method: "POST", path: history, body: csvBody("interval_start,calls\n"), token: pl,
				status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, line: 2}},
			{name: "history: empty", method: "POST", path: history, body: csvBody(""), token: pl,
				status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, line: 1}},
			{name: "history: too short", method: "POST", path: history, body: csvBody("interval_start,calls\n2026-10-01 00:00,1\n2026-10-01 01:00,2\n"),
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "")},
			{name: "history: as an agent", method: "POST", path: history, body: fortnight(0, ""), token: agent, status: http.StatusForbidden},
			{name: "history: unknown centre", method: "POST", path: p("/centres/nope/history"), body: fortnight(0, ""), token: pl,
				status: http.StatusNotFound, err: e(wfm.KindNotFound, "")},
			{name: "history: summary of none", method: "GET", path: p("/centres/%s/history", bare.id), token: pl,
				status: http.StatusConflict, err: &errSpec{kind: wfm.KindConflict, field: "history", rule: "R2"}},

			{name: "forecast: a week by profile", method: "POST", path: forecasts, body: map[string]any{"start": "2026-12-01", "days": 7, "model": "profile"},
				token: pl, status: http.StatusCreated, check: func(t *testing.T, r *reply) {
					if r.str("id") == "" || r.str("model") != "profile" || len(r.list("summary")) != 7 || r.num("grid.days") != 7 ||
						r.num("grid.interval_minutes") != 30 || r.num("summary.0.calls") <= 0 || r.num("summary.6.service_level") < 0.79 {
						t.Errorf("forecast: %s", r)
					}
				}},
			{name: "forecast: no history", method: "POST", path: p("/centres/%s/forecasts", bare.id),
				body: map[string]any{"start": "2026-12-01", "days": 31}, token: pl, status: http.StatusConflict,
				err: &errSpec{kind: wfm.KindConflict, field: "history", rule: "R2"}},
			{name: "forecast: no days", method: "POST", path: forecasts, body: map[string]any{"start": "2026-12-01", "days": 0},
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "days")},
			{name: "forecast: too many days", method: "POST", path: forecasts, body: map[string]any{"start": "2026-12-01", "days": 400},
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "days")},
			{name: "forecast: days of the wrong type", method: "POST", path: forecasts, body: rawBody(`{"start": "2026-12-01", "days": "31"}`),
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "days")},
			{name: "forecast: start of the wrong type", method: "POST", path: forecasts, body: rawBody(`{"start": 20261201, "days": 31}`),
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "start")},
			{name: "forecast: no such date", method: "POST", path: forecasts, body: rawBody(`{"start": "2026-12-32", "days": 31}`),
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "start")},
			{name: "forecast: before the history", method: "POST", path: forecasts, body: map[string]any{"start": "2025-12-05", "days": 31},
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "start")},
			{name: "forecast: unknown model", method: "POST", path: forecasts, body: map[string]any{"start": "2026-12-01", "days": 31, "model": "crystal_ball"},
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "model")},
			{name: "forecast: unknown field", method: "POST", path: forecasts, body: map[string]any{"start": "2026-12-01", "days": 31, "horizon": 31},
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "horizon")},
			{name: "forecast: as an agent", method: "POST", path: forecasts, body: map[string]any{"start": "2026-12-01", "days": 31},
				token: agent, status: http.StatusForbidden, err: e(wfm.KindForbidden, "")},
			{name: "forecast: unknown id", method: "GET", path: forecasts + "/nope", token: pl, status: http.StatusNotFound, err: e(wfm.KindNotFound, "")},
			{name: "forecast: another centre's", method: "GET", path: p("/centres/%s/forecasts/%s", bare.id, c.forecast), token: pl,
				status: http.StatusNotFound, err: e(wfm.KindNotFound, "")},

			{name: "what-if: the centre's target", method: "POST", path: whatif, body: map[string]any{"forecast_id": c.forecast}, token: pl,
				status: http.StatusOK, check: func(t *testing.T, r *reply) {
					if r.num("agent_hours") <= 0 || r.num("service_level") < 0.8 || len(r.list("agents_minnan")) != 31*48 ||
						r.str("grid.start") != "2026-12-01" {
						t.Errorf("what-if: %s", tail(r.String(), 300))
					}
				}},
			{name: "what-if: Erlang A and a Minnan share", method: "POST", path: whatif, body: map[string]any{"forecast_id": c.forecast,
				"patience_s": 60, "minnan_share": 0.3, "shrinkage": 0.2, "aht_factor": 1.1}, token: pl, status: http.StatusOK},
			{name: "what-if: no forecast", method: "POST", path: whatif, body: map[string]any{"volume_factor": 1.2}, token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "forecast_id")},
			{name: "what-if: unknown forecast", method: "POST", path: whatif, body: map[string]any{"forecast_id": "nope"}, token: pl,
				status: http.StatusNotFound, err: e(wfm.KindNotFound, "")},
			{name: "what-if: no volume", method: "POST", path: whatif, body: map[string]any{"forecast_id": c.forecast, "volume_factor": 0},
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "volume_factor")},
			{name: "what-if: absurd handling time", method: "POST", path: whatif, body: map[string]any{"forecast_id": c.forecast, "aht_factor": 101},
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "aht_factor")},
			{name: "what-if: service level above 1", method: "POST", path: whatif, body: map[string]any{"forecast_id": c.forecast, "service_level": 1.2},
				token: pl, status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, field: "service_level", rule: "R17"}},
			{name: "what-if: factor of the wrong type", method: "POST", path: whatif, body: rawBody(`{"forecast_id": "x", "volume_factor": "1.2"}`),
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "volume_factor")},
			{name: "what-if: as an agent", method: "POST", path: whatif, body: map[string]any{"forecast_id": c.forecast}, token: agent,
				status: http.StatusForbidden},
		})
	})
}
