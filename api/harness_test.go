package api

// The test harness: a real server per test (store of either kind, its job engine, the API behind
// httptest), a small HTTP client, and a seeded contact centre built through the API itself.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"wfm"
	"wfm/benchmarks/gen"
	"wfm/calendar"
	"wfm/inputs"
	"wfm/internal/testdb"
	"wfm/jobs"
	"wfm/store"
	"wfm/synth"
)

// The suite's clock stands on Friday 2026-11-20, 10:00 in Shanghai: the fixture's month, December
// 2026, starts 11 days later, so that annual leave from 2026-12-20 on has its 30 days of notice
// (R9), earlier annual leave has not, and a swap in December has working days of notice (R6).
var (
	shanghai = mustZone("Asia/Shanghai")
	testNow  = time.Date(2026, time.November, 20, 10, 0, 0, 0, shanghai)
)

const (
	testMonth = "2026-12"
	apiPrefix = "/api/v1"
)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// day returns a date of December 2026.
func day(d int) wfm.Date { return wfm.DateOf(2026, time.December, d) }

// testServer is one API server on a fresh database.
type testServer struct {
	kind    string
	url     string
	store   *store.Store
	api     *Server
	planner string // a planner token's secret
	logs    *syncBuffer
	clock   atomic.Int64 // what the server's Now returns, in Unix nanoseconds
	// stopQueue stops the job engine (at the latest when the test ends).
	stopQueue func()
}

// syncBuffer collects the server's log lines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// forEachStore runs fn as a subtest on SQLite and on PostgreSQL.
func forEachStore(t *testing.T, fn func(t *testing.T, kind string)) {
	t.Helper()
	for _, kind := range testdb.Kinds {
		t.Run(kind, func(t *testing.T) { fn(t, kind) })
	}
}

