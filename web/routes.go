package web

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"

	"wfm"
	"wfm/report"
	"wfm/store"
)

func (c *Console) routes() {
	m := http.NewServeMux()
	static := http.FileServerFS(staticFiles)
	m.Handle("GET /static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		static.ServeHTTP(w, r)
	}))
	m.HandleFunc("GET /chart.css", func(w http.ResponseWriter, r *http.Request) { // the report's chart styles
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=3600")
		w.Write([]byte(report.ChartCSS))
	})
	m.HandleFunc("GET /{$}", c.home)
	m.HandleFunc("GET /signin", c.signinPage)
	m.HandleFunc("POST /signin", c.signin)
	m.HandleFunc("POST /signout", c.signout)

	p := func(pattern string, h handler) { m.HandleFunc(pattern, c.signedIn(forPlanner, h)) }
	p("GET /c/{centre}/month", c.month)
	p("GET /c/{centre}/month/chart", c.monthChart)
	p("GET /c/{centre}/solve", c.solvePage)
	p("POST /c/{centre}/solve", c.startSolve)
	p("GET /c/{centre}/solve/{roster}", c.solveStatus)
	p("GET /c/{centre}/solve/{roster}/events", c.solveEvents)
	p("POST /c/{centre}/solve/{roster}/cancel", c.cancelSolve)
	p("POST /c/{centre}/solve/{roster}/publish", c.publish)
	p("GET /c/{centre}/edit", c.editPage)
	p("POST /c/{centre}/edit/check", c.editCheck)
	p("POST /c/{centre}/edit/save", c.editSave)
	p("GET /c/{centre}/requests", c.inbox)
	p("POST /c/{centre}/requests/{kind}/{id}/{decision}", c.decide)
	p("GET /c/{centre}/whatif", c.whatIf)
	p("POST /c/{centre}/whatif/forecast", c.whatIfForecast)
	p("GET /c/{centre}/whatif/answer", c.whatIfAnswer)
	p("GET /c/{centre}/intraday", c.intraday)
	p("POST /c/{centre}/intraday/apply", c.intradayApply)
	p("GET /c/{centre}/downloads", c.downloads)
	p("GET /c/{centre}/download/{roster}/{file}", c.download)

	a := func(pattern string, h handler) { m.HandleFunc(pattern, c.signedIn(forAgent, h)) }
	a("GET /c/{centre}/me", c.agentPage)
	a("POST /c/{centre}/me/leave", c.agentLeave)
	a("POST /c/{centre}/me/swap", c.agentSwap)
	a("GET /c/{centre}/me/calendar.ics", c.agentCalendar)
	c.mux = m
}

// home sends a signed-in user to their first page: a planner to the month of the first centre
// (or the token's), an agent to their own page.
func (c *Console) home(w http.ResponseWriter, r *http.Request) {
	l := requestLocale(w, r)
	s, err := c.sessionOf(r)
	if err != nil {
		http.Redirect(w, r, "/signin", http.StatusSeeOther)
		return
	}
	if s.Token.Role == store.RoleAgent {
		http.Redirect(w, r, "/c/"+url.PathEscape(s.Token.CentreID)+"/me", http.StatusSeeOther)
		return
	}
	centre := s.Token.CentreID
	if centre == "" {
		list, err := c.store.Centres(r.Context())
		if err != nil {
			c.failPage(w, r, l, err)
			return
		}
		if len(list) == 0 {
			c.failPage(w, r, l, &wfm.Error{Kind: wfm.KindNotFound, Message: l.T("err.nocentre")})
			return
		}
		centre = list[0].ID
	}
	http.Redirect(w, r, "/c/"+url.PathEscape(centre)+"/month", http.StatusSeeOther)
}

type signinData struct {
	Token string // the form's CSRF token
	Next  string
}

func (c *Console) signinPage(w http.ResponseWriter, r *http.Request) {
	l := requestLocale(w, r)
	c.showSignin(w, r, l, nil)
}

// showSignin renders the sign-in form with a fresh double-submit token in a cookie and the form.
func (c *Console) showSignin(w http.ResponseWriter, r *http.Request, l locale, err error) {
	tok, rerr := randomToken()
	if rerr != nil {
		c.failPage(w, r, l, rerr)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: signinCookie, Value: tok, Path: "/signin", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil, MaxAge: 3600})
	p := &page{L: l, Title: l.T("signin.title"), Data: signinData{Token: tok, Next: safeNext(r.FormValue("next"))}}
	status := http.StatusOK
	if err != nil {
		p.Err = showError(l, err)
		status = p.Err.Status
	}
	c.render(w, status, "signin", "layout", p)
}

// signin exchanges an API token's secret for a session cookie.
func (c *Console) signin(w http.ResponseWriter, r *http.Request) {
	l := requestLocale(w, r)
	ck, err := r.Cookie(signinCookie)
	if err != nil || ck.Value == "" || subtle.ConstantTimeCompare([]byte(ck.Value), []byte(r.PostFormValue("csrf"))) != 1 {
		c.showSignin(w, r, l, &wfm.Error{Kind: wfm.KindForbidden, Message: l.T("err.csrf")})
		return
	}
	secret := strings.TrimSpace(r.PostFormValue("token"))
	if secret == "" {
		c.showSignin(w, r, l, &wfm.Error{Kind: wfm.KindInvalid, Field: "token", Message: l.T("signin.empty")})
		return
	}
	tok, err := c.store.TokenBySecret(r.Context(), secret)
	if wfm.ErrorKind(err) == wfm.KindNotFound {
		c.showSignin(w, r, l, &wfm.Error{Kind: wfm.KindUnauthorized, Field: "token", Message: l.T("signin.unknown")})
		return
	}
	if err != nil {
		c.showSignin(w, r, l, err)
		return
	}
	expires := c.now().Add(c.ttl)
	value, _, err := c.store.CreateSession(r.Context(), tok, expires)
	if err != nil {
		c.showSignin(w, r, l, err)
		return
	}
	if _, err := c.store.DeleteEndedSessions(r.Context(), c.now()); err != nil {
		c.log.Warn("deleting ended sessions", "err", err)
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: value, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: r.TLS != nil, MaxAge: int(c.ttl.Seconds())})
	http.SetCookie(w, &http.Cookie{Name: signinCookie, Value: "", Path: "/signin", MaxAge: -1})
	next := safeNext(r.PostFormValue("next"))
	if next == "" {
		next = "/"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// signout ends the session (CSRF-checked) and clears the cookie.
func (c *Console) signout(w http.ResponseWriter, r *http.Request) {
	l := requestLocale(w, r)
	s, err := c.sessionOf(r)
	if err == nil {
		if subtle.ConstantTimeCompare([]byte(r.PostFormValue("csrf")), []byte(s.CSRF)) != 1 {
			c.failPage(w, r, l, &wfm.Error{Kind: wfm.KindForbidden, Message: l.T("err.csrf")})
			return
		}
		if err := c.store.DeleteSession(r.Context(), s.secret); err != nil {
			c.failPage(w, r, l, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

// safeNext keeps a post-sign-in target only when it is a path on this server.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return ""
	}
	return next
}

func urlQuery(s string) string { return url.QueryEscape(s) }
