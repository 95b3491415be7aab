package api

import (
	"net/http"
	"strings"
	"testing"

	"wfm"
	"wfm/store"
)

// TestPrivacy is R20: what an agent may see of colleagues (no names, no leave types or reasons,
// no one else's requests or schedule), and that no secret reaches the log.
func TestPrivacy(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		c := ts.seedCentre(t, "Xiamen", seedOpts{})
		_, pub := ts.publishedRoster(t, c)
		view := newRosterView(pub, c.agents, fixtureOf(t).shifts)

		// Sick leave, with a private reason, for a day agent who works 2026-12-08 and keeps its
		// weekly minimum without that shift, approved into the roster; and a request of the reader's own.
		sick := ""
		for _, a := range view.order {
			if d, _ := view.day(a, day(8)); view.agents[a].Group == wfm.GroupDay && view.plain(a) && d.Working() && a != "A0002" &&
				view.keepsWeeklyMin(a, day(8)) {
				sick = a
				break
			}
		}
		if sick == "" {
			t.Fatal("no plain day agent works 2026-12-08 and keeps its weekly minimum without it")
		}
		const reason = "胃炎 gastritis, hospital visit"
		tokSick, me := ts.agentToken(t, c.id, sick), "A0002"
		tokMe := ts.agentToken(t, c.id, me)
		leaveID := ts.do(t, "POST", p("/centres/%s/leave", c.id), map[string]any{"type": "sick", "from": "2026-12-08", "to": "2026-12-08",
			"reason": reason}, tokSick).want(t, http.StatusCreated).str("request.id")
		r := ts.post(t, p("/centres/%s/leave/%s/approve", c.id, leaveID), nil).want(t, http.StatusOK)
		withLeave := r.str("rosters.0.roster.id")
		if withLeave == "" {
			t.Fatalf("the leave did not go into the roster: %s", r)
		}
		myLeave := ts.do(t, "POST", p("/centres/%s/leave", c.id), map[string]any{"type": "personal", "from": "2026-12-28", "to": "2026-12-28",
			"reason": "my own reason"}, tokMe).want(t, http.StatusCreated).str("request.id")
		// A cancelled version, which agents must not see.
		hidden := ts.startSolve(t, c, 30).str("roster.id")
		ts.post(t, p("/centres/%s/rosters/%s/cancel", c.id, hidden), nil).want(t, http.StatusAccepted)

		// Everything an agent reads: no colleague's name, leave type or reason.
		private := []string{reason, "gastritis", agentName(sick), agentName("A0003"), `"sick"`}
		clean := func(t *testing.T, r *reply) {
			t.Helper()
			for _, s := range private {
				if strings.Contains(string(r.raw), s) {
					t.Errorf("an agent's reply shows %q: %s", s, tail(r.String(), 600))
				}
			}
		}
		ts.run(t, []apiCase{
			{name: "another agent's leave request", method: "GET", path: p("/centres/%s/leave/%s", c.id, leaveID), token: tokMe,
				status: http.StatusForbidden, err: e(wfm.KindForbidden, ""), check: clean},
			{name: "its own leave request", method: "GET", path: p("/centres/%s/leave/%s", c.id, myLeave), token: tokMe,
				status: http.StatusOK, check: func(t *testing.T, r *reply) {
					clean(t, r)
					if r.str("reason") != "my own reason" {
						t.Errorf("own request without its reason: %s", r)
					}
				}},
			{name: "the list of leave is its own", method: "GET", path: p("/centres/%s/leave", c.id), token: tokMe, status: http.StatusOK,
				check: func(t *testing.T, r *reply) {
					clean(t, r)
					if len(r.list("requests")) != 1 || r.str("requests.0.id") != myLeave {
						t.Errorf("an agent's leave list: %s", r)
					}
				}},
			{name: "asking for another agent's leave lists its own", method: "GET", path: p("/centres/%s/leave?agent=%s", c.id, sick),
				token: tokMe, status: http.StatusOK, check: func(t *testing.T, r *reply) {
					clean(t, r)
					if len(r.list("requests")) != 1 || r.str("requests.0.agent") != me {
						t.Errorf("an agent's leave list: %s", r)
					}
				}},
			{name: "the team roster shows leave, not its type", method: "GET", path: p("/centres/%s/rosters/%s", c.id, withLeave), token: tokMe,
				status: http.StatusOK, check: func(t *testing.T, r *reply) {
					clean(t, r)
					var out struct {
						Schedule wfm.Roster `json:"schedule"`
					}
					r.into(t, &out)
					if d := dayOf(&out.Schedule, sick, day(8)); d.Leave != "leave" || d.Working() {
						t.Errorf("%s's leave day as a colleague sees it: %+v", sick, d)
					}
					if len(out.Schedule.Schedules) != 30 || out.Schedule.Coverage != nil {
						t.Errorf("team roster: %d schedules, coverage %v", len(out.Schedule.Schedules), out.Schedule.Coverage != nil)
					}
				}},
			{name: "the agent on leave sees its type", method: "GET", path: p("/centres/%s/agents/%s/schedule?month=%s", c.id, sick, testMonth),
				token: tokSick, status: http.StatusOK, check: func(t *testing.T, r *reply) {
					if r.str("days.7.leave") != wfm.LeaveSick || strings.Contains(string(r.raw), reason) {
						t.Errorf("own schedule: %s", r)
					}
				}},
			{name: "another agent's schedule", method: "GET", path: p("/centres/%s/agents/%s/schedule?month=%s", c.id, sick, testMonth),
				token: tokMe, status: http.StatusForbidden, err: e(wfm.KindForbidden, "")},
			{name: "colleagues without names", method: "GET", path: p("/centres/%s/agents", c.id), token: tokMe, status: http.StatusOK,
				check: func(t *testing.T, r *reply) {
					clean(t, r)
					if len(r.list("agents")) != 30 || !strings.Contains(string(r.raw), agentName(me)) {
						t.Errorf("agents as an agent: %s", tail(r.String(), 300))
					}
					for _, a := range r.list("agents") {
						m := a.(map[string]any)
						if _, ok := m["contract_hours"]; ok && m["id"] != me {
							t.Errorf("a colleague's contract: %v", m)
						}
					}
				}},
			{name: "a colleague without name", method: "GET", path: p("/centres/%s/agents/%s", c.id, sick), token: tokMe, status: http.StatusOK,
				check: func(t *testing.T, r *reply) {
					clean(t, r)
					if r.str("id") != sick || r.str("group") != "day" || r.at("name") != nil || r.at("contract_hours") != nil {
						t.Errorf("colleague: %s", r)
					}
				}},
			{name: "its own record in full", method: "GET", path: p("/centres/%s/agents/%s", c.id, me), token: tokMe, status: http.StatusOK,
				check: func(t *testing.T, r *reply) {
					if r.str("name") != agentName(me) || r.num("contract_hours") != 40 {
						t.Errorf("own record: %s", r)
					}
				}},
			{name: "published rosters only", method: "GET", path: p("/centres/%s/rosters", c.id), token: tokMe, status: http.StatusOK,
				check: func(t *testing.T, r *reply) {
					clean(t, r)
					for _, ro := range r.list("rosters") {
						if ro.(map[string]any)["status"] != store.RosterPublished {
							t.Errorf("an agent sees %v", ro)
						}
					}
					if len(r.list("rosters")) != 2 {
						t.Errorf("want the two published versions: %s", r)
					}
				}},
			{name: "no cancelled roster", method: "GET", path: p("/centres/%s/rosters/%s", c.id, hidden), token: tokMe,
				status: http.StatusNotFound},
			{name: "swaps: its own only", method: "GET", path: p("/centres/%s/swaps?agent=%s", c.id, sick), token: tokMe, status: http.StatusOK,
				check: func(t *testing.T, r *reply) {
					if len(r.list("requests")) != 0 {
						t.Errorf("an agent sees others' swaps: %s", r)
					}
				}},
			{name: "leave for a colleague", method: "POST", path: p("/centres/%s/leave", c.id), body: map[string]any{"agent": sick, "type": "personal",
				"from": "2026-12-29", "to": "2026-12-29"}, token: tokMe, status: http.StatusForbidden},
			{name: "the audit trail", method: "GET", path: p("/centres/%s/audit", c.id), token: tokMe, status: http.StatusForbidden},
			{name: "the export, which has names", method: "GET", path: p("/centres/%s/rosters/%s/export.csv", c.id, withLeave), token: tokMe,
				status: http.StatusForbidden},
			{name: "the leave request itself as the planner", method: "GET", path: p("/centres/%s/leave/%s", c.id, leaveID), token: ts.planner,
				status: http.StatusOK, check: func(t *testing.T, r *reply) {
					if r.str("reason") != reason {
						t.Errorf("the planner reads the reason: %s", r)
					}
				}},
			{name: "a bad token", method: "GET", path: p("/centres"), token: "wfm_not-a-real-secret-7f3a", status: http.StatusUnauthorized},
		})

		// No secret, header or reason in the log.
		log := ts.logs.String()
		if !strings.Contains(log, `"route":"/api/v1/centres/:centre/leave/:request"`) {
			t.Fatalf("the log holds no request lines to check: %s", tail(log, 500))
		}
		for _, s := range []string{ts.planner, tokSick, tokMe, "wfm_not-a-real-secret-7f3a", "Bearer", "Authorization", "authorization", reason,
			"my own reason", agentName(sick)} {
			if strings.Contains(log, s) {
				t.Errorf("the log holds %q", s)
			}
		}
	})
}
