package api

import (
	"net/http"
	"strings"
	"testing"

	"wfm"
)

// TestHallLeave is R24 through the API: a centre whose settings hold a service hall (post P1: A
// A0002, B A0003; P2: A A0004, B A0007). An A holder's leave needs a handover to its B holder,
// recorded with the request; once approved, the B holder's leave on those open days is refused
// naming the post and the days; a hall whose A and B are one agent is refused with the field. The
// clock stands on Friday 2026-11-20.
func TestHallLeave(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		hall := &wfm.Hall{Posts: []wfm.Post{{ID: "P1", A: "A0002", B: "A0003"}, {ID: "P2", A: "A0004", B: "A0007"}}}
		c := ts.seedCentre(t, "Hall", seedOpts{noHistory: true, settings: func(s *wfm.CentreSettings) { s.Hall = hall }})
		pl := ts.planner
		leave := p("/centres/%s/leave", c.id)
		var id string
		ask := func(agent, from, to string, handover any) map[string]any {
			b := map[string]any{"agent": agent, "type": "personal", "from": from, "to": to}
			if handover != nil {
				b["handover"] = handover
			}
			return b
		}
		handover := map[string]any{"posts": []any{map[string]any{"post": "P1", "to": "A0003"}}, "note": "two open account cases"}
		bad := wfm.DefaultCentreSettings()
		bad.Hall = &wfm.Hall{Posts: []wfm.Post{{ID: "P1", A: "A0002", B: "A0002"}}}
		ts.run(t, []apiCase{
			{name: "A without a handover", method: "POST", path: leave, body: ask("A0002", "2026-12-01", "2026-12-02", nil), token: pl,
				status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, rule: "R24", field: "handover", agent: "A0002"}},
			{name: "A handing over to another agent", method: "POST", path: leave,
				body:  ask("A0002", "2026-12-01", "2026-12-02", map[string]any{"posts": []any{map[string]any{"post": "P1", "to": "A0004"}}}),
				token: pl, status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, rule: "R24", field: "handover.posts[0].to"}},
			{name: "A with a handover", method: "POST", path: leave, body: ask("A0002", "2026-12-01", "2026-12-02", handover), token: pl,
				status: http.StatusCreated, check: func(t *testing.T, r *reply) {
					id = r.str("request.id")
					if r.str("request.handover.posts.0.to") != "A0003" || r.str("request.handover.note") != "two open account cases" {
						t.Errorf("handover not recorded: %s", r)
					}
				}},
			{name: "approve it", method: "POST", pathFn: func() string { return p("/centres/%s/leave/%s/approve", c.id, id) }, token: pl,
				status: http.StatusOK},
			{name: "the handover stays with the approved request", method: "GET", pathFn: func() string { return p("/centres/%s/leave/%s", c.id, id) },
				token: pl, status: http.StatusOK, check: func(t *testing.T, r *reply) {
					if r.str("status") != "approved" || r.str("handover.posts.0.post") != "P1" {
						t.Errorf("approved request: %s", r)
					}
				}},
			{name: "B away while A is away", method: "POST", path: leave, body: ask("A0003", "2026-11-30", "2026-12-04", nil), token: pl,
				status: http.StatusUnprocessableEntity, err: &errSpec{kind: wfm.KindRule, rule: "R24", field: "from", agent: "A0003"},
				check: func(t *testing.T, r *reply) {
					if m := r.errorOf(t).Message; !strings.Contains(m, "post P1") || !strings.Contains(m, "2026-12-01..12-02") || !strings.Contains(m, "A0002") {
						t.Errorf("refusal does not name the post, the days and the holder: %s", m)
					}
				}},
			{name: "B away after A is back", method: "POST", path: leave, body: ask("A0003", "2026-12-03", "2026-12-04", nil), token: pl,
				status: http.StatusCreated},
			{name: "a hall whose A is its B", method: "PUT", path: p("/centres/%s", c.id), body: map[string]any{"name": "Hall", "settings": bad}, token: pl,
				status: http.StatusBadRequest, err: &errSpec{kind: wfm.KindInvalid, rule: "R24", field: "settings.hall.posts[0].b"}},
		})
	})
}
