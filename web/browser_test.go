package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"wfm/internal/browsertest"

	"wfm/store"
)

// TestBrowser drives the console in headless Chromium as a planner and as agents do: sign in,
// solve a month and watch it finish live (server-sent events), publish it, edit a day and see the
// violated rule named, save a clean edit, approve a leave request from the inbox and see the new
// version, move a what-if slider, propose a re-plan, list the downloads; then, as a colleague of
// the agent on leave, find the leave reason nowhere. On every page: every control has an
// accessible name and is reached by the Tab key, and no request goes to any host but the
// server. With WFM_SCREENSHOT_DIR set, each page is saved as console-<page>.png there. Without
// /usr/bin/chromium the test is skipped, unless WFM_REQUIRE_BROWSER=1.
func TestBrowser(t *testing.T) {
	bctx := browsertest.Browser(t, 3*time.Minute)
	e := newEnv(t, "sqlite", 30)
	server, _ := url.Parse(e.url)

	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var foreign []string
	requests := 0
	if err := chromedp.Listen(bctx, func(ev any) {
		if r, ok := ev.(*network.EventRequestWillBeSent); ok {
			u, err := url.Parse(r.Request.URL)
			mu.Lock()
			defer mu.Unlock()
			requests++
			if err != nil || (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "ws" || u.Scheme == "wss") && u.Host != server.Host {
				foreign = append(foreign, r.Request.URL)
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(bctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}

	b := &chrome{t: t, ctx: bctx, base: e.url}
	shots := os.Getenv("WFM_SCREENSHOT_DIR")

	// Sign in as the planner.
	b.open("/signin")
	b.shot(shots, "signin")
	b.accessible("signin")
	b.eval(fmt.Sprintf(`document.querySelector('#token').value = %q; document.querySelector('form.signin button').click(); true`, e.planner))
	b.waitFor(`location.pathname.endsWith('/month')`)

	// Solve the month with a 2-s budget and watch it end live.
	b.open(e.c("/solve?month=" + testMonth))
	b.accessible("solve")
	b.eval(`document.querySelector('#s-seconds').value = '2'; document.querySelector('form.bar button').click(); true`)
	b.waitFor(`location.pathname.includes('/solve/')`)
	b.waitFor(`document.querySelector('#compare') !== null`) // the page reloads itself on the stream's end event
	b.shot(shots, "solve")
	b.accessible("solve status")
	b.eval(`document.querySelector('#publish').click(); true`)
	b.waitFor(`document.querySelector('#roster-grid') !== null`)
	if got := b.count(`#roster-grid tbody tr`); got != 30 {
		t.Errorf("the grid shows %d agents, want 30", got)
	}
	if !b.has(`document.body.textContent.includes('已发布。')`) {
		t.Error("no message that the roster was published")
	}
	b.eval(`document.querySelector('#chart-date').selectedIndex = 9; document.querySelector('#chart-date').form.querySelector('button').click(); true`)
	b.waitFor(`document.querySelector('#day-chart svg.coverage-chart') !== null`)
	b.shot(shots, "month")
	b.accessible("month")

	// Edit a day: a night shift for a day agent is named R22 at once; a clean edit is saved.
	pub, err := e.store.PublishedRoster(bctx, e.centre, testMonth)
	if err != nil {
		t.Fatal(err)
	}
	v := mustVersion(t, pub)
	agent, night, work := e.dayAgent(t), "", ""
	for _, sh := range v.P.Shifts {
		if sh.IsNight(v.P.Rules) {
			night = sh.ID
		}
	}
	for _, sch := range v.R.Schedules {
		for _, d := range sch.Days {
			if sch.Agent == agent && d.Working() && work == "" {
				work = d.Date.String()
			}
		}
	}
	b.open(e.c(fmt.Sprintf("/edit?roster=%s&agent=%s&date=%s", pub.ID, agent, work)))
	b.eval(fmt.Sprintf(`const s = document.querySelector('#e-shift'); s.value = %q; s.dispatchEvent(new Event('change', {bubbles: true})); true`, night))
	b.waitFor(`document.querySelector('#edit-result').textContent.includes('R22')`)
	b.shot(shots, "edit")
	b.accessible("edit")
	ok := cleanEdit(t, v)
	b.eval(fmt.Sprintf(`document.querySelector('#e-agent').value = %q; document.querySelector('#e-date').value = %q;
		document.querySelector('#e-shift').value = %q; document.querySelector('#save').click(); true`, ok.Agent, ok.Date, ok.Shift))
	b.waitFor(`document.body.textContent.includes('已保存为新版本。')`)

	// An agent's sick leave, approved from the inbox: the month shows the new version.
	sick := agentOn(t, e, ok.Agent)
	const reason = "家里老人住院"
	agentSecret := e.token(t, store.Token{Role: store.RoleAgent, CentreID: e.centre, AgentID: sick.agent})
	e.apiCall(t, agentSecret, "POST", "/centres/"+e.centre+"/leave", map[string]any{"type": "sick", "from": sick.day, "to": sick.day,
		"reason": reason}, http.StatusCreated)
	b.open(e.c("/requests"))
	if !b.has(fmt.Sprintf(`document.body.textContent.includes(%q)`, reason)) {
		t.Error("the planner's inbox does not show the reason")
	}
	b.shot(shots, "requests")
	b.accessible("requests")
	b.eval(`document.querySelector('article.request .decide form button').click(); true`)
	b.waitFor(`document.body.textContent.includes('已批准。')`)
	if !b.has(`document.querySelector('.sub').textContent.includes('v3')`) {
		t.Errorf("after the approval the month shows %q, want version v3", b.text(`.sub`))
	}

	// What-if: a slider's move recomputes the staffing.
	fc := e.apiCall(t, e.planner, "POST", "/centres/"+e.centre+"/forecasts", map[string]any{"start": "2026-12-01", "days": 31}, http.StatusCreated)
	b.open(e.c("/whatif?forecast=" + fc["id"].(string)))
	before := b.text(`#wi-hours`)
	b.eval(`const s = document.querySelector('#w-volume'); s.value = 150; s.dispatchEvent(new Event('input', {bubbles: true})); true`)
	b.waitFor(fmt.Sprintf(`document.querySelector('#wi-hours') && document.querySelector('#wi-hours').textContent !== %q`, before))
	b.shot(shots, "whatif")
	b.accessible("what-if")

	// Intraday: the re-plan proposed for a busier afternoon.
	cur, _ := e.store.PublishedRoster(bctx, e.centre, testMonth)
	b.open(e.c("/intraday?roster=" + cur.ID + "&date=2026-12-10&from=600&factor=1.6&propose=1"))
	b.waitFor(`document.querySelector('#after-chart') !== null`)
	b.shot(shots, "intraday")
	b.accessible("intraday")
	b.open(e.c("/downloads"))
	b.shot(shots, "downloads")
	b.accessible("downloads")
	b.open(e.c("/month?lang=en"))
	b.waitFor(`document.documentElement.lang === 'en'`)
	b.shot(shots, "month-en")
	b.open(e.c("/month?lang=zh"))
	b.eval(`document.querySelector('.tools form button').click(); true`)
	b.waitFor(`location.pathname === '/signin'`)

	// A colleague finds the leave reason nowhere: not in the page, not in its requests.
	colleague := ""
	for _, a := range e.agents {
		if a.ID != sick.agent {
			colleague = a.ID
			break
		}
	}
	secret := e.token(t, store.Token{Role: store.RoleAgent, CentreID: e.centre, AgentID: colleague})
	b.eval(fmt.Sprintf(`document.querySelector('#token').value = %q; document.querySelector('form.signin button').click(); true`, secret))
	b.waitFor(`location.pathname.endsWith('/me')`)
	b.open(e.c("/me?month=" + testMonth))
	b.waitFor(`document.querySelector('#roster-grid') !== null`)
	if b.has(fmt.Sprintf(`document.documentElement.outerHTML.includes(%q)`, reason)) {
		t.Error("a colleague's page shows the leave reason")
	}
	if b.has(`document.documentElement.outerHTML.includes('林丽')`) {
		t.Error("a colleague's page shows colleagues' names")
	}
	b.shot(shots, "agent")
	b.accessible("agent")

	mu.Lock()
	defer mu.Unlock()
	if requests == 0 {
		t.Error("no network request was seen: the listener did not work")
	}
	if len(foreign) > 0 {
		t.Errorf("requests to hosts other than the server: %v", foreign)
	}
}

// chrome drives one browser tab.
type chrome struct {
	t    *testing.T
	ctx  context.Context
	base string
}

func (b *chrome) open(path string) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Navigate(b.base+path)); err != nil {
		b.t.Fatalf("open %s: %v", path, err)
	}
	b.waitFor(`true`) // the page has loaded
}

func (b *chrome) eval(expr string) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](expr)); err != nil {
		b.t.Fatalf("%s: %v", expr, err)
	}
}

