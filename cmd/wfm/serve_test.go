package main

// Process-level tests of "wfm serve": real processes on real databases, killed with SIGKILL in the
// middle of a solve. They prove that a solve job survives the death of its worker (run again to
// success, or failed with a visible reason) and that nothing else stored is lost, on the embedded
// SQLite store (Local engine, stale-heartbeat recovery) and on PostgreSQL (River, with worker
// processes sharing one queue).

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"wfm"
	"wfm/benchmarks/gen"
	"wfm/internal/testdb"
	"wfm/jobs"
	"wfm/store"
)

var (
	binDir   string // holds the wfm binary, built once for the package's tests
	binOnce  sync.Once
	binPath  string
	binError error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "wfm-serve-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// wfmBinary builds the command once (go build -o DIR/wfm .) and returns its path.
func wfmBinary(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		binPath = filepath.Join(binDir, "wfm")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binError = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binError != nil {
		t.Fatal(binError)
	}
	return binPath
}

// freeAddr returns a loopback address with a port free a moment ago.
func freeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// lines is a child's output, kept for the test log and watched for lines.
type lines struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	seen chan struct{} // closed and replaced at every write
}

func newLines() *lines { return &lines{seen: make(chan struct{})} }

func (l *lines) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(b)
	close(l.seen)
	l.seen = make(chan struct{})
	return len(b), nil
}

func (l *lines) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// wait waits until the output holds s.
func (l *lines) wait(s string, timeout time.Duration) bool {
	deadline := time.After(timeout)
	for {
		l.mu.Lock()
		ok, seen := strings.Contains(l.buf.String(), s), l.seen
		l.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-seen:
		case <-deadline:
			return false
		}
	}
}

// proc is a running "wfm serve".
type proc struct {
	name string
	addr string // API address; "" for a worker
	cmd  *exec.Cmd
	out  *lines
	done chan struct{}
	err  error
}

// startServe starts "wfm serve" with args and waits until it is ready: the API answers /readyz,
// or a worker has logged that it started. The process is killed when the test ends, and its output
// goes to the test log if the test failed.
func startServe(t *testing.T, name, addr string, args ...string) *proc {
	t.Helper()
	args = append([]string{"serve", "--name", name}, args...)
	if addr != "" {
		args = append(args, "--addr", addr)
	}
	p := &proc{name: name, addr: addr, cmd: exec.Command(wfmBinary(t), args...), out: newLines(), done: make(chan struct{})}
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.err = p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		p.kill()
		if t.Failed() {
			t.Logf("--- output of %s (wfm %s):\n%s", p.name, strings.Join(args, " "), p.out)
		}
	})
	if addr == "" {
		if !p.out.wait(`"msg":"started"`, 30*time.Second) {
			t.Fatalf("%s did not start within 30 s:\n%s", name, p.out)
		}
		return p
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return p
			}
		}
		select {
		case <-p.done:
			t.Fatalf("%s exited before it was ready (%v):\n%s", name, p.err, p.out)
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not ready within 30 s:\n%s", name, p.out)
		}
	}
}

// kill sends SIGKILL (no chance to clean up: the process dies as on a power cut or OOM kill) and
// waits for the process to be gone.
func (p *proc) kill() {
	select {
	case <-p.done:
		return
	default:
	}
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

// terminate asks for a graceful stop (SIGTERM) and returns the exit error.
func (p *proc) terminate(t *testing.T) error {
	t.Helper()
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
		return p.err
	case <-time.After(30 * time.Second):
		t.Errorf("%s did not stop within 30 s of SIGTERM", p.name)
		p.kill()
		return p.err
	}
}

// createToken runs "wfm token create" for a planner and returns the secret.
func createToken(t *testing.T, db string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(wfmBinary(t), "token", "create", "--role", "planner", "--name", "kill-test", "--db", db)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("wfm token create: %v\n%s", err, stderr.String())
	}
	secret := strings.TrimSpace(stdout.String())
	if !strings.HasPrefix(secret, "wfm_") {
		t.Fatalf("token create printed %q", secret)
	}
	return secret
}

// client calls the API of one process as a planner.
type client struct {
	t     *testing.T
	base  string
	token string
	http  *http.Client
}

func newClient(t *testing.T, addr, token string) *client {
	return &client{t: t, base: "http://" + addr + "/api/v1", token: token, http: &http.Client{Timeout: 30 * time.Second}}
}

// do sends body (JSON) and decodes the reply into out; it fails the test unless the status is want.
func (c *client) do(method, path string, body, out any, want int) {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			c.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/json")
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	if res.StatusCode != want {
		c.t.Fatalf("%s %s = %d, want %d: %s", method, path, res.StatusCode, want, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			c.t.Fatalf("%s %s: %v in %s", method, path, err, data)
		}
	}
}

