package wfm

import "fmt"

// Demand is the staffing requirement per interval of Grid: how many agents must be rostered, how
// many of them must speak Minnan (R16) and how many shift leaders must be on duty (R12). It is the
// hand-over from forecasting to rostering; each slice has Grid.Len() entries.
//
// UnderWeight, when present, weighs a missing agent per interval (see Objective); staffing sets it
// to the calls a missing agent leaves unanswered within the target time, so the solver fills the
// intervals where a gap hurts most. Calls and AHT, when present, let a roster report its projected
// service level per interval.
type Demand struct {
	Grid        Grid      `json:"grid"`
	Agents      []int     `json:"agents"`
	Minnan      []int     `json:"minnan"`
	Leaders     []int     `json:"leaders"`
	UnderWeight []float64 `json:"under_weight,omitempty"`
	Calls       []float64 `json:"calls,omitempty"`
	AHT         []float64 `json:"aht_seconds,omitempty"`
	// AnswerWithin is the service-level threshold in seconds the projection uses (R17); 0 means 10.
	AnswerWithin float64 `json:"answer_within_s,omitempty"`
	// Patience is the callers' mean patience in seconds the projection uses: 0, callers wait
	// (Erlang C); more, Erlang A with abandonment.
	Patience float64 `json:"patience_s,omitempty"`
	// Shrinkage is the share of the agents' phone time that the roster does not place (absence,
	// training; breaks are placed by the roster): the projection counts ⌊on the phones·(1 −
	// Shrinkage)⌋ agents answering calls, the number the staffing sized the demand for.
	Shrinkage float64 `json:"shrinkage,omitempty"`
}

// Validate checks that every slice matches the grid and holds values within their bounds: counts
// of agents from 0 to MaxAgents, under-coverage weights to MaxWeight, calls to MaxIntervalCalls and
// handling times to MaxAHTSeconds (see MaxObjective for why).
func (d *Demand) Validate() error {
	if err := d.Grid.Validate(); err != nil {
		return err
	}
	if !(d.AnswerWithin >= 0 && d.AnswerWithin <= 3600) {
		return Invalidf("answer_within_s", "must be between 0 and 3600 seconds, got %v", d.AnswerWithin)
	}
	if !(d.Patience >= 0 && d.Patience <= 7200) {
		return Invalidf("patience_s", "must be between 0 and 7200 seconds, got %v", d.Patience)
	}
	if !(d.Shrinkage >= 0 && d.Shrinkage <= 0.9) {
		return Invalidf("shrinkage", "must be between 0 and 0.9, got %v", d.Shrinkage)
	}
	n := d.Grid.Len()
	for _, s := range []struct {
		name string
		v    []int
	}{{"agents", d.Agents}, {"minnan", d.Minnan}, {"leaders", d.Leaders}} {
		if len(s.v) != n {
			return Invalidf(s.name, "demand has %d values for a grid of %d intervals", len(s.v), n)
		}
		for i, x := range s.v {
			if x < 0 || x > MaxAgents {
				date, m := d.Grid.At(i)
				return &Error{Kind: KindInvalid, Field: s.name, Day: date.String(),
					Message: fmt.Sprintf("requirement %d at %02d:%02d is not from 0 to %d", x, m/60, m%60, MaxAgents)}
			}
		}
	}
	for _, s := range []struct {
		name string
		v    []float64
		most float64
	}{{"under_weight", d.UnderWeight, MaxWeight}, {"calls", d.Calls, MaxIntervalCalls}, {"aht_seconds", d.AHT, MaxAHTSeconds}} {
		if s.v == nil {
			continue
		}
		if len(s.v) != n {
			return Invalidf(s.name, "demand has %d values for a grid of %d intervals", len(s.v), n)
		}
		for i, x := range s.v {
			if !(x >= 0 && x <= s.most) {
				date, m := d.Grid.At(i)
				return &Error{Kind: KindInvalid, Field: s.name, Day: date.String(),
					Message: fmt.Sprintf("value %v at %02d:%02d is not a number from 0 to %g", x, m/60, m%60, s.most)}
			}
		}
	}
	return nil
}
