// Package load measures the HTTP API under a fixed arrival rate. Run is an open-loop load
// generator: request i is due at start + i/Rate whatever happened to the requests before it, and
// its latency is measured from when it was due, not from when it was sent, so that a server (or
// client) falling behind shows as queueing in the latency instead of as a silently lower rate
// (no coordinated omission). Connections are kept alive and reused.
//
// Seed prepares a centre to question: a year of synthetic history uploaded as CSV, and a stored
// 31-day, 30-minute forecast made from it through the API, as a planner would.
package load

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"wfm"
	"wfm/calendar"
	"wfm/synth"
)

// Config is one load run.
type Config struct {
	Method string // default POST
	URL    string // the endpoint
	Token  string // bearer token; "" for none
	// Body returns the body of request i (JSON); nil sends none. It is called from one goroutine,
	// before the request is due, with a generator seeded by Seed.
	Body     func(i int, rng *rand.Rand) []byte
	Seed     uint64
	Rate     float64       // requests per second
	Duration time.Duration // measured part of the run
	Warmup   time.Duration // run at Rate before measuring (opens connections); not counted
	Timeout  time.Duration // per request; 0 means 10 s
	MaxConns int           // connections to the server at most; 0 means as many as needed
	Client   *http.Client  // nil: a keep-alive client made for the run
	// ServerPID, when the server is another process, has its CPU time measured (Linux).
	ServerPID int
}

// Result is what a run measured. Latencies are from when a request was due to when its whole
// reply was read.
type Result struct {
	Target      float64 // requests per second asked for
	Achieved    float64 // replies per second over the measured window (scheduled start to last reply)
	Requests    int     // measured requests sent
	Errors      int     // transport errors and replies other than 2xx
	FirstError  string
	P50         time.Duration
	P90         time.Duration
	P99         time.Duration
	Max         time.Duration
	Mean        time.Duration
	MaxInFlight int64         // most requests outstanding at once
	Elapsed     time.Duration // scheduled start of the measured part to its last reply
	Conns       int64         // connections opened during the whole run, warm-up included
	// CPU use over the measured part, in CPUs (1 = one CPU busy all the time), from /proc on Linux
	// (0 elsewhere): the host's (every process: client, server, and anything else running), this
	// process's (the client, and the server when in process), and the server process's when
	// Config.ServerPID is set.
	HostCPU, SelfCPU, ServerCPU float64
}

