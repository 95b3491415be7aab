package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"wfm"
	"wfm/jobs"
	"wfm/solver"
	"wfm/store"
	"wfm/workflow"
)

// The OpenAPI document, loaded and validated once. Every reply any test receives on a documented
// operation is checked against it (status documented, body of the documented schema), and so is
// every request the server accepted (a 2xx reply): the document can drift from the handlers in
// neither direction without a test failing.
var openapiSpec = sync.OnceValues(func() (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(openapiDoc)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		return nil, fmt.Errorf("validate: %w", err)
	}
	return doc, nil
})

// ginToOpenAPI turns "/centres/:centre" into "/centres/{centre}".
func ginToOpenAPI(path string) string {
	parts := strings.Split(path, "/")
	for i, s := range parts {
		if strings.HasPrefix(s, ":") {
			parts[i] = "{" + s[1:] + "}"
		}
	}
	return strings.Join(parts, "/")
}

// matchOperation finds the documented operation of a request path, a literal segment winning
// over a parameter (agents/import over agents/{agent}), and its path parameters.
func matchOperation(doc *openapi3.T, method, path string) (*routers.Route, map[string]string) {
	want := strings.Split(path, "/")
	var best string
	var bestParams map[string]string
	bestLiterals := -1
	for tmpl, item := range doc.Paths.Map() {
		if item.GetOperation(method) == nil {
			continue
		}
		got := strings.Split(tmpl, "/")
		if len(got) != len(want) {
			continue
		}
		params, literals, ok := map[string]string{}, 0, true
		for i := range got {
			switch {
			case strings.HasPrefix(got[i], "{"):
				params[strings.Trim(got[i], "{}")] = want[i]
			case got[i] == want[i]:
				literals++
			default:
				ok = false
			}
		}
		if ok && literals > bestLiterals {
			best, bestParams, bestLiterals = tmpl, params, literals
		}
	}
	if best == "" {
		return nil, nil
	}
	item := doc.Paths.Value(best)
	return &routers.Route{Spec: doc, Path: best, PathItem: item, Method: method, Operation: item.GetOperation(method)}, bestParams
}

// checkExchange validates a reply (and, when it is a success, the request) against the document.
func checkExchange(t testing.TB, method, target, ctype string, reqBody []byte, r *reply) {
	t.Helper()
	doc, err := openapiSpec()
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	route, params := matchOperation(doc, method, u.Path)
	if route == nil || r.status == http.StatusMethodNotAllowed {
		return // not an operation: an unknown path or method (404, 405)
	}
	req, _ := http.NewRequest(method, "http://wfm"+target, bytes.NewReader(reqBody))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	ctx := context.Background()
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, IncludeResponseStatus: true, MultiError: true}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
	if r.status/100 == 2 {
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			t.Errorf("OpenAPI: the server accepted a request the document refuses: %s %s: %v", method, route.Path, err)
		}
	}
	err = openapi3filter.ValidateResponse(ctx, &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: r.status,
		Header: r.header, Body: io.NopCloser(bytes.NewReader(r.raw)), Options: opts})
	if err != nil {
		t.Errorf("OpenAPI: the reply does not match the document: %s %s → %d: %v\n%s", method, route.Path, r.status, err, tail(string(r.raw), 400))
	}
}

