package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"wfm"
	"wfm/api"
	"wfm/jobs"
	"wfm/store"
	"wfm/web"
)

// Server roles: one process can serve the API, work solve jobs, or both.
const (
	roleAll    = "all"
	roleAPI    = "api"
	roleWorker = "worker"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve", "serve [--addr :8080] [--db URL] [--role all|api|worker] [--workers 1] [--read-timeout 60s] …")
	var addr, db, role, name string
	var workers int
	var rescue, stale time.Duration
	fs.StringVar(&addr, "addr", ":8080", "listen address of the API")
	fs.StringVar(&db, "db", os.Getenv("WFM_DATABASE_URL"), "database: postgres://… (PostgreSQL), or a SQLite file (default wfm.db); env WFM_DATABASE_URL")
	fs.StringVar(&role, "role", roleAll, "all (API and workers), api (API only) or worker (solve jobs only)")
	fs.IntVar(&workers, "workers", 1, "solve jobs this process runs at once")
	fs.StringVar(&name, "name", defaultWorkerName(), "this process's name in the jobs table")
	fs.DurationVar(&rescue, "rescue-after", 10*time.Minute, "PostgreSQL: River runs again a job running this long (and past its time limit plus 2 minutes) without finishing")
	fs.DurationVar(&stale, "stale-after", 30*time.Second, "a running job silent this long has lost its worker: it is shown queued again, or failed when no attempts are left")
	limits := defaultHTTPLimits()
	fs.DurationVar(&limits.ReadHeader, "read-header-timeout", limits.ReadHeader, "a request's headers must arrive within this")
	fs.DurationVar(&limits.Read, "read-timeout", limits.Read, "a whole request, body included, must arrive within this")
	fs.DurationVar(&limits.Write, "write-timeout", limits.Write, "a reply must be computed and written within this of its request's headers")
	fs.DurationVar(&limits.Idle, "idle-timeout", limits.Idle, "a kept-alive connection with no request is closed after this")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if role != roleAll && role != roleAPI && role != roleWorker {
		return usageError{fmt.Sprintf("--role must be all, api or worker, got %q", role)}
	}
	if min(limits.ReadHeader, limits.Read, limits.Write, limits.Idle) <= 0 { // 0 would mean no limit at all
		return usageError{"--read-header-timeout, --read-timeout, --write-timeout and --idle-timeout must be positive"}
	}
	log := slog.New(slog.NewJSONHandler(e.stderr, nil)).With("process", name)
	st, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	runner := &jobs.Runner{Store: st, Log: log, Worker: name}
	working := 0
	if role != roleAPI {
		working = workers
	}
	var queue jobs.Queue
	if st.Dialect() == store.Postgres {
		queue, err = jobs.NewRiver(ctx, st, runner, jobs.RiverConfig{Workers: working, RescueAfter: rescue,
			Poll: 200 * time.Millisecond, MaxAttempts: 3, StaleAfter: stale})
		if err != nil {
			return err
		}
	} else {
		local := jobs.NewLocal(runner, working)
		local.StaleAfter = stale
		if working == 0 {
			local.Workers = 0
		}
		queue = local
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := queue.Start(ctx); err != nil {
		return err
	}
	log.Info("started", "role", role, "database", st.Dialect(), "workers", working)
	var srv *http.Server
	errc := make(chan error, 1)
	if role != roleWorker {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return err
		}
		handler, err := withConsole(api.NewServer(api.Config{Store: st, Queue: queue, Log: log}), st, log)
		if err != nil {
			return err
		}
		srv = limits.server(handler)
		fmt.Fprintf(e.stdout, "listening on %s\n", ln.Addr())
		go func() { errc <- srv.Serve(ln) }()
	}
	select {
	case <-ctx.Done():
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	}
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), 20*time.Second)
	defer cancel()
	if srv != nil {
		srv.Shutdown(shutdown)
	}
	err = queue.Stop(shutdown)
	log.Info("stopped")
	return err
}

// withConsole serves the API under its own paths (/api/, /healthz, /readyz, /metrics) and the
// planner's console (package web) at every other path, on the same services and store.
func withConsole(a *api.Server, st *store.Store, log *slog.Logger) (http.Handler, error) {
	console, err := web.New(web.Config{Store: st, API: a, Log: log})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	for _, p := range []string{"/api/", "/healthz", "/readyz", "/metrics"} {
		mux.Handle(p, a.Handler())
	}
	mux.Handle("/", console)
	return mux, nil
}

