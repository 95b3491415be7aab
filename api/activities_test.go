package api

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"wfm"
	"wfm/store"
)

// TestActivities is a month's activities off the phones (R15) through the API: submitted as CSV
// or JSON, stored and replaced, refused with the line or activity, the field, the agent and the
// rule, for planners only, audited; once the month has a roster, read back with the sessions
// placed in it. (The harness checks every reply against the OpenAPI document.)
func TestActivities(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		c := ts.seedCentre(t, "Xiamen", seedOpts{})
		pl, agent := ts.planner, ts.agentToken(t, c.id, "A0002")
		path := p("/centres/%s/activities/%s", c.id, testMonth)
		a, b := c.agents[0].ID, c.agents[1].ID
		file := "id,name,kind,minutes,agents,count,group,skill,from,to,repeat,room,max_group\n" +
			"EXAM,quarterly exam,exam,60,,12,,,2026-12-01,2026-12-31,quarterly,,10\n" +
			"LEAD,meeting,meeting,30," + a + ";" + b + ",,,,2026-12-07,2026-12-13,,own,\n"
		ts.run(t, []apiCase{
			{name: "before any submission", method: "GET", path: path, token: pl, status: http.StatusNotFound, err: e(wfm.KindNotFound, "")},
			{name: "JSON", method: "PUT", path: path, token: pl, status: http.StatusOK,
				body: map[string]any{"activities": []map[string]any{{"id": "X", "kind": "training", "minutes": 120, "count": 4, "from": "2026-12-01", "to": "2026-12-31", "repeat": "weekly"}},
					"rooms": []map[string]any{{"id": "hall", "capacity": 30}}},
				check: func(t *testing.T, r *reply) {
					if r.num("activities") != 1 || r.num("rooms") != 1 {
						t.Errorf("stored %s", r)
					}
				}},
			{name: "CSV replaces it", method: "PUT", path: path, token: pl, status: http.StatusOK, body: csvBody(file),
				check: func(t *testing.T, r *reply) {
					if r.num("activities") != 2 || r.num("rooms") != 0 || r.str("month") != testMonth {
						t.Errorf("stored %s", r)
					}
				}},
			{name: "read back without a roster", method: "GET", path: path, token: pl, status: http.StatusOK,
				check: func(t *testing.T, r *reply) {
					if len(r.list("activities")) != 2 || r.str("activities.1.agents.1") != b || len(r.list("rooms")) != 2 || r.at("placement") != nil {
						t.Errorf("read %s", r)
					}
				}},
			{name: "a bad line", method: "PUT", path: path, token: pl, status: http.StatusBadRequest,
				body: csvBody("id,kind,minutes,count,from,to\nX,exam,60,2,2026-12-01,2026-12-31\nY,party,60,2,2026-12-01,2026-12-31\n"),
				err:  &errSpec{kind: wfm.KindInvalid, field: "kind", rule: "R15", line: 3}},
			{name: "outside the month", method: "PUT", path: path, token: pl, status: http.StatusBadRequest,
				body: csvBody("id,kind,minutes,count,from,to\nX,exam,60,2,2026-12-01,2027-01-31\n"),
				err:  &errSpec{kind: wfm.KindInvalid, field: "from", rule: "R15", line: 2}},
			{name: "an unknown attendee", method: "PUT", path: path, token: pl, status: http.StatusBadRequest,
				body: map[string]any{"activities": []map[string]any{{"id": "X", "kind": "exam", "minutes": 60, "agents": []string{a, "NOBODY"}, "from": "2026-12-01", "to": "2026-12-31"}}},
				err:  &errSpec{kind: wfm.KindInvalid, field: "activities[0].agents", rule: "R15", agent: "NOBODY"}},
			{name: "a room of negative capacity", method: "PUT", path: path, token: pl, status: http.StatusBadRequest,
				body: map[string]any{"activities": []map[string]any{}, "rooms": []map[string]any{{"id": "r", "capacity": -1}}},
				err:  &errSpec{kind: wfm.KindInvalid, field: "rooms[0].capacity", rule: "R15"}},
			{name: "a bad month", method: "PUT", path: p("/centres/%s/activities/2026-13", c.id), token: pl, status: http.StatusBadRequest,
				body: csvBody(file), err: e(wfm.KindInvalid, "month")},
			{name: "as an agent", method: "PUT", path: path, token: agent, status: http.StatusForbidden, body: csvBody(file)},
			{name: "read as an agent", method: "GET", path: path, token: agent, status: http.StatusForbidden},
			{name: "an unknown centre", method: "PUT", path: p("/centres/nope/activities/%s", testMonth), token: pl, status: http.StatusNotFound,
				body: csvBody(file), err: e(wfm.KindNotFound, "")},
		})
		if a := findAudit(ts.auditTrail(t, c.id), "activities.put", testMonth); a == nil {
			t.Error("no audit entry")
		}
		if got := ts.get(t, path).want(t, http.StatusOK); len(got.list("activities")) != 2 {
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
		sessions, costs := r.list("placement.sessions"), r.list("placement.costs")
		if len(sessions) == 0 || len(costs) != len(sessions) {
			t.Fatalf("%d sessions, %d costs", len(sessions), len(costs))
		}
		// every attendance of the exam (12) and the meeting (2) is placed or named
		n := len(r.list("placement.unplaced"))
		for i := range sessions {
			n += len(r.list(fmt.Sprintf("placement.sessions.%d.attendees", i)))
		}
		if n != 14 {
			t.Errorf("%d attendances placed or named, want 14: %s", n, r)
		}
		if !(r.num("placement.under_coverage_after") >= r.num("placement.under_coverage_before")) ||
			r.num("placement.objective_after") == r.num("placement.objective_before") {
			t.Errorf("the sessions changed nothing: %v", r.at("placement"))
		}
	})
}
