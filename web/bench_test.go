package web

import (
	"fmt"
	"net/http"
	"regexp"
	"testing"
)

// BenchmarkConsole measures, on a 150-agent centre with a published December (SQLite, one
// process, over real HTTP on the loopback): the month page (the roster grid, coverage and
// summary), rendered and sent in full, with its size; and a what-if slider's answer (a month of
// Erlang staffing for the scenario and its fragment). Targets: the month page in under 1 s and
// under 1 MB, a slider's answer in under 100 ms.
func BenchmarkConsole(b *testing.B) {
	e := newEnv(b, "sqlite", 150)
	e.solveAndPublish(b, 5)
	pl := e.signIn(b, e.planner)
	b.Run("month-page-150-agents", func(b *testing.B) {
		size := 0
		for b.Loop() {
			size = len(pl.get(e.c("/month?month="+testMonth), http.StatusOK))
		}
		b.ReportMetric(float64(size), "bytes/page")
	})
	wi := pl.post(e.c("/whatif/forecast"), map[string][]string{"month": {testMonth}}, http.StatusOK)
	fid := regexp.MustCompile(`name="forecast" value="([a-z0-9]+)"`).FindStringSubmatch(wi)[1]
	b.Run("whatif-slider", func(b *testing.B) {
		i := 0
		for b.Loop() {
			i++
			pl.get(e.c(fmt.Sprintf("/whatif/answer?forecast=%s&volume=%d&aht=%d", fid, 60+i%140, 80+i%40)), http.StatusOK)
		}
	})
}
