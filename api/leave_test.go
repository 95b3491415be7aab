package api

import (
	"net/http"
	"slices"
	"testing"

	"wfm"
	"wfm/store"
	"wfm/workflow"
)

// TestLeave is the leave family: notice per leave type (R9), the cap on concurrent annual leave
// (R10) at request and again at approval, decisions, and bad requests. The clock stands on
// 2026-11-20.
func TestLeave(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		c := ts.seedCentre(t, "Xiamen", seedOpts{noHistory: true, settings: func(s *wfm.CentreSettings) {
			s.Rules.MaxConcurrentAnnualLeave = 1
		}})
		pl := ts.planner
		tok := map[string]string{}
		for _, a := range []string{"A0002", "A0003", "A0004", "A0007", "A0008", "A0011"} {
			tok[a] = ts.agentToken(t, c.id, a)
		}
		leave, one := p("/centres/%s/leave", c.id), func(id, rest string) string { return p("/centres/%s/leave/%s%s", c.id, id, rest) }
		ids := map[string]string{} // request ids by row name
		keep := func(name string) func(*testing.T, *reply) {
			return func(t *testing.T, r *reply) {
				ids[name] = r.str("request.id")
				if ids[name] == "" || r.str("request.status") != store.RequestPending {
					t.Errorf("leave request: %s", r)
				}
			}
		}
		ask := func(typ, from, to string) map[string]any { return map[string]any{"type": typ, "from": from, "to": to} }
		// A row on a request an earlier row filed.
		later := func(name, method, id, rest string, body any, token string, status int, err *errSpec, check func(*testing.T, *reply)) apiCase {
			return apiCase{name: name, method: method, pathFn: func() string { return one(ids[id], rest) }, body: body, token: token,
				status: status, err: err, check: check}
		}
		cases := []apiCase{
			{name: "annual with 20 days of notice", method: "POST", path: leave, body: ask("annual", "2026-12-10", "2026-12-12"), token: tok["A0002"],
				status: http.StatusUnprocessableEntity, err: &errSpec{kind: wfm.KindRule, rule: "R9", field: "from", agent: "A0002"}},
			{name: "sick with 2 days of notice", method: "POST", path: leave, body: ask("sick", "2026-11-22", "2026-11-22"), token: tok["A0002"],
				status: http.StatusUnprocessableEntity, err: &errSpec{kind: wfm.KindRule, rule: "R9", field: "from"}},
			{name: "personal with 2 days of notice", method: "POST", path: leave, body: ask("personal", "2026-11-22", "2026-11-23"), token: tok["A0011"],
				status: http.StatusUnprocessableEntity, err: &errSpec{kind: wfm.KindRule, rule: "R9", field: "from", agent: "A0011"}},
			{name: "a planner must name the agent", method: "POST", path: leave, body: ask("personal", "2026-12-22", "2026-12-23"), token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "agent")},
			{name: "emergency sick today is accepted and flagged", method: "POST", path: leave,
				body:  map[string]any{"type": "sick", "from": "2026-11-20", "to": "2026-11-21", "emergency": true, "reason": "fever"},
				token: tok["A0003"], status: http.StatusCreated, check: func(t *testing.T, r *reply) {
					keep("emergency")(t, r)
					if r.at("request.emergency") != true || r.str("request.flags.0") != workflow.FlagEmergencySick || r.num("notice_days") != 0 {
						t.Errorf("emergency sick leave: %s", r)
					}
				}},
			{name: "emergency annual is refused", method: "POST", path: leave,
				body: map[string]any{"type": "annual", "from": "2026-11-23", "to": "2026-11-23", "emergency": true}, token: tok["A0004"],
				status: http.StatusUnprocessableEntity, err: &errSpec{kind: wfm.KindRule, rule: "R9", field: "emergency"}},
			{name: "emergency sick in the past is refused", method: "POST", path: leave,
				body: map[string]any{"type": "sick", "from": "2026-11-19", "to": "2026-11-20", "emergency": true}, token: tok["A0004"],
				status: http.StatusUnprocessableEntity, err: &errSpec{kind: wfm.KindRule, rule: "R9"}},
			{name: "sick with 3 days of notice", method: "POST", path: leave, body: ask("sick", "2026-11-23", "2026-11-23"), token: tok["A0004"],
				status: http.StatusCreated, check: keep("sick")},
			{name: "annual with 31 days of notice", method: "POST", path: leave, body: ask("annual", "2026-12-21", "2026-12-23"), token: tok["A0002"],
				status: http.StatusCreated, check: func(t *testing.T, r *reply) {
					keep("annual A")(t, r)
					if r.num("notice_days") != 31 || r.num("working_days") != 3 || r.str("request.agent") != "A0002" {
						t.Errorf("annual leave: %s", r)
					}
				}},
			later("approve it", "POST", "annual A", "/approve", map[string]any{"note": "enjoy"}, pl, http.StatusOK, nil, func(t *testing.T, r *reply) {
				if r.str("status") != store.RequestApproved || r.list("rosters") == nil || len(r.list("rosters")) != 0 {
					t.Errorf("approval without a published roster: %s", r)
				}
			}),
			later("approve it twice", "POST", "annual A", "/approve", nil, pl, http.StatusConflict, e(wfm.KindConflict, ""), nil),
			later("reject it after approval", "POST", "annual A", "/reject", nil, pl, http.StatusConflict, e(wfm.KindConflict, ""), nil),
			{name: "second annual at the same time", method: "POST", path: leave, body: ask("annual", "2026-12-22", "2026-12-25"), token: tok["A0007"],
				status: http.StatusUnprocessableEntity, err: &errSpec{kind: wfm.KindRule, rule: "R10", agent: "A0007"},
				check: func(t *testing.T, r *reply) {
					if e := r.errorOf(t); e.Day != "2026-12-22" {
						t.Errorf("R10 on %q, want 2026-12-22", e.Day)
					}
				}},
			{name: "annual right after it", method: "POST", path: leave, body: ask("annual", "2026-12-24", "2026-12-25"), token: tok["A0007"],
				status: http.StatusCreated, check: keep("annual B")},
			{name: "annual overlapping a pending one", method: "POST", path: leave, body: ask("annual", "2026-12-25", "2026-12-26"), token: tok["A0008"],
				status: http.StatusCreated, check: keep("annual C")},
			later("approve the first of two pending", "POST", "annual B", "/approve", nil, pl, http.StatusOK, nil, nil),
			later("approve the second: R10 since approved in between", "POST", "annual C", "/approve", nil, pl, http.StatusUnprocessableEntity,
				&errSpec{kind: wfm.KindRule, rule: "R10", agent: "A0008"}, nil),
			later("it stays pending", "GET", "annual C", "", nil, pl, http.StatusOK, nil, func(t *testing.T, r *reply) {
				if r.str("status") != store.RequestPending {
					t.Errorf("refused approval changed the request: %s", r)
				}
			}),
			later("reject it", "POST", "annual C", "/reject", map[string]any{"note": "R10: A0007 is away"}, pl, http.StatusOK, nil,
				func(t *testing.T, r *reply) {
					if r.str("status") != store.RequestRejected {
						t.Errorf("reject: %s", r)
					}
				}),
			later("reject with a malformed note", "POST", "sick", "/reject", rawBody(`{"note": `), pl, http.StatusBadRequest, e(wfm.KindInvalid, "body"), nil),
			later("approve the emergency", "POST", "emergency", "/approve", nil, pl, http.StatusOK, nil, nil),
			{name: "own approved leave again", method: "POST", path: leave, body: ask("sick", "2026-11-21", "2026-11-24"), token: tok["A0003"],
				status: http.StatusConflict, err: &errSpec{kind: wfm.KindConflict, rule: "R9", field: "from"}},
			{name: "unknown type", method: "POST", path: leave, body: ask("holiday", "2026-12-28", "2026-12-28"), token: tok["A0011"],
				status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, rule: "R9", field: "type"}},
			{name: "ends before it starts", method: "POST", path: leave, body: ask("personal", "2026-12-28", "2026-12-27"), token: tok["A0011"],
				status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, rule: "R9", field: "to"}},
			{name: "unknown agent", method: "POST", path: leave, body: map[string]any{"agent": "Z9999", "type": "personal", "from": "2026-12-28",
				"to": "2026-12-28"}, token: pl, status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, field: "agent"}},
			{name: "for another agent", method: "POST", path: leave, body: map[string]any{"agent": "A0002", "type": "personal", "from": "2026-12-28",
				"to": "2026-12-28"}, token: tok["A0011"], status: http.StatusForbidden, err: e(wfm.KindForbidden, "")},
			{name: "date of the wrong type", method: "POST", path: leave, body: rawBody(`{"type": "personal", "from": 20261228, "to": "2026-12-28"}`),
				token: tok["A0011"], status: http.StatusBadRequest, err: e(wfm.KindInvalid, "from")},
			{name: "no such date", method: "POST", path: leave, body: rawBody(`{"type": "personal", "from": "2026-12-28", "to": "2026-02-30"}`),
				token: tok["A0011"], status: http.StatusBadRequest, err: e(wfm.KindInvalid, "to")},
			{name: "emergency of the wrong type", method: "POST", path: leave, body: rawBody(`{"type": "sick", "from": "2026-12-28", "to": "2026-12-28", "emergency": "yes"}`),
				token: tok["A0011"], status: http.StatusBadRequest, err: e(wfm.KindInvalid, "emergency")},
			{name: "unknown field", method: "POST", path: leave, body: rawBody(`{"type": "sick", "from": "2026-12-28", "to": "2026-12-28", "doctor": "Li"}`),
				token: tok["A0011"], status: http.StatusBadRequest, err: e(wfm.KindInvalid, "doctor")},
			{name: "unknown request", method: "GET", path: one("nope", ""), token: pl, status: http.StatusNotFound, err: e(wfm.KindNotFound, "")},
			{name: "approve an unknown request", method: "POST", path: one("nope", "/approve"), token: pl, status: http.StatusNotFound,
				err: e(wfm.KindNotFound, "")},
			{name: "reject an unknown request", method: "POST", path: one("nope", "/reject"), token: pl, status: http.StatusNotFound,
				err: e(wfm.KindNotFound, "")},
			later("approve as an agent", "POST", "sick", "/approve", nil, tok["A0004"], http.StatusForbidden, e(wfm.KindForbidden, ""), nil),
			{name: "list by status", method: "GET", path: leave + "?status=approved", token: pl, status: http.StatusOK,
				check: func(t *testing.T, r *reply) {
					var got []string
					for _, l := range r.list("requests") {
						got = append(got, l.(map[string]any)["agent"].(string))
					}
					slices.Sort(got)
					if !slices.Equal(got, []string{"A0002", "A0003", "A0007"}) {
						t.Errorf("approved leave of %v, want A0002, A0003, A0007", got)
					}
				}},
			{name: "list by agent", method: "GET", path: leave + "?agent=A0008", token: pl, status: http.StatusOK,
				check: func(t *testing.T, r *reply) {
					if len(r.list("requests")) != 1 || r.str("requests.0.status") != store.RequestRejected || r.str("requests.0.note") != "R10: A0007 is away" {
						t.Errorf("A0008's leave: %s", r)
					}
				}},
		}
		ts.run(t, cases)

		trail := ts.auditTrail(t, c.id)
		for _, want := range []struct{ action, id string }{{"leave.approve", ids["annual A"]}, {"leave.reject", ids["annual C"]},
			{"leave.request", ids["emergency"]}} {
			if e := findAudit(trail, want.action, want.id); e == nil || e.Actor != "planner:pat" && want.action != "leave.request" {
				t.Errorf("audit %s of %s: %+v", want.action, want.id, e)
			}
		}
	})
}
