package api

import (
	"net/http"
	"testing"
	"time"

	"wfm"
	"wfm/store"
)

// TestRosters is the rosters family: solve jobs and their cancellation, and every way a roster
// request can be wrong.
func TestRosters(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		c := ts.seedCentre(t, "Xiamen", seedOpts{})
		pl, agent := ts.planner, ts.agentToken(t, c.id, "A0002")
		rosters := p("/centres/%s/rosters", c.id)

		// A long solve is cancelled while it runs, and one queued behind it at once.
		long := ts.startSolve(t, c, 60).str("roster.id")
		deadline := time.Now().Add(20 * time.Second)
		for ts.get(t, p("/centres/%s/rosters/%s/job", c.id, long)).str("status") != store.JobRunning {
			if time.Now().After(deadline) {
				t.Fatal("the solve did not start")
			}
			time.Sleep(50 * time.Millisecond)
		}
		queued := ts.startSolve(t, c, 60).str("roster.id")
		r := ts.post(t, p("/centres/%s/rosters/%s/cancel", c.id, queued), nil).want(t, http.StatusAccepted)
		if r.str("status") != store.JobCancelled || r.at("cancel_requested") != true {
			t.Errorf("cancel a queued job: %s", r)
		}
		began := time.Now()
		r = ts.post(t, p("/centres/%s/rosters/%s/cancel", c.id, long), nil).want(t, http.StatusAccepted)
		if r.str("status") != store.JobRunning || r.at("cancel_requested") != true {
			t.Errorf("cancel a running job: %s", r)
		}
		j := ts.waitJob(t, c.id, long, 10*time.Second)
		if took := time.Since(began); j.str("status") != store.JobCancelled || took > 10*time.Second {
			t.Errorf("cancelled after %v: %s", took, j)
		}
		for _, id := range []string{long, queued} {
			if r := ts.get(t, p("/centres/%s/rosters/%s", c.id, id)).want(t, http.StatusOK); r.str("roster.status") != store.RosterCancelled ||
				r.str("job.status") != store.JobCancelled || r.at("schedule") != nil {
				t.Errorf("cancelled roster: %s", r)
			}
		}
		if e := findAudit(ts.auditTrail(t, c.id), "roster.cancel", long); e == nil || e.Actor != "planner:pat" {
			t.Errorf("no audit of the cancellation: %+v", e)
		}

		// A solved draft, for the rows below.
		solved := ts.startSolve(t, c, 1).str("roster.id")
		if j := ts.waitJob(t, c.id, solved, 60*time.Second); j.str("status") != store.JobSucceeded {
			t.Fatalf("solve: %s", j)
		}
		week := ts.post(t, p("/centres/%s/forecasts", c.id), map[string]any{"start": "2026-12-01", "days": 7, "model": "profile"}).
			want(t, http.StatusCreated).str("id")
		empty := ts.post(t, p("/centres"), map[string]any{"name": "empty"}).want(t, http.StatusCreated).str("id")
		one := func(id, rest string) string { return p("/centres/%s/rosters/%s%s", c.id, id, rest) }
		month := func(extra map[string]any) map[string]any {
			b := map[string]any{"month": testMonth, "forecast_id": c.forecast, "time_limit_s": 1}
			for k, v := range extra {
				b[k] = v
			}
			return b
		}
		var replanned string
		ts.run(t, []apiCase{
			{name: "list", method: "GET", path: rosters, token: pl, status: http.StatusOK, check: func(t *testing.T, r *reply) {
				if len(r.list("rosters")) != 3 || r.str("rosters.0.id") != solved || r.num("rosters.0.version") != 3 {
					t.Errorf("rosters: %s", r)
				}
			}},
			{name: "agents see no draft", method: "GET", path: rosters, token: agent, status: http.StatusOK, check: func(t *testing.T, r *reply) {
				if len(r.list("rosters")) != 0 {
					t.Errorf("an agent sees unpublished rosters: %s", r)
				}
			}},
			{name: "nor read one", method: "GET", path: one(solved, ""), token: agent, status: http.StatusNotFound, err: e(wfm.KindNotFound, "")},
			{name: "month without agents", method: "POST", path: p("/centres/%s/rosters", empty), body: map[string]any{"month": testMonth},
				token: pl, status: http.StatusConflict, err: e(wfm.KindConflict, "agents")},
			{name: "time limit too short", method: "POST", path: rosters, body: month(map[string]any{"time_limit_s": 0.5}), token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "time_limit_s")},
			{name: "time limit too long", method: "POST", path: rosters, body: month(map[string]any{"time_limit_s": 3601}), token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "time_limit_s")},
			{name: "negative time limit", method: "POST", path: rosters, body: month(map[string]any{"time_limit_s": -5}), token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "time_limit_s")},
			{name: "time limit of the wrong type", method: "POST", path: rosters, body: rawBody(`{"month": "2026-12", "time_limit_s": "quick"}`),
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "time_limit_s")},
			{name: "too many attempts", method: "POST", path: rosters, body: month(map[string]any{"max_attempts": 11}), token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "max_attempts")},
			{name: "no such month", method: "POST", path: rosters, body: month(map[string]any{"month": "2026-13"}), token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "month")},
			{name: "neither month nor problem", method: "POST", path: rosters, body: map[string]any{"time_limit_s": 1}, token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "month")},
			{name: "unknown forecast", method: "POST", path: rosters, body: month(map[string]any{"forecast_id": "nope"}), token: pl,
				status: http.StatusNotFound, err: e(wfm.KindNotFound, "")},
			{name: "forecast of another period", method: "POST", path: rosters, body: month(map[string]any{"forecast_id": week}), token: pl,
				status: http.StatusConflict, err: e(wfm.KindConflict, "forecast_id")},
			{name: "invalid problem", method: "POST", path: rosters, body: map[string]any{"problem": map[string]any{"horizon": map[string]any{"days": 0}}},
				token: pl, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "")},
			{name: "unknown field", method: "POST", path: rosters, body: month(map[string]any{"deadline": "soon"}), token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "deadline")},
			{name: "solve as an agent", method: "POST", path: rosters, body: month(nil), token: agent, status: http.StatusForbidden,
				err: e(wfm.KindForbidden, "")},
			{name: "unknown centre", method: "POST", path: p("/centres/nope/rosters"), body: month(nil), token: pl, status: http.StatusNotFound},

			{name: "unknown roster", method: "GET", path: one("nope", ""), token: pl, status: http.StatusNotFound, err: e(wfm.KindNotFound, "")},
			{name: "job of an unknown roster", method: "GET", path: one("nope", "/job"), token: pl, status: http.StatusNotFound},
			{name: "cancel an unknown roster", method: "POST", path: one("nope", "/cancel"), token: pl, status: http.StatusNotFound},
			{name: "publish an unknown roster", method: "POST", path: one("nope", "/publish"), token: pl, status: http.StatusNotFound},
			{name: "export an unknown roster", method: "GET", path: one("nope", "/export.csv"), token: pl, status: http.StatusNotFound},
			{name: "replan an unknown roster", method: "POST", path: one("nope", "/replan"), body: map[string]any{"date": "2026-12-10", "from": "12:00", "factor": 1.2},
				token: pl, status: http.StatusNotFound},
			{name: "what-if on an unknown roster", method: "POST", path: one("nope", "/whatif"), body: map[string]any{}, token: pl,
				status: http.StatusNotFound},
			{name: "cancel a cancelled job", method: "POST", path: one(long, "/cancel"), token: pl, status: http.StatusConflict,
				err: e(wfm.KindConflict, "")},
			{name: "cancel a finished job", method: "POST", path: one(solved, "/cancel"), token: pl, status: http.StatusConflict},
			{name: "publish a cancelled roster", method: "POST", path: one(long, "/publish"), token: pl, status: http.StatusConflict,
				err: e(wfm.KindConflict, "")},
			{name: "export a cancelled roster", method: "GET", path: one(long, "/export.csv"), token: pl, status: http.StatusConflict},
			{name: "what-if on a cancelled roster", method: "POST", path: one(long, "/whatif"), body: map[string]any{}, token: pl,
				status: http.StatusConflict},
			{name: "job as an agent", method: "GET", path: one(solved, "/job"), token: agent, status: http.StatusForbidden},
			{name: "cancel as an agent", method: "POST", path: one(solved, "/cancel"), token: agent, status: http.StatusForbidden},

			{name: "replan: date outside the month", method: "POST", path: one(solved, "/replan"),
				body: map[string]any{"date": "2027-01-10", "from": "12:00", "factor": 1.2}, token: pl,
				status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, field: "date", rule: "R5"}},
			{name: "replan: from off the grid", method: "POST", path: one(solved, "/replan"),
				body: map[string]any{"date": "2026-12-10", "from": "12:10", "factor": 1.2}, token: pl,
				status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, field: "from", rule: "R5"}},
			{name: "replan: negative factor", method: "POST", path: one(solved, "/replan"),
				body: map[string]any{"date": "2026-12-10", "from": "12:00", "factor": -1}, token: pl,
				status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, field: "factor", rule: "R5"}},
			{name: "replan: clock of the wrong type", method: "POST", path: one(solved, "/replan"),
				body: rawBody(`{"date": "2026-12-10", "from": 720, "factor": 1.2}`), token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "from")},
			{name: "replan: no body", method: "POST", path: one(solved, "/replan"), token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "body")},
			{name: "what-if: no calls", method: "POST", path: one(solved, "/whatif"), body: map[string]any{"volume_factor": 0}, token: pl,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "volume_factor")},
			{name: "what-if: the roster as it is, against the centre's target", method: "POST", path: one(solved, "/whatif"), body: map[string]any{},
				token: pl, status: http.StatusOK, check: func(t *testing.T, r *reply) {
					sl := r.num("service_level")
					if sl <= 0 || sl > 1 {
						t.Errorf("projected service level %v", sl)
					}
					// Within 60 s rather than 10 s, more calls are answered in time.
					ts.put(t, p("/centres/%s", c.id), map[string]any{"name": "Xiamen", "settings": map[string]any{"answer_within_s": 60}}).
						want(t, http.StatusOK)
					defer func() {
						ts.put(t, p("/centres/%s", c.id), map[string]any{"name": "Xiamen", "settings": map[string]any{"answer_within_s": 10}}).
							want(t, http.StatusOK)
					}()
					if sl60 := ts.post(t, one(solved, "/whatif"), map[string]any{}).want(t, http.StatusOK).num("service_level"); !(sl60 > sl) {
						t.Errorf("projected service level within 60 s %v, within 10 s %v: want the first higher", sl60, sl)
					}
				}},
			{name: "export as an agent", method: "GET", path: one(solved, "/export.csv"), token: agent, status: http.StatusForbidden},
			{name: "publish as an agent", method: "POST", path: one(solved, "/publish"), token: agent, status: http.StatusForbidden},
			{name: "replan a draft: a new draft", method: "POST", path: one(solved, "/replan"),
				body: map[string]any{"date": "2026-12-10", "from": "12:00", "factor": 1.2}, token: pl, status: http.StatusCreated,
				check: func(t *testing.T, r *reply) {
					replanned = r.str("roster.id")
					if r.str("roster.status") != store.RosterDraft || r.num("roster.version") != 4 || r.str("roster.parent_id") != solved {
						t.Errorf("replanned draft: %s", r)
					}
				}},
			{name: "publish the newer draft", method: "POST", pathFn: func() string { return one(replanned, "/publish") }, token: pl,
				status: http.StatusOK},
			{name: "publish an older draft: on top, as a new version", method: "POST", path: one(solved, "/publish"), token: pl,
				status: http.StatusOK, check: func(t *testing.T, r *reply) {
					if r.str("status") != store.RosterPublished || r.num("version") != 5 || r.str("parent_id") != solved ||
						r.str("kind") != store.KindChange || len(r.list("reapplied")) != 0 {
						t.Errorf("publish of a draft older than the published version: %s", r)
					}
				}},
			{name: "the older draft is superseded", method: "GET", path: one(solved, ""), token: pl, status: http.StatusOK,
				check: func(t *testing.T, r *reply) {
					if r.str("roster.status") != store.RosterSuperseded {
						t.Errorf("the draft published as a new version: %s", tail(r.String(), 300))
					}
				}},
			{name: "publish it again", method: "POST", path: one(solved, "/publish"), token: pl, status: http.StatusConflict,
				err: e(wfm.KindConflict, "")},
			{name: "publish again", method: "POST", pathFn: func() string { return one(replanned, "/publish") }, token: pl,
				status: http.StatusConflict, err: e(wfm.KindConflict, "")},
			{name: "replan an older version", method: "POST", path: one(solved, "/replan"),
				body: map[string]any{"date": "2026-12-11", "from": "12:00", "factor": 1.2}, token: pl, status: http.StatusCreated,
				check: func(t *testing.T, r *reply) {
					if r.str("roster.status") != store.RosterDraft {
						t.Errorf("a re-plan of a draft is a draft: %s", r)
					}
				}},
			{name: "agents see it now", method: "GET", pathFn: func() string { return one(replanned, "") }, token: agent, status: http.StatusOK,
				check: func(t *testing.T, r *reply) {
					if r.at("job") != nil || r.at("schedule.coverage") != nil || r.at("schedule.objective.terms") != nil ||
						len(r.list("schedule.schedules")) != 30 {
						t.Errorf("agent's view of the roster: %s", tail(r.String(), 400))
					}
				}},
		})
	})
}
