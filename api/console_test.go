package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"wfm"
	"wfm/store"
	"wfm/workflow"
)

// TestWithPrincipal checks that a request handed to the API in the same process with a token in
// its context is held to that token's role and centre, exactly as a bearer token is.
func TestWithPrincipal(t *testing.T) {
	ts := newTestServer(t, "sqlite")
	c := ts.seedCentre(t, "Xiamen", seedOpts{noHistory: true})
	agent := store.Token{ID: "t-agent", Role: store.RoleAgent, CentreID: c.id, AgentID: "A0002"}
	call := func(tok *store.Token, path string) int {
		req := httptest.NewRequest("GET", path, nil)
		if tok != nil {
			req = req.WithContext(WithPrincipal(req.Context(), *tok))
		}
		w := httptest.NewRecorder()
		ts.api.Handler().ServeHTTP(w, req)
		return w.Code
	}
	for _, tc := range []struct {
		name string
		tok  *store.Token
		path string
		want int
	}{
		{"no principal", nil, p("/centres/%s/agents", c.id), http.StatusUnauthorized},
		{"an agent on an agents' route", &agent, p("/centres/%s/agents", c.id), http.StatusOK},
		{"an agent on a planner's route", &agent, p("/centres/%s/audit", c.id), http.StatusForbidden},
		{"an agent of another centre", &agent, p("/centres/%s/agents", "elsewhere"), http.StatusForbidden},
	} {
		if got := call(tc.tok, tc.path); got != tc.want {
			t.Errorf("%s: status %d, want %d", tc.name, got, tc.want)
		}
	}
}

