package erlang

import (
	"math"

	"wfm"
)

// The values of [DefaultTarget].
const (
	DefaultServiceLevel = 0.8  // answer 80 % of calls …
	DefaultAnswerWithin = 10.0 // … within 10 seconds
	DefaultMaxOccupancy = 0.85 // keep agents busy at most 85 % of the time
)

// MaxAgents is the largest staffing [Required] considers; it returns an error rather than search
// beyond it. It is ten times the largest supported load.
const MaxAgents = 100_000

// Target is the staffing goal of one interval. Every constraint must hold at once. The zero Target
// is invalid; start from [DefaultTarget].
type Target struct {
	// ServiceLevel is the fraction of offered calls to answer within AnswerWithin, in (0, 1].
	ServiceLevel float64
	// AnswerWithin is the service-level threshold in seconds, greater than 0.
	AnswerWithin float64
	// MaxOccupancy caps the occupancy, in (0, 1]; 0 means no cap.
	MaxOccupancy float64
	// MaxASA bounds the ASA in seconds, greater than 0; 0 means no bound.
	MaxASA float64
	// Patience is the callers' mean patience in seconds. 0 means callers never hang up and the
	// queue is Erlang C; a value greater than 0 selects Erlang A.
	Patience float64
}

// DefaultTarget returns the usual contact-centre goal: 80 % of calls answered within 10 seconds
// and occupancy at most 85 %, with no ASA bound and callers who never hang up (Erlang C).
func DefaultTarget() Target {
	return Target{
		ServiceLevel: DefaultServiceLevel,
		AnswerWithin: DefaultAnswerWithin,
		MaxOccupancy: DefaultMaxOccupancy,
	}
}

// Validate reports the first field of t that is out of its domain, as a *wfm.Error of kind
// wfm.KindInvalid naming the field.
func (t Target) Validate() error {
	if !(t.ServiceLevel > 0 && t.ServiceLevel <= 1) {
		return wfm.Invalidf("ServiceLevel", "must be a fraction in (0, 1], got %v", t.ServiceLevel)
	}
	if err := checkPositive("AnswerWithin", t.AnswerWithin); err != nil {
		return err
	}
	if t.MaxOccupancy != 0 && !(t.MaxOccupancy > 0 && t.MaxOccupancy <= 1) {
		return wfm.Invalidf("MaxOccupancy", "must be a fraction in (0, 1], or 0 for no cap, got %v", t.MaxOccupancy)
	}
	if t.MaxASA != 0 {
		if err := checkPositive("MaxASA", t.MaxASA); err != nil {
			return err
		}
	}
	if t.Patience != 0 {
		return checkPositive("Patience", t.Patience)
	}
	return nil
}

// occupancyCap returns the occupancy no staffing may exceed: MaxOccupancy, or 1 when uncapped.
func (t Target) occupancyCap() float64 {
	if t.MaxOccupancy == 0 {
		return 1
	}
	return t.MaxOccupancy
}

// met reports whether metrics m meet every constraint of t.
func (t Target) met(m Metrics) bool {
	return m.ServiceLevel >= t.ServiceLevel &&
		(t.MaxOccupancy == 0 || m.Occupancy <= t.MaxOccupancy) &&
		(t.MaxASA == 0 || m.ASA <= t.MaxASA)
}

// Required returns the smallest number of agents n whose metrics meet every constraint of target
// for load a Erlangs and mean handling time aht seconds, together with those metrics: Erlang C
// when target.Patience is 0, Erlang A otherwise. A load of 0 needs 0 agents, whatever the AHT,
// which is then neither used nor checked: an interval without calls has no handling time.
//
// The search never looks below a bound that no smaller staffing can beat:
//
//   - Erlang C needs n > a for a steady state, and its occupancy a/n must not exceed the cap
//     MaxOccupancy (1 when there is none): n_lo = max(⌊a⌋ + 1, ⌊a/cap⌋).
//   - In Erlang A the service level cannot exceed the answered fraction, and the carried load
//     a·P(answered) is the occupancy times n, so SL·a ≤ a·P(answered) = occupancy·n ≤ cap·n:
//     n_lo = max(1, ⌊a·ServiceLevel/cap⌋).
//
// It starts from a guess: n_lo for Erlang C, whose evaluations cost next to nothing, and for
// Erlang A, whose evaluations sum a series, the Erlang C answer to the same target, usually within
// an agent or two. From the guess it walks away with doubling steps (g+1, g+3, g+7, … while the
// target is missed, g−1, g−3, g−7, … while it is met) and then bisects the last step. Every probe
// lies above the largest staffing already found insufficient, so Erlang B is carried upward from
// there by the recursion of [ErlangB] and never recomputed from n = 0; the model is evaluated
// O(log |n − g|) times.
//
// Walking and bisecting rely on every constraint, once met, staying met as n grows: the service
// level rises and the ASA and occupancy fall with n. That holds for Erlang C, where C(n, a) falls
// with n, and for Erlang A, where more agents shorten every wait and so every abandonment; the
// tests check it over the supported range.
//
// An error is returned for an invalid load, AHT or target, when no staffing up to [MaxAgents]
// meets the target, or when Erlang A cannot be evaluated (see [ErlangAMetrics]).
func Required(a, aht float64, target Target) (Metrics, error) {
	if err := checkLoad(a); err != nil {
		return Metrics{}, err
	}
	if err := target.Validate(); err != nil {
		return Metrics{}, err
	}
	if a == 0 {
		return idle(0), nil
	}
	if err := checkPositive("aht", aht); err != nil {
		return Metrics{}, err
	}
	switch {
	case target.Patience == 0:
		return requiredErlangC(a, aht, target)
	default:
		return requiredErlangA(a, aht, target)
	}
}

