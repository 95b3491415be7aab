// Package api is the HTTP door onto the product: a Gin server under /api/v1 for planners and
// agents (centres, staff, history, forecasts and staffing, rosters and their solve jobs, leave and
// swap requests, intraday re-plans, what-if questions, the audit trail), with bearer-token
// authentication and roles (R20), errors that name the field and the rule, Prometheus metrics and
// structured logs. It holds no business logic of its own: it validates, calls the pipeline
// packages and the store, and records what changed (R19).
package api

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"wfm/jobs"
	"wfm/store"
)

// Config wires a server.
type Config struct {
	Store   *store.Store
	Queue   jobs.Queue
	Log     *slog.Logger
	MaxBody int64 // bytes accepted in a request body; 0 means DefaultMaxBody
	// Now gives the current time (tests fix it to check notice periods); nil means time.Now.
	Now func() time.Time
}

// DefaultMaxBody bounds request bodies: a year of 15-minute history as CSV, or a large problem.
const DefaultMaxBody = 32 << 20

// Server is the HTTP API.
type Server struct {
	store   *store.Store
	queue   jobs.Queue
	log     *slog.Logger
	maxBody int64
	now     func() time.Time
	metrics *metrics
	cache   *forecastCache
	handler http.Handler
}

// New returns the API's handler.
func New(cfg Config) http.Handler { return NewServer(cfg).Handler() }

