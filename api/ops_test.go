package api

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestOps is the operations family: liveness, readiness with the database, and metrics.
func TestOps(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		for range 3 {
			ts.get(t, p("/centres")).want(t, http.StatusOK)
		}
		ts.do(t, "GET", p("/centres"), nil, "").want(t, http.StatusUnauthorized)
		ts.do(t, "GET", "/nowhere/abc123", nil, "").want(t, http.StatusNotFound)
		ts.run(t, []apiCase{
			{name: "healthz", method: "GET", path: "/healthz", status: http.StatusOK, check: func(t *testing.T, r *reply) {
				if r.str("status") != "ok" {
					t.Errorf("healthz: %s", r)
				}
			}},
			{name: "readyz with the database", method: "GET", path: "/readyz", status: http.StatusOK, check: func(t *testing.T, r *reply) {
				if r.str("status") != "ready" || r.str("database") != kind {
					t.Errorf("readyz: %s", r)
				}
			}},
			{name: "metrics", method: "GET", path: "/metrics", status: http.StatusOK, check: func(t *testing.T, r *reply) {
				body := string(r.raw)
				if !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") {
					t.Errorf("metrics content type %q", r.header.Get("Content-Type"))
				}
				count := func(labels string) int {
					m := regexp.MustCompile(`(?m)^wfm_http_requests_total\{` + regexp.QuoteMeta(labels) + `\} (\d+)$`).FindStringSubmatch(body)
					if m == nil {
						return 0
					}
					n, _ := strconv.Atoi(m[1])
					return n
				}
				if n := count(`method="GET",route="/api/v1/centres",status="200"`); n != 3 {
					t.Errorf("wfm_http_requests_total for GET /api/v1/centres 200 = %d, want 3", n)
				}
				if n := count(`method="GET",route="/api/v1/centres",status="401"`); n != 1 {
					t.Errorf("wfm_http_requests_total for the 401 = %d, want 1", n)
				}
				if n := count(`method="GET",route="unmatched",status="404"`); n != 1 {
					t.Errorf("an unknown path is counted as route unmatched: %d", n)
				}
				if strings.Contains(body, "abc123") {
					t.Error("metrics label a raw path")
				}
				if !strings.Contains(body, `wfm_http_request_seconds_bucket{method="GET",route="/api/v1/centres",le=`) {
					t.Error("no latency histogram")
				}
			}},
		})
		// Without its database the server is alive but not ready.
		ts.stopQueue()
		ts.store.Close()
		ts.do(t, "GET", "/healthz", nil, "").want(t, http.StatusOK)
		if r := ts.do(t, "GET", "/readyz", nil, "").want(t, http.StatusServiceUnavailable); r.str("status") == "ready" {
			t.Errorf("readyz without a database: %s", r)
		}
		// A token cannot be checked either: that is the server's fault (500), not the caller's (401).
		ts.get(t, p("/centres")).wantErr(t, errSpec{status: http.StatusInternalServerError, kind: "internal"})
	})
}
