package api

import (
	"net/http"
	"strings"
	"testing"

	"wfm"
)

// TestAgentRefusalsPrivate is R20 in refusals: an agent whose request is refused because of a
// colleague (on leave, over a cap, or breaking a rule after a swap) reads only that the day is not
// available, never the colleague's leave type, reason or role; the planner reads the full reason.
// The colleague list shows no one's trainee or suspended role.
func TestAgentRefusalsPrivate(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		c := ts.seedCentre(t, "Xiamen", seedOpts{settings: func(s *wfm.CentreSettings) { s.Rules.MaxConcurrentAnnualLeave = 1 }})
		_, pub := ts.publishedRoster(t, c)
		v := newRosterView(pub, c.agents, fixtureOf(t).shifts)

		// Two colleagues on sick and personal leave on days both they and the asker work.
		var sick, personal, asker string
		var sickDay, personalDay wfm.Date
		for _, sc := range v.sameDaySwaps(wfm.GroupDay, day(8), v.keepsRest) {
			switch {
			case sick == "":
				sick, sickDay, asker = sc.b, sc.d, sc.a
			case personal == "" && sc.a == asker && sc.b != sick && sc.d != sickDay:
				personal, personalDay = sc.b, sc.d
			}
		}
		if personal == "" {
			t.Fatal("no two swaps of one agent with two colleagues")
		}
		ts.approveLeave(t, c, sick, wfm.LeaveSick, sickDay, sickDay, nil)
		ts.approveLeave(t, c, personal, wfm.LeavePersonal, personalDay, personalDay, nil)
		annual := ts.approveLeave(t, c, sick, wfm.LeaveAnnual, day(22), day(22), nil)
		if annual.str("status") != "approved" {
			t.Fatalf("annual leave: %s", annual)
		}
		tok := ts.agentToken(t, c.id, asker)
		trainee := ""
		for _, a := range c.agents {
			if a.Has(wfm.RoleTrainee) && a.Mentor != "" && a.Group == wfm.GroupDay {
				trainee = a.ID
				break
			}
		}
		// What no agent may read about a colleague.
		secret := func(colleague string) []string {
			return []string{"sick", "personal", "annual leave of", "private " + colleague, "suspended", "trainee", "mentor", "already away"}
		}
		clean := func(t *testing.T, r *reply, colleague string) apiError {
			t.Helper()
			e := r.errorOf(t)
			for _, s := range append(secret(colleague), colleague) {
				if strings.Contains(strings.ToLower(string(r.raw)), strings.ToLower(s)) {
					t.Errorf("the refusal tells an agent %q: %s", s, r)
				}
			}
			if !strings.Contains(e.Message, "not available") {
				t.Errorf("the refusal should say the day is not available: %s", r)
			}
			return e
		}
		swap := func(b string, d wfm.Date) map[string]any {
			return map[string]any{"agent_a": asker, "date_a": d, "agent_b": b, "date_b": d}
		}

		t.Run("swap with a colleague on sick leave", func(t *testing.T) {
			r := ts.do(t, "POST", p("/centres/%s/swaps", c.id), swap(sick, sickDay), tok)
			r.want(t, http.StatusConflict)
			if e := clean(t, r, sick); e.Day != sickDay.String() {
				t.Errorf("the refusal names day %q, want %s", e.Day, sickDay)
			}
			// The planner reads why.
			r = ts.post(t, p("/centres/%s/swaps", c.id), swap(sick, sickDay)).want(t, http.StatusConflict)
			if e := r.errorOf(t); !strings.Contains(e.Message, "sick leave of agent "+sick) || e.Agent != sick || e.Rule != "R6" {
				t.Errorf("the planner's refusal: %s", r)
			}
		})
		t.Run("swap with a colleague on personal leave", func(t *testing.T) {
			r := ts.do(t, "POST", p("/centres/%s/swaps", c.id), swap(personal, personalDay), tok).want(t, http.StatusConflict)
			clean(t, r, personal)
		})
		t.Run("swap with a trainee colleague", func(t *testing.T) {
			// A plain agent and a day on which it works one shift, keeping its rest with the
			// trainee's, and the trainee, beside its mentor, another: the trainee would work the
			// agent's shift without its mentor (R14).
			var x string
			var d wfm.Date
			for _, a := range v.order {
				for k := day(8); k <= day(31) && a != sick && a != personal && v.plain(a) && v.agents[a].Group == wfm.GroupDay && x == ""; k++ {
					da, dt := dayOf(v.r, a, k), dayOf(v.r, trainee, k)
					if da.Working() && dt.Working() && da.Shift != dt.Shift && v.restOK(a, k, dt.Shift) {
						x, d = a, k
					}
				}
			}
			if x == "" {
				t.Fatalf("no plain day agent works a shift other than trainee %s's on a day", trainee)
			}
			body := map[string]any{"agent_a": x, "date_a": d, "agent_b": trainee, "date_b": d}
			r := ts.post(t, p("/centres/%s/swaps", c.id), body)
			if e := r.errorOf(t); e.Agent != trainee {
				t.Fatalf("the planner's refusal of a swap leaving the trainee without its mentor: %s", r)
			}
			r = ts.do(t, "POST", p("/centres/%s/swaps", c.id), body, ts.agentToken(t, c.id, x)).want(t, http.StatusConflict)
			clean(t, r, trainee)
		})
		t.Run("annual leave over the cap", func(t *testing.T) {
			body := map[string]any{"type": "annual", "from": day(22), "to": day(22)}
			r := ts.do(t, "POST", p("/centres/%s/leave", c.id), body, tok)
			r.wantErr(t, errSpec{status: http.StatusUnprocessableEntity, kind: wfm.KindRule, rule: "R10", agent: asker})
			clean(t, r, sick)
			body["agent"] = asker
			r = ts.post(t, p("/centres/%s/leave", c.id), body).want(t, http.StatusUnprocessableEntity)
			if e := r.errorOf(t); !strings.Contains(e.Message, sick) {
				t.Errorf("the planner's R10 refusal does not name who is away: %s", r)
			}
		})
		t.Run("colleagues without status", func(t *testing.T) {
			r := ts.do(t, "GET", p("/centres/%s/agents", c.id), nil, tok).want(t, http.StatusOK)
			leaders := 0
			for _, a := range r.list("agents") {
				m := a.(map[string]any)
				if m["id"] == asker {
					continue
				}
				roles, _ := m["roles"].([]any)
				for _, role := range roles {
					if role == wfm.RoleTrainee || role == wfm.RoleSuspended {
						t.Errorf("an agent reads colleague %v's role %v", m["id"], role)
					}
					if role == wfm.RoleLeader {
						leaders++
					}
				}
				if _, ok := m["mentor"]; ok {
					t.Errorf("an agent reads colleague %v's mentor", m["id"])
				}
			}
			if leaders == 0 { // the shift leader runs the shift (R12): who leads stays public
				t.Errorf("an agent no longer sees which colleagues are leaders: %s", r)
			}
			r = ts.do(t, "GET", p("/centres/%s/agents/%s", c.id, trainee), nil, tok).want(t, http.StatusOK)
			if strings.Contains(string(r.raw), wfm.RoleTrainee) || strings.Contains(string(r.raw), "mentor") {
				t.Errorf("an agent reads a trainee colleague's role: %s", r)
			}
		})
	})
}