// newTestServer starts the API over real HTTP on a fresh database of kind, with the job engine of
// that kind (Local on SQLite, River on PostgreSQL) running one worker. opts adjust the config
// (MaxBody). Everything stops when the test ends.
func newTestServer(t testing.TB, kind string, opts ...func(*Config)) *testServer {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, testdb.URL(t, kind))
	if err != nil {
		t.Fatalf("open %s store: %v", kind, err)
	}
	ts := &testServer{kind: kind, store: st, logs: &syncBuffer{}}
	ts.clock.Store(testNow.UnixNano())
	log := slog.New(slog.NewJSONHandler(ts.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	runner := &jobs.Runner{Store: st, Log: log, Worker: "test-" + kind}
	var queue jobs.Queue
	if kind == "postgres" {
		queue, err = jobs.NewRiver(ctx, st, runner, jobs.RiverConfig{Workers: 1, RescueAfter: time.Minute,
			Poll: 100 * time.Millisecond, MaxAttempts: 3})
		if err != nil {
			st.Close()
			t.Fatalf("river: %v", err)
		}
	} else {
		local := jobs.NewLocal(runner, 1)
		local.Poll = 100 * time.Millisecond
		queue = local
	}
	qctx, stopQueue := context.WithCancel(ctx)
	if err := queue.Start(qctx); err != nil {
		stopQueue()
		st.Close()
		t.Fatalf("start queue: %v", err)
	}
	cfg := Config{Store: st, Queue: queue, Log: log,
		Now: func() time.Time { return time.Unix(0, ts.clock.Load()).In(shanghai) }}
	for _, o := range opts {
		o(&cfg)
	}
	ts.api = NewServer(cfg)
	srv := httptest.NewServer(ts.api.Handler())
	ts.url = srv.URL
	ts.stopQueue = sync.OnceFunc(func() {
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := queue.Stop(sctx); err != nil {
			t.Errorf("stop the job queue: %v", err)
		}
		stopQueue()
	})
	t.Cleanup(func() {
		srv.Close()
		ts.stopQueue()
		st.Close()
		if t.Failed() {
			t.Logf("server log (%s):\n%s", kind, tail(ts.logs.String(), 4000))
		}
	})
	ts.planner = ts.token(t, store.Token{Role: store.RolePlanner, Name: "pat"})
	return ts
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

// setNow moves the server's clock; the returned func puts it back.
func (ts *testServer) setNow(t time.Time) func() {
	old := ts.clock.Swap(t.UnixNano())
	return func() { ts.clock.Store(old) }
}

// token stores a token and returns its secret.
func (ts *testServer) token(t testing.TB, tok store.Token) string {
	t.Helper()
	secret, err := ts.store.CreateToken(context.Background(), &tok)
	if err != nil {
		t.Fatalf("create token: %v", err)
	}
	return secret
}

// agentToken returns a token for agent of centre.
func (ts *testServer) agentToken(t testing.TB, centre, agent string) string {
	return ts.token(t, store.Token{Role: store.RoleAgent, CentreID: centre, AgentID: agent})
}

// Request bodies other than JSON values.
type (
	csvBody string // sent as text/csv
	rawBody string // sent verbatim as application/json
)

// reply is a response: status, headers, raw body and, for JSON, the decoded value.
type reply struct {
	method, path string
	status       int
	header       http.Header
	raw          []byte
	body         any
}

func (r *reply) String() string {
	return fmt.Sprintf("%s %s → %d %s", r.method, r.path, r.status, tail(string(r.raw), 1500))
}

// do sends a request: path is the full path (use p for /api/v1 paths); body is nil, a csvBody, a
// rawBody, or any value sent as JSON; token is a secret ("" sends no Authorization header).
func (ts *testServer) do(t testing.TB, method, path string, body any, token string) *reply {
	t.Helper()
	var data []byte
	ctype := ""
	switch b := body.(type) {
	case nil:
	case csvBody:
		data, ctype = []byte(b), "text/csv"
	case rawBody:
		data, ctype = []byte(b), "application/json"
	default:
		var err error
		if data, err = json.Marshal(b); err != nil {
			t.Fatalf("encode body: %v", err)
		}
		ctype = "application/json"
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, ts.url+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	r := &reply{method: method, path: path, status: res.StatusCode, header: res.Header, raw: raw}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") && len(raw) > 0 {
		if err := json.Unmarshal(raw, &r.body); err != nil {
			t.Fatalf("%s %s: the reply is not JSON: %v\n%s", method, path, err, raw)
		}
	}
	checkExchange(t, method, path, ctype, data, r)
	return r
}

// p builds an /api/v1 path.
func p(format string, args ...any) string { return apiPrefix + fmt.Sprintf(format, args...) }

// Shorthands for the planner.
func (ts *testServer) get(t testing.TB, path string) *reply {
	t.Helper()
	return ts.do(t, "GET", path, nil, ts.planner)
}

func (ts *testServer) post(t testing.TB, path string, body any) *reply {
	t.Helper()
	return ts.do(t, "POST", path, body, ts.planner)
}

func (ts *testServer) put(t testing.TB, path string, body any) *reply {
	t.Helper()
	return ts.do(t, "PUT", path, body, ts.planner)
}

// want fails the test unless the status is status; it returns r for chaining.
func (r *reply) want(t testing.TB, status int) *reply {
	t.Helper()
	if r.status != status {
		t.Fatalf("want %d: %s", status, r)
	}
	return r
}

// apiError is the error body.
type apiError struct {
	Status     int             `json:"status"`
	Kind       string          `json:"kind"`
	Message    string          `json:"message"`
	Field      string          `json:"field"`
	Agent      string          `json:"agent"`
	Day        string          `json:"day"`
	Line       int             `json:"line"`
	Rule       string          `json:"rule"`
	Violations []wfm.Violation `json:"violations"`
}

// errorOf decodes the error body, failing when the reply is not one.
func (r *reply) errorOf(t testing.TB) apiError {
	t.Helper()
	var b struct {
		Error *apiError `json:"error"`
	}
	if err := json.Unmarshal(r.raw, &b); err != nil || b.Error == nil {
		t.Fatalf("not an error body: %s", r)
	}
	if b.Error.Status != r.status {
		t.Errorf("error body says status %d, the reply is %d: %s", b.Error.Status, r.status, r)
	}
	if b.Error.Message == "" {
		t.Errorf("error without a message: %s", r)
	}
	return *b.Error
}

// errSpec is what a test expects of an error: every non-zero field must match.
type errSpec struct {
	status int
	kind   wfm.Kind
	field  string
	rule   string
	line   int
	agent  string
}

// wantErr checks an error reply against spec and returns the error body.
func (r *reply) wantErr(t testing.TB, spec errSpec) apiError {
	t.Helper()
	if r.status != spec.status {
		t.Fatalf("want status %d: %s", spec.status, r)
	}
	e := r.errorOf(t)
	if spec.kind != "" && e.Kind != string(spec.kind) {
		t.Errorf("kind %q, want %q: %s", e.Kind, spec.kind, r)
	}
	if spec.field != "" && e.Field != spec.field {
		t.Errorf("field %q, want %q: %s", e.Field, spec.field, r)
	}
	if spec.rule != "" && e.Rule != spec.rule {
		t.Errorf("rule %q, want %q: %s", e.Rule, spec.rule, r)
	}
	if spec.line != 0 && e.Line != spec.line {
		t.Errorf("line %d, want %d: %s", e.Line, spec.line, r)
	}
	if spec.agent != "" && e.Agent != spec.agent {
		t.Errorf("agent %q, want %q: %s", e.Agent, spec.agent, r)
	}
	return e
}

// into decodes the reply's JSON into v.
func (r *reply) into(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.raw, v); err != nil {
		t.Fatalf("decode %T: %v: %s", v, err, r)
	}
}

// at returns the value at a dotted path of the decoded body ("roster.id", "changes.0.agent");
// nil when absent.
func (r *reply) at(path string) any {
	v := r.body
	for _, k := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func (r *reply) str(path string) string {
	s, _ := r.at(path).(string)
	return s
}

func (r *reply) num(path string) float64 {
	f, _ := r.at(path).(float64)
	return f
}

func (r *reply) list(path string) []any {
	l, _ := r.at(path).([]any)
	return l
}

// The seeded centre: staff and shifts of a generated 30-agent centre (benchmarks/gen), a year of
// synthetic 30-minute call history before December 2026 sized to that staff (synth), all put in
// through the API.

type fixtureData struct {
	agents  []wfm.Agent
	shifts  []wfm.ShiftTemplate
	history string // CSV
}

var fixture = sync.OnceValues(func() (*fixtureData, error) {
	p, err := gen.Generate(gen.Config{Agents: 30, Days: 31, Seed: 1})
	if err != nil {
		return nil, err
	}
	h := synth.History(synth.HistoryConfig{Start: wfm.DateOf(2025, time.December, 1), Days: 365, Step: 30,
		DailyCalls: 600, Growth: 0.05, MinnanShare: 0.15, AHT: 270, Calendar: calendar.CN(), Seed: 1})
	var b bytes.Buffer
	if err := h.WriteCSV(&b); err != nil {
		return nil, err
	}
	for i := range p.Agents { // names are private (R20): give every agent one to look for
		p.Agents[i].Name = agentName(p.Agents[i].ID)
	}
	return &fixtureData{agents: p.Agents, shifts: p.Shifts, history: b.String()}, nil
})

// agentName is the fixture's name of agent id, e.g. "林丽0007".
func agentName(id string) string { return "林丽" + strings.TrimPrefix(id, "A") }

func fixtureOf(t testing.TB) *fixtureData {
	t.Helper()
	f, err := fixture()
	if err != nil {
		t.Fatalf("fixture: %v", err)
	}
	return f
}

// testCentre is a centre the test seeded.
type testCentre struct {
	id       string
	agents   []wfm.Agent
	forecast string // a stored forecast of December 2026
}

// seedOpts shape a seeded centre.
type seedOpts struct {
	settings   func(*wfm.CentreSettings) // changes to the default settings
	noForecast bool
	noHistory  bool // no history, and so no forecast
}

// seedCentre creates a centre through the API with the fixture's shifts, agents (a few one by one,
// the rest by CSV import) and history, and a regression forecast of December 2026.
func (ts *testServer) seedCentre(t testing.TB, name string, o seedOpts) *testCentre {
	t.Helper()
	fx := fixtureOf(t)
	set := wfm.DefaultCentreSettings()
	if o.settings != nil {
		o.settings(&set)
	}
	r := ts.post(t, p("/centres"), map[string]any{"name": name, "settings": set}).want(t, http.StatusCreated)
	c := &testCentre{id: r.str("id"), agents: fx.agents}
	if c.id == "" {
		t.Fatalf("centre without id: %s", r)
	}
	for _, s := range fx.shifts {
		ts.put(t, p("/centres/%s/shifts/%s", c.id, s.ID), s).want(t, http.StatusOK)
	}
	const oneByOne = 3
	for i, a := range fx.agents[:oneByOne] {
		if i%2 == 0 {
			ts.post(t, p("/centres/%s/agents", c.id), a).want(t, http.StatusOK)
		} else {
			ts.put(t, p("/centres/%s/agents/%s", c.id, a.ID), a).want(t, http.StatusOK)
		}
	}
	r = ts.post(t, p("/centres/%s/agents/import", c.id), agentsCSV(fx.agents[oneByOne:])).want(t, http.StatusOK)
	if n := int(r.num("imported")); n != len(fx.agents)-oneByOne {
		t.Fatalf("imported %d agents, want %d: %s", n, len(fx.agents)-oneByOne, r)
	}
	if o.noHistory {
		return c
	}
	r = ts.post(t, p("/centres/%s/history", c.id), csvBody(fx.history)).want(t, http.StatusOK)
	if r.num("stored") != 365*48 || r.str("from") != "2025-12-01" {
		t.Fatalf("history stored: %s", r)
	}
	if !o.noForecast {
		r = ts.post(t, p("/centres/%s/forecasts", c.id), map[string]any{"start": "2026-12-01", "days": 31, "model": "regression"}).
			want(t, http.StatusCreated)
		c.forecast = r.str("id")
	}
	return c
}

// agentsCSV writes agents in the import format.
func agentsCSV(agents []wfm.Agent) csvBody {
	var b strings.Builder
	inputs.WriteAgents(&b, agents)
	return csvBody(b.String())
}

// startSolve asks for the month's roster from the centre's forecast and returns the roster id.
func (ts *testServer) startSolve(t testing.TB, c *testCentre, seconds float64) *reply {
	t.Helper()
	r := ts.post(t, p("/centres/%s/rosters", c.id), map[string]any{"month": testMonth, "forecast_id": c.forecast,
		"time_limit_s": seconds, "seed": 7}).want(t, http.StatusAccepted)
	if r.str("roster.id") == "" || r.str("job.id") == "" {
		t.Fatalf("no roster or job id: %s", r)
	}
	return r
}

// waitJob polls the roster's job until it has ended, and returns the last reply.
func (ts *testServer) waitJob(t testing.TB, centre, roster string, within time.Duration) *reply {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		r := ts.get(t, p("/centres/%s/rosters/%s/job", centre, roster)).want(t, http.StatusOK)
		switch r.str("status") {
		case store.JobSucceeded, store.JobFailed, store.JobCancelled:
			return r
		}
		if time.Now().After(deadline) {
			t.Fatalf("job still %s after %v: %s", r.str("status"), within, r)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// publishedRoster solves the month, publishes it and returns its id and schedule.
func (ts *testServer) publishedRoster(t testing.TB, c *testCentre) (string, *wfm.Roster) {
	t.Helper()
	id := ts.solvedDraft(t, c)
	ts.post(t, p("/centres/%s/rosters/%s/publish", c.id, id), nil).want(t, http.StatusOK)
	return id, ts.schedule(t, c.id, id)
}

// schedule reads a roster version's schedule as the planner.
func (ts *testServer) schedule(t testing.TB, centre, roster string) *wfm.Roster {
	t.Helper()
	var out struct {
		Schedule *wfm.Roster `json:"schedule"`
	}
	ts.get(t, p("/centres/%s/rosters/%s", centre, roster)).want(t, http.StatusOK).into(t, &out)
	if out.Schedule == nil {
		t.Fatalf("roster %s has no schedule", roster)
	}
	return out.Schedule
}

// dayOf returns agent's day d in r.
func dayOf(r *wfm.Roster, agent string, d wfm.Date) wfm.DaySchedule {
	for _, s := range r.Schedules {
		if s.Agent == agent {
			return s.Days[int(d-r.Horizon.Start)]
		}
	}
	return wfm.DaySchedule{}
}

// auditTrail returns the centre's whole audit trail, newest first.
func (ts *testServer) auditTrail(t testing.TB, centre string) []store.AuditEntry {
	t.Helper()
	var out struct {
		Entries []store.AuditEntry `json:"entries"`
	}
	ts.get(t, p("/centres/%s/audit?limit=10000", centre)).want(t, http.StatusOK).into(t, &out)
	return out.Entries
}

// findAudit returns the newest entry of action on entity id (any id when ""), or nil.
func findAudit(entries []store.AuditEntry, action, id string) *store.AuditEntry {
	for i := range entries {
		if entries[i].Action == action && (id == "" || entries[i].EntityID == id) {
			return &entries[i]
		}
	}
	return nil
}

// apiCase is one row of an endpoint family's table: a request and what the reply must be.
type apiCase struct {
	name         string
	method, path string
	pathFn       func() string // the path, when it depends on an earlier row (set instead of path)
	body         any
	token        string // the secret sent; "" sends none
	status       int
	err          *errSpec                 // for an error reply: what it must say (status is the row's)
	check        func(*testing.T, *reply) // more checks of the reply
}

// run sends each row's request and checks the reply, as subtests.
func (ts *testServer) run(t *testing.T, cases []apiCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.path
			if tc.pathFn != nil {
				path = tc.pathFn()
			}
			r := ts.do(t, tc.method, path, tc.body, tc.token)
			if tc.err != nil {
				spec := *tc.err
				spec.status = tc.status
				r.wantErr(t, spec)
			} else {
				r.want(t, tc.status)
			}
			if tc.check != nil {
				tc.check(t, r)
			}
		})
	}
}

// e is an errSpec shorthand: kind and the field (or "").
func e(kind wfm.Kind, field string) *errSpec { return &errSpec{kind: kind, field: field} }