// Run sends Rate requests a second for Warmup+Duration and measures those of Duration.
func Run(ctx context.Context, cfg Config) Result {
	if cfg.Method == "" {
		cfg.Method = http.MethodPost
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 10 * time.Second
	}
	var conns atomic.Int64
	client := cfg.Client
	if client == nil {
		client = NewClient(cfg.MaxConns, &conns)
		defer client.CloseIdleConnections()
	}
	res := Result{Target: cfg.Rate}
	if cfg.Rate <= 0 || cfg.Duration <= 0 {
		return res
	}
	warm := int(math.Round(cfg.Rate * cfg.Warmup.Seconds()))
	n := int(math.Round(cfg.Rate * cfg.Duration.Seconds()))
	interval := time.Duration(float64(time.Second) / cfg.Rate)
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x10ad))

	lat := make([]time.Duration, n)
	failed := make([]bool, n)
	var firstErr atomic.Value
	var inFlight, maxInFlight atomic.Int64
	var last atomic.Int64 // unix nanoseconds of the last measured reply
	var wg sync.WaitGroup

	start := time.Now()
	var cpu0 cpuSample
	for i := range warm + n {
		if i == warm {
			cpu0 = sampleCPU(cfg.ServerPID)
		}
		if ctx.Err() != nil {
			n = max(0, i-warm)
			break
		}
		var body []byte
		if cfg.Body != nil {
			body = cfg.Body(i, rng)
		}
		due := start.Add(time.Duration(i) * interval)
		if d := time.Until(due); d > 0 {
			time.Sleep(d)
		}
		wg.Add(1)
		go func(i int, due time.Time, body []byte) {
			defer wg.Done()
			if k := inFlight.Add(1); k > maxInFlight.Load() {
				for {
					m := maxInFlight.Load()
					if k <= m || maxInFlight.CompareAndSwap(m, k) {
						break
					}
				}
			}
			err := send(ctx, client, cfg, body)
			done := time.Now()
			inFlight.Add(-1)
			if i < warm {
				return
			}
			k := i - warm
			lat[k] = done.Sub(due)
			if err != nil {
				failed[k] = true
				firstErr.CompareAndSwap(nil, err.Error())
			}
			for {
				l := last.Load()
				if done.UnixNano() <= l || last.CompareAndSwap(l, done.UnixNano()) {
					break
				}
			}
		}(i, due, body)
	}
	wg.Wait()
	cpu1 := sampleCPU(cfg.ServerPID)
	lat, failed = lat[:n], failed[:n]

	res.Requests = n
	for _, f := range failed {
		if f {
			res.Errors++
		}
	}
	if v := firstErr.Load(); v != nil {
		res.FirstError = v.(string)
	}
	res.MaxInFlight = maxInFlight.Load()
	res.Conns = conns.Load()
	if n == 0 {
		return res
	}
	measuredStart := start.Add(time.Duration(warm) * interval)
	res.Elapsed = time.Unix(0, last.Load()).Sub(measuredStart)
	res.Achieved = float64(n-res.Errors) / res.Elapsed.Seconds()
	res.HostCPU, res.SelfCPU, res.ServerCPU = cpu1.since(cpu0)
	sorted := slices.Clone(lat)
	slices.Sort(sorted)
	res.P50, res.P90, res.P99, res.Max = quantile(sorted, 0.50), quantile(sorted, 0.90), quantile(sorted, 0.99), sorted[n-1]
	var sum time.Duration
	for _, l := range sorted {
		sum += l
	}
	res.Mean = sum / time.Duration(n)
	return res
}

// quantile is the nearest-rank q-quantile of sorted values.
func quantile(sorted []time.Duration, q float64) time.Duration {
	k := int(math.Ceil(q*float64(len(sorted)))) - 1
	return sorted[min(max(k, 0), len(sorted)-1)]
}

// send makes one request and reads the whole reply (so that the connection is reused).
func send(ctx context.Context, client *http.Client, cfg Config, body []byte) error {
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, cfg.Method, cfg.URL, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if cfg.Token != "" {
		req.Header.Set("Authorization", "Bearer "+cfg.Token)
	}
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return err
	}
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("HTTP %d", res.StatusCode)
	}
	return nil
}

// NewClient returns a keep-alive HTTP/1.1 client for loopback load: idle connections are kept
// for reuse (as many as maxConns, or 1024), and conns, when not nil, counts the connections opened.
func NewClient(maxConns int, conns *atomic.Int64) *http.Client {
	idle := maxConns
	if idle <= 0 {
		idle = 1024
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns, tr.MaxIdleConnsPerHost, tr.MaxConnsPerHost = idle, idle, maxConns
	tr.IdleConnTimeout = 2 * time.Minute
	tr.ForceAttemptHTTP2 = false
	if conns != nil {
		dial := tr.DialContext
		tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := dial(ctx, network, addr)
			if err == nil {
				conns.Add(1)
			}
			return c, err
		}
	}
	return &http.Client{Transport: tr}
}

// WhatIfBody is the body of a staffing what-if on forecast: a volume factor drawn uniformly from
// 0.8 to 1.3.
func WhatIfBody(forecast string) func(int, *rand.Rand) []byte {
	return func(_ int, rng *rand.Rand) []byte {
		f := 0.8 + 0.5*rng.Float64()
		return []byte(`{"forecast_id":"` + forecast + `","volume_factor":` + fmt.Sprintf("%.4f", f) + `}`)
	}
}

// Target is a centre ready for what-if questions.
type Target struct {
	Base     string // http://host:port
	Token    string
	Centre   string
	Forecast string
	PID      int // the server's process when it is not this one
}