// TestConsoleServices edits a day of a published roster (checked, refused when it breaks a HARD
// rule, saved as a new published version with its audit record) and reviews pending leave and
// swap requests, on both stores.
func TestConsoleServices(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		c := ts.seedCentre(t, "Xiamen", seedOpts{})
		id, r := ts.publishedRoster(t, c)
		ctx := context.Background()
		planner := store.Token{ID: "t-pat", Role: store.RolePlanner, Name: "pat"}
		// A day-group agent's working day that it can have off without breaking a HARD rule (its
		// week keeps its minimum), and a night template.
		var agent string
		var date wfm.Date
		for _, a := range c.agents {
			if a.Group != wfm.GroupDay || len(a.Roles) > 0 {
				continue
			}
			for _, d := range slices.Backward(r.Schedules[slices.IndexFunc(r.Schedules, func(s wfm.AgentSchedule) bool { return s.Agent == a.ID })].Days) {
				if !d.Working() {
					continue
				}
				res, err := ts.api.applyDayEdit(ctx, planner, c.id, id, workflow.DayEdit{Agent: a.ID, Date: d.Date}, false)
				if err == nil && len(res.Impact.Violations) == 0 {
					agent, date = a.ID, d.Date
					break
				}
			}
			if agent != "" {
				break
			}
		}
		night := ""
		for _, s := range fixtureOf(t).shifts {
			if s.Start >= 20*60 {
				night = s.ID
			}
		}
		if agent == "" || night == "" {
			t.Fatalf("fixture: agent %q night shift %q", agent, night)
		}
		bad := workflow.DayEdit{Agent: agent, Date: date, Shift: night}
		res, err := ts.api.applyDayEdit(ctx, planner, c.id, id, bad, false)
		if err != nil || !slices.ContainsFunc(res.Impact.Violations, func(v wfm.Violation) bool { return v.Rule == "R22" }) {
			t.Fatalf("night shift for a day agent: %+v (%v), want R22 named", res, err)
		}
		if _, err := ts.api.applyDayEdit(ctx, planner, c.id, id, bad, true); wfm.ErrorKind(err) != wfm.KindRule {
			t.Fatalf("saving an edit that breaks R22 on a published roster: %v, want a rule error", err)
		}
		res, err = ts.api.applyDayEdit(ctx, planner, c.id, id, workflow.DayEdit{Agent: agent, Date: date}, true)
		if err != nil {
			t.Fatalf("a day off: %v", err)
		}
		if res.Saved == nil || res.Saved.Status != store.RosterPublished || res.Saved.Version < 2 {
			t.Fatalf("saved %+v, want a new published version", res.Saved)
		}
		if d := dayOf(ts.schedule(t, c.id, res.Saved.ID), agent, date); d.Working() {
			t.Errorf("the new version still has %s working on %s", agent, date)
		}
		if e := findAudit(ts.auditTrail(t, c.id), "roster.edit", res.Saved.ID); e == nil || e.Actor != "planner:pat" {
			t.Errorf("audit of the edit: %+v", e)
		}
		if _, err := ts.api.applyDayEdit(ctx, planner, c.id, id, workflow.DayEdit{Agent: agent, Date: date.AddDays(-1)}, true); wfm.ErrorKind(err) != wfm.KindConflict {
			t.Errorf("an edit of a version no longer current: %v, want a conflict", err)
		}

		// The same over HTTP: checked (200), refused (422 naming R22), a malformed edit named.
		days := p("/centres/%s/rosters/%s/days", c.id, res.Saved.ID)
		checked := ts.post(t, days, map[string]any{"agent": agent, "date": date.AddDays(-1), "shift": night}).want(t, http.StatusOK)
		if !slices.ContainsFunc(checked.list("impact.violations"), func(v any) bool { return v.(map[string]any)["rule"] == "R22" }) {
			t.Errorf("an edit checked over HTTP: %s, want R22 named", checked)
		}
		ts.post(t, days, map[string]any{"agent": agent, "date": date.AddDays(-1), "shift": night, "save": true}).
			wantErr(t, errSpec{status: http.StatusUnprocessableEntity, kind: wfm.KindRule, rule: "R22"})
		ts.post(t, days, map[string]any{"date": date}).wantErr(t, errSpec{status: http.StatusBadRequest, field: "agent"})
		ts.post(t, days, map[string]any{"agent": agent, "date": date, "shift": "X9"}).wantErr(t, errSpec{status: http.StatusBadRequest, field: "shift"})

		// Sick leave on a working day of the new version: checks pass, the cost is the shift.
		cur := ts.schedule(t, c.id, res.Saved.ID)
		var sickAgent string
		var sickDay wfm.Date
		for _, s := range cur.Schedules {
			if d := s.Days[20]; d.Working() && s.Agent != agent {
				sickAgent, sickDay = s.Agent, d.Date
				break
			}
		}
		lr := ts.post(t, p("/centres/%s/leave", c.id), map[string]any{"agent": sickAgent, "type": "sick", "from": sickDay,
			"to": sickDay, "reason": "flu"}).want(t, http.StatusCreated)
		rev, err := ts.api.ReviewLeave(ctx, c.id, lr.str("request.id"))
		if err != nil || rev.Refusal != nil || len(rev.Months) != 1 || rev.Months[0].HoursLost <= 0 || rev.Months[0].RosterID != res.Saved.ID {
			t.Fatalf("leave review %+v (%v): want the checks passed and the shift's hours lost on %s", rev, err, res.Saved.ID)
		}
		// Two agents ask for the same day of annual leave; once one is approved, the other's review
		// names the cap (R10).
		var asked []string
		for _, a := range []string{"A0004", "A0005"} {
			r := ts.post(t, p("/centres/%s/leave", c.id), map[string]any{"agent": a, "type": "annual", "from": "2026-12-28",
				"to": "2026-12-28"}).want(t, http.StatusCreated)
			asked = append(asked, r.str("request.id"))
		}
		ts.post(t, p("/centres/%s/leave/%s/approve", c.id, asked[0]), nil).want(t, http.StatusOK)
		rev, err = ts.api.ReviewLeave(ctx, c.id, asked[1])
		if err != nil || rev.Refusal == nil || rev.Refusal.Rule != "R10" {
			t.Errorf("annual leave beside approved annual leave: %+v (%v), want R10", rev, err)
		}
		if _, err := ts.api.ReviewSwap(ctx, c.id, "nope"); wfm.ErrorKind(err) != wfm.KindNotFound {
			t.Errorf("review of an unknown swap: %v", err)
		}
	})
}
