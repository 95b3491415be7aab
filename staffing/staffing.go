// Package staffing turns a call forecast into the agents needed per interval (RULES.md R16, R17,
// R12, R1): for each interval the smallest number of agents on the phones that meets the service
// target under Erlang C or Erlang A, grossed up for shrinkage; how many of them must speak Minnan
// for the Minnan callers to meet the same target on the shared pool (minnan.go); and a floor of
// shift leaders.
package staffing

import (
	"fmt"
	"math"

	"wfm"
	"wfm/forecast"
	"wfm/forecast/erlang"
)

// Params are the staffing settings. The defaults follow RULES.md: 80 % of calls answered within
// 10 s, occupancy at most 85 %, shrinkage 30 %, 15 % of calls in Minnan, one leader and one agent
// on duty in every interval.
type Params struct {
	Target      erlang.Target
	Shrinkage   float64 // share of paid time not on the phones: breaks, training, absence (R17)
	MinnanShare float64 // share of calls needing a Minnan speaker when the forecast has no Minnan column (R16)
	MinLeaders  int     // leaders on duty in every interval (R12)
	MinAgents   int     // agents on duty in every interval, even when no call is expected (R1)
}

// DefaultParams returns the RULES.md defaults.
func DefaultParams() Params {
	return Params{Target: erlang.DefaultTarget(), Shrinkage: 0.3, MinnanShare: 0.15, MinLeaders: 1, MinAgents: 1}
}

// Validate reports the first setting out of range, naming it.
func (p Params) Validate() error {
	if err := p.Target.Validate(); err != nil {
		return err
	}
	if !(p.Shrinkage >= 0 && p.Shrinkage < 1) {
		return &wfm.Error{Kind: wfm.KindInvalid, Rule: "R17", Field: "shrinkage", Message: fmt.Sprintf("must be in [0, 1), got %v", p.Shrinkage)}
	}
	if !(p.MinnanShare >= 0 && p.MinnanShare <= 1) {
		return &wfm.Error{Kind: wfm.KindInvalid, Rule: "R16", Field: "minnan_share", Message: fmt.Sprintf("must be in [0, 1], got %v", p.MinnanShare)}
	}
	if p.MinLeaders < 0 || p.MinLeaders > wfm.MaxAgents {
		return &wfm.Error{Kind: wfm.KindInvalid, Rule: "R12", Field: "min_leaders", Message: fmt.Sprintf("must be from 0 to %d, got %d", wfm.MaxAgents, p.MinLeaders)}
	}
	if p.MinAgents < 0 || p.MinAgents > wfm.MaxAgents {
		return &wfm.Error{Kind: wfm.KindInvalid, Rule: "R1", Field: "min_agents", Message: fmt.Sprintf("must be from 0 to %d, got %d", wfm.MaxAgents, p.MinAgents)}
	}
	return nil
}

// Interval is the staffing of one interval. Phone is the agents on the phones it needs, the
// Erlang requirement n of the whole stream plus, when Minnan calls are expected, the speaker kept
// free for them (see minnan.go); Agents is what must be rostered, ⌈Phone/(1−shrinkage)⌉. Minnan
// is how many of the agents on the phones must speak Minnan, not grossed up a second time. The
// service level, ASA, occupancy and abandonment are those the rostered Agents give the whole
// stream after shrinkage (erlang.Projection: ⌊Agents·(1−shrinkage)⌋ ≥ Phone answering calls), the
// figure a roster exactly at this requirement projects; MinnanServiceLevel is the Minnan callers'
// own. A Closed interval (outside the forecast) needs no one.
type Interval struct {
	Closed             bool
	Calls, AHT         float64
	Phone              int
	Agents             int
	Minnan             int
	Leaders            int
	ServiceLevel       float64
	ASA                float64
	Occupancy          float64
	Abandonment        float64
	MinnanServiceLevel float64
}

// Plan is the staffing of every interval of a forecast, with the parameters that made it.
type Plan struct {
	Grid      wfm.Grid
	Params    Params
	Intervals []Interval
}

// grossUp is ⌈n/(1−s)⌉, with a tolerance so that exact quotients are not rounded up by floating error.
func grossUp(n int, s float64) int {
	return int(math.Ceil(float64(n)/(1-s) - 1e-9))
}

