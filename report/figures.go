package report

import (
	"errors"
	"math"

	"wfm"
)

// Figures are the coverage numbers the report leads with, for another front end (the console)
// to show in its own words: the whole horizon and each day, with the checker's verdict.
type Figures struct {
	Month      Stretch
	Days       []DayFigures // one per horizon day; empty without interval demand
	Violations []wfm.Violation
	Objective  float64 // the checker's total
	HasCover   bool    // the problem has interval demand
}

// Stretch sums a stretch of intervals as the report's summary and charts do.
type Stretch struct {
	RequiredHours, OnPhoneHours float64 // agent-hours
	ShortHours                  float64 // Σ max(0, required − on the phones) × interval hours
	ShortIntervals              int
	ShortAgentIntervals         float64 // Σ max(0, required − on the phones)
	ServiceLevel                float64 // calls-weighted mean projected service level; NaN when none
	Calls                       float64
}

// DayFigures is one day of Figures.
type DayFigures struct {
	Date wfm.Date
	Stretch
}

// CoverageFigures computes in's Figures.
func CoverageFigures(in Input) (*Figures, error) {
	m, err := newModel(in)
	if err != nil {
		return nil, err
	}
	f := &Figures{Violations: m.check.Violations, Objective: m.check.Objective.Total, HasCover: m.cov != nil}
	if m.cov == nil {
		f.Month.ServiceLevel = math.NaN()
		return f, nil
	}
	f.Month = m.cov.all().stretch(m.cov.hours)
	for _, d := range m.days {
		gk := int(d.date - m.cov.grid.Start)
		if gk < 0 || gk >= m.cov.grid.Days {
			continue
		}
		f.Days = append(f.Days, DayFigures{Date: d.date, Stretch: m.cov.day(gk).stretch(m.cov.hours)})
	}
	return f, nil
}

func (s stats) stretch(hours float64) Stretch {
	return Stretch{RequiredHours: s.reqHours, OnPhoneHours: s.onHours, ShortHours: s.shortHours, ShortIntervals: s.shortIntervals,
		ShortAgentIntervals: s.shortHours / hours, ServiceLevel: s.sl, Calls: s.calls}
}

// DayChart returns the report's coverage chart of day d (an SVG element, see chartSVG) on the
// month's shared scale, with id as the element's id.
func DayChart(in Input, d wfm.Date, id string) (string, error) {
	m, err := newModel(in)
	if err != nil {
		return "", err
	}
	if m.cov == nil {
		return "", errors.New("report: the problem has no interval demand to chart")
	}
	k, gk := int(d-m.p.Horizon.Start), int(d-m.cov.grid.Start)
	if k < 0 || k >= len(m.days) || gk < 0 || gk >= m.cov.grid.Days {
		return "", errors.New("report: " + d.String() + " is outside the roster")
	}
	return m.chartSVG(id, k, gk, agentScale(m.cov)), nil
}
