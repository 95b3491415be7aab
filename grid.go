package wfm

import "fmt"

// Grid is the interval grid of a stretch of days: Days consecutive civil days from Start, each cut
// into MinutesPerDay/Step intervals of Step minutes. Interval i covers date Start+i/PerDay from
// minute (i mod PerDay)·Step. Every per-interval series in the product is laid out on a Grid.
type Grid struct {
	Start Date `json:"start"`
	Days  int  `json:"days"`
	Step  int  `json:"interval_minutes"`
}

// ValidateStep reports whether step minutes is a usable interval length: positive and dividing the day.
func ValidateStep(step int) error {
	if step <= 0 || MinutesPerDay%step != 0 {
		return Invalidf("interval", "interval of %d minutes does not divide a day of %d minutes", step, MinutesPerDay)
	}
	return nil
}

// Validate checks the grid's step and length, and that every day of it is a supported date.
func (g Grid) Validate() error {
	if err := ValidateStep(g.Step); err != nil {
		return err
	}
	if g.Days <= 0 {
		return Invalidf("days", "a grid needs at least one day, got %d", g.Days)
	}
	return CheckSpan("days", g.Start, g.Days)
}

// PerDay is the number of intervals in a day.
func (g Grid) PerDay() int { return MinutesPerDay / g.Step }

// Len is the number of intervals on the grid.
func (g Grid) Len() int { return g.Days * g.PerDay() }

// End is the day after the last day of the grid.
func (g Grid) End() Date { return g.Start.AddDays(g.Days) }

// At returns the date and start minute of interval i.
func (g Grid) At(i int) (Date, int) {
	p := g.PerDay()
	return g.Start.AddDays(i / p), (i % p) * g.Step
}

// Index returns the interval holding minute m of day d, and whether it lies on the grid.
func (g Grid) Index(d Date, m int) (int, bool) {
	day := int(d - g.Start)
	if day < 0 || day >= g.Days || m < 0 || m >= MinutesPerDay {
		return 0, false
	}
	return day*g.PerDay() + m/g.Step, true
}

// Label formats interval i as an ISO 8601 wall-clock time, e.g. "2026-12-01T08:30:00".
func (g Grid) Label(i int) string {
	d, m := g.At(i)
	return fmt.Sprintf("%sT%02d:%02d:00", d, m/60, m%60)
}