func (b *chrome) has(expr string) bool {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](expr))
	if err != nil {
		b.t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func (b *chrome) count(sel string) int {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, sel)))
	if err != nil {
		b.t.Fatal(err)
	}
	return v
}

func (b *chrome) text(sel string) string {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](fmt.Sprintf(`(document.querySelector(%q) || {textContent: ''}).textContent`, sel)))
	if err != nil {
		b.t.Fatal(err)
	}
	return v
}

// waitFor polls a condition until it holds on a fully parsed page (60 s at most: a page load, a
// 2-s solve's end). A page still loading may show an element before its last rows are parsed,
// so a condition counts only once document.readyState is 'complete'.
func (b *chrome) waitFor(expr string) {
	b.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		v, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`(() => { try { return document.readyState === 'complete' && !!(`+expr+`); } catch (e) { return false; } })()`))
		if err == nil && v {
			return
		}
		if time.Now().After(deadline) {
			loc, _ := chromedp.Run(b.ctx, chromedp.Location())
			body, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 1500) : ''`))
			b.t.Fatalf("waited 60 s for %s on %s (%v):\n%s", expr, loc, err, body)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// accessible checks the page's controls: each input, select, button and link has an accessible
// name (a label, aria-label or aria-labelledby, or its own text) and pressing Tab from the top of
// the page reaches every one of them.
func (b *chrome) accessible(page string) {
	b.t.Helper()
	unnamed, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`(() => {
		const out = [];
		const ctrls = [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button, a[href]')]
			.filter(el => el.getClientRects().length > 0 || el.classList.contains('skip'));
		ctrls.forEach((el, i) => {
			el.dataset.a11y = i;
			let name = (el.getAttribute('aria-label') || '').trim();
			if (!name && el.labels && el.labels.length) name = [...el.labels].map(l => l.textContent).join(' ').trim();
			if (!name && el.getAttribute('aria-labelledby')) name = el.getAttribute('aria-labelledby').split(' ')
				.map(id => (document.getElementById(id) || {textContent: ''}).textContent).join(' ').trim();
			if (!name && (el.tagName === 'BUTTON' || el.tagName === 'A')) name = el.textContent.trim();
			if (!name) out.push(el.outerHTML.slice(0, 120));
		});
		window.__controls = ctrls.length;
		return out;
	})()`))
	if err != nil {
		b.t.Fatal(err)
	}
	if len(unnamed) > 0 {
		b.t.Errorf("%s: controls without an accessible name: %v", page, unnamed)
	}
	n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`(document.activeElement && document.activeElement.blur(), window.scrollTo(0, 0), window.__controls)`))
	if err != nil {
		b.t.Fatal(err)
	}
	seen := map[int]bool{}
	for range 3*n + 5 { // a date input takes a stop per part (year, month, day)
		if err := chromedp.Do(b.ctx, chromedp.KeyEvent("\t")); err != nil {
			b.t.Fatal(err)
		}
		i, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.activeElement && document.activeElement.dataset.a11y !== undefined ? +document.activeElement.dataset.a11y : -1`))
		if err != nil {
			b.t.Fatal(err)
		}
		seen[i] = true
	}
	var missed []int
	for i := range n {
		if !seen[i] {
			missed = append(missed, i)
		}
	}
	if len(missed) > 0 {
		html, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](fmt.Sprintf(`[%s].map(i => document.querySelector('[data-a11y="'+i+'"]').outerHTML.slice(0, 100)).join('\n')`,
			strings.Trim(strings.Join(strings.Fields(fmt.Sprint(missed)), ","), "[]"))))
		b.t.Errorf("%s: Tab never reached %d of %d controls:\n%s", page, len(missed), n, html)
	}
}

// shot saves a full-page screenshot as console-<name>.png in dir, when dir is set.
func (b *chrome) shot(dir, name string) {
	b.t.Helper()
	if dir == "" {
		return
	}
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100)) // quality 100: PNG
	if err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "console-"+name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}