// jobView is the job document of GET .../rosters/:roster/job.
type jobView struct {
	ID          string `json:"id"`
	Status      string `json:"status"`
	Attempts    int    `json:"attempts"`
	MaxAttempts int    `json:"max_attempts"`
	Worker      string `json:"worker"`
	Error       string `json:"error"`
	Progress    struct {
		Elapsed float64 `json:"elapsed_s"`
	} `json:"progress"`
}

func (c *client) createCentre(name string) string {
	c.t.Helper()
	var ce store.Centre
	c.do("POST", "/centres", map[string]any{"name": name}, &ce, http.StatusCreated)
	return ce.ID
}

// solve posts a full problem for a solve and returns the roster and job ids.
func (c *client) solve(centre string, problem json.RawMessage, seconds, attempts int) (string, string) {
	c.t.Helper()
	body := map[string]any{"problem": problem, "time_limit_s": seconds, "seed": 1}
	if attempts > 0 {
		body["max_attempts"] = attempts
	}
	var out struct {
		Roster store.Roster `json:"roster"`
		Job    jobView      `json:"job"`
	}
	c.do("POST", "/centres/"+centre+"/rosters", body, &out, http.StatusAccepted)
	if out.Roster.ID == "" || out.Job.ID == "" || out.Job.Status != store.JobQueued {
		c.t.Fatalf("roster posted: %+v", out)
	}
	return out.Roster.ID, out.Job.ID
}

func (c *client) job(centre, roster string) jobView {
	c.t.Helper()
	var j jobView
	c.do("GET", "/centres/"+centre+"/rosters/"+roster+"/job", nil, &j, http.StatusOK)
	return j
}

