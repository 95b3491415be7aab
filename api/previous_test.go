package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"wfm"
	"wfm/solver/validate"
	"wfm/store"
)

// TestMonthAfterPublishedRoster: a month's solve takes its history from the centre's published
// roster of the month before, says which version it used (or that there was none), and refuses
// one that does not chain; the stored problem carries December's last 14 days as the independent
// checker reads them, and January's roster keeps every HARD rule across the edge.
func TestMonthAfterPublishedRoster(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		c := ts.seedCentre(t, "Quanzhou", seedOpts{})
		january := ts.post(t, p("/centres/%s/forecasts", c.id), map[string]any{"start": "2027-01-01", "days": 31, "model": "regression"}).
			want(t, http.StatusCreated).str("id")
		solveJanuary := func() *reply {
			return ts.post(t, p("/centres/%s/rosters", c.id), map[string]any{"month": "2027-01", "forecast_id": january,
				"time_limit_s": 2, "seed": 3})
		}
		stored := func(id string) *wfm.Problem {
			ros, err := ts.store.Roster(context.Background(), c.id, id)
			if err != nil {
				t.Fatal(err)
			}
			var pr wfm.Problem
			if err := json.Unmarshal([]byte(ros.Problem), &pr); err != nil {
				t.Fatal(err)
			}
			return &pr
		}

		// No published December: January starts without history, and the reply says so.
		r := solveJanuary().want(t, http.StatusAccepted)
		if r.str("previous.month") != "2026-12" || r.at("previous.roster_id") != nil ||
			r.str("previous.note") != "no published roster of 2026-12: the month starts without history" {
			t.Errorf("previous without a published December: %s", r)
		}
		bare := r.str("roster.id")
		ts.post(t, p("/centres/%s/rosters/%s/cancel", c.id, bare), nil).want(t, http.StatusAccepted)
		for _, f := range stored(bare).Fixed {
			if f.Date < wfm.DateOf(2027, 1, 1) {
				t.Fatalf("history without a previous roster: %+v", f)
			}
		}

		decID, dec := ts.publishedRoster(t, c)

		// A template December used and the centre no longer has: December does not chain. (One
		// that no agent lists as its own, which would make January's agents invalid first.)
		listed := map[string]bool{}
		for _, a := range c.agents {
			for _, id := range a.Shifts {
				listed[id] = true
			}
		}
		used := ""
		for _, s := range dec.Schedules {
			if d := s.Days[len(s.Days)-1]; d.Shift != "" && !listed[d.Shift] {
				used = d.Shift
				break
			}
		}
		if used == "" {
			t.Fatal("nobody works on 31 December")
		}
		var template wfm.ShiftTemplate
		for _, s := range fixtureOf(t).shifts {
			if s.ID == used {
				template = s
			}
		}
		ts.do(t, "DELETE", p("/centres/%s/shifts/%s", c.id, used), nil, ts.planner).want(t, http.StatusNoContent)
		e := solveJanuary().wantErr(t, errSpec{status: http.StatusConflict, kind: wfm.KindConflict, rule: "R21", field: "previous"})
		named, _ := wfm.ParseDate(e.Day)
		if !strings.Contains(e.Message, "published roster "+decID+" (version 1 of 2026-12)") ||
			!strings.Contains(e.Message, "shift "+used+" is not a template of this month") ||
			named < wfm.DateOf(2026, 12, 18) || dayOf(dec, e.Agent, named).Shift != used {
			t.Errorf("an unknown template: %+v", e)
		}
		ts.put(t, p("/centres/%s/shifts/%s", c.id, used), template).want(t, http.StatusOK)

		// December published: its last 14 days are January's history.
		r = solveJanuary().want(t, http.StatusAccepted)
		if r.str("previous.roster_id") != decID || r.num("previous.version") != 1 || r.str("previous.from") != "2026-12-18" ||
			r.str("previous.to") != "2026-12-31" || r.num("previous.agents") != float64(len(c.agents)) ||
			!strings.Contains(r.str("previous.note"), "the last 14 days of published roster "+decID) {
			t.Errorf("previous: %s", r)
		}
		id := r.str("roster.id")
		pr := stored(id)
		fixed := map[string]string{}
		for _, f := range pr.Fixed {
			fixed[f.Agent+" "+f.Date.String()] = f.Shift
		}
		for _, s := range dec.Schedules {
			for _, d := range s.Days[len(s.Days)-wfm.HistoryDays:] {
				want := d.Shift
				if want == "" && d.Leave == "" {
					want = wfm.Off
				}
				if got := fixed[s.Agent+" "+d.Date.String()]; got != want {
					t.Errorf("%s %s: December has %q, January's history %q", s.Agent, d.Date, want, got)
				}
			}
		}
		if j := ts.waitJob(t, c.id, id, 90*time.Second); j.str("status") != store.JobSucceeded {
			t.Fatalf("January: %s", j)
		}
		if rep := validate.Check(pr, ts.schedule(t, c.id, id)); !rep.OK() {
			t.Errorf("January breaks %d rules across the edge, first %v", len(rep.Violations), rep.Violations[0])
		}
	})
}
