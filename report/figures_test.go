package report

import (
	"math"
	"strings"
	"testing"

	"wfm/solver/validate"
)

// TestCoverageFigures checks the figures against the checker's coverage: the month's shortfall is
// Σ_t max(0, required − on) and the days add up to it; a day's chart is the report's SVG.
func TestCoverageFigures(t *testing.T) {
	in := generatedInput(t)
	f, err := CoverageFigures(in)
	if err != nil {
		t.Fatal(err)
	}
	cov := validate.Check(in.Problem, in.Roster).Coverage
	want := 0.0
	for i, req := range cov.Required {
		want += math.Max(0, float64(req)-cov.OnPhones[i])
	}
	if math.Abs(f.Month.ShortAgentIntervals-want) > 1e-6 {
		t.Errorf("month short %v agent-intervals, the checker's coverage %v", f.Month.ShortAgentIntervals, want)
	}
	if len(f.Days) != in.Problem.Horizon.Days || !f.HasCover {
		t.Fatalf("%d days of figures for %d horizon days", len(f.Days), in.Problem.Horizon.Days)
	}
	sum := 0.0
	for _, d := range f.Days {
		sum += d.ShortHours
	}
	if math.Abs(sum-f.Month.ShortHours) > 1e-6 {
		t.Errorf("days add up to %v short hours, the month %v", sum, f.Month.ShortHours)
	}
	if math.IsNaN(f.Month.ServiceLevel) || f.Month.ServiceLevel <= 0 || f.Month.ServiceLevel > 1 {
		t.Errorf("service level %v", f.Month.ServiceLevel)
	}
	svg, err := DayChart(in, f.Days[2].Date, "c2")
	if err != nil || !strings.HasPrefix(svg, `<svg id="c2"`) {
		t.Errorf("day chart %.60q (%v)", svg, err)
	}
	if _, err := DayChart(in, in.Problem.Horizon.Start.AddDays(-1), "x"); err == nil {
		t.Error("a chart of a day before the roster was drawn")
	}
}