// Compute staffs every interval of fc that is not closed. The offered load of an interval is
// a = calls·AHT / interval length (Erlangs). The whole stream needs n = Required(a) agents on the
// phones; of the Minnan calls (calls·share, or the forecast's Minnan calls) the model of minnan.go
// derives the speakers m among them and the one more agent that keeps a speaker free.
func Compute(fc *forecast.Forecast, p Params) (*Plan, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	seconds := float64(fc.Grid.Step * 60)
	plan := &Plan{Grid: fc.Grid, Params: p, Intervals: make([]Interval, len(fc.Calls))}
	for i, calls := range fc.Calls {
		if fc.IsClosed(i) {
			plan.Intervals[i] = Interval{Closed: true, ServiceLevel: 1, MinnanServiceLevel: 1}
			continue
		}
		aht := fc.AHT[i]
		if calls > 0 && !(aht > 0) {
			return nil, intervalError(fc.Grid, i, "aht_seconds", "handling time must be positive where calls are expected")
		}
		a := calls * aht / seconds
		need, err := erlang.Required(a, aht, p.Target)
		if err != nil {
			return nil, intervalError(fc.Grid, i, "calls", err.Error())
		}
		minnanCalls := calls * p.MinnanShare
		if fc.Minnan != nil {
			minnanCalls = min(fc.Minnan[i], calls)
		}
		phone, speakers, slM := minnanSpeakers(need.Agents, a, minnanCalls*aht/seconds, aht, p.Target)
		agents := max(grossUp(phone, p.Shrinkage), p.MinAgents, p.MinLeaders)
		m := p.projection().Metrics(calls, aht, seconds, float64(agents))
		plan.Intervals[i] = Interval{
			Calls: calls, AHT: aht, Phone: phone, Agents: agents, Minnan: speakers, Leaders: p.MinLeaders,
			ServiceLevel: m.ServiceLevel, ASA: m.ASA, Occupancy: m.Occupancy, Abandonment: m.Abandonment,
			MinnanServiceLevel: slM,
		}
	}
	return plan, nil
}

// projection is how the plan's service, and the service of a roster made for it, is projected.
func (p Params) projection() erlang.Projection {
	return erlang.Projection{Within: p.Target.AnswerWithin, Patience: p.Target.Patience, Shrinkage: p.Shrinkage}
}

func intervalError(g wfm.Grid, i int, field, msg string) error {
	d, m := g.At(i)
	return &wfm.Error{Kind: wfm.KindInvalid, Rule: "R17", Field: field, Day: d.String(),
		Message: fmt.Sprintf("interval %02d:%02d: %s", m/60, m%60, msg)}
}

// Demand returns the requirement the roster must meet, with the calls and handling time per
// interval (so a roster can report its projected service level) and the weight of a missing agent
// per interval (see UnderWeights).
func (p *Plan) Demand() (*wfm.Demand, error) {
	n := len(p.Intervals)
	d := &wfm.Demand{Grid: p.Grid, Agents: make([]int, n), Minnan: make([]int, n), Leaders: make([]int, n),
		Calls: make([]float64, n), AHT: make([]float64, n), AnswerWithin: p.Params.Target.AnswerWithin,
		Patience: p.Params.Target.Patience, Shrinkage: p.Params.Shrinkage}
	for i, iv := range p.Intervals {
		d.Agents[i], d.Minnan[i], d.Leaders[i] = iv.Agents, iv.Minnan, iv.Leaders
		d.Calls[i], d.AHT[i] = iv.Calls, iv.AHT
	}
	w, err := p.UnderWeights()
	if err != nil {
		return nil, err
	}
	d.UnderWeight = w
	return d, nil
}

// underFloor is the least weight of an interval, relative to a mean of 1: an interval with
// demand but hardly any calls still counts.
const underFloor = 0.05

// UnderWeights weighs a missing agent per interval by what it costs callers: the calls it leaves
// unanswered within the target time, calls·(SL(n) − SL(n−1)) under Erlang C at the interval's
// requirement n on the phones. They are scaled so that their mean over the intervals with demand
// is 1, every value at least underFloor, so the roster's under-coverage weight keeps its meaning
// while the solver fills first the intervals where a gap hurts most.
func (p *Plan) UnderWeights() ([]float64, error) {
	seconds := float64(p.Grid.Step * 60)
	within := p.Params.Target.AnswerWithin
	raw := make([]float64, len(p.Intervals))
	total, n := 0.0, 0
	for i, iv := range p.Intervals {
		if iv.Agents > 0 {
			n++
		}
		if iv.Calls <= 0 || iv.Phone == 0 {
			continue
		}
		a := iv.Calls * iv.AHT / seconds
		hi, err := erlang.ErlangCMetrics(iv.Phone, a, iv.AHT, within)
		if err != nil {
			return nil, err
		}
		lo, err := erlang.ErlangCMetrics(iv.Phone-1, a, iv.AHT, within)
		if err != nil {
			return nil, err
		}
		raw[i] = iv.Calls * max(0, hi.ServiceLevel-lo.ServiceLevel)
		total += raw[i]
	}
	w := make([]float64, len(raw))
	if total == 0 {
		for i := range w {
			w[i] = 1
		}
		return w, nil
	}
	// mean(c), the mean over intervals with demand of max(underFloor, c·raw), grows with c from
	// underFloor; bisect for the c that makes it 1.
	mean := func(c float64) float64 {
		sum := 0.0
		for i, r := range raw {
			if p.Intervals[i].Agents > 0 {
				sum += max(underFloor, c*r)
			}
		}
		return sum / float64(n)
	}
	lo, hi := 0.0, float64(n)/total // mean(hi) ≥ 1
	for range 100 {
		if mid := (lo + hi) / 2; mean(mid) < 1 {
			lo = mid
		} else {
			hi = mid
		}
	}
	for i, r := range raw {
		w[i] = max(underFloor, hi*r)
	}
	return w, nil
}