// httpLimits bound what one client can hold of the server, so that a slow or idle client (one
// byte every few seconds, a connection left open) cannot hold a connection and its goroutine for
// ever.
type httpLimits struct {
	ReadHeader, Read, Write, Idle time.Duration
}

// maxHeaderBytes bounds a request's headers: a bearer token and the usual headers take under 1 KiB.
const maxHeaderBytes = 64 << 10

// defaultHTTPLimits are the limits of "wfm serve":
//   - headers within 10 s;
//   - the whole request within 60 s: the largest body accepted (api.DefaultMaxBody, 32 MiB) at
//     4.5 Mbit/s, far slower than any link a planner uploads a year of history on;
//   - the reply within 5 minutes of the request: every reply is computed and written in one go
//     (the API streams nothing: solves run as jobs and are polled), and the longest, a forecast
//     with model selection or a month's CSV export of the largest centre, takes seconds;
//   - an idle kept-alive connection closed after 2 minutes.
func defaultHTTPLimits() httpLimits {
	return httpLimits{ReadHeader: 10 * time.Second, Read: 60 * time.Second, Write: 5 * time.Minute, Idle: 2 * time.Minute}
}

// server returns an HTTP server for h with the limits.
func (l httpLimits) server(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: l.ReadHeader, ReadTimeout: l.Read, WriteTimeout: l.Write,
		IdleTimeout: l.Idle, MaxHeaderBytes: maxHeaderBytes}
}

func defaultWorkerName() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s-%d", host, os.Getpid())
}

// checkTokenOwner refuses a token for a centre or an agent that does not exist: such a token
// could never be used, and would name someone who is not there in every audit entry.
func checkTokenOwner(ctx context.Context, st *store.Store, tok store.Token) error {
	if tok.CentreID == "" {
		return nil
	}
	if _, err := st.Centre(ctx, tok.CentreID); err != nil {
		if wfm.ErrorKind(err) == wfm.KindNotFound {
			return wfm.Invalidf("centre", "there is no centre %q", tok.CentreID)
		}
		return err
	}
	if tok.AgentID == "" {
		return nil
	}
	if _, err := st.Agent(ctx, tok.CentreID, tok.AgentID); err != nil {
		if wfm.ErrorKind(err) == wfm.KindNotFound {
			return &wfm.Error{Kind: wfm.KindInvalid, Field: "agent", Agent: tok.AgentID,
				Message: fmt.Sprintf("centre %s has no agent %q", tok.CentreID, tok.AgentID)}
		}
		return err
	}
	return nil
}

func runToken(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return usageError{"usage: wfm token create --role planner|agent [--centre C] [--agent A] [--name N] [--db URL]"}
	}
	fs := newFlags(e, "token create", "token create --role planner|agent [--centre C] [--agent A] [--name N] [--db URL]")
	var tok store.Token
	var db string
	fs.StringVar(&tok.Role, "role", "", "planner or agent")
	fs.StringVar(&tok.CentreID, "centre", "", "limit the token to one centre (required for agents)")
	fs.StringVar(&tok.AgentID, "agent", "", "the agent an agent token acts as")
	fs.StringVar(&tok.Name, "name", "", "a label for the audit trail")
	fs.StringVar(&db, "db", os.Getenv("WFM_DATABASE_URL"), "database URL or SQLite file (env WFM_DATABASE_URL)")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	switch {
	case tok.Role != store.RolePlanner && tok.Role != store.RoleAgent:
		return usageError{"--role must be planner or agent"}
	case tok.Role == store.RoleAgent && (tok.AgentID == "" || tok.CentreID == ""):
		return usageError{"an agent token needs --centre and --agent"}
	}
	st, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := checkTokenOwner(ctx, st, tok); err != nil {
		return err
	}
	secret, err := st.CreateToken(ctx, &tok)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, secret)
	fmt.Fprintf(e.stderr, "token %s (%s) created; the secret above is shown only once\n", tok.ID, tok.Role)
	return nil
}
