package api

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"wfm"
	"wfm/store"
)

// routeTable is the server's route table (method, path, roles).
func routeTable() []route { return (&Server{}).table() }

// fillPath puts values in a route's Gin parameters: the centre, an agent and dummy ids.
func fillPath(path, centre, agent string) string {
	parts := strings.Split(path, "/")
	for i, s := range parts {
		switch s {
		case ":centre":
			parts[i] = centre
		case ":agent":
			parts[i] = agent
		default:
			if strings.HasPrefix(s, ":") {
				parts[i] = "x" + s[1:]
			}
		}
	}
	return strings.Join(parts, "/")
}

// TestAuth is authentication and roles (R20) over the whole route table, methods not allowed,
// unknown routes, and the body size limit.
func TestAuth(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		c := ts.seedCentre(t, "Xiamen", seedOpts{noHistory: true})
		other := ts.seedCentre(t, "Fuzhou", seedOpts{noHistory: true})
		agent := ts.agentToken(t, c.id, "A0002")
		stranger := ts.agentToken(t, other.id, "A0002")
		boundPlanner := ts.token(t, store.Token{Role: store.RolePlanner, CentreID: other.id, Name: "fz"})

		var cases []apiCase
		for _, rt := range routeTable() {
			path := fillPath(rt.path, c.id, "A0002")
			name := rt.method + " " + rt.path
			if rt.roles == nil {
				cases = append(cases, apiCase{name: "public " + name, method: rt.method, path: path, status: http.StatusOK})
				continue
			}
			cases = append(cases,
				apiCase{name: "no token " + name, method: rt.method, path: path, status: http.StatusUnauthorized,
					err: e(wfm.KindUnauthorized, "")},
				apiCase{name: "unknown token " + name, method: rt.method, path: path, token: "wfm_0000", status: http.StatusUnauthorized,
					err: e(wfm.KindUnauthorized, "")})
			if slices.Equal(rt.roles, planner) {
				cases = append(cases, apiCase{name: "agent on a planner route " + name, method: rt.method, path: path, token: agent,
					status: http.StatusForbidden, err: e(wfm.KindForbidden, "")})
			}
			if strings.Contains(rt.path, ":centre") {
				cases = append(cases,
					apiCase{name: "agent of another centre " + name, method: rt.method, path: path, token: stranger,
						status: http.StatusForbidden, err: e(wfm.KindForbidden, "")},
					apiCase{name: "planner of another centre " + name, method: rt.method, path: path, token: boundPlanner,
						status: http.StatusForbidden, err: e(wfm.KindForbidden, "")})
			}
		}
		cases = append(cases,
			apiCase{name: "not a bearer token", method: "GET", path: p("/centres"), token: "", status: http.StatusUnauthorized},
			apiCase{name: "unknown route", method: "GET", path: p("/centers"), token: ts.planner, status: http.StatusNotFound,
				err: e(wfm.KindNotFound, "")},
			apiCase{name: "unknown route, no token", method: "GET", path: "/admin", status: http.StatusNotFound})
		// Every path in the table answers 405 to a method it does not have.
		methods := map[string][]string{}
		for _, rt := range routeTable() {
			methods[rt.path] = append(methods[rt.path], rt.method)
		}
		// (A method some other route serves for the same URL does not count: PUT .../agents/import
		// is PUT .../agents/:agent.)
		served := func(m, path string) bool {
			want := strings.Split(path, "/")
			for _, rt := range routeTable() {
				got := strings.Split(rt.path, "/")
				if rt.method != m || len(got) != len(want) {
					continue
				}
				match := true
				for i := range got {
					if got[i] != want[i] && !strings.HasPrefix(got[i], ":") {
						match = false
					}
				}
				if match {
					return true
				}
			}
			return false
		}
		for path, have := range methods {
			for _, m := range []string{"GET", "POST", "PUT", "DELETE", "PATCH"} {
				if !slices.Contains(have, m) && !served(m, path) {
					cases = append(cases, apiCase{name: "405 " + m + " " + path, method: m, path: fillPath(path, c.id, "A0002"),
						token: ts.planner, status: http.StatusMethodNotAllowed, err: e(wfm.KindInvalid, "")})
				}
			}
		}
		ts.run(t, cases)

		// The scheme is case-insensitive; other schemes and malformed headers are 401.
		req, _ := http.NewRequest("GET", ts.url+p("/centres"), nil)
		req.Header.Set("Authorization", "bearer "+ts.planner)
		if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusOK {
			t.Errorf("lower-case bearer: %v %v", res.StatusCode, err)
		} else {
			res.Body.Close()
		}
		// Exactly one space follows the scheme, and the secret is taken as sent: a leading space, a
		// tab, or a space inside is not trimmed into a valid token (a leading space was accepted).
		for _, h := range []string{"Basic cGF0OnB3", "Bearer", "Bearer ", "Bearer  ", "Token " + ts.planner, ts.planner,
			"Bearer  " + ts.planner, "Bearer \t" + ts.planner, "Bearer\t" + ts.planner, "Bearer " + ts.planner[:4] + " " + ts.planner[4:]} {
			req, _ := http.NewRequest("GET", ts.url+p("/centres"), nil)
			req.Header.Set("Authorization", h)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusUnauthorized {
				t.Errorf("Authorization %.12q…: %d, want 401", h, res.StatusCode)
			}
		}
	})
}

// TestBodyLimit is the request body limit (413) on JSON and on CSV uploads.
func TestBodyLimit(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		const limit = 4096
		ts := newTestServer(t, kind, func(c *Config) { c.MaxBody = limit })
		c := ts.post(t, p("/centres"), map[string]any{"name": "small"}).want(t, http.StatusCreated).str("id")
		big := strings.Repeat("x", 2*limit)
		var agents, history strings.Builder
		agents.WriteString("id,group\n")
		history.WriteString("interval_start,calls\n")
		for i := 0; agents.Len() < 2*limit; i++ {
			fmt.Fprintf(&agents, "B%04d,day\n", i)
			fmt.Fprintf(&history, "2026-10-%02dT%02d:00,%d\n", 1+i/24, i%24, i)
		}
		tooLarge := &errSpec{kind: wfm.KindInvalid}
		ts.run(t, []apiCase{
			{name: "JSON", method: "POST", path: p("/centres"), body: map[string]any{"name": big}, token: ts.planner,
				status: http.StatusRequestEntityTooLarge, err: tooLarge},
			{name: "JSON of an agent", method: "PUT", path: p("/centres/%s/agents/B1", c), body: map[string]any{"group": "day", "name": big},
				token: ts.planner, status: http.StatusRequestEntityTooLarge, err: tooLarge},
			{name: "agents CSV", method: "POST", path: p("/centres/%s/agents/import", c), body: csvBody(agents.String()), token: ts.planner,
				status: http.StatusRequestEntityTooLarge, err: tooLarge},
			{name: "history CSV", method: "POST", path: p("/centres/%s/history", c), body: csvBody(history.String()), token: ts.planner,
				status: http.StatusRequestEntityTooLarge, err: tooLarge},
			{name: "within the limit", method: "POST", path: p("/centres/%s/agents/import", c), body: csvBody("id,group\nB0001,day\n"),
				token: ts.planner, status: http.StatusOK},
		})
	})
}
