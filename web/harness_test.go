package web

// The test harness: the API and the console behind one real HTTP server (as wfm serve mounts
// them) on a fresh store of either kind with its job engine, a generated centre put in through
// the API, and a browser-like client that signs in and keeps its cookies.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"wfm"
	"wfm/api"
	"wfm/benchmarks/gen"
	"wfm/calendar"
	"wfm/internal/testdb"
	"wfm/jobs"
	"wfm/store"
	"wfm/synth"
)

// The clock stands on Friday 2026-11-20, 10:00 in Shanghai: December 2026 is the month planned.
var (
	shanghai = mustZone("Asia/Shanghai")
	testNow  = time.Date(2026, time.November, 20, 10, 0, 0, 0, shanghai)
)

const testMonth = "2026-12"

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// env is one server with a seeded centre.
type env struct {
	url     string
	store   *store.Store
	planner string // a planner token's secret
	centre  string
	agents  []wfm.Agent
}

// newEnv starts the API and the console on a fresh database of kind with a centre of n generated
// agents, its shifts and a year of history.
func newEnv(t testing.TB, kind string, n int) *env {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, testdb.URL(t, kind))
	if err != nil {
		t.Fatalf("open %s store: %v", kind, err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	runner := &jobs.Runner{Store: st, Log: log, Worker: "web-test"}
	var queue jobs.Queue
	if kind == "postgres" {
		if queue, err = jobs.NewRiver(ctx, st, runner, jobs.RiverConfig{Workers: 1, RescueAfter: time.Minute,
			Poll: 100 * time.Millisecond, MaxAttempts: 3}); err != nil {
			t.Fatal(err)
		}
	} else {
		local := jobs.NewLocal(runner, 1)
		local.Poll = 100 * time.Millisecond
		queue = local
	}
	qctx, stopQueue := context.WithCancel(ctx)
	if err := queue.Start(qctx); err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return testNow }
	a := api.NewServer(api.Config{Store: st, Queue: queue, Log: log, Now: now})
	console, err := New(Config{Store: st, API: a, Log: log, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", a.Handler())
	mux.Handle("/", console)
	srv := httptest.NewServer(mux)
	t.Cleanup(func() {
		srv.Close()
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		queue.Stop(sctx)
		stopQueue()
		st.Close()
	})
	e := &env{url: srv.URL, store: st}
	e.planner = e.token(t, store.Token{Role: store.RolePlanner, Name: "pat"})
	e.seed(t, n)
	return e
}

// token stores a token and returns its secret.
func (e *env) token(t testing.TB, tok store.Token) string {
	t.Helper()
	secret, err := e.store.CreateToken(context.Background(), &tok)
	if err != nil {
		t.Fatal(err)
	}
	return secret
}

// apiCall sends a JSON (or CSV) request to the API with a bearer token and decodes the reply.
func (e *env) apiCall(t testing.TB, secret, method, path string, body any, want int) map[string]any {
	t.Helper()
	var rd io.Reader
	ctype := "application/json"
	switch b := body.(type) {
	case nil:
	case string:
		rd, ctype = strings.NewReader(b), "text/csv"
	default:
		data, _ := json.Marshal(b)
		rd = bytes.NewReader(data)
	}
	req, _ := http.NewRequest(method, e.url+"/api/v1"+path, rd)
	req.Header.Set("Authorization", "Bearer "+secret)
	req.Header.Set("Content-Type", ctype)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		t.Fatalf("%s %s: %d, want %d: %s", method, path, res.StatusCode, want, raw)
	}
	var out map[string]any
	json.Unmarshal(raw, &out)
	return out
}

// seed creates the centre: n generated agents (names given: they are private, R20), the shifts,
// and a year of 30-minute history before December 2026.
func (e *env) seed(t testing.TB, n int) {
	t.Helper()
	p, err := gen.Generate(gen.Config{Agents: n, Days: 31, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for i := range p.Agents {
		p.Agents[i].Name = "林丽" + strings.TrimPrefix(p.Agents[i].ID, "A")
	}
	e.agents = p.Agents
	out := e.apiCall(t, e.planner, "POST", "/centres", map[string]any{"id": "xm", "name": "厦门客服中心"}, http.StatusCreated)
	e.centre = out["id"].(string)
	for _, s := range p.Shifts {
		e.apiCall(t, e.planner, "PUT", "/centres/"+e.centre+"/shifts/"+s.ID, s, http.StatusOK)
	}
	var b strings.Builder
	b.WriteString("id,name,group,skills,roles,contract_hours,mentor\n")
	for _, a := range p.Agents {
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%g,%s\n", a.ID, a.Name, a.Group, strings.Join(a.Skills, ";"), strings.Join(a.Roles, ";"),
			a.ContractHours, a.Mentor)
	}
	e.apiCall(t, e.planner, "POST", "/centres/"+e.centre+"/agents/import", b.String(), http.StatusOK)
	h := synth.History(synth.HistoryConfig{Start: wfm.DateOf(2025, time.December, 1), Days: 365, Step: 30,
		DailyCalls: float64(20 * n), Growth: 0.05, MinnanShare: 0.15, AHT: 270, Calendar: calendar.CN(), Seed: 1})
	var hb bytes.Buffer
	if err := h.WriteCSV(&hb); err != nil {
		t.Fatal(err)
	}
	e.apiCall(t, e.planner, "POST", "/centres/"+e.centre+"/history", hb.String(), http.StatusOK)
}

// solveAndPublish solves the month through the API (a short budget) and publishes it; it returns
// the published version's id.
func (e *env) solveAndPublish(t testing.TB, seconds float64) string {
	t.Helper()
	out := e.apiCall(t, e.planner, "POST", "/centres/"+e.centre+"/rosters", map[string]any{"month": testMonth, "time_limit_s": seconds, "seed": 3},
		http.StatusAccepted)
	id := out["roster"].(map[string]any)["id"].(string)
	e.waitSolved(t, id)
	pub := e.apiCall(t, e.planner, "POST", "/centres/"+e.centre+"/rosters/"+id+"/publish", nil, http.StatusOK)
	return pub["id"].(string)
}

// waitSolved waits for roster id's job to succeed.
func (e *env) waitSolved(t testing.TB, id string) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		j := e.apiCall(t, e.planner, "GET", "/centres/"+e.centre+"/rosters/"+id+"/job", nil, http.StatusOK)
		switch j["status"] {
		case store.JobSucceeded:
			return
		case store.JobFailed, store.JobCancelled:
			t.Fatalf("solve %s: %v", id, j)
		}
		if time.Now().After(deadline) {
			t.Fatalf("solve %s still %v", id, j["status"])
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// browser is an HTTP client with cookies, as a browser signs in and posts forms.
type browser struct {
	t    testing.TB
	e    *env
	c    *http.Client
	csrf string
}

var csrfField = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)

// signIn signs in with a token's secret through the sign-in form.
func (e *env) signIn(t testing.TB, secret string) *browser {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	b := &browser{t: t, e: e, c: &http.Client{Jar: jar}}
	page := b.get("/signin", http.StatusOK)
	m := csrfField.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("sign-in form without its token: %s", page)
	}
	b.post("/signin", url.Values{"csrf": {m[1]}, "token": {secret}}, http.StatusOK)
	home := b.get("/", http.StatusOK)
	if m = csrfField.FindStringSubmatch(home); m == nil {
		t.Fatalf("signed-in page without a CSRF token: %s", home)
	}
	b.csrf = m[1]
	return b
}

// do sends a request and checks the final status (after redirects).
func (b *browser) do(req *http.Request, want int) string {
	b.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		b.t.Fatalf("%s %s: %d, want %d\n%s", req.Method, req.URL, res.StatusCode, want, raw)
	}
	return string(raw)
}

func (b *browser) get(path string, want int) string {
	b.t.Helper()
	req, _ := http.NewRequest("GET", b.e.url+path, nil)
	return b.do(req, want)
}

// post sends a form; the session's CSRF token is added unless the form has one.
func (b *browser) post(path string, form url.Values, want int) string {
	b.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if form.Get("csrf") == "" && b.csrf != "" {
		form.Set("csrf", b.csrf)
	}
	req, _ := http.NewRequest("POST", b.e.url+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req, want)
}

// c is a path under the test centre.
func (e *env) c(rest string) string { return "/c/" + e.centre + rest }

func decodeForTest(r store.Roster) (*wfm.Problem, *wfm.Roster, error) { return api.DecodeRoster(r) }
