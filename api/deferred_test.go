package api

import (
	"net/http"
	"testing"
	"time"

	"wfm"
	"wfm/store"
)

// TestDeferredWork is a month's deferred work (R25) through the API: submitted as CSV or JSON,
// stored and replaced, refused with the line or item, the field and the rule, for planners only,
// audited; once the month has a roster, read back placed in its idle capacity. (The harness
// checks every reply against the OpenAPI document.)
func TestDeferredWork(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		c := ts.seedCentre(t, "Xiamen", seedOpts{})
		pl, agent := ts.planner, ts.agentToken(t, c.id, "A0002")
		path := p("/centres/%s/deferred/%s", c.id, testMonth)
		const file = "id,kind,count,minutes,release,deadline_working_days,skill,level,after\n" +
			"C1,follow_up,,10,2026-12-01T09:40,1,,1,\n" +
			"C1-CB,call_back,,5,2026-12-01T09:40,3,,1,C1\n" +
			"C2,follow_up,,20,2026-12-02T14:10,3,minnan,3,\n" +
			"OB,outbound,40,3,2026-12-07,5,,,\n"
		ts.run(t, []apiCase{
			{name: "before any submission", method: "GET", path: path, token: pl, status: http.StatusNotFound, err: e(wfm.KindNotFound, "")},
			{name: "JSON", method: "PUT", path: path, token: pl, status: http.StatusOK,
				body: map[string]any{"items": []map[string]any{{"id": "X", "kind": "outbound", "total_minutes": 90, "release": "2026-12-03", "deadline_working_days": 2}}},
				check: func(t *testing.T, r *reply) {
					if r.num("items") != 1 || r.num("work_minutes") != 90 {
						t.Errorf("stored %s", r)
					}
				}},
			{name: "CSV replaces it", method: "PUT", path: path, token: pl, status: http.StatusOK, body: csvBody(file),
				check: func(t *testing.T, r *reply) {
					if r.num("items") != 4 || r.num("work_minutes") != 10+5+20+120 || r.str("month") != testMonth {
						t.Errorf("stored %s", r)
					}
				}},
			{name: "read back without a roster", method: "GET", path: path, token: pl, status: http.StatusOK,
				check: func(t *testing.T, r *reply) {
					if len(r.list("items")) != 4 || r.str("items.1.after") != "C1" || r.str("items.2.skill") != "minnan" ||
						r.str("items.0.release") != "2026-12-01T09:40" || r.at("placement") != nil {
						t.Errorf("read %s", r)
					}
				}},
			{name: "a bad line", method: "PUT", path: path, token: pl, status: http.StatusBadRequest,
				body: csvBody("id,kind,minutes,release,deadline_working_days\nC1,follow_up,10,2026-12-01T09:40,1\nC2,complaint,10,2026-12-01T09:40,1\n"),
				err:  &errSpec{kind: wfm.KindInvalid, field: "kind", rule: "R25", line: 3}},
			{name: "released after the month", method: "PUT", path: path, token: pl, status: http.StatusBadRequest,
				body: csvBody("id,kind,minutes,release,deadline_working_days\nC1,follow_up,10,2027-01-01T00:00,1\n"),
				err:  &errSpec{kind: wfm.KindInvalid, field: "release", rule: "R25", line: 2}},
			{name: "a bad JSON item", method: "PUT", path: path, token: pl, status: http.StatusBadRequest,
				body: map[string]any{"items": []map[string]any{{"id": "X", "kind": "outbound", "minutes": 3, "release": "2026-12-03", "deadline_working_days": 2},
					{"id": "Y", "kind": "outbound", "minutes": 3, "release": "2026-12-03", "deadline_working_days": 99}}},
				err: &errSpec{kind: wfm.KindInvalid, field: "items[1].deadline_working_days", rule: "R25"}},
			{name: "a malformed JSON time", method: "PUT", path: path, token: pl, status: http.StatusBadRequest,
				body: map[string]any{"items": []map[string]any{{"id": "X", "kind": "outbound", "minutes": 3, "release": "3 Dec", "deadline_working_days": 2}}},
				err:  e(wfm.KindInvalid, "items.0.release")},
			{name: "a bad month", method: "PUT", path: p("/centres/%s/deferred/2026-13", c.id), token: pl, status: http.StatusBadRequest,
				body: csvBody(file), err: e(wfm.KindInvalid, "month")},
			{name: "as an agent", method: "PUT", path: path, token: agent, status: http.StatusForbidden, body: csvBody(file)},
			{name: "read as an agent", method: "GET", path: path, token: agent, status: http.StatusForbidden},
			{name: "an unknown centre", method: "PUT", path: p("/centres/nope/deferred/%s", testMonth), token: pl, status: http.StatusNotFound,
				body: csvBody(file), err: e(wfm.KindNotFound, "")},
		})
		if a := findAudit(ts.auditTrail(t, c.id), "deferred.put", testMonth); a == nil {
			t.Error("no audit entry")
		}
		got := ts.get(t, path).want(t, http.StatusOK)
		if len(got.list("items")) != 4 {
			t.Fatalf("a refused submission changed what was stored: %s", got)
		}

		roster := ts.startSolve(t, c, 1).str("roster.id")
		if j := ts.waitJob(t, c.id, roster, 60*time.Second); j.str("status") != store.JobSucceeded {
			t.Fatalf("solve did not succeed: %s", j)
		}
		r := ts.get(t, path).want(t, http.StatusOK)
		if r.str("placement.roster_id") != roster || r.str("placement.roster_status") != store.RosterDraft {
			t.Fatalf("placed on %s", r)
		}
		outcomes := r.list("placement.outcomes")
		if len(outcomes) != 4 || len(r.list("placement.days")) != 31 {
			t.Fatalf("%d outcomes, %d days", len(outcomes), len(r.list("placement.days")))
		}
		if r.num("placement.totals.items") != 43 || r.num("placement.totals.work_minutes") != 155 ||
			r.num("placement.totals.used_minutes") > r.num("placement.totals.idle_minutes") ||
			r.num("placement.totals.on_time_minutes")+r.num("placement.totals.missing_minutes") != r.num("placement.totals.due_minutes") {
			t.Errorf("totals %v", r.at("placement.totals"))
		}
		if r.str("placement.outcomes.1.released") <= r.str("placement.outcomes.0.released") && r.str("placement.outcomes.1.status") != "waiting" {
			t.Errorf("the call back was released at %s, its follow-up at %s", r.str("placement.outcomes.1.released"), r.str("placement.outcomes.0.released"))
		}
		if without, with := r.num("placement.service_level_without"), r.num("placement.service_level_with"); !(with <= without && without > 0) {
			t.Errorf("service level %v without, %v with the work", without, with)
		}
	})
}
