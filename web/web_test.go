package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"wfm"
	"wfm/internal/testdb"
	"wfm/store"
	"wfm/workflow"
)

// forEachStore runs fn on SQLite and on PostgreSQL.
func forEachStore(t *testing.T, fn func(t *testing.T, kind string)) {
	for _, kind := range testdb.Kinds {
		t.Run(kind, func(t *testing.T) { fn(t, kind) })
	}
}

func mustContain(t *testing.T, page string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(page, w) {
			t.Fatalf("page lacks %q:\n%s", w, tailOf(page))
		}
	}
}

func tailOf(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

// dayAgent is a generated day-group agent with no role, and nightShift a night template.
func (e *env) dayAgent(t *testing.T) string {
	for _, a := range e.agents {
		if a.Group == wfm.GroupDay && len(a.Roles) == 0 {
			return a.ID
		}
	}
	t.Fatal("no plain day agent")
	return ""
}

var versionRef = regexp.MustCompile(`roster=([a-z0-9]+)`)

// TestConsole walks the console over real HTTP on both stores: sign-in and its refusals, a solve
// started and published from the pages, an edit checked (the rule named) and saved, a leave
// request filed by an agent and approved from the inbox, what the agent and a colleague then
// read, the what-if, intraday and download pages, the language switch and signing out.
func TestConsole(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		e := newEnv(t, kind, 30)
		anon := &browser{t: t, e: e, c: &http.Client{}}
		mustContain(t, anon.get(e.c("/month"), http.StatusOK), `name="token"`, "访问令牌")
		bad := &browser{t: t, e: e, c: &http.Client{}}
		page := bad.get("/signin", http.StatusOK)
		mustContain(t, page, "登录")
		// A sign-in without the form's token is refused.
		bad.post("/signin", url.Values{"token": {e.planner}}, http.StatusForbidden)

		pl := e.signIn(t, e.planner)
		mustContain(t, pl.get(e.c("/month?month="+testMonth), http.StatusOK), "2026年12月还没有已求解的排班")
		// A change without the session's CSRF token is refused, and changes nothing.
		req, _ := http.NewRequest("POST", e.url+e.c("/solve"), strings.NewReader("month=2026-12&seconds=1"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		pl.do(req, http.StatusForbidden)
		if list, _ := e.store.Rosters(t.Context(), e.centre); len(list) != 0 {
			t.Fatalf("a solve was queued without the CSRF token: %v", list)
		}
		// A bad budget names the field.
		mustContain(t, pl.post(e.c("/solve"), url.Values{"month": {testMonth}, "seconds": {"0"}}, http.StatusBadRequest), "seconds")

		status := pl.post(e.c("/solve"), url.Values{"month": {testMonth}, "seconds": {"2"}}, http.StatusOK)
		mustContain(t, status, "v1", `id="progress"`)
		list, _ := e.store.Rosters(t.Context(), e.centre)
		draft := list[0].ID
		e.waitSolved(t, draft)
		status = pl.get(e.c("/solve/"+draft), http.StatusOK)
		mustContain(t, status, `id="compare"`, `id="publish"`, "尚无已发布版本")
		month := pl.post(e.c("/solve/"+draft+"/publish"), nil, http.StatusOK)
		mustContain(t, month, "已发布。", `id="roster-grid"`, "硬性规则违规", "2026年12月1日 星期二")
		if n := strings.Count(month, `<tr><th scope="row">`); n != 30 {
			t.Errorf("the grid shows %d agents, want 30", n)
		}
		pub := versionRef.FindStringSubmatch(month[strings.Index(month, `id="m-roster"`):])[1]

		// Edit: a night shift for a day agent is named R22; a day off is saved as a new version.
		agent := e.dayAgent(t)
		var night, work string
		v, _ := e.store.PublishedRoster(t.Context(), e.centre, testMonth)
		for _, sh := range mustVersion(t, v).P.Shifts {
			if sh.IsNight(mustVersion(t, v).P.Rules) {
				night = sh.ID
			}
		}
		for _, sch := range mustVersion(t, v).R.Schedules {
			if sch.Agent == agent {
				for _, d := range sch.Days[5:] {
					if d.Working() {
						work = d.Date.String()
						break
					}
				}
			}
		}
		edit := url.Values{"roster": {pub}, "agent": {agent}, "date": {work}, "shift": {night}}
		mustContain(t, pl.post(e.c("/edit/check"), edit, http.StatusOK), `class="rule">R22`)
		mustContain(t, pl.post(e.c("/edit/save"), edit, http.StatusUnprocessableEntity), "R22")
		ok := cleanEdit(t, mustVersion(t, v))
		month = pl.post(e.c("/edit/save"), url.Values{"roster": {pub}, "agent": {ok.Agent}, "date": {ok.Date.String()}, "shift": {ok.Shift}},
			http.StatusOK)
		mustContain(t, month, "已保存为新版本。", "v2 · 已发布")

		// An agent files sick leave with a reason; the planner's inbox shows it checked and costed.
		sick, other := agentOn(t, e, agent), ""
		for _, a := range e.agents {
			if a.ID != sick.agent && a.ID != agent {
				other = a.ID
				break
			}
		}
		ag := e.signIn(t, e.token(t, store.Token{Role: store.RoleAgent, CentreID: e.centre, AgentID: sick.agent}))
		pl.get(e.c("/me"), http.StatusForbidden)
		ag.get(e.c("/month"), http.StatusForbidden)
		const reason = "家中私事甲乙"
		mustContain(t, ag.post(e.c("/me/leave"), url.Values{"type": {"sick"}, "from": {sick.day}, "to": {sick.day}, "reason": {reason}}, http.StatusOK),
			"申请已提交。", reason)
		inbox := pl.get(e.c("/requests"), http.StatusOK)
		mustContain(t, inbox, reason, "提前申请（R9）与年假人数上限（R10）检查通过", "覆盖缺口增加")
		id := regexp.MustCompile(`/requests/leave/([a-z0-9]+)/approve`).FindStringSubmatch(inbox)[1]
		month = pl.post(e.c("/requests/leave/"+id+"/approve"), url.Values{"note": {"好"}}, http.StatusOK)
		mustContain(t, month, "已批准。", "v3 · 已发布")

		// A colleague reads the team's roster with the leave as leave, and no reason anywhere.
		co := e.signIn(t, e.token(t, store.Token{Role: store.RoleAgent, CentreID: e.centre, AgentID: other}))
		me := co.get(e.c("/me?month="+testMonth), http.StatusOK)
		mustContain(t, me, `id="roster-grid"`, "已发布 v3")
		if strings.Contains(me, reason) || strings.Contains(me, "林丽") {
			t.Errorf("a colleague's page shows a leave reason or a name")
		}
		mustContain(t, ag.get(e.c("/me?month="+testMonth), http.StatusOK), reason)
		mustContain(t, ag.get(e.c("/me/calendar.ics?month="+testMonth), http.StatusOK), "BEGIN:VCALENDAR")

		// What-if: a forecast, then the sliders' answers; a value out of range names its field.
		wi := pl.post(e.c("/whatif/forecast"), url.Values{"month": {testMonth}}, http.StatusOK)
		fid := regexp.MustCompile(`name="forecast" value="([a-z0-9]+)"`).FindStringSubmatch(wi)[1]
		low := pl.get(e.c("/whatif/answer?forecast="+fid+"&volume=80"), http.StatusOK)
		high := pl.get(e.c("/whatif/answer?forecast="+fid+"&volume=150"), http.StatusOK)
		if hours(t, low) >= hours(t, high) {
			t.Errorf("80 %% volume needs %v agent-hours, 150 %% %v", hours(t, low), hours(t, high))
		}
		mustContain(t, pl.get(e.c("/whatif/answer?forecast="+fid+"&volume=500"), http.StatusBadRequest), "volume")

		// Intraday: a re-plan proposed, then applied as a new version.
		cur, _ := e.store.PublishedRoster(t.Context(), e.centre, testMonth)
		q := "?roster=" + cur.ID + "&date=2026-12-10&from=600&factor=1.6&propose=1"
		mustContain(t, pl.get(e.c("/intraday"+q), http.StatusOK), "调整方案", `id="before-chart"`)
		mustContain(t, pl.post(e.c("/intraday/apply"), url.Values{"roster": {cur.ID}, "date": {"2026-12-10"}, "from": {"600"},
			"factor": {"1.6"}}, http.StatusOK), "已应用日内调整。")

		// Downloads of a version.
		mustContain(t, pl.get(e.c("/downloads"), http.StatusOK), "report.html", "roster.xlsx")
		mustContain(t, pl.get(e.c("/download/"+draft+"/report.html"), http.StatusOK), "<svg")
		mustContain(t, pl.get(e.c("/download/"+draft+"/roster.csv"), http.StatusOK), agent)
		mustContain(t, pl.get(e.c("/download/"+draft+"/calendar.ics?agent="+agent), http.StatusOK), "BEGIN:VCALENDAR")
		pl.get(e.c("/download/"+draft+"/calendar.ics?agent=nobody"), http.StatusNotFound)

		// English, and signing out.
		mustContain(t, pl.get(e.c("/month?lang=en"), http.StatusOK), "Roster", "Tue 1 Dec 2026")
		pl.post("/signout", nil, http.StatusOK)
		mustContain(t, pl.get(e.c("/month"), http.StatusOK), `name="token"`)
	})
}

// hours reads the agent-hours of a what-if answer.
func hours(t *testing.T, page string) float64 {
	t.Helper()
	m := regexp.MustCompile(`id="wi-hours">([0-9]+)<`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no agent-hours in %s", page)
	}
	var h float64
	for _, c := range m[1] {
		h = h*10 + float64(c-'0')
	}
	return h
}

// agentDay is an agent and a working day.
type agentDay struct{ agent, day string }

// agentOn returns an agent other than not working on a day from 2026-12-05 on (sick leave needs 3
// days' notice from 2026-11-20; later days keep the notice).
func agentOn(t *testing.T, e *env, not string) agentDay {
	v, _ := e.store.PublishedRoster(t.Context(), e.centre, testMonth)
	for _, sch := range mustVersion(t, v).R.Schedules {
		if sch.Agent == not {
			continue
		}
		for _, d := range sch.Days[10:] {
			if d.Working() {
				return agentDay{sch.Agent, d.Date.String()}
			}
		}
	}
	t.Fatal("nobody works")
	return agentDay{}
}

func mustVersion(t *testing.T, r store.Roster) *version {
	t.Helper()
	v := &version{Roster: r}
	var err error
	if v.P, v.R, err = decodeForTest(r); err != nil {
		t.Fatal(err)
	}
	return v
}

// cleanEdit finds an edit of v that breaks no HARD rule: a worked day moved to another template of
// the same length, or a day off.
func cleanEdit(t *testing.T, v *version) workflow.DayEdit {
	t.Helper()
	for _, sch := range v.R.Schedules {
		for _, d := range sch.Days {
			if !d.Working() {
				continue
			}
			for _, sh := range append([]wfm.ShiftTemplate{{}}, v.P.Shifts...) {
				e := workflow.DayEdit{Agent: sch.Agent, Date: d.Date, Shift: sh.ID}
				if imp, err := workflow.EditDay(v.P, v.R, e); err == nil && len(imp.Violations) == 0 {
					return e
				}
			}
		}
	}
	t.Fatal("no edit keeps every HARD rule")
	return workflow.DayEdit{}
}
