package api

import (
	"encoding/csv"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"wfm"
	"wfm/store"
)

// TestEndToEnd walks a planner's month through the API, on both stores: set up the centre, forecast
// and staff it, solve, publish and export the roster, change it (re-plan, leave, a swap), and
// read the audit trail of every change.
func TestEndToEnd(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)

		// Centre, shifts, agents (one by one and by CSV), history, through the seed helper, which
		// checks each reply; then read them back.
		c := ts.seedCentre(t, "Xiamen 95555", seedOpts{noForecast: true})
		r := ts.get(t, p("/centres/%s", c.id)).want(t, http.StatusOK)
		if r.str("name") != "Xiamen 95555" || r.str("settings.time_zone") != "Asia/Shanghai" || r.num("settings.rules.max_swaps_per_month") != 2 {
			t.Errorf("centre: %s", r)
		}
		r = ts.get(t, p("/centres")).want(t, http.StatusOK)
		if len(r.list("centres")) != 1 || r.str("centres.0.id") != c.id {
			t.Errorf("centres: %s", r)
		}
		if r = ts.get(t, p("/centres/%s/agents", c.id)).want(t, http.StatusOK); len(r.list("agents")) != 30 {
			t.Errorf("want 30 agents: %s", r)
		}
		if r.str("agents.0.name") != agentName("A0001") || r.str("agents.4.roles.0") != wfm.RoleLeader {
			t.Errorf("agents as put: %s", r)
		}
		if r = ts.get(t, p("/centres/%s/agents/A0009", c.id)).want(t, http.StatusOK); r.str("mentor") != "A0006" || r.str("group") != "day" {
			t.Errorf("trainee A0009 from the CSV import: %s", r)
		}
		if r = ts.get(t, p("/centres/%s/shifts", c.id)).want(t, http.StatusOK); len(r.list("shifts")) != 10 {
			t.Errorf("want 10 shifts: %s", r)
		}
		r = ts.get(t, p("/centres/%s/history", c.id)).want(t, http.StatusOK)
		if r.str("from") != "2025-12-01" || r.num("days") != 365 || r.num("interval_minutes") != 30 || r.num("calls") < 100000 ||
			r.at("has_aht") != true || r.at("has_minnan") != true {
			t.Errorf("history summary: %s", r)
		}

		// Forecast December (auto picks a model), read it back.
		r = ts.post(t, p("/centres/%s/forecasts", c.id), map[string]any{"start": "2026-12-01", "days": 31}).want(t, http.StatusCreated)
		c.forecast = r.str("id")
		if c.forecast == "" || r.str("model") == "" || r.str("model") == "auto" || len(r.list("summary")) != 31 ||
			r.str("summary.0.date") != "2026-12-01" || r.num("summary.0.agent_hours") <= 0 {
			t.Fatalf("forecast: %s", r)
		}
		r = ts.get(t, p("/centres/%s/forecasts/%s", c.id, c.forecast)).want(t, http.StatusOK)
		if r.str("id") != c.forecast || len(r.list("calls")) != 31*48 || len(r.list("demand.agents")) != 31*48 ||
			r.str("grid.start") != "2026-12-01" || r.str("params.start") != "2026-12-01" {
			t.Errorf("stored forecast: %s", tail(r.String(), 300))
		}

		// What-if staffing: more calls need more agent-hours, and so does a stricter target.
		hours := func(body map[string]any) float64 {
			t.Helper()
			body["forecast_id"] = c.forecast
			r := ts.post(t, p("/centres/%s/whatif/staffing", c.id), body).want(t, http.StatusOK)
			if len(r.list("agents")) != 31*48 || r.num("peak_agents") < 1 {
				t.Fatalf("what-if: %s", tail(r.String(), 300))
			}
			return r.num("agent_hours")
		}
		base, more, strict := hours(map[string]any{"volume_factor": 1.0}), hours(map[string]any{"volume_factor": 1.2}),
			hours(map[string]any{"service_level": 0.9, "answer_within_s": 10})
		if !(more > base) || !(strict > base) {
			t.Errorf("agent-hours: ×1.0 %.1f, ×1.2 %.1f, 90%% in 10 s %.1f: want the last two above the first", base, more, strict)
		}

		// Solve the month: 202 with the job, then poll the job to its end.
		r = ts.startSolve(t, c, 2)
		id := r.str("roster.id")
		if r.str("roster.status") != store.RosterQueued || r.str("roster.month") != testMonth || r.num("roster.version") != 1 ||
			r.str("job.status") != store.JobQueued || r.num("job.time_limit_ms") != 2000 {
			t.Errorf("solve accepted: %s", r)
		}
		j := ts.waitJob(t, c.id, id, 60*time.Second)
		if j.str("status") != store.JobSucceeded || j.num("attempts") != 1 || j.str("finished_at") == "" ||
			j.at("progress.elapsed_s") == nil || j.at("progress.best_objective") == nil || j.at("progress.moves") == nil {
			t.Fatalf("job: %s", j)
		}

		// The solved roster: a schedule for every agent and day, coverage per interval.
		r = ts.get(t, p("/centres/%s/rosters/%s", c.id, id)).want(t, http.StatusOK)
		if r.str("roster.status") != store.RosterDraft || r.str("job.status") != store.JobSucceeded || r.at("roster.objective") == nil {
			t.Errorf("solved roster: %s", tail(r.String(), 300))
		}
		if len(r.list("schedule.schedules")) != 30 || len(r.list("schedule.schedules.0.days")) != 31 ||
			len(r.list("schedule.coverage.required")) != 31*48 || len(r.list("schedule.coverage.on_phones")) != 31*48 ||
			r.num("schedule.objective.hard_violations") != 0 {
			t.Errorf("schedule: %s", tail(r.String(), 300))
		}
		if r = ts.get(t, p("/centres/%s/rosters", c.id)).want(t, http.StatusOK); len(r.list("rosters")) != 1 || r.str("rosters.0.id") != id {
			t.Errorf("rosters: %s", r)
		}

		// Export: CSV with its header, a row per agent-day.
		r = ts.get(t, p("/centres/%s/rosters/%s/export.csv", c.id, id)).want(t, http.StatusOK)
		if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
			t.Errorf("export content type %q", ct)
		}
		rows, err := csv.NewReader(strings.NewReader(string(r.raw))).ReadAll()
		if err != nil || len(rows) != 30*31+1 ||
			strings.Join(rows[0], ",") != "agent,name,group,date,shift,start,end,leave,meal_start,rest_start,paid_hours" {
			t.Errorf("export: %d rows, err %v, header %v", len(rows), err, rows[0])
		}

		// Publish; a second publish is refused.
		r = ts.post(t, p("/centres/%s/rosters/%s/publish", c.id, id), nil).want(t, http.StatusOK)
		if r.str("status") != store.RosterPublished || r.str("published_by") != "planner:pat" || r.str("published_at") == "" {
			t.Errorf("publish: %s", r)
		}
		ts.post(t, p("/centres/%s/rosters/%s/publish", c.id, id), nil).wantErr(t, errSpec{status: http.StatusConflict, kind: wfm.KindConflict})

		// An agent reads its own month.
		pub := ts.schedule(t, c.id, id)
		tok := ts.agentToken(t, c.id, "A0002")
		r = ts.do(t, "GET", p("/centres/%s/agents/A0002/schedule?month=%s", c.id, testMonth), nil, tok).want(t, http.StatusOK)
		if r.str("roster") != id || r.num("version") != 1 || len(r.list("days")) != 31 ||
			r.str("days.4.shift") != dayOf(pub, "A0002", day(5)).Shift {
			t.Errorf("agent schedule: %s", r)
		}

		// Intraday re-plan of 2026-12-10 from noon for 50 % more calls: a new published version.
		r = ts.post(t, p("/centres/%s/rosters/%s/replan", c.id, id), map[string]any{"date": "2026-12-10", "from": "12:00",
			"factor": 1.5}).want(t, http.StatusCreated)
		replanned := r.str("roster.id")
		if replanned == "" || replanned == id || r.num("roster.version") != 2 || r.str("roster.parent_id") != id ||
			r.str("roster.status") != store.RosterPublished || r.at("changes") == nil || !(r.num("cost_after") <= r.num("cost_before")) {
			t.Errorf("replan: %s", r)
		}
		if len(r.list("changes")) == 0 {
			t.Errorf("replan for 50 %% more calls changed nobody's breaks: %s", r)
		}
		for _, ch := range r.list("changes") {
			if m, _ := ch.(map[string]any); m["date"] != "2026-12-10" || m["agent"] == "" {
				t.Errorf("replan change %v", ch)
			}
		}

		// What-if on the roster: 30 % more calls lower the projected service level.
		sl := func(volume float64) float64 {
			r := ts.post(t, p("/centres/%s/rosters/%s/whatif", c.id, replanned), map[string]any{"volume_factor": volume}).
				want(t, http.StatusOK)
			if len(r.list("intervals")) != 31*48 {
				t.Fatalf("roster what-if: %s", tail(r.String(), 200))
			}
			return r.num("service_level")
		}
		if now, busier := sl(1), sl(1.3); !(busier < now) || now <= 0 || now > 1 {
			t.Errorf("projected service level ×1.0 %.3f, ×1.3 %.3f", now, busier)
		}

		// Leave: an agent asks for annual leave 31 days ahead; the planner approves it, which
		// publishes a new version with the leave and lists what it costs.
		// Annual leave needs 30 days of notice: from 2026-12-20 on. A day agent who works every day
		// of the leave (up to three in a row), so the leave takes that many shifts, the month's hours
		// stay within the contract less the leave, and the weeks keep their minimum (R3).
		view := newRosterView(ts.schedule(t, c.id, replanned), c.agents, fixtureOf(t).shifts)
		leaveAgent, from, lost := "", day(20), 0
		for n := 3; n >= 1 && leaveAgent == ""; n-- {
			for d := day(20); d+wfm.Date(n) <= day(32) && leaveAgent == ""; d++ {
				for _, a := range view.order {
					works := view.agents[a].Group == wfm.GroupDay && view.plain(a)
					var days []wfm.Date
					for k := range n {
						works = works && dayOf(view.r, a, d.AddDays(k)).Working()
						days = append(days, d.AddDays(k))
					}
					works = works && view.keepsWeeklyMin(a, days...)
					if works {
						leaveAgent, from, lost = a, d, n
						break
					}
				}
			}
		}
		if leaveAgent == "" {
			t.Fatal("no day agent works a day from 2026-12-20 on")
		}
		to := from.AddDays(lost - 1)
		tokLeave := ts.agentToken(t, c.id, leaveAgent)
		r = ts.do(t, "POST", p("/centres/%s/leave", c.id), map[string]any{"type": "annual", "from": from, "to": to,
			"reason": "family visit"}, tokLeave).want(t, http.StatusCreated)
		leaveID := r.str("request.id")
		if leaveID == "" || r.str("request.status") != store.RequestPending || r.str("request.agent") != leaveAgent ||
			r.num("notice_days") != float64(from-day(1)+11) || r.str("request.requested_by") != "agent:"+leaveAgent {
			t.Errorf("leave request: %s", r)
		}
		r = ts.post(t, p("/centres/%s/leave/%s/approve", c.id, leaveID), map[string]any{"note": "ok"}).want(t, http.StatusOK)
		withLeave := r.str("rosters.0.roster.id")
		if r.str("status") != store.RequestApproved || r.str("rosters.0.month") != testMonth || withLeave == "" ||
			r.num("rosters.0.roster.version") != 3 || r.str("rosters.0.roster.status") != store.RosterPublished ||
			len(r.list("rosters.0.impact.shifts")) != lost || (lost > 0 && r.num("rosters.0.impact.hours_removed") <= 0) {
			t.Errorf("leave approval (%d shifts lost): %s", lost, r)
		}
		after := ts.schedule(t, c.id, withLeave)
		for d := from; d <= to; d++ {
			if dd := dayOf(after, leaveAgent, d); dd.Leave != wfm.LeaveAnnual || dd.Working() {
				t.Errorf("%s on %s after the leave: %+v", leaveAgent, d, dd)
			}
		}
		if r = ts.get(t, p("/centres/%s/leave/%s", c.id, leaveID)).want(t, http.StatusOK); r.str("status") != store.RequestApproved ||
			r.str("decided_by") != "planner:pat" || r.str("note") != "ok" {
			t.Errorf("approved leave: %s", r)
		}

		// Swap: two day agents on a day both work, asked by one of them with notice; the planner
		// approves it, which publishes a new version with the two days exchanged.
		view = newRosterView(after, c.agents, fixtureOf(t).shifts)
		cases := view.sameDaySwaps(wfm.GroupDay, day(7), view.keepsRest)
		if len(cases) == 0 {
			t.Fatal("no same-day swap of two day agents keeps the rest rule in the roster")
		}
		sc := cases[0]
		shiftA, shiftB := dayOf(after, sc.a, sc.d).Shift, dayOf(after, sc.b, sc.d).Shift
		r = ts.do(t, "POST", p("/centres/%s/swaps", c.id), map[string]any{"agent_a": sc.a, "date_a": sc.d, "agent_b": sc.b,
			"date_b": sc.d}, ts.agentToken(t, c.id, sc.a)).want(t, http.StatusCreated)
		swapID := r.str("request.id")
		if swapID == "" || r.str("request.status") != store.RequestPending || r.str("request.roster_id") != withLeave ||
			len(r.list("changes")) != 2 || r.num("notice_working_days") < 1 {
			t.Errorf("swap request: %s", r)
		}
		r = ts.post(t, p("/centres/%s/swaps/%s/approve", c.id, swapID), nil).want(t, http.StatusOK)
		swapped := r.str("roster.id")
		if r.str("status") != store.RequestApproved || r.num("roster.version") != 4 || r.str("roster.parent_id") != withLeave ||
			r.str("roster.status") != store.RosterPublished || len(r.list("changes")) != 2 {
			t.Errorf("swap approval: %s", r)
		}
		final := ts.schedule(t, c.id, swapped)
		if dayOf(final, sc.a, sc.d).Shift != shiftB || dayOf(final, sc.b, sc.d).Shift != shiftA {
			t.Errorf("after the swap on %s: %s works %s, %s works %s; want %s and %s", sc.d, sc.a,
				dayOf(final, sc.a, sc.d).Shift, sc.b, dayOf(final, sc.b, sc.d).Shift, shiftB, shiftA)
		}
		r = ts.do(t, "GET", p("/centres/%s/agents/%s/schedule?month=%s", c.id, sc.a, testMonth), nil, ts.agentToken(t, c.id, sc.a)).
			want(t, http.StatusOK)
		if r.str("roster") != swapped || r.str("days."+strconv.Itoa(int(sc.d-day(1)))+".shift") != shiftB {
			t.Errorf("agent's schedule after the swap: %s", r)
		}
		if r = ts.get(t, p("/centres/%s/swaps?status=approved", c.id)).want(t, http.StatusOK); len(r.list("requests")) != 1 ||
			r.str("requests.0.decided_by") != "planner:pat" {
			t.Errorf("approved swaps: %s", r)
		}

		// A change made from a published version that is no longer the month's current one would
		// drop the leave and the swap published since: refused.
		ts.post(t, p("/centres/%s/rosters/%s/replan", c.id, id), map[string]any{"date": "2026-12-10", "from": "12:00", "factor": 1.5}).
			wantErr(t, errSpec{status: http.StatusConflict, kind: wfm.KindConflict})

		// The audit trail: who, when and what of every change and approval (R19).
		trail := ts.auditTrail(t, c.id)
		for _, e := range trail {
			if e.Actor == "" || e.At.IsZero() || time.Since(e.At) > time.Hour || e.Action == "" || e.Entity == "" || e.CentreID != c.id {
				t.Errorf("audit entry without who, when or what: %+v", e)
			}
		}
		for _, want := range []struct{ action, id, actor string }{
			{"centre.create", c.id, "planner:pat"}, {"shift.put", "D07", "planner:pat"}, {"agent.put", "A0001", "planner:pat"},
			{"agent.import", "A0030", "planner:pat"}, {"history.append", c.id, "planner:pat"},
			{"forecast.create", c.forecast, "planner:pat"}, {"roster.solve", id, "planner:pat"},
			{"roster.solved", id, "worker:test-" + kind}, {"roster.publish", id, "planner:pat"},
			{"roster.replan", replanned, "planner:pat"}, {"leave.request", leaveID, "agent:" + leaveAgent},
			{"leave.approve", leaveID, "planner:pat"}, {"roster.leave", withLeave, "planner:pat"},
			{"swap.request", swapID, "agent:" + sc.a}, {"swap.approve", swapped, "planner:pat"},
		} {
			e := findAudit(trail, want.action, want.id)
			if e == nil {
				t.Errorf("no audit entry %s of %s", want.action, want.id)
				continue
			}
			if e.Actor != want.actor {
				t.Errorf("audit %s by %q, want %q", want.action, e.Actor, want.actor)
			}
		}
		if e := findAudit(trail, "leave.approve", leaveID); e != nil && !strings.Contains(string(e.Detail), `"approved_by":"planner:pat"`) {
			t.Errorf("leave approval audit without the approver: %s", e.Detail)
		}
		if e := findAudit(trail, "swap.approve", swapped); e != nil && (!strings.Contains(string(e.Detail), `"approved_by":"planner:pat"`) ||
			!strings.Contains(string(e.Detail), `"requested_by":"agent:`+sc.a+`"`) || !strings.Contains(string(e.Detail), swapID)) {
			t.Errorf("swap approval audit without approver, requester or request: %s", e.Detail)
		}
		if e := findAudit(trail, "centre.create", c.id); e != nil && !slices.IsSortedFunc(trail, func(a, b store.AuditEntry) int {
			return b.At.Compare(a.At)
		}) {
			t.Errorf("audit trail not newest first")
		}
	})
}
