package api

import (
	"net/http"
	"testing"
	"time"

	"wfm"
	"wfm/store"
)

// TestSwaps is the swaps family (R6): each condition a swap request can fail, built from the
// published roster as the API shows it, and the re-check at approval. The clock stands on
// 2026-11-20, eleven days before the month.
func TestSwaps(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		c := ts.seedCentre(t, "Xiamen", seedOpts{})
		ts.publishedRoster(t, c)
		shifts := fixtureOf(t).shifts
		current := func(t *testing.T) *rosterView {
			t.Helper()
			var out struct {
				Rosters []store.Roster `json:"rosters"`
			}
			ts.get(t, p("/centres/%s/rosters", c.id)).want(t, http.StatusOK).into(t, &out)
			for _, r := range out.Rosters {
				if r.Status == store.RosterPublished && r.Month == testMonth {
					return newRosterView(ts.schedule(t, c.id, r.ID), c.agents, shifts)
				}
			}
			t.Fatal("no published roster")
			return nil
		}
		swaps := p("/centres/%s/swaps", c.id)
		body := func(sc swapCase) map[string]any {
			return map[string]any{"agent_a": sc.a, "date_a": sc.d, "agent_b": sc.b, "date_b": sc.d}
		}
		// request files a swap as agent a and returns the reply.
		request := func(t *testing.T, sc swapCase) *reply {
			t.Helper()
			return ts.do(t, "POST", swaps, body(sc), ts.agentToken(t, c.id, sc.a))
		}
		approve := func(t *testing.T, id string) *reply {
			t.Helper()
			return ts.post(t, p("/centres/%s/swaps/%s/approve", c.id, id), map[string]any{"note": "ok"})
		}
		first := func(t *testing.T, cases []swapCase, what string) swapCase {
			t.Helper()
			if len(cases) == 0 {
				t.Fatalf("the roster has no %s", what)
			}
			return cases[0]
		}
		valid := func(v *rosterView, from wfm.Date) []swapCase { return v.sameDaySwaps(wfm.GroupDay, from, v.keepsRest) }
		var used []string // agents already in an approved swap or on leave: keep later rows apart
		fresh := func(sc swapCase) bool {
			for _, u := range used {
				if sc.a == u || sc.b == u {
					return false
				}
			}
			return true
		}
		freshValid := func(v *rosterView, from wfm.Date) []swapCase {
			var out []swapCase
			for _, sc := range valid(v, from) {
				if fresh(sc) {
					out = append(out, sc)
				}
			}
			return out
		}

		rows := []struct {
			name string
			run  func(t *testing.T) *reply
			want errSpec
		}{
			{"notice: requested the day before", func(t *testing.T) *reply {
				sc := first(t, freshValid(current(t), day(8)), "valid swap")
				t.Cleanup(ts.setNow(sc.d.AddDays(-1).Time(shanghai).Add(10 * time.Hour)))
				return request(t, sc)
			}, errSpec{status: http.StatusUnprocessableEntity, kind: wfm.KindRule, rule: "R6", field: "requested_at"}},
			{"notice: Friday for Monday", func(t *testing.T) *reply {
				v := current(t)
				var sc []swapCase
				for _, x := range freshValid(v, day(14)) {
					if x.d == day(14) { // Monday; the Friday before is 2026-12-11
						sc = append(sc, x)
					}
				}
				t.Cleanup(ts.setNow(time.Date(2026, 12, 11, 17, 0, 0, 0, shanghai)))
				return request(t, first(t, sc, "valid swap on Monday 2026-12-14"))
			}, errSpec{status: http.StatusUnprocessableEntity, kind: wfm.KindRule, rule: "R6", field: "requested_at"}},
			{"day agent with night agent", func(t *testing.T) *reply {
				v := current(t)
				cases := v.pairs(day(3), func(c swapCase, da, db wfm.DaySchedule) bool {
					return v.agents[c.a].Group == wfm.GroupDay && v.agents[c.b].Group == wfm.GroupNight && da.Working() && db.Working() &&
						da.Shift != db.Shift
				})
				if len(cases) > 0 {
					return request(t, cases[0])
				}
				t.Fatal("no day on which a day and a night agent both work")
				return nil
			}, errSpec{status: http.StatusUnprocessableEntity, kind: wfm.KindRule, rule: "R6", field: "agent_b"}},
			{"a day of approved leave", func(t *testing.T) *reply {
				// A day of annual leave, 31 days ahead, for one agent of a valid swap on that day (so
				// that the leave takes a shift away and the roster keeps R3).
				v := current(t)
				var cases []swapCase
				for _, sc := range freshValid(v, day(21)) {
					if v.keepsWeeklyMin(sc.a, sc.d) {
						cases = append(cases, sc)
					}
				}
				sc := first(t, cases, "valid swap from 2026-12-21 whose leave keeps the weekly minimum")
				used = append(used, sc.a)
				id := ts.do(t, "POST", p("/centres/%s/leave", c.id), map[string]any{"type": "annual", "from": sc.d, "to": sc.d,
					"reason": "wedding"}, ts.agentToken(t, c.id, sc.a)).want(t, http.StatusCreated).str("request.id")
				r := ts.post(t, p("/centres/%s/leave/%s/approve", c.id, id), nil).want(t, http.StatusOK)
				if r.str("rosters.0.roster.status") != store.RosterPublished {
					t.Fatalf("leave approval published no roster: %s", r)
				}
				return request(t, sc)
			}, errSpec{status: http.StatusConflict, kind: wfm.KindConflict, rule: "R6"}},
			{"third swap in a month", func(t *testing.T) *reply {
				// Two approved swaps of the same pair, the second undoing the first, then a third.
				sc := first(t, freshValid(current(t), day(3)), "valid swap")
				used = append(used, sc.a, sc.b)
				for range 2 {
					id := request(t, sc).want(t, http.StatusCreated).str("request.id")
					approve(t, id).want(t, http.StatusOK)
				}
				v := current(t)
				for d := day(2); d <= day(31); d++ {
					for _, o := range v.order {
						da, _ := v.day(sc.a, d)
						do, _ := v.day(o, d)
						if o != sc.a && o != sc.b && v.agents[o].Group == wfm.GroupDay && da.Leave == "" && do.Leave == "" && da.Shift != do.Shift {
							return request(t, swapCase{sc.a, o, d})
						}
					}
				}
				t.Fatal("no third swap to ask for")
				return nil
			}, errSpec{status: http.StatusUnprocessableEntity, kind: wfm.KindRule, rule: "R6"}},
			{"breaks a HARD rule after the swap: rest after a late shift", func(t *testing.T) *reply {
				v := current(t)
				var cases []swapCase
				for _, sc := range v.sameDaySwaps(wfm.GroupDay, day(3), v.breaksRest) {
					if fresh(sc) {
						cases = append(cases, sc)
					}
				}
				sc := first(t, cases, "swap that shortens a rest")
				r := request(t, sc)
				if r.status == http.StatusUnprocessableEntity {
					// The rest broken is the one before or after sc.a's new shift: the checker names
					// the day of the later shift.
					if e := r.errorOf(t); e.Agent != sc.a || e.Day != sc.d.String() && e.Day != sc.d.AddDays(1).String() {
						t.Errorf("R21 for %s on %s, want %s on %s or the day after: %s", e.Agent, e.Day, sc.a, sc.d, r)
					}
				}
				return r
			}, errSpec{status: http.StatusUnprocessableEntity, kind: wfm.KindRule, rule: "R21"}},
			{"re-checked at approval: leave approved meanwhile", func(t *testing.T) *reply {
				sc := first(t, freshValid(current(t), day(4)), "valid swap")
				used = append(used, sc.a, sc.b)
				id := request(t, sc).want(t, http.StatusCreated).str("request.id")
				leave := ts.post(t, p("/centres/%s/leave", c.id), map[string]any{"agent": sc.b, "type": "sick", "from": sc.d, "to": sc.d,
					"reason": "dentist"}).want(t, http.StatusCreated).str("request.id")
				ts.post(t, p("/centres/%s/leave/%s/approve", c.id, leave), nil).want(t, http.StatusOK)
				r := approve(t, id)
				if s := ts.get(t, swaps+"?status=pending").list("requests"); len(s) != 1 {
					t.Errorf("the swap refused at approval should stay pending: %v", s)
				}
				return r
			}, errSpec{status: http.StatusConflict, kind: wfm.KindConflict, rule: "R6"}},
			{"unknown agent", func(t *testing.T) *reply {
				return ts.post(t, swaps, map[string]any{"agent_a": "A0002", "date_a": "2026-12-10", "agent_b": "Z9999", "date_b": "2026-12-10"})
			}, errSpec{status: http.StatusBadRequest, kind: wfm.KindInvalid, rule: "R6", field: "agent_b"}},
			{"the same agent twice", func(t *testing.T) *reply {
				return ts.post(t, swaps, map[string]any{"agent_a": "A0002", "date_a": "2026-12-10", "agent_b": "A0002", "date_b": "2026-12-10"})
			}, errSpec{status: http.StatusBadRequest, kind: wfm.KindInvalid, field: "agent_b"}},
			{"a swap that changes nothing", func(t *testing.T) *reply {
				v := current(t)
				cases := v.pairs(day(3), func(c swapCase, da, db wfm.DaySchedule) bool {
					return v.agents[c.a].Group == wfm.GroupDay && v.agents[c.b].Group == wfm.GroupDay && da.Leave == "" &&
						db.Leave == "" && da.Shift == db.Shift
				})
				if len(cases) > 0 {
					return ts.post(t, swaps, body(cases[0]))
				}
				t.Fatal("no two agents on the same shift")
				return nil
			}, errSpec{status: http.StatusBadRequest, kind: wfm.KindInvalid, rule: "R6"}},
			{"a date outside the roster", func(t *testing.T) *reply {
				return ts.post(t, swaps, map[string]any{"agent_a": "A0002", "date_a": "2026-12-31", "agent_b": "A0003", "date_b": "2027-01-01"})
			}, errSpec{status: http.StatusBadRequest, kind: wfm.KindInvalid, rule: "R6", field: "date_b"}},
			{"a month not published", func(t *testing.T) *reply {
				return ts.post(t, swaps, map[string]any{"agent_a": "A0002", "date_a": "2027-01-10", "agent_b": "A0003", "date_b": "2027-01-10"})
			}, errSpec{status: http.StatusNotFound, kind: wfm.KindNotFound}},
			{"an agent swapping two others", func(t *testing.T) *reply {
				return ts.do(t, "POST", swaps, map[string]any{"agent_a": "A0002", "date_a": "2026-12-10", "agent_b": "A0003",
					"date_b": "2026-12-10"}, ts.agentToken(t, c.id, "A0004"))
			}, errSpec{status: http.StatusForbidden, kind: wfm.KindForbidden}},
			{"a date of the wrong type", func(t *testing.T) *reply {
				return ts.post(t, swaps, rawBody(`{"agent_a": "A0002", "date_a": 10, "agent_b": "A0003", "date_b": "2026-12-10"}`))
			}, errSpec{status: http.StatusBadRequest, kind: wfm.KindInvalid, field: "date_a"}},
			{"malformed JSON", func(t *testing.T) *reply {
				return ts.post(t, swaps, rawBody(`{"agent_a": "A0002",`))
			}, errSpec{status: http.StatusBadRequest, kind: wfm.KindInvalid, field: "body"}},
			{"approve an unknown request", func(t *testing.T) *reply { return approve(t, "nope") },
				errSpec{status: http.StatusNotFound, kind: wfm.KindNotFound}},
			{"reject an unknown request", func(t *testing.T) *reply { return ts.post(t, p("/centres/%s/swaps/nope/reject", c.id), nil) },
				errSpec{status: http.StatusNotFound, kind: wfm.KindNotFound}},
		}
		for _, row := range rows {
			t.Run(row.name, func(t *testing.T) { row.run(t).wantErr(t, row.want) })
		}

		// A rejection, and an approved request approved again.
		t.Run("reject, then approve", func(t *testing.T) {
			sc := first(t, freshValid(current(t), day(5)), "valid swap")
			id := request(t, sc).want(t, http.StatusCreated).str("request.id")
			r := ts.post(t, p("/centres/%s/swaps/%s/reject", c.id, id), map[string]any{"note": "short of leaders"}).want(t, http.StatusOK)
			if r.str("status") != store.RequestRejected {
				t.Errorf("reject: %s", r)
			}
			approve(t, id).wantErr(t, errSpec{status: http.StatusConflict, kind: wfm.KindConflict})
			if e := findAudit(ts.auditTrail(t, c.id), "swap.reject", id); e == nil || e.Actor != "planner:pat" {
				t.Errorf("no audit of the rejection: %+v", e)
			}
			// The agent lists its own requests, the rejected one with the planner's note.
			r = ts.do(t, "GET", swaps, nil, ts.agentToken(t, c.id, sc.a)).want(t, http.StatusOK)
			if len(r.list("requests")) != 1 || r.str("requests.0.note") != "short of leaders" {
				t.Errorf("the agent's swaps: %s", r)
			}
		})
	})
}
