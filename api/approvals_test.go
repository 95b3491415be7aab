package api

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"wfm"
	"wfm/store"
)

// Tests of the approval model: an approved leave or swap is final once the month's published
// roster shows it; publishing a draft re-applies what was approved after its problem was taken;
// leave that breaks a HARD rule waits for a repair built on the current version, which the planner
// sees and publishes onto whatever version is current by then.

// solvedDraft solves the month in three seconds (on a busy machine one second may leave the
// construction's first roster, with most agents off on some days) and returns the draft's id.
func (ts *testServer) solvedDraft(t testing.TB, c *testCentre) string {
	t.Helper()
	id := ts.startSolve(t, c, 3).str("roster.id")
	if j := ts.waitJob(t, c.id, id, 60*time.Second); j.str("status") != store.JobSucceeded {
		t.Fatalf("solve did not succeed: %s", j)
	}
	return id
}

// fileLeave files leave for agent as the planner and returns the request's id.
func (ts *testServer) fileLeave(t testing.TB, c *testCentre, agent, typ string, from, to wfm.Date) string {
	t.Helper()
	r := ts.post(t, p("/centres/%s/leave", c.id), map[string]any{"agent": agent, "type": typ, "from": from, "to": to,
		"reason": "private " + agent}).want(t, http.StatusCreated)
	return r.str("request.id")
}

// approveLeave files and approves leave for agent and returns the approval's reply.
func (ts *testServer) approveLeave(t testing.TB, c *testCentre, agent, typ string, from, to wfm.Date, body any) *reply {
	t.Helper()
	id := ts.fileLeave(t, c, agent, typ, from, to)
	return ts.post(t, p("/centres/%s/leave/%s/approve", c.id, id), body).want(t, http.StatusOK)
}

// currentRoster returns the id of the month's published roster (the latest published version).
func (ts *testServer) currentRoster(t testing.TB, c *testCentre) string {
	t.Helper()
	var out struct {
		Rosters []store.Roster `json:"rosters"`
	}
	ts.get(t, p("/centres/%s/rosters", c.id)).want(t, http.StatusOK).into(t, &out)
	for _, r := range out.Rosters { // newest first
		if r.Status == store.RosterPublished && r.Month == testMonth {
			return r.ID
		}
	}
	t.Fatal("no published roster")
	return ""
}

// awaitingIDs lists the ids of the approvals still waiting for their roster.
func (ts *testServer) awaitingIDs(t testing.TB, c *testCentre) []string {
	t.Helper()
	var ids []string
	for _, a := range ts.get(t, p("/centres/%s/approvals/awaiting", c.id)).want(t, http.StatusOK).list("approvals") {
		ids = append(ids, a.(map[string]any)["id"].(string))
	}
	return ids
}

// plainWorker returns a plain day agent (see rosterView.plain) who works day d in every view, not
// one of skip.
func plainWorker(t testing.TB, d wfm.Date, skip []string, views ...*rosterView) string {
	t.Helper()
	for _, a := range views[0].order {
		ok := views[0].agents[a].Group == wfm.GroupDay && views[0].plain(a) && !slices.Contains(skip, a)
		for _, v := range views {
			ok = ok && dayOf(v.r, a, d).Working()
		}
		if ok {
			return a
		}
	}
	working := 0
	for _, a := range views[0].order {
		if dayOf(views[0].r, a, d).Working() {
			working++
		}
	}
	t.Fatalf("no plain day agent works %s in all %d rosters (%d agents work it in the first, %d of %d schedules)",
		d, len(views), working, len(views[0].r.Schedules), len(views[0].order))
	return ""
}

// weekOf is the Monday of d's ISO week.
func weekOf(d wfm.Date) wfm.Date { return d.AddDays(-((int(d.Weekday()) + 6) % 7)) }

// fileSwap files, as agent a, the first of the swaps the server accepts (the view's heuristics do
// not know every rule) and returns it with the request's id; what names the swaps wanted.
func (ts *testServer) fileSwap(t testing.TB, c *testCentre, cases []swapCase, what string) (swapCase, string) {
	t.Helper()
	for _, sc := range cases {
		r := ts.do(t, "POST", p("/centres/%s/swaps", c.id), map[string]any{"agent_a": sc.a, "date_a": sc.d, "agent_b": sc.b,
			"date_b": sc.d}, ts.agentToken(t, c.id, sc.a))
		if r.status == http.StatusCreated {
			return sc, r.str("request.id")
		}
	}
	t.Fatalf("no swap %s (%d tried)", what, len(cases))
	return swapCase{}, ""
}

// refIDs lists the ids of a reply's list of approvals at path.
func refIDs(r *reply, path string) []string {
	var ids []string
	for _, a := range r.list(path) {
		ids = append(ids, a.(map[string]any)["id"].(string))
	}
	slices.Sort(ids)
	return ids
}

