package report

import (
	"bytes"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"wfm/internal/browsertest"
)

// TestBrowser opens report.html in headless Chromium and checks that the coverage charts and
// the roster grid are rendered, that the page loads nothing from anywhere, and that a full-page
// screenshot is not blank. The input is a generated 30-agent week solved deterministically, or the
// problem and roster named by WFM_REPORT_PROBLEM and WFM_REPORT_ROSTER. The screenshot is kept
// at WFM_SCREENSHOT when set; WFM_SCREENSHOT_DIR, when set, receives one screenshot per section.
// Without /usr/bin/chromium the test is skipped, unless WFM_REQUIRE_BROWSER=1.
func TestBrowser(t *testing.T) {
	bctx := browsertest.Browser(t, 90*time.Second)
	var in Input
	if p, r := os.Getenv("WFM_REPORT_PROBLEM"), os.Getenv("WFM_REPORT_ROSTER"); p != "" && r != "" {
		prob, ros := readFiles(t, p, r)
		in = Input{Problem: prob, Roster: ros, Title: "Demo centre — " + prob.Horizon.Start.Time(time.UTC).Format("January 2006")}
	} else {
		in = generatedInput(t)
	}
	in.Generated = fixedTime
	dir := t.TempDir()
	if _, err := WriteAll(dir, in); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, FileHTML)

	u := url.URL{Scheme: "file", Path: page}
	if err := chromedp.Do(bctx,
		chromedp.EmulateViewport(1400, 900),
		chromedp.Navigate(u.String()),
		chromedp.WaitReady(chromedp.CSS("#roster-grid")),
	); err != nil {
		t.Fatal(err)
	}
	eval := func(expr string) int {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Evaluate[int](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	days := in.Problem.Horizon.Days
	if got := eval(`document.querySelectorAll('svg.coverage-chart').length`); got != days {
		t.Errorf("%d coverage charts rendered, want %d", got, days)
	}
	if got := eval(`Math.round(document.querySelector('svg.coverage-chart').getBoundingClientRect().width)`); got < 200 {
		t.Errorf("a coverage chart is %d px wide", got)
	}
	if got := eval(`document.querySelectorAll('svg.coverage-chart path.req').length`); got != days {
		t.Errorf("%d required-agents lines drawn, want %d", got, days)
	}
	agents := len(in.Problem.Agents)
	if got := eval(`document.querySelectorAll('#roster-grid tbody tr.agent').length`); got != agents {
		t.Errorf("roster grid has %d agent rows, want %d", got, agents)
	}
	// One header row, a heading row per group, a row per agent, three footer rows.
	groups := eval(`document.querySelectorAll('#roster-grid tbody tr.grp').length`)
	if got, want := eval(`document.querySelectorAll('#roster-grid tr').length`), 1+groups+agents+3; got != want {
		t.Errorf("roster grid has %d rows, want %d", got, want)
	}
	if got := eval(`document.querySelector('#roster-grid tbody tr.agent').querySelectorAll('td').length`); got != days+2 {
		t.Errorf("first agent row has %d cells, want %d", got, days+2)
	}
	if got := eval(`document.querySelectorAll('#agent-totals tbody tr').length`); got != agents {
		t.Errorf("per-agent table has %d rows, want %d", got, agents)
	}
	if got := eval(`performance.getEntriesByType('resource').length`); got != 0 {
		t.Errorf("the page loaded %d resources; it must be self-contained", got)
	}
	// The grid header sticks while the grid scrolls.
	if got := eval(`(() => { const w = document.querySelector('#roster .wrap'); w.scrollTop = 200;
		const d = w.getBoundingClientRect().top - document.querySelector('#roster-grid thead th').getBoundingClientRect().top;
		w.scrollTop = 0; return Math.round(Math.abs(d)); })()`); got > 2 {
		t.Errorf("grid header moved %d px away from the top of its scroll box", got)
	}

	shot, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if len(shot) < 20<<10 {
		t.Errorf("screenshot is only %d bytes", len(shot))
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	t.Logf("screenshot %dx%d, %d bytes", img.Bounds().Dx(), img.Bounds().Dy(), len(shot))
	if err := os.WriteFile(filepath.Join(t.TempDir(), "report.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
	if path := os.Getenv("WFM_SCREENSHOT"); path != "" {
		if err := os.WriteFile(path, shot, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot written to %s", path)
	}
	if out := os.Getenv("WFM_SCREENSHOT_DIR"); out != "" {
		for name, sel := range map[string]string{"header": "header", "coverage": "#coverage .charts",
			"coverage-days": "#coverage-days", "roster": "#roster", "agents": "#agents", "checks": "#checks", "settings": "#settings", "chart": "#coverage figure:nth-child(7)", "legend": "#coverage .legend"} {
			scale := 1.0
			if name == "chart" {
				scale = 2.5
			}
			b, err := chromedp.Run(bctx, chromedp.ScreenshotScale(chromedp.CSS(sel), scale))
			if err != nil {
				t.Fatalf("%s: %v", sel, err)
			}
			if err := os.WriteFile(filepath.Join(out, name+".png"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		// The page as the print stylesheet lays it out.
		if _, err := chromedp.Call(bctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		b, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, "print.png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