// requiredErlangC is [Required] for Erlang C and a valid load a > 0, AHT and target.
func requiredErlangC(a, aht float64, target Target) (Metrics, error) {
	lo := max(math.Floor(a)+1, math.Floor(a/target.occupancyCap()))
	if lo > MaxAgents {
		return Metrics{}, tooMany()
	}
	s := newSearch(a, int(lo), target, func(n int, b float64) (Metrics, error) {
		return erlangC(n, a, b, aht, target.AnswerWithin), nil
	})
	return s.smallest(int(lo))
}

// requiredErlangA is [Required] for Erlang A and a valid load a > 0, AHT and target.
func requiredErlangA(a, aht float64, target Target) (Metrics, error) {
	lo := max(1, math.Floor(a*target.ServiceLevel/target.occupancyCap()))
	if lo > MaxAgents {
		return Metrics{}, tooMany()
	}
	guess := int(lo)
	erlangCTarget := target
	erlangCTarget.Patience = 0
	if m, err := requiredErlangC(a, aht, erlangCTarget); err == nil {
		guess = max(guess, m.Agents)
	}
	s := newSearch(a, int(lo), target, func(n int, b float64) (Metrics, error) {
		return erlangA(n, a, b, aht, target.Patience, target.AnswerWithin)
	})
	return s.smallest(guess)
}

// search is the state of a staffing search: the largest staffing known to miss the target, and
// B(n, a) there to carry upward.
type search struct {
	a        float64
	fail     int     // every n ≤ fail misses the target
	b        float64 // B(fail, a)
	evaluate func(n int, b float64) (Metrics, error)
	target   Target
}

// newSearch returns a search for the smallest n ≥ lo meeting target, given that every n < lo
// misses it; evaluate receives n and B(n, a).
func newSearch(a float64, lo int, target Target, evaluate func(n int, b float64) (Metrics, error)) *search {
	return &search{a: a, fail: lo - 1, b: advanceB(1, 0, lo-1, a), evaluate: evaluate, target: target}
}

// probe evaluates n > s.fail and reports whether it meets the target; a miss raises s.fail to n.
func (s *search) probe(n int) (Metrics, bool, error) {
	b := advanceB(s.b, s.fail, n, s.a)
	m, err := s.evaluate(n, b)
	if err != nil {
		return Metrics{}, false, err
	}
	if s.target.met(m) {
		return m, true, nil
	}
	s.fail, s.b = n, b
	return m, false, nil
}

// smallest returns the metrics of the smallest staffing up to MaxAgents that meets the target,
// searching from guess > s.fail as [Required] describes.
func (s *search) smallest(guess int) (Metrics, error) {
	best, ok, err := s.probe(guess)
	if err != nil {
		return Metrics{}, err
	}
	if ok {
		for step := 1; best.Agents-step > s.fail; step *= 2 {
			m, ok, err := s.probe(best.Agents - step)
			if err != nil {
				return Metrics{}, err
			}
			if !ok {
				break
			}
			best = m
		}
	} else {
		for step := 1; !ok; step *= 2 {
			if s.fail == MaxAgents {
				return Metrics{}, tooMany()
			}
			if best, ok, err = s.probe(min(s.fail+step, MaxAgents)); err != nil {
				return Metrics{}, err
			}
		}
	}
	// The answer lies in (s.fail, best.Agents].
	for best.Agents-s.fail > 1 {
		m, ok, err := s.probe(s.fail + (best.Agents-s.fail)/2)
		if err != nil {
			return Metrics{}, err
		}
		if ok {
			best = m
		}
	}
	return best, nil
}

// tooMany is the error of a target that no staffing up to MaxAgents meets.
func tooMany() error {
	return wfm.Invalidf("", "no staffing of at most %d agents meets the target", MaxAgents)
}
