package api

import (
	"net/http"
	"strings"
	"testing"

	"wfm"
)

// TestCentres is the centres family: list, create, read and update a centre and its settings, and
// every way a request for one can be wrong.
func TestCentres(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		c := ts.seedCentre(t, "Xiamen", seedOpts{noHistory: true})
		other := ts.seedCentre(t, "Fuzhou", seedOpts{noHistory: true})
		pl, agent := ts.planner, ts.agentToken(t, c.id, "A0002")
		centres, one := p("/centres"), p("/centres/%s", c.id)
		ts.run(t, []apiCase{
			{name: "list", method: "GET", path: centres, token: pl, status: http.StatusOK, check: func(t *testing.T, r *reply) {
				if len(r.list("centres")) != 2 || r.str("centres.0.id") != c.id || r.str("centres.1.name") != "Fuzhou" {
					t.Errorf("centres: %s", r)
				}
			}},
			{name: "list as an agent shows its own centre only", method: "GET", path: centres, token: agent, status: http.StatusOK,
				check: func(t *testing.T, r *reply) {
					if len(r.list("centres")) != 1 || r.str("centres.0.id") != c.id {
						t.Errorf("centres: %s", r)
					}
				}},
			{name: "create with defaults", method: "POST", path: centres, body: map[string]any{"name": "Quanzhou"}, token: pl,
				status: http.StatusCreated, check: func(t *testing.T, r *reply) {
					if r.str("id") == "" || r.str("name") != "Quanzhou" || r.num("settings.service_level") != 0.8 ||
						r.num("settings.interval_minutes") != 30 || r.num("settings.rules.max_concurrent_annual_leave") != 1 ||
						r.str("created_at") == "" {
						t.Errorf("created: %s", r)
					}
				}},
			{name: "create with an id", method: "POST", path: centres, body: map[string]any{"id": "zz-01", "name": "Zhangzhou",
				"settings": map[string]any{"interval_minutes": 15}}, token: pl, status: http.StatusCreated,
				check: func(t *testing.T, r *reply) {
					if r.str("id") != "zz-01" || r.num("settings.interval_minutes") != 15 || r.str("settings.time_zone") != "Asia/Shanghai" {
						t.Errorf("created: %s", r)
					}
				}},
			{name: "create twice", method: "POST", path: centres, body: map[string]any{"id": "zz-01", "name": "again"}, token: pl,
				status: http.StatusConflict, err: e(wfm.KindConflict, "")},
			{name: "unusable id", method: "POST", path: centres, body: map[string]any{"id": "zz 01/x", "name": "x"}, token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "id")},
			{name: "no name", method: "POST", path: centres, body: map[string]any{"settings": map[string]any{}}, token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "name")},
			{name: "malformed JSON", method: "POST", path: centres, body: rawBody(`{"name": "x",`), token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "body")},
			{name: "not JSON", method: "POST", path: centres, body: rawBody(`name=x`), token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "body")},
			{name: "no body", method: "POST", path: centres, token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "body")},
			{name: "trailing data", method: "POST", path: centres, body: rawBody(`{"name": "x"} {"name": "y"}`), token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "body")},
			{name: "an array", method: "POST", path: centres, body: rawBody(`[{"name": "x"}]`), token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "body")},
			{name: "name of the wrong type", method: "POST", path: centres, body: rawBody(`{"name": 95555}`), token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "name")},
			{name: "setting of the wrong type", method: "POST", path: centres,
				body: rawBody(`{"name": "x", "settings": {"service_level": "high"}}`), token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "settings.service_level")},
			{name: "clock of the wrong type", method: "POST", path: centres,
				body: rawBody(`{"name": "x", "settings": {"rules": {"night_start": 0}}}`), token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "settings.rules.night_start")},
			{name: "malformed clock", method: "POST", path: centres,
				body: rawBody(`{"name": "x", "settings": {"rules": {"night_end": "6 am"}}}`), token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "settings.rules.night_end")},
			{name: "unknown field", method: "POST", path: centres, body: rawBody(`{"name": "x", "colour": "blue"}`), token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "colour")},
			{name: "unknown setting", method: "POST", path: centres, body: rawBody(`{"name": "x", "settings": {"sla": 0.8}}`), token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "settings.sla")},
			{name: "service level out of range", method: "POST", path: centres,
				body: map[string]any{"name": "x", "settings": map[string]any{"service_level": 1.5}}, token: pl,
				status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, field: "settings.service_level", rule: "R17"}},
			{name: "interval not dividing the day", method: "POST", path: centres,
				body: map[string]any{"name": "x", "settings": map[string]any{"interval_minutes": 7}}, token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "settings.interval_minutes")},
			{name: "unknown time zone", method: "POST", path: centres,
				body: map[string]any{"name": "x", "settings": map[string]any{"time_zone": "Mars/Olympus_Mons"}}, token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "settings.time_zone")},
			{name: "unknown holidays", method: "POST", path: centres,
				body: map[string]any{"name": "x", "settings": map[string]any{"holidays": "/etc/passwd"}}, token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "settings.holidays")},
			{name: "rule out of range", method: "POST", path: centres,
				body: map[string]any{"name": "x", "settings": map[string]any{"rules": map[string]any{"min_rest_minutes": -60}}}, token: pl,
				status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, field: "settings.rules.min_rest_minutes", rule: "R21"}},
			{name: "get", method: "GET", path: one, token: pl, status: http.StatusOK, check: func(t *testing.T, r *reply) {
				if r.str("id") != c.id || r.str("name") != "Xiamen" {
					t.Errorf("centre: %s", r)
				}
			}},
			{name: "get as its agent", method: "GET", path: one, token: agent, status: http.StatusOK},
			{name: "get unknown", method: "GET", path: p("/centres/nope"), token: pl, status: http.StatusNotFound,
				err: e(wfm.KindNotFound, "")},
			{name: "update keeps the settings left out", method: "PUT", path: one,
				body: map[string]any{"name": "Xiamen 2", "settings": map[string]any{"service_level": 0.9, "rules": map[string]any{
					"max_concurrent_annual_leave": 2}}}, token: pl, status: http.StatusOK, check: func(t *testing.T, r *reply) {
					if r.str("name") != "Xiamen 2" || r.num("settings.service_level") != 0.9 || r.num("settings.answer_within_s") != 10 ||
						r.num("settings.rules.max_concurrent_annual_leave") != 2 || r.num("settings.rules.max_swaps_per_month") != 2 {
						t.Errorf("updated: %s", r)
					}
				}},
			{name: "update reads back", method: "GET", path: one, token: pl, status: http.StatusOK, check: func(t *testing.T, r *reply) {
				if r.str("name") != "Xiamen 2" || r.num("settings.service_level") != 0.9 {
					t.Errorf("after update: %s", r)
				}
			}},
			{name: "update with invalid settings", method: "PUT", path: one,
				body: map[string]any{"name": "x", "settings": map[string]any{"shrinkage": 0.95}}, token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "settings.shrinkage")},
			{name: "update unknown", method: "PUT", path: p("/centres/nope"), body: map[string]any{"name": "x"}, token: pl,
				status: http.StatusNotFound, err: e(wfm.KindNotFound, "")},
			{name: "create as an agent", method: "POST", path: centres, body: map[string]any{"name": "x"}, token: agent,
				status: http.StatusForbidden, err: e(wfm.KindForbidden, "")},
			{name: "update as an agent", method: "PUT", path: one, body: map[string]any{"name": "x"}, token: agent,
				status: http.StatusForbidden, err: e(wfm.KindForbidden, "")},
			{name: "another centre as an agent", method: "GET", path: p("/centres/%s", other.id), token: agent,
				status: http.StatusForbidden, err: e(wfm.KindForbidden, "")},
			{name: "no token", method: "GET", path: centres, status: http.StatusUnauthorized, err: e(wfm.KindUnauthorized, "")},
			{name: "delete is not a method here", method: "DELETE", path: one, token: pl, status: http.StatusMethodNotAllowed},
			{name: "patch is not a method here", method: "PATCH", path: centres, token: pl, status: http.StatusMethodNotAllowed},
		})
		// The centre's audit trail has its creation and the update with before and after.
		trail := ts.auditTrail(t, c.id)
		if u := findAudit(trail, "centre.update", c.id); u == nil || !strings.Contains(string(u.Detail), `"before"`) ||
			!strings.Contains(string(u.Detail), `"Xiamen 2"`) {
			t.Errorf("no centre.update audit with before and after: %+v", u)
		}
	})
}
