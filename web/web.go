package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"wfm"
	"wfm/api"
	"wfm/store"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Config wires the console.
type Config struct {
	Store *store.Store
	API   *api.Server
	Log   *slog.Logger
	// Now gives the current time (sessions' expiry, today's date); nil means time.Now.
	Now func() time.Time
	// SessionTTL is how long a sign-in lasts; 0 means DefaultSessionTTL.
	SessionTTL time.Duration
}

// DefaultSessionTTL is a working day and a half: a planner signs in once a shift.
const DefaultSessionTTL = 12 * time.Hour

// Cookies.
const (
	sessionCookie = "wfm_session"
	signinCookie  = "wfm_signin" // the sign-in form's own CSRF token (double submit), before any session
)

// Console is the planner's console.
type Console struct {
	store *store.Store
	api   *api.Server
	log   *slog.Logger
	now   func() time.Time
	ttl   time.Duration
	pages map[string]*template.Template
	mux   *http.ServeMux
}

// New returns the console's handler.
func New(cfg Config) (*Console, error) {
	c := &Console{store: cfg.Store, api: cfg.API, log: cfg.Log, now: cfg.Now, ttl: cfg.SessionTTL}
	if c.now == nil {
		c.now = time.Now
	}
	if c.ttl == 0 {
		c.ttl = DefaultSessionTTL
	}
	if c.log == nil {
		c.log = slog.Default()
	}
	var err error
	if c.pages, err = parsePages(); err != nil {
		return nil, err
	}
	c.routes()
	return c, nil
}

// parsePages parses each page template with the layout and the shared fragments.
func parsePages() (map[string]*template.Template, error) {
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" || strings.HasPrefix(base, "_") {
			continue
		}
		t, err := template.New(base).Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/_*.html", n)
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", n, err)
		}
		pages[base] = t
	}
	return pages, nil
}

func (c *Console) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "same-origin")
	c.mux.ServeHTTP(w, r)
}

// session is a signed-in request: its session, language and, for pages under /c/{centre}/, the
// centre.
type session struct {
	store.Session
	secret string
	L      locale
	Centre store.Centre
}

// Planner reports whether the session is a planner's.
func (s *session) Planner() bool { return s.Token.Role == store.RolePlanner }

// handler is a page handler of a signed-in user.
type handler func(w http.ResponseWriter, r *http.Request, s *session)

// Roles a page admits.
const (
	forPlanner = store.RolePlanner
	forAgent   = store.RoleAgent
)

