package api

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// recoverer turns a panic in a handler into a 500 without detail, logged with the route.
func (s *Server) recoverer(c *gin.Context) {
	defer func() {
		if r := recover(); r != nil {
			s.fail(c, fmt.Errorf("panic: %v", r))
		}
	}()
	c.Next()
}

// limitBody caps every request body at maxBody bytes, and turns a body that stops arriving (the
// server's read timeout) into 408 rather than an internal error.
func (s *Server) limitBody(c *gin.Context) {
	if c.Request.Body != nil {
		c.Request.Body = timeoutBody{http.MaxBytesReader(c.Writer, c.Request.Body, s.maxBody)}
	}
	c.Next()
}

// timeoutBody reports a read that timed out as a 408 error.
type timeoutBody struct{ io.ReadCloser }

func (b timeoutBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if ne, ok := errors.AsType[net.Error](err); ok && ne.Timeout() {
		err = statusErr(http.StatusRequestTimeout, "the request body did not arrive within the server's read timeout")
	}
	return n, err
}

// metrics are the server's Prometheus collectors, on a registry of its own.
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

func newMetrics() *metrics {
	m := &metrics{registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "wfm_http_requests_total",
			Help: "HTTP requests by route, method and status."}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "wfm_http_request_seconds",
			Help: "HTTP request latency by route.", Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16)}, []string{"route", "method"}),
	}
	m.registry.MustRegister(m.requests, m.latency, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// observe records each request's metrics and logs it (method, route, status, duration; never a
// header or body, so no token or personal data reaches the log).
func (s *Server) observe(c *gin.Context) {
	began := time.Now()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	status := strconv.Itoa(c.Writer.Status())
	d := time.Since(began)
	s.metrics.requests.WithLabelValues(route, c.Request.Method, status).Inc()
	s.metrics.latency.WithLabelValues(route, c.Request.Method).Observe(d.Seconds())
	if route != "/metrics" && route != "/healthz" {
		s.log.Info("request", "method", c.Request.Method, "route", route, "status", c.Writer.Status(),
			"ms", float64(d.Microseconds())/1000)
	}
}

func (s *Server) metricsHandler(c *gin.Context) {
	promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{}).ServeHTTP(c.Writer, c.Request)
}

func (s *Server) healthz(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) }

// readyz reports ready when the database answers.
func (s *Server) readyz(c *gin.Context) {
	if err := s.store.Ping(c.Request.Context()); err != nil {
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "database unavailable"})
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready", "database": s.store.Dialect()})
}
