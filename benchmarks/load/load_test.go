package load

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"wfm/api"
	"wfm/jobs"
	"wfm/store"
)

// inProcess starts the API (api.New on an embedded SQLite store) on a loopback listener in this
// process, logging JSON to a file as "wfm serve 2>file" would, and seeds it.
func inProcess(t testing.TB) Target {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(ctx, filepath.Join(dir, "wfm.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	secret, err := st.CreateToken(ctx, &store.Token{Role: store.RolePlanner, Name: "load"})
	if err != nil {
		t.Fatal(err)
	}
	logFile, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { logFile.Close() })
	log := slog.New(slog.NewJSONHandler(logFile, nil))
	queue := jobs.NewLocal(&jobs.Runner{Store: st, Log: log, Worker: "load"}, 0) // not started: no solves here
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: api.New(api.Config{Store: st, Queue: queue, Log: log}), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	})
	return seed(t, "http://"+ln.Addr().String(), secret)
}

// separateProcess builds wfm and starts "wfm serve --role api" on SQLite as its own process (its
// log to a file), with the environment variables listed in WFM_LOAD_SERVER_ENV (e.g. "GOGC=400")
// added to the server's, and seeds it.
func separateProcess(t testing.TB) Target {
	return startProcess(t, strings.Fields(os.Getenv("WFM_LOAD_SERVER_ENV")))
}

func startProcess(t testing.TB, env []string) Target {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "wfm")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/wfm").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "wfm.db")
	out, err := exec.Command(bin, "token", "create", "--role", "planner", "--name", "load", "--db", db).Output()
	if err != nil {
		t.Fatalf("token create: %v", err)
	}
	secret := strings.TrimSpace(string(out))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	logFile, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", "--role", "api", "--db", db, "--addr", addr, "--name", "load")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.Env = append(os.Environ(), env...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		logFile.Close()
	})
	base := "http://" + addr
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := http.Get(base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(logFile.Name())
			t.Fatalf("wfm serve not ready: %v\n%s", err, log)
		}
		time.Sleep(100 * time.Millisecond)
	}
	tg := seed(t, base, secret)
	tg.PID = cmd.Process.Pid
	return tg
}

func seed(t testing.TB, base, token string) Target {
	t.Helper()
	began := time.Now()
	tg, err := Seed(context.Background(), base, token)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("seeded centre %s with forecast %s in %.1f s", tg.Centre, tg.Forecast, time.Since(began).Seconds())
	return tg
}

func whatIf(tg Target, rate float64, d time.Duration, seed uint64) Config {
	return Config{URL: tg.WhatIfURL(), Token: tg.Token, Body: WhatIfBody(tg.Forecast), Seed: seed, Rate: rate,
		Duration: d, Warmup: time.Second, MaxConns: maxConns, ServerPID: tg.PID}
}

// maxConns bounds the client's connections: beyond it requests wait in the client (and the wait
// counts in their latency), instead of opening sockets until the process runs out of files when
// the server falls behind.
const maxConns = 256

// TestLoadSmoke runs the generator for a second at 50 requests a second against the in-process
// API: every what-if answers.
func TestLoadSmoke(t *testing.T) {
	tg := inProcess(t)
	r := Run(context.Background(), whatIf(tg, 50, time.Second, 1))
	t.Log("\n" + Header + "\n" + Row("in-process", r))
	if r.Requests != 50 || r.Errors != 0 {
		t.Fatalf("%d requests, %d errors (first: %s)", r.Requests, r.Errors, r.FirstError)
	}
	if r.P50 <= 0 || r.P50 > r.P99 || r.P99 > r.Max || r.Max > 5*time.Second {
		t.Errorf("implausible latencies: %+v", r)
	}
	if r.Achieved < 40 {
		t.Errorf("achieved %.1f/s at a target of 50/s", r.Achieved)
	}
}

