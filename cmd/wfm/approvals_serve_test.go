package main

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"wfm"
	"wfm/benchmarks/gen"
	"wfm/internal/testdb"
	"wfm/store"
)

// TestServePostgresApprovalAwaitsRepair runs the approval path through the queue with an API
// process and a River worker process on PostgreSQL: a mentor's sick day that would leave the
// trainee alone (R14) is approved but awaits its roster; the repair built on the published version
// is queued by the API and solved by the worker; another sick day approved meanwhile is applied at
// once, so the repair's base is no longer current; publishing the repair rebases it onto the
// current version, and then nothing awaits its roster.
func TestServePostgresApprovalAwaitsRepair(t *testing.T) {
	db := testdb.Postgres(t)
	token := createToken(t, db)
	addr := freeAddr(t)
	startServe(t, "pg-api", addr, "--db", db, "--role", "api")
	startServe(t, "pg-worker", "", "--db", db, "--role", "worker", "--workers", "1")
	c := newClient(t, addr, token)
	centre := c.createCentre("Xiamen")

	// Four weeks from the first Monday at least four days ahead (sick leave needs three, R9).
	shanghai, err := time.LoadLocation(wfm.DefaultTimeZone)
	if err != nil {
		t.Fatal(err)
	}
	start := wfm.DateFromTime(time.Now().In(shanghai)).AddDays(4)
	for start.Weekday() != time.Monday {
		start++
	}
	p, err := gen.Generate(gen.Config{Agents: 30, Days: 28, Start: start, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	// A weekly minimum of 24 h, so that a trainee whose mentor is away for a day can make its week
	// with three shifts beside the mentor, whatever roster the timed solve gives.
	p.Rules.WeeklyMinHours = 24
	for _, a := range p.Agents {
		c.do("POST", "/centres/"+centre+"/agents", a, nil, http.StatusOK)
	}
	doc, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	v1, _ := c.solve(centre, doc, 4, 0)
	if j := c.waitJob(centre, v1, 90*time.Second, "the solve to finish", finished); j.Status != store.JobSucceeded {
		t.Fatalf("solve: %+v", j)
	}
	c.do("POST", "/centres/"+centre+"/rosters/"+v1+"/publish", nil, nil, http.StatusOK)
	schedule := func(id string) *wfm.Roster {
		var out struct {
			Schedule *wfm.Roster `json:"schedule"`
		}
		c.do("GET", "/centres/"+centre+"/rosters/"+id, nil, &out, http.StatusOK)
		return out.Schedule
	}
	cell := func(r *wfm.Roster, agent string, d wfm.Date) wfm.DaySchedule {
		for _, s := range r.Schedules {
			if s.Agent == agent {
				return s.Days[int(d-r.Horizon.Start)]
			}
		}
		t.Fatalf("no schedule for %s", agent)
		return wfm.DaySchedule{}
	}
	pub := schedule(v1)
	month := start.String()[:7]
	inMonth := func(d wfm.Date) bool { return d.String()[:7] == month }

	// The mentor's sick day on a day it works with its trainee.
	var trainee, mentor string
	mentors := map[string]bool{}
	for _, a := range p.Agents {
		if a.Has(wfm.RoleTrainee) && a.Mentor != "" {
			trainee, mentor, mentors[a.Mentor] = a.ID, a.Mentor, true
		}
	}
	var d wfm.Date
	for x := start.AddDays(1); inMonth(x) && x < start.AddDays(28); x++ {
		if tr := cell(pub, trainee, x); tr.Working() && cell(pub, mentor, x).Shift == tr.Shift {
			d = x
			break
		}
	}
	if trainee == "" || d == 0 {
		t.Fatalf("no day on which trainee %q works with mentor %q in %s", trainee, mentor, month)
	}
	approve := func(agent string, day wfm.Date) map[string]any {
		var req struct {
			Request store.LeaveRequest `json:"request"`
		}
		c.do("POST", "/centres/"+centre+"/leave", map[string]any{"agent": agent, "type": "sick", "from": day, "to": day}, &req,
			http.StatusCreated)
		var out map[string]any
		c.do("POST", "/centres/"+centre+"/leave/"+req.Request.ID+"/approve", map[string]any{"time_limit_s": 4}, &out, http.StatusOK)
		return out
	}
	first := approve(mentor, d)
	change := first["rosters"].([]any)[0].(map[string]any)
	repair, _ := change["repair"].(map[string]any)
	if change["final"] != false || repair == nil || repair["parent_id"] != v1 || repair["kind"] != store.KindRepair {
		t.Fatalf("approval of the mentor's leave: %v", first)
	}
	repairID := repair["id"].(string)

	// Another sick day, of a day agent who works four days or more in the third week and mentors
	// nobody (so that a day of leave keeps its weekly minimum): applied at once, a new published
	// version, while the repair waits for the worker.
	var other string
	var d2 wfm.Date
	for _, a := range p.Agents {
		if a.Group != wfm.GroupDay || a.Has(wfm.RoleTrainee) || a.Has(wfm.RoleSuspended) || mentors[a.ID] || a.ID == mentor {
			continue
		}
		worked := 0
		for k := range 7 {
			if cell(pub, a.ID, start.AddDays(14+k)).Working() {
				worked++
			}
		}
		for x := start.AddDays(14); worked >= 4 && x < start.AddDays(21) && inMonth(x) && other == ""; x++ {
			if cell(pub, a.ID, x).Working() {
				other, d2 = a.ID, x
			}
		}
		if other != "" {
			break
		}
	}
	if other == "" {
		t.Fatalf("no plain day agent works four days in the third week from %s in %s", start.AddDays(14), month)
	}
	second := approve(other, d2)
	if ch := second["rosters"].([]any)[0].(map[string]any); ch["final"] != true {
		t.Fatalf("a plain sick day not applied at once: %v", second)
	}
	var awaiting struct {
		Approvals []struct {
			ID     string       `json:"id"`
			Repair store.Roster `json:"repair"`
		} `json:"approvals"`
	}
	c.do("GET", "/centres/"+centre+"/approvals/awaiting", nil, &awaiting, http.StatusOK)
	if len(awaiting.Approvals) != 1 || awaiting.Approvals[0].ID != first["id"] || awaiting.Approvals[0].Repair.ID != repairID {
		t.Errorf("awaiting before the repair: %+v", awaiting)
	}

	// The worker process solves the repair; the planner publishes it, rebased.
	j := c.waitJob(centre, repairID, 90*time.Second, "the repair to finish", finished)
	if j.Status != store.JobSucceeded || j.Worker != "pg-worker" {
		t.Fatalf("repair job: %+v", j)
	}
	var published struct {
		store.Roster
		Reapplied []struct {
			ID string `json:"id"`
		} `json:"reapplied"`
	}
	c.do("POST", "/centres/"+centre+"/rosters/"+repairID+"/publish", nil, &published, http.StatusOK)
	if published.ID == repairID || published.Status != store.RosterPublished || len(published.Reapplied) != 1 ||
		published.Reapplied[0].ID != second["id"] {
		t.Errorf("publish of the repair: %+v", published)
	}
	c.do("GET", "/centres/"+centre+"/approvals/awaiting", nil, &awaiting, http.StatusOK)
	if len(awaiting.Approvals) != 0 {
		t.Errorf("awaiting after the repair was published: %+v", awaiting)
	}
	final := schedule(published.ID)
	if x := cell(final, mentor, d); x.Leave != wfm.LeaveSick || x.Working() {
		t.Errorf("mentor %s on %s: %+v, want sick leave", mentor, d, x)
	}
	if x := cell(final, trainee, d); x.Working() {
		t.Errorf("trainee %s works %s on %s without its mentor", trainee, x.Shift, d)
	}
	if x := cell(final, other, d2); x.Leave != wfm.LeaveSick {
		t.Errorf("%s on %s: %+v, want the sick leave approved while the repair ran", other, d2, x)
	}
	var versions struct {
		Rosters []store.Roster `json:"rosters"`
	}
	c.do("GET", "/centres/"+centre+"/rosters", nil, &versions, http.StatusOK)
	if i := slices.IndexFunc(versions.Rosters, func(r store.Roster) bool { return r.ID == repairID }); i < 0 ||
		versions.Rosters[i].Status != store.RosterSuperseded || versions.Rosters[0].ID != published.ID {
		t.Errorf("versions after the publish: %+v", versions.Rosters)
	}
}