func sorted(ids ...string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

// TestPublishReappliesApprovals: a draft solved before a leave approval, published after it,
// shows the leave (and a swap approved meanwhile); a draft that cannot take an approval the current
// roster shows is refused with 409 naming it.
func TestPublishReappliesApprovals(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		c := ts.seedCentre(t, "Xiamen", seedOpts{})
		shifts := fixtureOf(t).shifts
		view := func(id string) *rosterView { return newRosterView(ts.schedule(t, c.id, id), c.agents, shifts) }

		// A draft, then a sick day approved (no roster published yet), then the draft published.
		first := ts.solvedDraft(t, c)
		sickAgent := plainWorker(t, day(8), nil, view(first))
		sick := ts.approveLeave(t, c, sickAgent, wfm.LeaveSick, day(8), day(8), nil).str("id")
		r := ts.post(t, p("/centres/%s/rosters/%s/publish", c.id, first), nil).want(t, http.StatusOK)
		if r.str("status") != store.RosterPublished || !slices.Equal(refIDs(r, "reapplied"), []string{sick}) {
			t.Errorf("publish of a draft solved before the approval: %s", r)
		}
		pub := r.str("id")
		if d := dayOf(ts.schedule(t, c.id, pub), sickAgent, day(8)); d.Leave != wfm.LeaveSick || d.Working() {
			t.Errorf("published roster: %s on 2026-12-08 is %+v, want the approved sick leave", sickAgent, d)
		}
		if got := ts.awaitingIDs(t, c); len(got) != 0 {
			t.Errorf("approvals awaiting their roster after the publish: %v", got)
		}

		// A second draft; meanwhile a sick day and a swap are approved onto the published roster.
		second := ts.solvedDraft(t, c)
		cur, next := view(pub), view(second)
		other := plainWorker(t, day(10), []string{sickAgent}, cur, next)
		r = ts.approveLeave(t, c, other, wfm.LeaveSick, day(10), day(10), nil)
		if r.at("rosters.0.final") != true {
			t.Fatalf("sick leave of a plain agent not applied at once: %s", r)
		}
		leave2 := r.str("id")
		cur = view(r.str("rosters.0.roster.id"))
		var fits []swapCase
		for _, x := range cur.sameDaySwaps(wfm.GroupDay, day(12), cur.keepsRest) {
			da, db := dayOf(next.r, x.a, x.d), dayOf(next.r, x.b, x.d)
			if !slices.Contains([]string{sickAgent, other}, x.a) && !slices.Contains([]string{sickAgent, other}, x.b) &&
				da.Working() && db.Working() && da.Shift != db.Shift && next.shifts[da.Shift].Minutes == next.shifts[db.Shift].Minutes &&
				next.keepsRest(x) {
				fits = append(fits, x)
			}
		}
		sc, swapID := ts.fileSwap(t, c, fits, "valid in both the published roster and the second draft")
		current := ts.post(t, p("/centres/%s/swaps/%s/approve", c.id, swapID), nil).want(t, http.StatusOK).str("roster.id")

		// Publishing the older draft re-applies both onto it, as a new version.
		r = ts.post(t, p("/centres/%s/rosters/%s/publish", c.id, second), nil).want(t, http.StatusOK)
		got := refIDs(r, "reapplied")
		if !slices.Equal(got, sorted(leave2, swapID)) {
			t.Errorf("reapplied %v, want %s's leave %s and the swap %s", got, other, leave2, swapID)
		}
		rebased := r.str("id")
		if rebased == second || r.str("parent_id") != second || r.str("status") != store.RosterPublished {
			t.Errorf("the draft older than the current version is published as a new version: %s", r)
		}
		if ts.currentRoster(t, c) != rebased || rebased == current {
			t.Errorf("the month's roster is not the rebased version")
		}
		after := ts.schedule(t, c.id, rebased)
		if d := dayOf(after, other, day(10)); d.Leave != wfm.LeaveSick || d.Working() {
			t.Errorf("rebased roster: %s on 2026-12-10 is %+v, want sick leave", other, d)
		}
		if d := dayOf(after, sickAgent, day(8)); d.Leave != wfm.LeaveSick {
			t.Errorf("rebased roster: %s on 2026-12-08 is %+v, want sick leave", sickAgent, d)
		}
		if a, b := dayOf(after, sc.a, sc.d).Shift, dayOf(after, sc.b, sc.d).Shift; a != dayOf(next.r, sc.b, sc.d).Shift ||
			b != dayOf(next.r, sc.a, sc.d).Shift {
			t.Errorf("rebased roster on %s: %s works %s and %s works %s, want the draft's days exchanged", sc.d, sc.a, a, sc.b, b)
		}
		if st := ts.get(t, p("/centres/%s/rosters/%s", c.id, second)).str("roster.status"); st != store.RosterSuperseded {
			t.Errorf("the draft published as a new version is %q, want %q", st, store.RosterSuperseded)
		}
		if e := findAudit(ts.auditTrail(t, c.id), "roster.publish", rebased); e == nil || !strings.Contains(string(e.Detail), swapID) {
			t.Errorf("publish audit without what it re-applied: %+v", e)
		}

		// A third draft on which a swap approved since would break the rest rule: refused, naming it.
		third := ts.solvedDraft(t, c)
		cur, next = view(rebased), view(third)
		var breaks []swapCase
		for _, x := range cur.sameDaySwaps(wfm.GroupDay, day(14), cur.keepsRest) {
			da, db := dayOf(next.r, x.a, x.d), dayOf(next.r, x.b, x.d)
			if da.Working() && db.Working() && da.Shift != db.Shift && next.breaksRest(x) {
				breaks = append(breaks, x)
			}
		}
		_, swapID = ts.fileSwap(t, c, breaks, "valid in the published roster that breaks the rest rule in the third draft")
		current = ts.post(t, p("/centres/%s/swaps/%s/approve", c.id, swapID), nil).want(t, http.StatusOK).str("roster.id")
		r = ts.post(t, p("/centres/%s/rosters/%s/publish", c.id, third), nil)
		if e := r.wantErr(t, errSpec{status: http.StatusConflict, kind: wfm.KindConflict}); !strings.Contains(e.Message, swapID) ||
			len(e.Violations) == 0 || e.Violations[0].Rule != "R21" {
			t.Errorf("refusal does not name the swap it cannot honour and why: %s", r)
		}
		if ts.currentRoster(t, c) != current {
			t.Errorf("a refused publish changed the month's roster")
		}
		if st := ts.get(t, p("/centres/%s/rosters/%s", c.id, third)).str("roster.status"); st != store.RosterDraft {
			t.Errorf("the refused draft is %q, want still a draft", st)
		}
	})
}