// TestWhatIfAnswer checks that the endpoint under load answers the question asked: a larger
// volume needs more agent-hours.
func TestWhatIfAnswer(t *testing.T) {
	tg := inProcess(t)
	hours := func(f float64) float64 {
		body := fmt.Sprintf(`{"forecast_id":%q,"volume_factor":%g}`, tg.Forecast, f)
		req, _ := http.NewRequest("POST", tg.WhatIfURL(), strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tg.Token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var out struct {
			AgentHours float64 `json:"agent_hours"`
			Agents     []int   `json:"agents"`
		}
		if err := decode(res, &out); err != nil {
			t.Fatal(err)
		}
		if len(out.Agents) != ForecastDays*48 {
			t.Fatalf("%d intervals, want %d", len(out.Agents), ForecastDays*48)
		}
		return out.AgentHours
	}
	lo, hi := hours(0.8), hours(1.3)
	if !(lo > 0 && hi > lo) {
		t.Errorf("agent-hours at 0.8× %.0f, at 1.3× %.0f", lo, hi)
	}
}

// TestLoad is the measurement (WFM_LOAD=1): what-if staffing questions at fixed rates for 20 s
// each, against the API in this process and against "wfm serve" as a process of its own. The
// rates go up: 250, then 500 three times (the product target; the table adds their median), then
// 750 and 1000 to find the knee. Before each run the test waits for the server to be idle (an
// overloaded server goes on computing answers nobody waits for) and measures the CPU the host
// spends on other work ("bg CPU": this machine may be shared), waiting for it to be quiet (see
// settle); "others" is the CPU other work took during the run, and a run where it exceeded the
// quiet threshold is done again.
//
// WFM_LOAD_RATES replaces the rates after the 500s (default 750,1000); WFM_LOAD_SECONDS the
// length of a run; WFM_LOAD_PROFILE=FILE writes a CPU profile of one more in-process run at
// WFM_LOAD_PROFILE_RATE (default 250) requests a second.
//
//	WFM_LOAD=1 go test -run TestLoad -v -timeout 30m ./benchmarks/load
func TestLoad(t *testing.T) {
	if os.Getenv("WFM_LOAD") != "1" {
		t.Skip("the load measurement runs with WFM_LOAD=1 (a few minutes)")
	}
	secs := envInt(t, "WFM_LOAD_SECONDS", 20)
	d := time.Duration(secs) * time.Second
	rates := []float64{750, 1000}
	if s := os.Getenv("WFM_LOAD_RATES"); s != "" {
		rates = nil
		for _, f := range strings.Split(s, ",") {
			r, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
			if err != nil {
				t.Fatal(err)
			}
			rates = append(rates, r)
		}
	}
	var table bytes.Buffer
	fmt.Fprintf(&table, "what-if staffing (31 days × 48 intervals), %d s per run, 1 s warm-up, GOMAXPROCS %d, %d CPUs\n%s  bg CPU  others\n",
		secs, runtime.GOMAXPROCS(0), runtime.NumCPU(), Header)
	for _, server := range []struct {
		name  string
		start func(testing.TB) Target
	}{{"in-process", inProcess}, {"process", separateProcess}} {
		tg := server.start(t)
		Run(context.Background(), whatIf(tg, 100, 2*time.Second, 99)) // warm the caches and the connections
		// run measures one rate. A run during which other work on the host took more than the
		// quiet threshold is shown, marked, and done again (WFM_LOAD_TRIES times at most, default 4).
		tries := envInt(t, "WFM_LOAD_TRIES", 4)
		run := func(rate float64, seed uint64, note string) Result {
			for try := 1; ; try++ {
				bg := settle(t, tg.PID)
				r := Run(context.Background(), whatIf(tg, rate, d, seed))
				others := max(0, r.HostCPU-r.SelfCPU-r.ServerCPU)
				line := Row(server.name, r) + fmt.Sprintf(" %7.2f %7.2f", bg, others)
				if others > quietCPU() && try < tries {
					line += fmt.Sprintf("   (discarded: other work took %.2f CPUs during the run)", others)
					fmt.Fprintln(&table, line)
					t.Log(line)
					continue
				}
				if note != "" {
					line += "   " + note
				}
				fmt.Fprintln(&table, line)
				t.Log(line)
				reportErrors(t, r)
				return r
			}
		}
		run(250, 1, "")
		var runs []Result
		for k := range 3 {
			runs = append(runs, run(500, uint64(k+2), fmt.Sprintf("run %d", k+1)))
		}
		fmt.Fprintln(&table, Row(server.name, median(runs))+"                   median of the 3 runs at 500/s")
		for _, rate := range rates {
			run(rate, 7, "")
		}
		if path := os.Getenv("WFM_LOAD_PROFILE"); path != "" && server.name == "in-process" {
			rate := float64(envInt(t, "WFM_LOAD_PROFILE_RATE", 250))
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			settle(t, 0)
			if err := pprof.StartCPUProfile(f); err != nil {
				t.Fatal(err)
			}
			r := Run(context.Background(), whatIf(tg, rate, d, 42))
			pprof.StopCPUProfile()
			f.Close()
			fmt.Fprintln(&table, Row(server.name, r)+"                   profiled: "+path)
		}
	}
	fmt.Print(table.String())
}

// quietCPU is the CPU other work on the host may take for the machine to count as quiet:
// WFM_LOAD_QUIET, default 0.3.
func quietCPU() float64 {
	if v, err := strconv.ParseFloat(os.Getenv("WFM_LOAD_QUIET"), 64); err == nil {
		return v
	}
	return 0.3
}

func envInt(t *testing.T, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

// settle waits (up to 2 minutes) until the server is idle: this process, and the server process
// pid when not 0, spend less than a tenth of a CPU over a second. It then waits, up to
// WFM_LOAD_QUIET_WAIT (default 10m), for the rest of the host to spend less than WFM_LOAD_QUIET
// CPUs (default 0.3) over 2 s, and returns what it spent over the last 2 s: on a shared machine,
// runs start when the others are quiet, and the table says how quiet.
func settle(t *testing.T, pid int) float64 {
	runtime.GC()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		s0 := sampleCPU(pid)
		time.Sleep(time.Second)
		_, self, server := sampleCPU(pid).since(s0)
		if self+server < 0.1 {
			break
		}
		if time.Now().After(deadline) {
			t.Logf("the server is still busy (%.2f CPUs) 2 minutes after the run", self+server)
			break
		}
	}
	quiet := quietCPU()
	wait := 10 * time.Minute
	if s := os.Getenv("WFM_LOAD_QUIET_WAIT"); s != "" {
		wait, _ = time.ParseDuration(s)
	}
	began := time.Now()
	for {
		s0 := sampleCPU(pid)
		time.Sleep(2 * time.Second)
		host, self, server := sampleCPU(pid).since(s0)
		bg := max(0, host-self-server)
		if bg < quiet || time.Since(began) > wait {
			if time.Since(began) > 5*time.Second {
				t.Logf("waited %s for the host to be quiet (other work: %.2f CPUs)", time.Since(began).Round(time.Second), bg)
			}
			return bg
		}
	}
}

func reportErrors(t *testing.T, r Result) {
	t.Helper()
	if r.Errors > 0 {
		t.Logf("%d errors at %.0f/s; first: %s", r.Errors, r.Target, r.FirstError)
	}
}

// median is, column by column, the median of the runs.
func median(runs []Result) Result {
	pick := func(f func(Result) float64) float64 {
		v := make([]float64, len(runs))
		for i, r := range runs {
			v[i] = f(r)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	dur := func(f func(Result) time.Duration) time.Duration {
		return time.Duration(pick(func(r Result) float64 { return float64(f(r)) }))
	}
	return Result{Target: runs[0].Target,
		Achieved:    pick(func(r Result) float64 { return r.Achieved }),
		Requests:    int(pick(func(r Result) float64 { return float64(r.Requests) })),
		Errors:      int(pick(func(r Result) float64 { return float64(r.Errors) })),
		P50:         dur(func(r Result) time.Duration { return r.P50 }),
		P90:         dur(func(r Result) time.Duration { return r.P90 }),
		P99:         dur(func(r Result) time.Duration { return r.P99 }),
		Max:         dur(func(r Result) time.Duration { return r.Max }),
		MaxInFlight: int64(pick(func(r Result) float64 { return float64(r.MaxInFlight) })),
		Conns:       int64(pick(func(r Result) float64 { return float64(r.Conns) })),
		HostCPU:     pick(func(r Result) float64 { return r.HostCPU }),
		SelfCPU:     pick(func(r Result) float64 { return r.SelfCPU }),
		ServerCPU:   pick(func(r Result) float64 { return r.ServerCPU }),
	}
}

// TestRunOpenLoop checks the generator itself against a server that takes 20 ms a request: the
// rate is kept (open loop: requests do not wait for earlier replies), and latency is measured
// from when each request was due.
func TestRunOpenLoop(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(20 * time.Millisecond)
		if r.Header.Get("Authorization") != "Bearer tok" {
			w.WriteHeader(http.StatusUnauthorized)
		}
	})}
	go srv.Serve(ln)
	defer srv.Close()
	r := Run(context.Background(), Config{URL: "http://" + ln.Addr().String(), Token: "tok", Rate: 200, Duration: time.Second,
		Body: func(int, *rand.Rand) []byte { return []byte(`{}`) }})
	t.Log("\n" + Header + "\n" + Row("sleep 20ms", r))
	if r.Requests != 200 || r.Errors != 0 {
		t.Fatalf("%d requests, %d errors (%s)", r.Requests, r.Errors, r.FirstError)
	}
	if r.P50 < 20*time.Millisecond || r.P50 > 200*time.Millisecond {
		t.Errorf("p50 %s, want about 20 ms", r.P50)
	}
	// A closed loop of one connection would manage 50/s; open loop keeps about 4 in flight.
	if r.Achieved < 150 || r.MaxInFlight < 3 {
		t.Errorf("achieved %.0f/s with at most %d in flight: not an open loop", r.Achieved, r.MaxInFlight)
	}
	// Errors are counted.
	r = Run(context.Background(), Config{URL: "http://" + ln.Addr().String(), Rate: 50, Duration: 200 * time.Millisecond})
	if r.Requests != 10 || r.Errors != 10 || !strings.Contains(r.FirstError, "401") {
		t.Errorf("unauthorised run: %+v", r)
	}
}

func decode(res *http.Response, v any) error {
	if res.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(res.Body)
		return fmt.Errorf("HTTP %d: %s", res.StatusCode, b)
	}
	return json.NewDecoder(res.Body).Decode(v)
}

// BenchmarkWhatIf is the cost of one what-if staffing question, asked serially over a keep-alive
// connection to the in-process API: client and server time together.
func BenchmarkWhatIf(b *testing.B) {
	tg := inProcess(b)
	client := NewClient(1, nil)
	body := WhatIfBody(tg.Forecast)
	rng := rand.New(rand.NewPCG(1, 2))
	cfg := Config{Method: http.MethodPost, URL: tg.WhatIfURL(), Token: tg.Token, Timeout: 10 * time.Second}
	b.ReportAllocs()
	for b.Loop() {
		if err := send(context.Background(), client, cfg, body(0, rng)); err != nil {
			b.Fatal(err)
		}
	}
}