// WhatIfURL is the staffing what-if endpoint of the target's centre.
func (t Target) WhatIfURL() string {
	return t.Base + "/api/v1/centres/" + t.Centre + "/whatif/staffing"
}

// Forecast horizon of Seed: December 2026, 31 days on the centre's 30-minute grid, from the year of
// history before it.
var (
	ForecastStart = wfm.DateOf(2026, time.December, 1)
	ForecastDays  = 31
	HistoryDays   = 365
)

// Seed creates a centre on the server at base, uploads a year of synthetic 30-minute history and
// stores a 31-day forecast, all through the API with a planner token.
func Seed(ctx context.Context, base, token string) (Target, error) {
	t := Target{Base: strings.TrimRight(base, "/"), Token: token}
	client := &http.Client{Timeout: 5 * time.Minute}
	call := func(method, path, contentType string, body []byte, want int, out any) error {
		req, err := http.NewRequestWithContext(ctx, method, t.Base+"/api/v1"+path, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := client.Do(req)
		if err != nil {
			return err
		}
		defer res.Body.Close()
		data, err := io.ReadAll(res.Body)
		if err != nil {
			return err
		}
		if res.StatusCode != want {
			return fmt.Errorf("%s %s = %d: %s", method, path, res.StatusCode, data)
		}
		return json.Unmarshal(data, out)
	}
	var centre struct {
		ID string `json:"id"`
	}
	if err := call("POST", "/centres", "application/json", []byte(`{"name":"Load test centre"}`), http.StatusCreated, &centre); err != nil {
		return t, err
	}
	t.Centre = centre.ID

	hc := synth.DefaultHistory(ForecastStart.AddDays(-HistoryDays), HistoryDays, 1)
	hc.Step, hc.Calendar = 30, calendar.CN()
	var csv bytes.Buffer
	if err := synth.History(hc).WriteCSV(&csv); err != nil {
		return t, err
	}
	var stored struct {
		Stored int `json:"stored"`
	}
	if err := call("POST", "/centres/"+t.Centre+"/history", "text/csv", csv.Bytes(), http.StatusOK, &stored); err != nil {
		return t, err
	}
	var fc struct {
		ID   string   `json:"id"`
		Grid wfm.Grid `json:"grid"`
	}
	body := fmt.Sprintf(`{"start":%q,"days":%d}`, ForecastStart.String(), ForecastDays)
	if err := call("POST", "/centres/"+t.Centre+"/forecasts", "application/json", []byte(body), http.StatusCreated, &fc); err != nil {
		return t, err
	}
	if fc.Grid.Days != ForecastDays || fc.Grid.Step != 30 {
		return t, fmt.Errorf("forecast grid %+v, want %d days of 30 minutes", fc.Grid, ForecastDays)
	}
	t.Forecast = fc.ID
	return t, nil
}

// Header is the column line of Row. CPU columns are in CPUs: host (everything), this process,
// and the server process when separate.
const Header = "server      target/s  achieved/s  requests  errors   p50 ms   p90 ms   p99 ms    max ms  in-flight  conns  host CPU  self CPU  server CPU  CPU ms/reply"

// Row formats a result as a line of the table under Header.
func Row(server string, r Result) string {
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	// CPU per reply: the server process's, or this process's (client and server) when in process.
	perReply := 0.0
	if r.Achieved > 0 {
		perReply = 1000 * r.SelfCPU / r.Achieved
		if r.ServerCPU > 0 {
			perReply = 1000 * r.ServerCPU / r.Achieved
		}
	}
	return fmt.Sprintf("%-10s %9.0f %11.1f %9d %7d %8.2f %8.2f %8.2f %9.2f %10d %6d %9.2f %9.2f %11.2f %13.2f", server, r.Target,
		r.Achieved, r.Requests, r.Errors, ms(r.P50), ms(r.P90), ms(r.P99), ms(r.Max), r.MaxInFlight, r.Conns, r.HostCPU, r.SelfCPU,
		r.ServerCPU, perReply)
}
