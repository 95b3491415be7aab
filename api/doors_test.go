package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"wfm"
	"wfm/benchmarks/gen"
)

// TestDoorsRefuseAbsurdInput: every body a planner or an agent sends is bounded at the door, and
// the refusal names the field (and the rule where one applies). Before, a problem with
// rules.weights.under = 1e308 was accepted and its solve's objective was +Inf; a horizon from
// 9999-12-31 was stored and every read of it failed; "" and "Local" were accepted as time zones;
// a 5,000-character name and a history count of 1e308 were stored.
func TestDoorsRefuseAbsurdInput(t *testing.T) {
	prob, err := gen.Generate(gen.Config{Agents: 30, Days: 7, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	// problem returns the generated problem as JSON with one edit made on its decoded form.
	problem := func(edit func(m map[string]any)) rawBody {
		data, _ := json.Marshal(prob)
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		edit(m)
		out, _ := json.Marshal(map[string]any{"problem": m, "time_limit_s": 1})
		return rawBody(out)
	}
	sub := func(m map[string]any, keys ...string) map[string]any {
		for _, k := range keys {
			m = m[k].(map[string]any)
		}
		return m
	}
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		c := ts.seedCentre(t, "Xiamen", seedOpts{noForecast: true})
		pl := ts.planner
		agent := ts.agentToken(t, c.id, "A0002")
		centres, rosters := p("/centres"), p("/centres/%s/rosters", c.id)
		settings := func(edit func(s map[string]any)) map[string]any {
			s := map[string]any{"rules": map[string]any{"weights": map[string]any{}}}
			edit(s)
			return map[string]any{"name": "Fuzhou", "settings": s}
		}
		long := strings.Repeat("林", 5000)
		ts.run(t, []apiCase{
			{name: "centre weight 1e308", method: "POST", path: centres, token: pl, status: http.StatusBadRequest,
				body: settings(func(s map[string]any) { sub(s, "rules", "weights")["under"] = 1e308 }),
				err:  &errSpec{kind: wfm.KindInvalid, field: "settings.rules.weights.under", rule: "R17"}},
			{name: "centre weight above the bound", method: "PUT", path: p("/centres/%s", c.id), token: pl, status: http.StatusBadRequest,
				body: settings(func(s map[string]any) { sub(s, "rules", "weights")["leader"] = 2e6 }),
				err:  &errSpec{kind: wfm.KindInvalid, field: "settings.rules.weights.leader", rule: "R12"}},
			{name: "centre zone Local", method: "POST", path: centres, token: pl, status: http.StatusBadRequest,
				body: settings(func(s map[string]any) { s["time_zone"] = "Local" }), err: e(wfm.KindInvalid, "settings.time_zone")},
			{name: "centre zone empty", method: "POST", path: centres, token: pl, status: http.StatusBadRequest,
				body: settings(func(s map[string]any) { s["time_zone"] = "" }), err: e(wfm.KindInvalid, "settings.time_zone")},
			{name: "centre name of 5,000 characters", method: "POST", path: centres, token: pl, status: http.StatusBadRequest,
				body: map[string]any{"name": long}, err: e(wfm.KindInvalid, "name")},

			{name: "problem weight 1e308", method: "POST", path: rosters, token: pl, status: http.StatusBadRequest,
				body: problem(func(m map[string]any) { sub(m, "rules", "weights")["under"] = 1e308 }),
				err:  &errSpec{kind: wfm.KindInvalid, field: "rules.weights.under", rule: "R17"}},
			{name: "problem request weight 1e300", method: "POST", path: rosters, token: pl, status: http.StatusBadRequest,
				body: problem(func(m map[string]any) {
					m["requests"] = []any{map[string]any{"agent": prob.Agents[0].ID, "date": prob.Horizon.Start.String(), "kind": "off", "weight": 1e300}}
				}), err: &errSpec{kind: wfm.KindInvalid, field: "requests[0].weight", rule: "R23"}},
			{name: "problem horizon from 9999-12-31", method: "POST", path: rosters, token: pl, status: http.StatusBadRequest,
				body: problem(func(m map[string]any) { sub(m, "horizon")["start"] = "9999-12-31" }), err: e(wfm.KindInvalid, "horizon.start")},
			{name: "problem horizon running past 2199", method: "POST", path: rosters, token: pl, status: http.StatusBadRequest,
				body: problem(func(m map[string]any) { sub(m, "horizon")["start"] = "2199-12-28" }), err: e(wfm.KindInvalid, "horizon.start")},
			{name: "problem zone Local", method: "POST", path: rosters, token: pl, status: http.StatusBadRequest,
				body: problem(func(m map[string]any) { sub(m, "horizon")["time_zone"] = "Local" }), err: e(wfm.KindInvalid, "horizon.time_zone")},
			{name: "month 9999-12", method: "POST", path: rosters, token: pl, status: http.StatusBadRequest,
				body: map[string]any{"month": "9999-12"}, err: e(wfm.KindInvalid, "month")},
			{name: "schedule of month 9999-12", method: "GET", path: p("/centres/%s/agents/A0002/schedule?month=9999-12", c.id), token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "month")},

			{name: "agent name of 5,000 characters", method: "PUT", path: p("/centres/%s/agents/A0100", c.id), token: pl,
				status: http.StatusBadRequest, body: map[string]any{"group": "day", "name": long}, err: e(wfm.KindInvalid, "name")},
			{name: "agent with 100 skills", method: "PUT", path: p("/centres/%s/agents/A0100", c.id), token: pl,
				status: http.StatusBadRequest, body: map[string]any{"group": "day", "skills": manyIDs("s", 100)},
				err: &errSpec{kind: wfm.KindInvalid, field: "skills", rule: "R16"}},
			{name: "agent id with a slash", method: "POST", path: p("/centres/%s/agents", c.id), token: pl,
				status: http.StatusBadRequest, body: map[string]any{"id": "A/1", "group": "day"}, err: e(wfm.KindInvalid, "id")},
			{name: "import of a 5,000-character name", method: "POST", path: p("/centres/%s/agents/import", c.id), token: pl,
				status: http.StatusBadRequest, body: csvBody("id,name,group\nA0100,ok,day\nA0101," + long + ",day\n"),
				err: &errSpec{kind: wfm.KindInvalid, field: "name", line: 3}},
			{name: "shift that cannot follow 500 shifts", method: "PUT", path: p("/centres/%s/shifts/X08", c.id), token: pl,
				status: http.StatusBadRequest, body: map[string]any{"start": "08:00", "minutes": 480, "cannot_follow": manyIDs("S", 500)},
				err: &errSpec{kind: wfm.KindInvalid, field: "cannot_follow", rule: "R21"}},

			{name: "leave reason of 10,000 characters", method: "POST", path: p("/centres/%s/leave", c.id), token: agent,
				status: http.StatusBadRequest, body: map[string]any{"type": "sick", "from": "2026-12-20", "to": "2026-12-20",
					"reason": strings.Repeat("x", 10_000)}, err: &errSpec{kind: wfm.KindInvalid, field: "reason", rule: "R9"}},
			{name: "leave from 9999-12-31", method: "POST", path: p("/centres/%s/leave", c.id), token: agent,
				status: http.StatusBadRequest, body: map[string]any{"type": "sick", "from": "9999-12-31", "to": "9999-12-31"},
				err: e(wfm.KindInvalid, "from")},

			{name: "forecast from 9999-12-25", method: "POST", path: p("/centres/%s/forecasts", c.id), token: pl,
				status: http.StatusBadRequest, body: map[string]any{"start": "9999-12-25", "days": 7}, err: e(wfm.KindInvalid, "start")},
			{name: "forecast running past 2199", method: "POST", path: p("/centres/%s/forecasts", c.id), token: pl,
				status: http.StatusBadRequest, body: map[string]any{"start": "2199-12-20", "days": 31}, err: e(wfm.KindInvalid, "start")},
			{name: "history count of 1e308", method: "POST", path: p("/centres/%s/history", c.id), token: pl,
				status: http.StatusBadRequest, body: csvBody(historyWith("2026-11-01T00:00,1e308,200")),
				err: &errSpec{kind: wfm.KindInvalid, field: "calls", line: 3}},
			{name: "history handling time of a year", method: "POST", path: p("/centres/%s/history", c.id), token: pl,
				status: http.StatusBadRequest, body: csvBody(historyWith("2026-11-01T00:00,5,31536000")),
				err: &errSpec{kind: wfm.KindInvalid, field: "aht_seconds", line: 3}},
			{name: "the history read still answers", method: "GET", path: p("/centres/%s/history", c.id), token: pl,
				status: http.StatusOK, check: func(t *testing.T, r *reply) {
					if r.num("calls") <= 0 || r.str("from") != "2025-12-01" {
						t.Errorf("history summary: %s", r)
					}
				}},
		})
	})
}

// manyIDs returns n distinct ids with a prefix.
func manyIDs(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d", prefix, i)
	}
	return out
}

// historyWith is a history upload whose second row (line 3) is row.
func historyWith(row string) string {
	return "interval_start,calls,aht_seconds\n2026-10-31T23:30,5,200\n" + row + "\n"
}