// TestApprovalAwaitingRoster: leave that breaks a HARD rule when applied (a mentor's sick day
// leaves the trainee alone, R14) is approved but not final; a repair built on the current version
// is queued; other approvals go on; the planner lists what waits; the repair, finished on a version
// that is no longer current, is published rebased onto it; a repair that produced nothing is
// queued again on the current version.
func TestApprovalAwaitingRoster(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		// A weekly minimum of 24 h: a trainee whose mentor is away for a day can still make it with
		// three shifts beside the mentor (at 32 h it needs four, which the mentor's contract with a
		// day of leave may not hold, and the repair would find no roster).
		c := ts.seedCentre(t, "Xiamen", seedOpts{settings: func(s *wfm.CentreSettings) { s.Rules.WeeklyMinHours = 24 }})
		v1, pub := ts.publishedRoster(t, c)
		view := newRosterView(pub, c.agents, fixtureOf(t).shifts)
		trainee, mentor := "", ""
		for _, a := range c.agents {
			if a.Has(wfm.RoleTrainee) && a.Mentor != "" {
				trainee, mentor = a.ID, a.Mentor
				break
			}
		}
		// The first day from from on that the trainee works with its mentor (R14) in roster r.
		together := func(r *wfm.Roster, from wfm.Date) wfm.Date {
			t.Helper()
			for d := from; d <= day(31); d++ {
				if x := dayOf(r, trainee, d); x.Working() && dayOf(r, mentor, d).Shift == x.Shift {
					return d
				}
			}
			t.Fatalf("trainee %s never works with mentor %s from %s on", trainee, mentor, from)
			return 0
		}

		// The mentor's sick day: approved, not final, a repair on the published version queued.
		d := together(view.r, day(7))
		r := ts.approveLeave(t, c, mentor, wfm.LeaveSick, d, d, map[string]any{"time_limit_s": 5})
		mentorLeave := r.str("id")
		if r.at("rosters.0.final") != false || r.at("rosters.0.roster") != nil || r.str("rosters.0.repair.parent_id") != v1 ||
			r.str("rosters.0.repair.kind") != store.KindRepair || r.str("rosters.0.repair_job.id") == "" ||
			r.str("rosters.0.impact.violations.0.rule") != "R14" || r.str("rosters.0.impact.violations.0.agent") != trainee {
			t.Fatalf("approval of leave that breaks R14: %s", r)
		}
		repair := r.str("rosters.0.repair.id")
		if ts.currentRoster(t, c) != v1 {
			t.Errorf("leave that breaks a HARD rule changed the published roster")
		}
		a := ts.get(t, p("/centres/%s/approvals/awaiting", c.id)).want(t, http.StatusOK)
		if len(a.list("approvals")) != 1 || a.str("approvals.0.id") != mentorLeave || a.str("approvals.0.kind") != "leave" ||
			a.str("approvals.0.roster_id") != v1 || a.str("approvals.0.repair.id") != repair || a.str("approvals.0.violations.0.rule") != "R14" {
			t.Errorf("awaiting approvals: %s", a)
		}

		// Meanwhile another sick day, applied at once: the repair's base is no longer current.
		other := plainWorker(t, day(20), []string{trainee, mentor}, view)
		r = ts.approveLeave(t, c, other, wfm.LeaveSick, day(20), day(20), nil)
		if r.at("rosters.0.final") != true || r.str("rosters.0.roster.status") != store.RosterPublished {
			t.Fatalf("plain sick leave not applied at once: %s", r)
		}
		otherLeave := r.str("id")

		// The repair finishes and is published rebased on the current version.
		if j := ts.waitJob(t, c.id, repair, 60*time.Second); j.str("status") != store.JobSucceeded {
			t.Fatalf("repair: %s", j)
		}
		r = ts.post(t, p("/centres/%s/rosters/%s/publish", c.id, repair), nil).want(t, http.StatusOK)
		if !slices.Equal(refIDs(r, "reapplied"), []string{otherLeave}) || len(r.list("awaiting")) != 0 {
			t.Errorf("publish of the repair: %s", r)
		}
		final := ts.schedule(t, c.id, ts.currentRoster(t, c))
		if x := dayOf(final, mentor, d); x.Leave != wfm.LeaveSick {
			t.Errorf("the repaired roster shows %s on %s as %+v, want sick leave", mentor, d, x)
		}
		if x := dayOf(final, trainee, d); x.Working() {
			t.Errorf("the repaired roster has trainee %s on %s without its mentor: %+v", trainee, d, x)
		}
		if x := dayOf(final, other, day(20)); x.Leave != wfm.LeaveSick {
			t.Errorf("the rebased repair dropped %s's leave on 2026-12-20: %+v", other, x)
		}
		if got := ts.awaitingIDs(t, c); len(got) != 0 {
			t.Errorf("still awaiting after the repair was published: %v", got)
		}

		// A repair that produces nothing (cancelled here) leaves the approval waiting, shown with
		// the repair's end; the planner repairs the current version again. A day of another week,
		// in the roster as repaired (the repair re-planned the mentor's and the trainee's month).
		d = together(final, weekOf(d).AddDays(7))
		r = ts.approveLeave(t, c, mentor, wfm.LeaveSick, d, d, map[string]any{"time_limit_s": 30})
		second, repair := r.str("id"), r.str("rosters.0.repair.id")
		if r.at("rosters.0.final") != false || repair == "" {
			t.Fatalf("second R14 leave: %s", r)
		}
		ts.post(t, p("/centres/%s/rosters/%s/cancel", c.id, repair), nil).want(t, http.StatusAccepted)
		ts.waitJob(t, c.id, repair, 30*time.Second)
		a = ts.get(t, p("/centres/%s/approvals/awaiting", c.id)).want(t, http.StatusOK)
		if len(a.list("approvals")) != 1 || a.str("approvals.0.id") != second || a.str("approvals.0.repair.status") != store.RosterCancelled {
			t.Errorf("awaiting after the repair was cancelled: %s", a)
		}
		cur := ts.currentRoster(t, c)
		r = ts.post(t, p("/centres/%s/rosters/%s/repair", c.id, cur), map[string]any{"days_around": 2, "time_limit_s": 5}).
			want(t, http.StatusAccepted)
		again := r.str("roster.id")
		if r.str("roster.parent_id") != cur || r.str("roster.kind") != store.KindRepair || !slices.Equal(refIDs(r, "approvals"), []string{second}) {
			t.Errorf("repair of the current version: %s", r)
		}
		if j := ts.waitJob(t, c.id, again, 60*time.Second); j.str("status") != store.JobSucceeded {
			t.Fatalf("second repair: %s", j)
		}
		ts.post(t, p("/centres/%s/rosters/%s/publish", c.id, again), nil).want(t, http.StatusOK)
		if got := ts.awaitingIDs(t, c); len(got) != 0 {
			t.Errorf("still awaiting after the second repair was published: %v", got)
		}
		// Nothing waits: a repair has nothing to do.
		ts.post(t, p("/centres/%s/rosters/%s/repair", c.id, ts.currentRoster(t, c)), nil).
			wantErr(t, errSpec{status: http.StatusConflict, kind: wfm.KindConflict})
		// Only the current published version is repaired.
		ts.post(t, p("/centres/%s/rosters/%s/repair", c.id, v1), nil).wantErr(t, errSpec{status: http.StatusConflict, kind: wfm.KindConflict})
	})
}