// TestOpenAPI checks the document: valid OpenAPI 3, the same operations as the route table in both
// directions, roles and security as the table has them, and served as it is embedded. (Every reply
// of every test is validated against it by the harness.)
func TestOpenAPI(t *testing.T) {
	doc, err := openapiSpec()
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi %q, want 3.0.3", doc.OpenAPI)
	}
	if s := doc.Components.SecuritySchemes["bearerAuth"]; s == nil || s.Value.Type != "http" || s.Value.Scheme != "bearer" {
		t.Error("no bearerAuth security scheme")
	}
	if len(doc.Security) != 1 || doc.Security[0]["bearerAuth"] == nil {
		t.Errorf("global security %v, want bearerAuth", doc.Security)
	}

	// Both directions: every route is documented, every operation is a route.
	routes := map[string]route{}
	for _, rt := range routeTable() {
		routes[rt.method+" "+ginToOpenAPI(rt.path)] = rt
	}
	documented := map[string]*openapi3.Operation{}
	for path, item := range doc.Paths.Map() {
		for method, o := range item.Operations() {
			documented[method+" "+path] = o
		}
	}
	var missing, extra []string
	for k := range routes {
		if documented[k] == nil {
			missing = append(missing, k)
		}
	}
	for k := range documented {
		if _, ok := routes[k]; !ok {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 {
		t.Errorf("routes not in openapi.json: %v", missing)
	}
	if len(extra) > 0 {
		t.Errorf("operations in openapi.json that are no route: %v", extra)
	}

	// Each operation: id, summary, tags, the roles of the table in its description, security, and
	// the path parameters of its path.
	ids := map[string]bool{}
	for k, o := range documented {
		rt, ok := routes[k]
		if !ok {
			continue
		}
		if o.OperationID == "" || ids[o.OperationID] || o.Summary == "" || len(o.Tags) == 0 {
			t.Errorf("%s: operationId %q (unique), summary and tags needed", k, o.OperationID)
		}
		ids[o.OperationID] = true
		var want string
		switch {
		case rt.roles == nil:
			want = "Public: no token."
		case slices.Equal(rt.roles, planner):
			want = "Role: planner."
		case slices.Equal(rt.roles, anyone):
			want = "Roles: planner, agent."
		}
		if !strings.HasPrefix(o.Description, want) {
			t.Errorf("%s: description %q should start with %q", k, o.Description, want)
		}
		public := o.Security != nil && len(*o.Security) == 0
		if public != (rt.roles == nil) {
			t.Errorf("%s: security: [] is for the public routes only (public %v)", k, rt.roles == nil)
		}
		if rt.roles != nil && (o.Responses.Status(401) == nil || o.Responses.Status(403) == nil) {
			t.Errorf("%s: a route with a token answers 401 and 403", k)
		}
		for _, seg := range strings.Split(rt.path, "/") {
			if name, ok := strings.CutPrefix(seg, ":"); ok {
				if p := o.Parameters.GetByInAndName("path", name); p == nil {
					t.Errorf("%s: path parameter %s not documented", k, name)
				}
			}
		}
		if rt.method == "POST" || rt.method == "PUT" {
			if o.RequestBody == nil && !strings.HasSuffix(rt.path, "/cancel") && !strings.HasSuffix(rt.path, "/publish") {
				t.Errorf("%s: no request body documented", k)
			}
		}
	}
	// The schemas have the JSON fields of the Go types the handlers read and write, no more, no
	// fewer.
	for name, typ := range map[string]reflect.Type{
		"ErrorDetail": reflect.TypeFor[errorDetail](), "Violation": reflect.TypeFor[wfm.Violation](),
		"CentreBody": reflect.TypeFor[centreBody](), "CentreSettings": reflect.TypeFor[wfm.CentreSettings](),
		"Rules": reflect.TypeFor[wfm.Rules](), "Weights": reflect.TypeFor[wfm.Weights](), "Centre": reflect.TypeFor[store.Centre](),
		"Agent": reflect.TypeFor[wfm.Agent](), "AgentLimits": reflect.TypeFor[wfm.AgentLimits](),
		"ShiftTemplate": reflect.TypeFor[wfm.ShiftTemplate](), "ForecastParams": reflect.TypeFor[forecastParams](),
		"DaySummary": reflect.TypeFor[daySummary](), "Forecast": reflect.TypeFor[forecastDoc](), "Grid": reflect.TypeFor[wfm.Grid](),
		"Demand": reflect.TypeFor[wfm.Demand](), "WhatIfStaffing": reflect.TypeFor[whatIfBody](),
		"WhatIfStaffingResult": reflect.TypeFor[WhatIfResult](), "RosterBody": reflect.TypeFor[rosterBody](),
		"RosterVersion": reflect.TypeFor[store.Roster](), "JobProgress": reflect.TypeFor[jobs.Progress](),
		"Roster": reflect.TypeFor[wfm.Roster](), "Horizon": reflect.TypeFor[wfm.Horizon](), "AgentSchedule": reflect.TypeFor[wfm.AgentSchedule](),
		"DaySchedule": reflect.TypeFor[wfm.DaySchedule](), "Break": reflect.TypeFor[wfm.Break](), "Objective": reflect.TypeFor[wfm.Objective](),
		"Term": reflect.TypeFor[wfm.Term](), "Coverage": reflect.TypeFor[wfm.Coverage](), "SolverStats": reflect.TypeFor[wfm.SolverStats](),
		"ReplanBody": reflect.TypeFor[replanBody](), "ReplanChange": reflect.TypeFor[solver.Change](),
		"LeaveBody": reflect.TypeFor[leaveBody](), "LeaveRequest": reflect.TypeFor[store.LeaveRequest](),
		"DecisionBody": reflect.TypeFor[decisionBody](), "LeaveDecisionBody": reflect.TypeFor[leaveDecisionBody](),
		"LeaveRosterChange": reflect.TypeFor[leaveRosterChange](), "RepairBody": reflect.TypeFor[repairBody](),
		"ApprovalRef": reflect.TypeFor[approvalRef](), "AwaitingApproval": reflect.TypeFor[awaitingApproval](),
		"ShiftRef": reflect.TypeFor[workflow.ShiftRef](),
		"SwapBody": reflect.TypeFor[swapBody](), "SwapRequest": reflect.TypeFor[store.SwapRequest](),
		"DayChange": reflect.TypeFor[workflow.DayChange](), "AuditEntry": reflect.TypeFor[store.AuditEntry](),
		"Adjustment": reflect.TypeFor[wfm.Adjustment](), "AdjustmentEffect": reflect.TypeFor[wfm.AdjustmentEffect](),
		"DayEditBody": reflect.TypeFor[dayEditBody](), "DayEditImpact": reflect.TypeFor[workflow.EditImpact](),
	} {
		s := doc.Components.Schemas[name]
		if s == nil {
			t.Errorf("no schema %s", name)
			continue
		}
		var documented []string
		for f := range s.Value.Properties {
			documented = append(documented, f)
		}
		sort.Strings(documented)
		if want := jsonFields(typ); !slices.Equal(documented, want) {
			t.Errorf("schema %s has properties %v; %s has JSON fields %v", name, documented, typ, want)
		}
	}

	// Served as embedded, without a token; live replies of a few operations match their schema
	// (checked by the harness on every reply: a centre list, a forecast, a solve job, errors).
	ts := newTestServer(t, "sqlite")
	r := ts.do(t, "GET", "/api/v1/openapi.json", nil, "").want(t, http.StatusOK)
	var served, embedded any
	json.Unmarshal(r.raw, &served)
	json.Unmarshal(openapiDoc, &embedded)
	if !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") || fmt.Sprint(served) != fmt.Sprint(embedded) {
		t.Error("the served document is not the embedded one")
	}
	c := ts.seedCentre(t, "Xiamen", seedOpts{noForecast: true})
	live := func(method, path string, r *reply) {
		t.Helper()
		if err := validateReply(doc, method, path, r); err != nil {
			t.Errorf("%s %s → %d does not match the document: %v", method, path, r.status, err)
		}
	}
	live("GET", p("/centres"), ts.get(t, p("/centres")).want(t, http.StatusOK))
	fc := ts.post(t, p("/centres/%s/forecasts", c.id), map[string]any{"start": "2026-12-01", "days": 31}).want(t, http.StatusCreated)
	live("POST", p("/centres/%s/forecasts", c.id), fc)
	c.forecast = fc.str("id")
	solve := ts.startSolve(t, c, 1)
	live("POST", p("/centres/%s/rosters", c.id), solve)
	jobPath := p("/centres/%s/rosters/%s/job", c.id, solve.str("roster.id"))
	live("GET", jobPath, ts.get(t, jobPath).want(t, http.StatusOK))
	live("GET", jobPath, ts.waitJob(t, c.id, solve.str("roster.id"), 60*time.Second))
	live("POST", p("/centres"), ts.post(t, p("/centres"), rawBody(`{"name": 1}`)).want(t, http.StatusBadRequest))
	live("GET", p("/centres"), ts.do(t, "GET", p("/centres"), nil, "").want(t, http.StatusUnauthorized))
	live("GET", p("/centres/nope"), ts.get(t, p("/centres/nope")).want(t, http.StatusNotFound))
	// A reply the document does not describe is caught: a made-up status and a wrong body.
	bad := &reply{status: http.StatusTeapot, header: http.Header{"Content-Type": {"application/json"}}, raw: []byte(`{}`)}
	if err := validateReply(doc, "GET", p("/centres"), bad); err == nil {
		t.Error("a 418 passed the document")
	}
	bad.status, bad.raw = http.StatusOK, []byte(`{"centres": [{"id": 5}]}`)
	if err := validateReply(doc, "GET", p("/centres"), bad); err == nil {
		t.Error("a centre with a numeric id passed the document")
	}
}

// validateReply validates one reply against the document and returns the error.
func validateReply(doc *openapi3.T, method, path string, r *reply) error {
	route, params := matchOperation(doc, method, path)
	req, _ := http.NewRequest(method, "http://wfm"+path, nil)
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, IncludeResponseStatus: true}
	return openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts},
		Status:                 r.status, Header: r.header, Body: io.NopCloser(bytes.NewReader(r.raw)), Options: opts})
}

// jsonFields lists the JSON names of a struct type's fields, sorted.
func jsonFields(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		if name, ok := wfm.JSONName(t.Field(i)); ok {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}
