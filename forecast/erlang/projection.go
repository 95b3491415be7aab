package erlang

import (
	"math"

	"wfm"
)

// Projection is how a roster's service is projected from the agents it has on the phones in an
// interval: the figure a planner reads in the report, the roster what-if and the staffing plan.
//
// The roster places breaks, so its agents on the phones are already net of them; what it cannot
// place (absence on the day, training, coaching, time between calls away from the phone) is the
// shrinkage s. The agents answering calls are n = ⌊agents·(1 − s)⌋ (whole agents; trainees count
// by their factor before rounding), and the interval's calls are served by n agents under Erlang C,
// or Erlang A when callers have a patience. A staffing plan rosters ⌈n_req/(1 − s)⌉ for a
// requirement of n_req on the phones, and ⌊⌈n_req/(1 − s)⌋·(1 − s)⌋ = n_req since
// ⌈x/(1−s)⌉·(1−s) < n_req + 1 − s: a roster exactly at the requirement projects exactly the
// staffing's own service level.
type Projection struct {
	Within    float64 // service-level threshold in seconds; 0 means DefaultAnswerWithin
	Patience  float64 // mean patience of a waiting caller in seconds; 0: callers wait (Erlang C)
	Shrinkage float64 // share of the agents' phone time the roster does not place, in [0, 1)
}

// Answering returns the agents answering calls out of agents on the phones: ⌊agents·(1 −
// Shrinkage)⌋, with a tolerance for floating error.
func (p Projection) Answering(agents float64) int {
	return max(0, int(math.Floor(agents*(1-p.Shrinkage)+1e-9)))
}

// Metrics returns the service that agents on the phones give calls of mean handling time aht
// (seconds) arriving over an interval of seconds. Without calls it is the idle service (level 1).
// Where the Erlang A series cannot be summed (millions of callers waiting) Erlang C answers; an
// unstable Erlang C queue has service level 0 and infinite ASA.
func (p Projection) Metrics(calls, aht, seconds, agents float64) Metrics {
	n := p.Answering(agents)
	if !(calls > 0 && aht > 0 && seconds > 0) {
		return idle(n)
	}
	within := p.Within
	if within <= 0 {
		within = DefaultAnswerWithin
	}
	a := calls * aht / seconds
	if p.Patience > 0 {
		if m, err := ErlangAMetrics(n, a, aht, p.Patience, within); err == nil {
			return m
		}
	}
	m, err := ErlangCMetrics(n, a, aht, within)
	if err != nil {
		return Metrics{Agents: n, WaitProbability: 1, ASA: math.Inf(1), MeanWait: math.Inf(1)}
	}
	return m
}

// ProjectionFor returns the projection a roster problem's demand asks for: its threshold,
// patience and shrinkage.
func ProjectionFor(d *wfm.Demand) Projection {
	return Projection{Within: d.AnswerWithin, Patience: d.Patience, Shrinkage: d.Shrinkage}
}