// signedIn wraps a page: without a valid session it sends the browser to sign in; a role not
// admitted is 403; a state-changing request must carry the session's CSRF token (form field
// "csrf" or header X-CSRF-Token); under /c/{centre}/ the centre must exist and be the token's.
func (c *Console) signedIn(role string, h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		l := requestLocale(w, r)
		s, err := c.sessionOf(r)
		if err != nil {
			if wfm.ErrorKind(err) != wfm.KindNotFound {
				c.failPage(w, r, l, err)
				return
			}
			if r.Method == http.MethodGet && r.Header.Get("HX-Request") == "" && r.Header.Get("Accept") != "text/event-stream" {
				http.Redirect(w, r, "/signin?next="+urlQuery(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			c.failPage(w, r, l, &wfm.Error{Kind: wfm.KindUnauthorized, Message: l.T("err.signin")})
			return
		}
		s.L = l
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			sent := r.Header.Get("X-CSRF-Token")
			if sent == "" {
				sent = r.PostFormValue("csrf")
			}
			if subtle.ConstantTimeCompare([]byte(sent), []byte(s.CSRF)) != 1 {
				c.failPage(w, r, l, &wfm.Error{Kind: wfm.KindForbidden, Message: l.T("err.csrf")})
				return
			}
		}
		if s.Token.Role != role {
			c.failPage(w, r, l, &wfm.Error{Kind: wfm.KindForbidden, Message: l.T("err.role")})
			return
		}
		if id := r.PathValue("centre"); id != "" {
			if s.Token.CentreID != "" && s.Token.CentreID != id {
				c.failPage(w, r, l, &wfm.Error{Kind: wfm.KindForbidden, Message: l.T("err.centre")})
				return
			}
			if s.Centre, err = c.store.Centre(r.Context(), id); err != nil {
				c.failPage(w, r, l, err)
				return
			}
		}
		h(w, r, s)
	}
}

// sessionOf reads the request's session cookie.
func (c *Console) sessionOf(r *http.Request) (*session, error) {
	ck, err := r.Cookie(sessionCookie)
	if err != nil || ck.Value == "" {
		return nil, &wfm.Error{Kind: wfm.KindNotFound, Message: "no session"}
	}
	sess, err := c.store.SessionBySecret(r.Context(), ck.Value, c.now())
	if err != nil {
		return nil, err
	}
	return &session{Session: sess, secret: ck.Value}, nil
}

// callAPI hands a request to the API in this process as the session's token holder, and decodes
// the JSON reply into out (when not nil). An error reply is an *apiError.
func (c *Console) callAPI(ctx context.Context, s *session, method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(api.WithPrincipal(ctx, s.Token), method, "/api/v1"+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	c.api.Handler().ServeHTTP(rec, req)
	if rec.status >= 400 {
		var eb struct {
			Error apiError `json:"error"`
		}
		if err := json.Unmarshal(rec.body.Bytes(), &eb); err != nil || eb.Error.Message == "" {
			return fmt.Errorf("api %s %s: status %d", method, path, rec.status)
		}
		return &eb.Error
	}
	if out != nil {
		return json.Unmarshal(rec.body.Bytes(), out)
	}
	return nil
}

// recorder is the response of an in-process API request.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(p []byte) (int, error) { return r.body.Write(p) }
func (r *recorder) WriteHeader(status int)      { r.status = status }

// apiError is the API's error reply.
type apiError struct {
	Status     int             `json:"status"`
	Kind       wfm.Kind        `json:"kind"`
	Message    string          `json:"message"`
	Field      string          `json:"field"`
	Agent      string          `json:"agent"`
	Day        string          `json:"day"`
	Rule       string          `json:"rule"`
	Violations []wfm.Violation `json:"violations"`
}

func (e *apiError) Error() string { return e.Message }

// shownError is an error as a page shows it: the message, and the rule, agent, day and field
// when it names them, with the violations of a rule refusal. Internal errors show no detail.
type shownError struct {
	L          locale
	Status     int
	Message    string
	Rule       string
	Agent      string
	Day        string
	Field      string
	Violations []wfm.Violation
}

// showError turns err into what the page shows and the HTTP status to answer with.
func showError(l locale, err error) *shownError {
	var ae *apiError
	var we *wfm.Error
	switch {
	case errors.As(err, &ae):
		return &shownError{L: l, Status: ae.Status, Message: ae.Message, Rule: ae.Rule, Agent: ae.Agent, Day: ae.Day, Field: ae.Field,
			Violations: ae.Violations}
	case errors.As(err, &we) && we.Kind != wfm.KindInternal:
		se := &shownError{L: l, Status: api.StatusOf(we.Kind), Message: we.Message, Rule: we.Rule, Agent: we.Agent, Day: we.Day, Field: we.Field}
		var ve interface{ ViolationList() []wfm.Violation }
		if errors.As(err, &ve) {
			se.Violations = ve.ViolationList()
		}
		return se
	}
	return &shownError{L: l, Status: http.StatusInternalServerError, Message: l.T("err.internal")}
}

// failPage answers with an error page (or, for htmx, the error fragment).
func (c *Console) failPage(w http.ResponseWriter, r *http.Request, l locale, err error) {
	se := showError(l, err)
	if se.Status >= 500 {
		c.log.Error("console request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if se.Status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "1")
	}
	if r.Header.Get("HX-Request") != "" {
		c.render(w, se.Status, "fragments", "error", se)
		return
	}
	c.render(w, se.Status, "error", "layout", &page{L: l, Title: l.T("err.title"), Err: se})
}

// page is what every full page's layout reads.
type page struct {
	L      locale
	Title  string
	Nav    string // the active tab
	S      *session
	Flash  string
	Err    *shownError
	Data   any
	Script bool // the page uses console.js
}

// render writes template name of page set set with status.
func (c *Console) render(w http.ResponseWriter, status int, set, name string, data any) {
	t, ok := c.pages[set]
	if !ok {
		http.Error(w, "no template "+set, http.StatusInternalServerError)
		return
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, name, data); err != nil {
		c.log.Error("render", "template", set+"/"+name, "err", err)
		http.Error(w, "render error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// show renders a full page.
func (c *Console) show(w http.ResponseWriter, r *http.Request, s *session, set, nav, title string, data any, err error) {
	p := &page{L: s.L, Title: title, Nav: nav, S: s, Data: data, Flash: flash(s.L, r)}
	status := http.StatusOK
	if err != nil {
		p.Err = showError(s.L, err)
		status = p.Err.Status
		if status >= 500 {
			c.log.Error("console request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		}
	}
	c.render(w, status, set, "layout", p)
}

// flash is the message of a ?done= key that a redirect after a change carries.
func flash(l locale, r *http.Request) string {
	if k := r.URL.Query().Get("done"); k != "" {
		if _, ok := messages["done."+k]; ok {
			return l.T("done." + k)
		}
	}
	return ""
}

// randomToken returns 32 random bytes in hex.
func randomToken() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return hex.EncodeToString(b[:]), nil
}