// NewServer returns the API: its HTTP handler, and the service methods the console calls in
// the same process (console.go).
func NewServer(cfg Config) *Server {
	gin.SetMode(gin.ReleaseMode)
	s := &Server{store: cfg.Store, queue: cfg.Queue, log: cfg.Log, maxBody: cfg.MaxBody, now: cfg.Now,
		metrics: newMetrics(), cache: newForecastCache(64)}
	if s.maxBody == 0 {
		s.maxBody = DefaultMaxBody
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.Use(s.recoverer, s.observe, s.limitBody)
	r.NoRoute(func(c *gin.Context) { s.fail(c, notFoundErr("route "+c.Request.URL.Path)) })
	r.NoMethod(func(c *gin.Context) { s.fail(c, statusErr(http.StatusMethodNotAllowed, "method not allowed")) })
	s.routes(r)
	s.handler = r
	return s
}

// Handler is the API's HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// route is one endpoint: method, path, the roles allowed (none: public), and the handler. The
// table is the single source of the routes; the OpenAPI test checks the document against it.
type route struct {
	method, path string
	roles        []string
	handle       gin.HandlerFunc
}

var (
	planner = []string{store.RolePlanner}
	anyone  = []string{store.RolePlanner, store.RoleAgent}
)

func (s *Server) table() []route {
	return []route{
		{"GET", "/healthz", nil, s.healthz},
		{"GET", "/readyz", nil, s.readyz},
		{"GET", "/metrics", nil, s.metricsHandler},
		{"GET", "/api/v1/openapi.json", nil, s.openapi},

		{"GET", "/api/v1/centres", anyone, s.listCentres},
		{"POST", "/api/v1/centres", planner, s.createCentre},
		{"GET", "/api/v1/centres/:centre", anyone, s.getCentre},
		{"PUT", "/api/v1/centres/:centre", planner, s.updateCentre},

		{"GET", "/api/v1/centres/:centre/agents", anyone, s.listAgents},
		{"POST", "/api/v1/centres/:centre/agents", planner, s.putAgent},
		{"POST", "/api/v1/centres/:centre/agents/import", planner, s.importAgents},
		{"GET", "/api/v1/centres/:centre/agents/:agent", anyone, s.getAgent},
		{"PUT", "/api/v1/centres/:centre/agents/:agent", planner, s.putAgent},
		{"DELETE", "/api/v1/centres/:centre/agents/:agent", planner, s.deleteAgent},
		{"GET", "/api/v1/centres/:centre/agents/:agent/schedule", anyone, s.agentSchedule},

		{"GET", "/api/v1/centres/:centre/shifts", anyone, s.listShifts},
		{"PUT", "/api/v1/centres/:centre/shifts/:shift", planner, s.putShift},
		{"DELETE", "/api/v1/centres/:centre/shifts/:shift", planner, s.deleteShift},

		{"POST", "/api/v1/centres/:centre/history", planner, s.appendHistory},
		{"GET", "/api/v1/centres/:centre/history", planner, s.historySummary},

		{"POST", "/api/v1/centres/:centre/forecasts", planner, s.createForecast},
		{"GET", "/api/v1/centres/:centre/forecasts/:forecast", planner, s.getForecast},
		{"POST", "/api/v1/centres/:centre/forecasts/:forecast/adjustments", planner, s.adjustForecast},
		{"POST", "/api/v1/centres/:centre/whatif/staffing", planner, s.whatIfStaffing},

		{"PUT", "/api/v1/centres/:centre/deferred/:month", planner, s.putDeferred},
		{"GET", "/api/v1/centres/:centre/deferred/:month", planner, s.getDeferred},
		{"PUT", "/api/v1/centres/:centre/activities/:month", planner, s.putActivities},
		{"GET", "/api/v1/centres/:centre/activities/:month", planner, s.getActivities},

		{"GET", "/api/v1/centres/:centre/rosters", anyone, s.listRosters},
		{"POST", "/api/v1/centres/:centre/rosters", planner, s.createRoster},
		{"GET", "/api/v1/centres/:centre/rosters/:roster", anyone, s.getRoster},
		{"GET", "/api/v1/centres/:centre/rosters/:roster/job", planner, s.getJob},
		{"POST", "/api/v1/centres/:centre/rosters/:roster/cancel", planner, s.cancelJob},
		{"POST", "/api/v1/centres/:centre/rosters/:roster/publish", planner, s.publishRoster},
		{"GET", "/api/v1/centres/:centre/rosters/:roster/export.csv", planner, s.exportRoster},
		{"POST", "/api/v1/centres/:centre/rosters/:roster/repair", planner, s.repairRoster},
		{"POST", "/api/v1/centres/:centre/rosters/:roster/replan", planner, s.replan},
		{"POST", "/api/v1/centres/:centre/rosters/:roster/days", planner, s.editDay},
		{"POST", "/api/v1/centres/:centre/rosters/:roster/whatif", planner, s.whatIfRoster},

		{"GET", "/api/v1/centres/:centre/leave", anyone, s.listLeave},
		{"POST", "/api/v1/centres/:centre/leave", anyone, s.requestLeave},
		{"GET", "/api/v1/centres/:centre/leave/:request", anyone, s.getLeave},
		{"POST", "/api/v1/centres/:centre/leave/:request/approve", planner, s.approveLeave},
		{"POST", "/api/v1/centres/:centre/leave/:request/reject", planner, s.rejectLeave},

		{"GET", "/api/v1/centres/:centre/swaps", anyone, s.listSwaps},
		{"POST", "/api/v1/centres/:centre/swaps", anyone, s.requestSwap},
		{"POST", "/api/v1/centres/:centre/swaps/:request/approve", planner, s.approveSwap},
		{"POST", "/api/v1/centres/:centre/swaps/:request/reject", planner, s.rejectSwap},

		{"GET", "/api/v1/centres/:centre/approvals/awaiting", planner, s.listAwaiting},

		{"GET", "/api/v1/centres/:centre/audit", planner, s.auditTrail},
	}
}

func (s *Server) routes(r *gin.Engine) {
	for _, rt := range s.table() {
		handlers := []gin.HandlerFunc{}
		if rt.roles != nil {
			handlers = append(handlers, s.authenticate(rt.roles))
		}
		r.Handle(rt.method, rt.path, append(handlers, rt.handle)...)
	}
}