// waitJob polls a roster's job every 200 ms until cond holds, and returns it.
func (c *client) waitJob(centre, roster string, timeout time.Duration, what string, cond func(jobView) bool) jobView {
	c.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		j := c.job(centre, roster)
		if cond(j) {
			return j
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("roster %s: timed out after %s waiting for %s; job is %+v", roster, timeout, what, j)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func solving(j jobView) bool { return j.Status == store.JobRunning && j.Progress.Elapsed > 0 }

func finished(j jobView) bool {
	return j.Status == store.JobSucceeded || j.Status == store.JobFailed || j.Status == store.JobCancelled
}

var (
	problemOnce sync.Once
	problemDoc  json.RawMessage
	problemErr  error
)

// smallProblem is a 20-agent ISO week (30 November to 6 December 2026): it solves feasibly in a
// second or two.
func smallProblem(t testing.TB) json.RawMessage {
	t.Helper()
	problemOnce.Do(func() {
		var p *wfm.Problem
		p, problemErr = gen.Generate(gen.Config{Agents: 20, Days: 7, Start: wfm.DateOf(2026, time.November, 30), Seed: 5})
		if problemErr == nil {
			problemDoc, problemErr = json.Marshal(p)
		}
	})
	if problemErr != nil {
		t.Fatal(problemErr)
	}
	return problemDoc
}

// openStore opens the database directly, as another process would, for the duration of fn.
func openStore(t *testing.T, db string, fn func(s *store.Store)) {
	t.Helper()
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fn(s)
}

// snapshot is everything stored about one centre, read straight from the database.
type snapshot struct {
	centre  store.Centre
	rosters map[string]store.Roster
	jobs    map[string]store.Job
	audit   map[string]store.AuditEntry
}

func takeSnapshot(t *testing.T, db, centre string) snapshot {
	t.Helper()
	snap := snapshot{rosters: map[string]store.Roster{}, jobs: map[string]store.Job{}, audit: map[string]store.AuditEntry{}}
	openStore(t, db, func(s *store.Store) {
		ctx := context.Background()
		var err error
		if snap.centre, err = s.Centre(ctx, centre); err != nil {
			t.Fatal(err)
		}
		list, err := s.Rosters(ctx, centre)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range list {
			full, err := s.RosterByID(ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			snap.rosters[r.ID] = full
			if j, err := s.JobForRoster(ctx, r.ID); err == nil {
				snap.jobs[j.ID] = j
			}
		}
		trail, err := s.AuditTrail(ctx, centre, 10000)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range trail {
			snap.audit[e.ID] = e
		}
	})
	return snap
}

// checkNothingLost compares a snapshot taken before a worker died with one taken at the end:
// the centre, every roster version (its problem, version, author) and every job (its request) are
// still there unchanged, every audit entry is still there word for word, and the only new entries
// are one roster.solved per roster solved since.
func checkNothingLost(t *testing.T, before, after snapshot, solvedSince []string) {
	t.Helper()
	if !reflect.DeepEqual(before.centre, after.centre) {
		t.Errorf("centre changed:\nbefore %+v\nafter  %+v", before.centre, after.centre)
	}
	for id, b := range before.rosters {
		a, ok := after.rosters[id]
		switch {
		case !ok:
			t.Errorf("roster %s lost", id)
		case a.Problem != b.Problem || a.Version != b.Version || a.Month != b.Month || a.CreatedBy != b.CreatedBy ||
			!a.CreatedAt.Equal(b.CreatedAt) || a.CentreID != b.CentreID:
			t.Errorf("roster %s changed beyond its status and result: version %d→%d, created %v→%v, problem equal %v",
				id, b.Version, a.Version, b.CreatedAt, a.CreatedAt, a.Problem == b.Problem)
		}
	}
	if len(after.rosters) != len(before.rosters) {
		t.Errorf("%d roster versions before, %d after", len(before.rosters), len(after.rosters))
	}
	for id, b := range before.jobs {
		a, ok := after.jobs[id]
		switch {
		case !ok:
			t.Errorf("job %s lost", id)
		case a.RosterID != b.RosterID || a.MaxAttempts != b.MaxAttempts || a.TimeLimit != b.TimeLimit || a.Seed != b.Seed ||
			!a.CreatedAt.Equal(b.CreatedAt):
			t.Errorf("job %s request changed:\nbefore %+v\nafter  %+v", id, b, a)
		}
	}
	for id, b := range before.audit {
		a, ok := after.audit[id]
		if !ok {
			t.Errorf("audit entry %s (%s %s) lost", id, b.Action, b.EntityID)
			continue
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("audit entry %s changed:\nbefore %+v\nafter  %+v", id, b, a)
		}
	}
	solved := map[string]int{}
	for id, a := range after.audit {
		if _, ok := before.audit[id]; ok {
			continue
		}
		if a.Action != "roster.solved" {
			t.Errorf("unexpected new audit entry %+v", a)
			continue
		}
		solved[a.EntityID]++
	}
	want := map[string]int{}
	for _, r := range solvedSince {
		want[r]++
	}
	if !reflect.DeepEqual(solved, want) {
		t.Errorf("roster.solved entries per roster since the kill: %v, want %v (each solve recorded exactly once)", solved, want)
	}
}

// TestServeSQLiteWorkerKilled kills "wfm serve" (API and workers in one process, SQLite) while it
// solves two rosters and has a third queued. A restarted server finds the two jobs silent for
// longer than --stale-after: the one with attempts left is run again to success, recording the
// lost attempt; the one allowed a single attempt is failed with the reason. The queued job is
// solved, and every stored row is still there.
func TestServeSQLiteWorkerKilled(t *testing.T) {
	began := time.Now()
	db := filepath.Join(t.TempDir(), "wfm.db")
	token := createToken(t, db)
	addr := freeAddr(t)
	common := []string{"--db", db, "--stale-after", "3s", "--workers", "2"}
	a := startServe(t, "sqlite-a", addr, common...)
	c := newClient(t, addr, token)
	centre := c.createCentre("Xiamen")
	problem := smallProblem(t)
	long, longJob := c.solve(centre, problem, 20, 0) // three attempts by default
	once, onceJob := c.solve(centre, problem, 20, 1)
	short, shortJob := c.solve(centre, problem, 2, 0)

	// Both workers are mid-solve (a heartbeat with progress), the third job waits.
	c.waitJob(centre, long, 30*time.Second, "the long solve to report progress", solving)
	c.waitJob(centre, once, 30*time.Second, "the single-attempt solve to report progress", solving)
	if j := c.job(centre, short); j.Status != store.JobQueued {
		t.Fatalf("the short job should wait for a worker: %+v", j)
	}
	before := takeSnapshot(t, db, centre)
	killed := time.Now()
	a.kill()
	t.Logf("killed sqlite-a (SIGKILL) %.1f s into the test, mid-solve", killed.Sub(began).Seconds())

	// The rows show what happened: running for a worker that has gone silent.
	openStore(t, db, func(s *store.Store) {
		ctx := context.Background()
		deadline := time.Now().Add(15 * time.Second)
		for _, id := range []string{longJob, onceJob} {
			for {
				j, err := s.Job(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if j.Status != store.JobRunning || j.Worker != "sqlite-a" || j.Attempts != 1 || j.HeartbeatAt == nil {
					t.Fatalf("job %s after the kill: %+v, want running on sqlite-a with a heartbeat", id, j)
				}
				silent := time.Since(*j.HeartbeatAt)
				if silent > 3500*time.Millisecond { // beyond --stale-after, with a margin
					t.Logf("job %s: running on sqlite-a, last heartbeat %.1f s ago (stale)", id, silent.Seconds())
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("job %s kept a fresh heartbeat after its process was killed: %+v", id, j)
				}
				time.Sleep(250 * time.Millisecond)
			}
		}
		if j, err := s.Job(ctx, shortJob); err != nil || j.Status != store.JobQueued || j.Attempts != 0 {
			t.Fatalf("queued job after the kill: %+v %v", j, err)
		}
	})

	// Restart: recovery runs at start, before the workers claim anything.
	startServe(t, "sqlite-b", addr, common...)
	j := c.job(centre, once)
	if j.Status != store.JobFailed || !strings.Contains(j.Error, "the worker sqlite-a stopped reporting during attempt 1") ||
		!strings.Contains(j.Error, "no attempts left") {
		t.Errorf("single-attempt job after the restart: %+v, want failed with the reason", j)
	}
	j = c.waitJob(centre, long, 10*time.Second, "the long job to run again", func(j jobView) bool { return j.Attempts == 2 })
	if !strings.Contains(j.Error, "the worker sqlite-a stopped reporting during attempt 1") || j.Worker != "sqlite-b" {
		t.Errorf("long job on its second attempt: %+v, want the lost attempt recorded", j)
	}
	j = c.waitJob(centre, short, 30*time.Second, "the queued job to finish", finished)
	if j.Status != store.JobSucceeded || j.Attempts != 1 || j.Worker != "sqlite-b" {
		t.Errorf("queued job: %+v, want succeeded at the first attempt on sqlite-b", j)
	}
	j = c.waitJob(centre, long, 60*time.Second, "the long job to finish", finished)
	if j.Status != store.JobSucceeded || j.Attempts != 2 || j.Worker != "sqlite-b" {
		t.Errorf("long job: %+v, want succeeded at attempt 2 on sqlite-b", j)
	}
	if !strings.Contains(j.Error, "the worker sqlite-a stopped reporting during attempt 1") {
		t.Errorf("the succeeded job no longer shows its lost attempt: %q", j.Error)
	}

	// The rosters: both solved, the failed one shown failed.
	for _, r := range []string{long, short} {
		var got struct {
			Roster   store.Roster `json:"roster"`
			Schedule *wfm.Roster  `json:"schedule"`
		}
		c.do("GET", "/centres/"+centre+"/rosters/"+r, nil, &got, http.StatusOK)
		if got.Roster.Status != store.RosterDraft || got.Schedule == nil || len(got.Schedule.Schedules) != 20 {
			t.Errorf("roster %s: %s with schedule %v", r, got.Roster.Status, got.Schedule != nil)
		}
	}
	var failed struct {
		Roster store.Roster `json:"roster"`
	}
	c.do("GET", "/centres/"+centre+"/rosters/"+once, nil, &failed, http.StatusOK)
	if failed.Roster.Status != store.RosterFailed || !strings.Contains(failed.Roster.Error, "no attempts left") {
		t.Errorf("the roster of the job failed by recovery is %q with error %q, want failed with the reason",
			failed.Roster.Status, failed.Roster.Error)
	}

	checkNothingLost(t, before, takeSnapshot(t, db, centre), []string{long, short})
	t.Logf("SQLite kill test: %.1f s", time.Since(began).Seconds())
}

// TestServeSQLiteGracefulStop stops "wfm serve" with SIGTERM mid-solve (a deploy): it exits 0
// within seconds, the job goes back to the queue at once with the reason (no waiting for
// --stale-after) and the attempt given back, and the next server solves it.
func TestServeSQLiteGracefulStop(t *testing.T) {
	began := time.Now()
	db := filepath.Join(t.TempDir(), "wfm.db")
	token := createToken(t, db)
	addr := freeAddr(t)
	a := startServe(t, "sqlite-a", addr, "--db", db)
	c := newClient(t, addr, token)
	centre := c.createCentre("Xiamen")
	ros, jobID := c.solve(centre, smallProblem(t), 8, 0)
	c.waitJob(centre, ros, 30*time.Second, "the solve to report progress", solving)
	stopping := time.Now()
	if err := a.terminate(t); err != nil {
		t.Errorf("wfm serve exited with %v after SIGTERM, want 0", err)
	}
	if d := time.Since(stopping); d > 5*time.Second {
		t.Errorf("wfm serve took %s to stop", d)
	}
	openStore(t, db, func(s *store.Store) {
		j, err := s.Job(context.Background(), jobID)
		if err != nil || j.Status != store.JobQueued || j.Worker != "" || j.Attempts != 0 ||
			!strings.Contains(j.Error, "the worker sqlite-a stopped during attempt 1, which does not count") {
			t.Fatalf("job after a graceful stop: %+v %v, want queued again with the reason and its attempt back", j, err)
		}
	})
	startServe(t, "sqlite-b", addr, "--db", db)
	j := c.waitJob(centre, ros, 30*time.Second, "the job to finish", finished)
	if j.Status != store.JobSucceeded || j.Attempts != 1 || j.Worker != "sqlite-b" {
		t.Errorf("job: %+v, want succeeded at its first counted attempt on sqlite-b", j)
	}
	t.Logf("graceful stop test: %.1f s", time.Since(began).Seconds())
}

// TestServePostgresWorkerKilled runs the API and a River worker as separate processes on
// PostgreSQL, kills the worker while it solves two rosters (one allowed three attempts, one a
// single attempt) with a third queued, and starts another worker. River rescues the killed jobs:
// the one with attempts left is solved by the new worker at its second attempt, the queued one is
// solved too, and nothing stored is lost.
//
// River rescues a job only once it has run longer than both --rescue-after and the job's own
// timeout (jobs.solveWorker.Timeout: the time limit plus two minutes), checking every 30 s from
// the elected leader. So that the test takes seconds and not minutes, it moves the killed jobs'
// River attempt back by that timeout once the worker is dead: exactly what the rescuer would see
// two minutes later. WFM_REAL_RESCUE=1 waits for real instead (about 2.5 minutes).
func TestServePostgresWorkerKilled(t *testing.T) {
	began := time.Now()
	realRescue := os.Getenv("WFM_REAL_RESCUE") == "1"
	db := testdb.Postgres(t)
	token := createToken(t, db)
	addr := freeAddr(t)
	startServe(t, "pg-api", addr, "--db", db, "--role", "api", "--stale-after", "4s")
	worker := []string{"--db", db, "--role", "worker", "--rescue-after", "8s", "--stale-after", "4s"}
	wA := startServe(t, "pg-wA", "", append(worker, "--workers", "2")...)
	c := newClient(t, addr, token)
	centre := c.createCentre("Xiamen")
	problem := smallProblem(t)
	const limit = 5 // seconds; below --rescue-after
	long, longJob := c.solve(centre, problem, limit, 0)
	once, onceJob := c.solve(centre, problem, limit, 1)
	short, _ := c.solve(centre, problem, 2, 0)
	c.waitJob(centre, long, 30*time.Second, "the long solve to report progress", solving)
	c.waitJob(centre, once, 30*time.Second, "the single-attempt solve to report progress", solving)
	if j := c.job(centre, short); j.Status != store.JobQueued {
		t.Fatalf("the short job should wait for the busy worker: %+v", j)
	}
	before := takeSnapshot(t, db, centre)
	wA.kill()
	killed := time.Now()
	t.Logf("killed pg-wA (SIGKILL) %.1f s into the test, mid-solve", killed.Sub(began).Seconds())
	openStore(t, db, func(s *store.Store) {
		for _, id := range []string{longJob, onceJob} {
			j, err := s.Job(context.Background(), id)
			if err != nil || j.Status != store.JobRunning || j.Worker != "pg-wA" || j.Attempts != 1 {
				t.Fatalf("job after the kill: %+v %v", j, err)
			}
		}
		if realRescue {
			return
		}
		res, err := s.DB().Exec(`UPDATE river_job SET attempted_at = attempted_at - make_interval(secs => $1)
			WHERE state = 'running' AND args->>'job_id' IN ($2, $3)`, (limit + 125), longJob, onceJob)
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := res.RowsAffected(); n != 2 {
			t.Fatalf("moved %d River attempts back, want 2", n)
		}
	})

	startServe(t, "pg-wB", "", append(worker, "--workers", "1")...)
	wait := 75 * time.Second
	if realRescue {
		wait = 4 * time.Minute
	}
	j := c.waitJob(centre, short, 30*time.Second, "the queued job to finish", finished)
	if j.Status != store.JobSucceeded || j.Attempts != 1 || j.Worker != "pg-wB" {
		t.Errorf("queued job: %+v, want succeeded at the first attempt on pg-wB", j)
	}
	j = c.waitJob(centre, long, wait, "the killed job to be rescued and finish", finished)
	t.Logf("killed job ended %.1f s after the kill: %+v", time.Since(killed).Seconds(), j)
	switch {
	case j.Status == store.JobSucceeded && j.Attempts >= 2 && j.Worker == "pg-wB":
	case j.Status == store.JobFailed && j.Error != "":
	default:
		t.Errorf("killed job: %+v, want succeeded on pg-wB after ≥ 2 attempts, or failed with a reason", j)
	}
	if !strings.Contains(j.Error, "the worker pg-wA stopped reporting during attempt 1") {
		t.Errorf("the killed job does not show its lost attempt: %q", j.Error)
	}
	openStore(t, db, func(s *store.Store) {
		for _, id := range []string{longJob, onceJob} {
			var state, errs string
			var attempt int
			if err := s.DB().QueryRow(`SELECT state, attempt, errors::text FROM river_job WHERE args->>'job_id' = $1`, id).
				Scan(&state, &attempt, &errs); err != nil {
				t.Fatal(err)
			}
			t.Logf("river_job of %s: state %s, attempt %d, errors %s", id, state, attempt, errs)
			if !strings.Contains(errs, "Stuck job rescued") {
				t.Errorf("River did not record a rescue of %s: %s", id, errs)
			}
		}
	})
	// The single-attempt job: River discards it at the rescue; the stale watch has failed it, and
	// its roster, with the reason.
	j = c.waitJob(centre, once, 30*time.Second, "the single-attempt job to fail", finished)
	if j.Status != store.JobFailed || !strings.Contains(j.Error, "the worker pg-wA stopped reporting during attempt 1; no attempts left") {
		t.Errorf("single-attempt job after its worker died: %+v, want failed with the reason", j)
	}
	var failed struct {
		Roster store.Roster `json:"roster"`
	}
	c.do("GET", "/centres/"+centre+"/rosters/"+once, nil, &failed, http.StatusOK)
	if failed.Roster.Status != store.RosterFailed || failed.Roster.Error != j.Error {
		t.Errorf("roster of the failed job: %q %q", failed.Roster.Status, failed.Roster.Error)
	}
	checkNothingLost(t, before, takeSnapshot(t, db, centre), []string{long, short})
	t.Logf("PostgreSQL kill test: %.1f s", time.Since(began).Seconds())
}

// TestServePostgresWorkersShareQueue runs two worker processes of one solve at a time each on a
// queue of six short solves: every job succeeds at its first attempt, solved exactly once, and
// both workers take part.
func TestServePostgresWorkersShareQueue(t *testing.T) {
	began := time.Now()
	db := testdb.Postgres(t)
	token := createToken(t, db)
	addr := freeAddr(t)
	startServe(t, "pg-api", addr, "--db", db, "--role", "api")
	for _, name := range []string{"wA", "wB"} {
		startServe(t, name, "", "--db", db, "--role", "worker", "--workers", "1")
	}
	c := newClient(t, addr, token)
	centre := c.createCentre("Xiamen")
	problem := smallProblem(t)
	var rosters []string
	for range 6 {
		r, _ := c.solve(centre, problem, 2, 0)
		rosters = append(rosters, r)
	}
	byWorker := map[string]int{}
	for _, r := range rosters {
		j := c.waitJob(centre, r, 60*time.Second, "the job to finish", finished)
		if j.Status != store.JobSucceeded || j.Attempts != 1 {
			t.Errorf("roster %s: %+v, want succeeded at the first attempt", r, j)
		}
		byWorker[j.Worker]++
	}
	t.Logf("six 2 s solves on two workers in %.1f s: %v", time.Since(began).Seconds(), byWorker)
	if byWorker["wA"] == 0 || byWorker["wB"] == 0 || byWorker["wA"]+byWorker["wB"] != 6 {
		t.Errorf("jobs per worker %v, want both wA and wB", byWorker)
	}
	openStore(t, db, func(s *store.Store) {
		trail, err := s.AuditTrail(context.Background(), centre, 1000)
		if err != nil {
			t.Fatal(err)
		}
		solved := map[string]int{}
		for _, e := range trail {
			if e.Action == "roster.solved" {
				solved[e.EntityID]++
			}
		}
		for _, r := range rosters {
			if solved[r] != 1 {
				t.Errorf("roster %s recorded solved %d times", r, solved[r])
			}
		}
		// River records completions in batches, a moment after the job's own row.
		deadline := time.Now().Add(15 * time.Second)
		for {
			var n, done int
			if err := s.DB().QueryRow(`SELECT COUNT(*), COUNT(*) FILTER (WHERE state = 'completed' AND attempt = 1) FROM river_job`).
				Scan(&n, &done); err != nil {
				t.Fatal(err)
			}
			if n == 6 && done == 6 {
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("River jobs: %d, of which %d completed at the first attempt; want 6 and 6", n, done)
				break
			}
			time.Sleep(200 * time.Millisecond)
		}
	})
}

// queuePastTheDoor stores a roster version of problem and its solve job straight in the database,
// as the API does but without the API's checks (a row written by an older version of the
// service, or by hand), and hands the job to River on PostgreSQL (the SQLite workers poll the
// table). by is the roster's author. It returns the roster's and the job's ids.
func queuePastTheDoor(t *testing.T, db, centre string, problem *wfm.Problem, attempts int, by string) (string, string) {
	t.Helper()
	body, err := json.Marshal(problem)
	if err != nil {
		t.Fatal(err)
	}
	ros := store.Roster{CentreID: centre, Month: problem.Horizon.Start.String()[:7], Status: store.RosterQueued,
		Problem: string(body), CreatedBy: by}
	job := store.Job{MaxAttempts: attempts, TimeLimit: 2000, Seed: 1}
	openStore(t, db, func(s *store.Store) {
		ctx := context.Background()
		var engine jobs.Queue
		if s.Dialect() == store.Postgres {
			runner := &jobs.Runner{Store: s, Log: slog.New(slog.DiscardHandler), Worker: "test"}
			rv, err := jobs.NewRiver(ctx, s, runner, jobs.RiverConfig{Poll: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			engine = rv
		}
		err := s.InTx(ctx, func(q *store.Queries) error {
			if err := q.CreateRoster(ctx, &ros); err != nil {
				return err
			}
			job.RosterID = ros.ID
			if err := q.CreateJob(ctx, &job); err != nil {
				return err
			}
			if engine == nil {
				return nil
			}
			return engine.Enqueue(ctx, q, job)
		})
		if err != nil {
			t.Fatal(err)
		}
	})
	return ros.ID, job.ID
}

// refuseResults makes the database refuse, by a trigger, to store the solved roster of any
// version written by `by`: every attempt of such a job fails where it saves its result, with a
// store error the worker cannot tell from a passing one.
func refuseResults(t *testing.T, db, by string) {
	t.Helper()
	when := "NEW.created_by = '" + by + "' AND NEW.status = 'draft'"
	trigger := []string{`CREATE TRIGGER refuse_results BEFORE UPDATE ON rosters FOR EACH ROW WHEN (` + when + `)
		BEGIN SELECT RAISE(ABORT, 'result refused by test'); END`}
	if strings.HasPrefix(db, "postgres") {
		trigger = []string{`CREATE FUNCTION refuse_results() RETURNS trigger AS $$
			BEGIN RAISE EXCEPTION 'result refused by test'; END $$ LANGUAGE plpgsql`,
			`CREATE TRIGGER refuse_results BEFORE UPDATE ON rosters FOR EACH ROW WHEN (` + when + `)
			EXECUTE FUNCTION refuse_results()`}
	}
	openStore(t, db, func(s *store.Store) {
		for _, q := range trigger {
			if _, err := s.DB().Exec(q); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// TestServeSQLiteFailingJobs runs the failing-jobs scenario on one "wfm serve" on SQLite.
func TestServeSQLiteFailingJobs(t *testing.T) {
	db := filepath.Join(t.TempDir(), "wfm.db")
	token := createToken(t, db)
	addr := freeAddr(t)
	startServe(t, "sqlite", addr, "--db", db, "--workers", "1")
	failingJobs(t, db, newClient(t, addr, token))
}

// TestServePostgresFailingJobs runs the failing-jobs scenario with the API and a River worker as
// separate processes on PostgreSQL, where River's copy of each job must end as the row does.
func TestServePostgresFailingJobs(t *testing.T) {
	db := testdb.Postgres(t)
	token := createToken(t, db)
	addr := freeAddr(t)
	startServe(t, "pg-api", addr, "--db", db, "--role", "api")
	startServe(t, "pg-w", "", "--db", db, "--role", "worker", "--workers", "1")
	failingJobs(t, db, newClient(t, addr, token))
}

// failingJobs queues, on one worker, past the API's door: a job whose problem makes every
// roster's objective +Inf (saving it used to fail, and the job was retried without end ahead of
// every other job on SQLite, and discarded by River while its row said queued 2/2 and its roster
// solving on PostgreSQL), and a job whose result the database refuses, allowed two attempts;
// then, through the API, a normal job. The first fails at once with its reason, the second
// after exactly its two attempts, each with its roster, and the normal job is solved in between.
func failingJobs(t *testing.T, db string, c *client) {
	began := time.Now()
	centre := c.createCentre("Xiamen")
	var poisoned wfm.Problem
	if err := json.Unmarshal(smallProblem(t), &poisoned); err != nil {
		t.Fatal(err)
	}
	poisoned.Rules.Weights.Under = 1e308
	refuseResults(t, db, "planner:refused")
	bad, badJob := queuePastTheDoor(t, db, centre, &poisoned, 3, "planner:poisoned")
	var small wfm.Problem
	if err := json.Unmarshal(smallProblem(t), &small); err != nil {
		t.Fatal(err)
	}
	refused, refusedJob := queuePastTheDoor(t, db, centre, &small, 2, "planner:refused")
	normal, _ := c.solve(centre, smallProblem(t), 2, 0)

	j := c.waitJob(centre, bad, 30*time.Second, "the poisoned job to end", finished)
	if j.Status != store.JobFailed || j.Attempts != 1 || !strings.Contains(j.Error, "weights") {
		t.Errorf("poisoned job: %+v, want failed at its first attempt with the reason", j)
	}
	checkRosterFailed(t, c, centre, bad, j.Error)
	n := c.waitJob(centre, normal, 60*time.Second, "the normal job to end", finished)
	if n.Status != store.JobSucceeded || n.Attempts != 1 {
		t.Errorf("normal job behind them: %+v, want succeeded at its first attempt", n)
	}
	r := c.waitJob(centre, refused, 90*time.Second, "the refused job to end", finished)
	if r.Status != store.JobFailed || r.Attempts != 2 || !strings.Contains(r.Error, "result refused by test") ||
		!strings.Contains(r.Error, "attempt 2 of 2, no attempts left") {
		t.Errorf("job whose result is refused: %+v, want failed after exactly 2 attempts with the reason", r)
	}
	checkRosterFailed(t, c, centre, refused, r.Error)
	openStore(t, db, func(s *store.Store) {
		ctx := context.Background()
		nj, err := s.JobForRoster(ctx, normal)
		if err != nil {
			t.Fatal(err)
		}
		rj, err := s.Job(ctx, refusedJob)
		if err != nil {
			t.Fatal(err)
		}
		if rj.StartedAt.Before(*nj.FinishedAt) {
			t.Errorf("the refused job's last attempt began at %v, before the normal job ended at %v: it held the queue", rj.StartedAt, nj.FinishedAt)
		}
		if s.Dialect() != store.Postgres {
			return
		}
		// River's copies end as the rows do: none is left to run again.
		want := map[string][]string{badJob: {"cancelled"}, refusedJob: {"cancelled", "discarded"}, nj.ID: {"completed"}}
		deadline := time.Now().Add(15 * time.Second)
		for id, states := range want {
			for {
				var state string
				var attempt int
				if err := s.DB().QueryRow(`SELECT state, attempt FROM river_job WHERE args->>'job_id' = $1`, id).Scan(&state, &attempt); err != nil {
					t.Fatal(err)
				}
				if slices.Contains(states, state) {
					break
				}
				if time.Now().After(deadline) {
					t.Errorf("River job of %s: %s after %d attempts, want one of %v", id, state, attempt, states)
					break
				}
				time.Sleep(200 * time.Millisecond)
			}
		}
	})
	time.Sleep(time.Second) // time for a job wrongly left queued to be taken again
	for roster, attempts := range map[string]int{bad: 1, refused: 2, normal: 1} {
		if j := c.job(centre, roster); j.Attempts != attempts || !finished(j) {
			t.Errorf("roster %s's job a second later: %+v, want finished after %d attempts", roster, j, attempts)
		}
	}
	t.Logf("failing jobs: %.1f s", time.Since(began).Seconds())
}

// checkRosterFailed asserts through the API that a roster version failed with reason.
func checkRosterFailed(t *testing.T, c *client, centre, roster, reason string) {
	t.Helper()
	var got struct {
		Roster store.Roster `json:"roster"`
	}
	c.do("GET", "/centres/"+centre+"/rosters/"+roster, nil, &got, http.StatusOK)
	if got.Roster.Status != store.RosterFailed || got.Roster.Error != reason {
		t.Errorf("roster %s: %s %q, want failed with %q", roster, got.Roster.Status, got.Roster.Error, reason)
	}
}

// TestServeMountsConsole checks that wfm serve answers the console at / beside the API: the
// sign-in page and the embedded script from the console, the health check and the OpenAPI
// document from the API.
func TestServeMountsConsole(t *testing.T) {
	db := filepath.Join(t.TempDir(), "wfm.db")
	createToken(t, db)
	addr := freeAddr(t)
	startServe(t, "sqlite-console", addr, "--db", db)
	for _, tc := range []struct{ path, want string }{
		{"/", `name="token"`},                 // redirected to the sign-in page
		{"/static/htmx.min.js", "htmx"},       // the vendored script, embedded
		{"/healthz", `"status":"ok"`},         // the API's
		{"/api/v1/openapi.json", `"openapi"`}, // the API's
	} {
		res, err := http.Get("http://" + addr + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.Contains(string(body), tc.want) {
			t.Errorf("GET %s: %d, want 200 with %q: %.300s", tc.path, res.StatusCode, tc.want, body)
		}
	}
}
