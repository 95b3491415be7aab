package solver

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"time"

	"wfm"
)

// Intraday re-plan (RULES.md R5: "when call volume changes suddenly, the centre may move shifts or
// meal times"). Given a published roster and a new demand for the rest of one day, Replan moves the
// breaks that have not started yet (and, when allowed, the start of shifts that have not started
// yet, by a bounded amount) so that coverage follows the new demand, changing as few agents as
// possible.
//
// What may change. Only agent-days on the re-planned date; a shift of the day before that runs past
// midnight belongs to the day before and never moves, nor do its breaks.
//
//   - A break that starts before From (so also one in progress at From) is fixed. The other breaks
//     of the shift may move to any admissible placement of the same template (the template's
//     breakOptions, which keep R4) that holds the fixed breaks unchanged and starts every other break
//     at or after From.
//   - A shift that has started (start < From) keeps its template. With ShiftMove > 0, a shift that
//     starts at least ReplanLeadMinutes after From and is not pinned by a Fixed entry may switch to a
//     template of the same length whose start differs by at most ShiftMove and is itself at least
//     ReplanLeadMinutes after From, that the agent's group may work (R22), and with which every HARD
//     rule still holds: rest and CannotFollow against the previous and next worked day (R21), the
//     trainee's mentor on the same template (R14), MaxShifts per template. Hours (R3) and runs
//     (R21) cannot change, as the length and the days worked stay the same.
//   - Nobody is added to or taken off the day.
//
// Objective. The problem's SOFT objective under the new demand, of which a re-plan can only change
// the interval terms (costAt) of the re-planned intervals and, for a shift move, the terms of that
// agent that depend on its template (requests naming a template, night fairness, shift demand),
// plus ChangeCost for every agent whose day differs from the published one. The roster must stay
// feasible: a candidate that raises the HARD measure is never taken.
//
// Search. Greedy descent: the agents that can change are visited in an order drawn from
// Options.Seed; for each, every admissible (template, break placement) of its day is scored (break
// moves by the handful of intervals whose presence changes, without touching the state; a template
// move through state.set, which rescores rest and counts exactly) and the best is kept when it lowers
// the objective. Passes repeat until one improves nothing or the context is done. When Options sets
// Moves or Time, a short simulated-annealing pass with the same moves follows, from which the best
// roster seen is polished by a last descent. Options.Workers and Progress are not used: a re-plan is
// one day of one roster, a fraction of a second for a centre of thousands.

// ReplanLeadMinutes is the notice a shift move needs: only a shift that starts at least this long
// after ReplanRequest.From may move, and only to a start at least this long after From.
const ReplanLeadMinutes = 30

// maxReplanAgents bounds a re-planned requirement per interval, so that the fixed-point coverage
// sums (milli-agents in int32) cannot overflow.
const maxReplanAgents = 1_000_000

// ReplanRequest asks to re-plan the rest of one day of a published roster for a new demand.
type ReplanRequest struct {
	Date wfm.Date `json:"date"`
	// From is the time of day from which intervals are re-planned; nothing before it changes. It lies
	// on the interval grid, 00:00 to 24:00.
	From wfm.Clock `json:"from"`
	// Demand is the new demand on the horizon's grid; only Date from From onward is used (elsewhere
	// the problem's demand stays). A series it leaves out (under_weight, calls, aht_seconds) keeps
	// the problem's values; calls and handling time the problem has none of are ignored (they only
	// project the service level). Nil asks for Factor instead.
	Demand *wfm.Demand `json:"demand,omitempty"`
	// Factor, when Demand is nil, scales the problem's demand for the rest of the day: agents and
	// Minnan speakers required (rounded up) and calls. Leaders required are a count of roles on duty,
	// not a volume, and are kept.
	Factor float64 `json:"factor,omitempty"`
	// ShiftMove is how many minutes a shift starting at least ReplanLeadMinutes after From may move
	// (to another template of the same length starting within ±ShiftMove); 0 re-places breaks only.
	ShiftMove int `json:"shift_move"`
	// ChangeCost is the penalty per agent whose day changes; 0 means the rules' Weights.Under (one
	// agent short for one interval, at the linear rate), so a change must win at least that much
	// coverage.
	ChangeCost float64 `json:"change_cost,omitempty"`
}

// Change is one agent whose day the re-plan changed.
type Change struct {
	Agent     string      `json:"agent"`
	Date      wfm.Date    `json:"date"`
	OldShift  string      `json:"old_shift"`
	NewShift  string      `json:"new_shift"`
	OldBreaks []wfm.Break `json:"old_breaks,omitempty"`
	NewBreaks []wfm.Break `json:"new_breaks,omitempty"`
}

// ReplanResult is the re-planned roster and what changed.
type ReplanResult struct {
	// Roster is a new roster (the input is not modified), with its Objective and Coverage computed
	// for the new demand.
	Roster *wfm.Roster `json:"roster"`
	// Changes lists, in the problem's agent order, every agent whose day differs from the input.
	Changes []Change `json:"changes"`
	// Before and After are the interval cost, under the new demand, of the re-planned intervals
	// (Date from From on, and the next morning as far as a shift starting on Date reaches, since a
	// night shift's breaks may lie past midnight) for the input roster and the result. The
	// re-plan's objective is After + ChangeCost·len(Changes) (plus, for shift moves, the change of
	// the agents' template-dependent terms), never more than Before.
	Before float64 `json:"before"`
	After  float64 `json:"after"`
	// Demand is the demand the roster was scored against: the problem's, with Date from From on
	// replaced. Check the roster against the problem with this demand.
	Demand *wfm.Demand `json:"demand"`
}

// Replan re-plans the rest of req.Date of roster r (a roster for p that keeps every HARD rule) for
// a new demand: see the comment at the top of replan.go. An invalid request is a *wfm.Error of kind
// invalid, rule R5, naming the field; a roster that does not fit p (unknown agents or shifts, a
// break placement R4 does not admit, a shift on leave, outside the agent's group or against a fixed
// day) or that breaks a HARD rule is a *wfm.Error too. When ctx ends early, the roster improved so
// far is returned.
func Replan(ctx context.Context, p *wfm.Problem, r *wfm.Roster, req ReplanRequest, opt Options) (*ReplanResult, error) {
	began := time.Now()
	if p == nil {
		return nil, replanErr("problem", "no problem to re-plan")
	}
	demand, err := replanDemand(p, req)
	if err != nil {
		return nil, err
	}
	q := *p
	q.Demand = demand
	m, err := compile(&q)
	if err != nil {
		return nil, err
	}
	st, err := stateFromRoster(m, r)
	if err != nil {
		return nil, err
	}
	if !st.feasible() {
		return nil, &wfm.Error{Kind: wfm.KindRule, Rule: "R5", Field: "roster",
			Message: "the roster to re-plan breaks HARD rules: " + describeHard(st)}
	}
	rp := newReplanner(st, req)
	before := rp.windowCost()
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5e91a7))
	rp.descend(ctx, rng)
	if opt.Moves > 0 || opt.Time > 0 {
		b := budget{ctx: ctx, moves: opt.Moves}
		if opt.Time > 0 {
			b.deadline = began.Add(opt.Time)
		}
		rp.anneal(rng, b)
		rp.descend(ctx, rng)
	}
	st.resum() // the search's running totals, exact again for the record
	out := st.roster()
	out.Solver = &wfm.SolverStats{Seed: opt.Seed, Seconds: time.Since(began).Seconds(), Iterations: rp.evals,
		Feasible: st.feasible()}
	if err := checkFinite(out); err != nil {
		return nil, err
	}
	return &ReplanResult{Roster: out, Changes: rp.changes(r), Before: before, After: rp.windowCost(), Demand: demand}, nil
}

func replanErr(field, format string, args ...any) *wfm.Error {
	e := wfm.Invalidf(field, format, args...)
	e.Rule = "R5"
	return e
}

// replanDemand validates the request against p and returns the demand to re-plan for: p's, with
// req.Date from req.From on replaced by req.Demand or scaled by req.Factor.
func replanDemand(p *wfm.Problem, req ReplanRequest) (*wfm.Demand, error) {
	h := p.Horizon
	g := h.Grid()
	if err := g.Validate(); err != nil {
		return nil, replanErr("horizon", "the problem's horizon is not usable: %v", err)
	}
	if req.Date < h.Start || req.Date >= g.End() {
		e := replanErr("date", "%s is outside the horizon %s..%s", req.Date, h.Start, g.End().AddDays(-1))
		e.Day = req.Date.String()
		return nil, e
	}
	step := h.IntervalMinutes
	if req.From < 0 || req.From > wfm.MinutesPerDay || int(req.From)%step != 0 {
		return nil, replanErr("from", "%s is not a time of day on the %d-min grid from 00:00 to 24:00", req.From, step)
	}
	if req.ShiftMove < 0 || req.ShiftMove > wfm.MinutesPerDay {
		return nil, replanErr("shift_move", "%d minutes is not between 0 and %d", req.ShiftMove, wfm.MinutesPerDay)
	}
	if req.ChangeCost < 0 || math.IsNaN(req.ChangeCost) || math.IsInf(req.ChangeCost, 0) {
		return nil, replanErr("change_cost", "%v is not a non-negative number", req.ChangeCost)
	}
	if p.Demand == nil {
		return nil, replanErr("demand", "the problem has no demand per interval to re-plan against")
	}
	if p.Demand.Grid != g {
		return nil, replanErr("demand.grid", "the problem's demand grid %+v differs from the horizon's %+v", p.Demand.Grid, g)
	}
	d := cloneDemand(p.Demand)
	P := g.PerDay()
	t0 := int(req.Date-h.Start)*P + int(req.From)/step
	t1 := (int(req.Date-h.Start) + 1) * P
	if nd := req.Demand; nd != nil {
		if nd.Grid != g {
			return nil, replanErr("demand.grid", "grid %+v differs from the horizon's %+v", nd.Grid, g)
		}
		if err := nd.Validate(); err != nil {
			if e, ok := err.(*wfm.Error); ok {
				f := *e
				f.Field, f.Rule = "demand."+e.Field, "R5"
				return nil, &f
			}
			return nil, replanErr("demand", "%v", err)
		}
		for t := t0; t < t1; t++ {
			if nd.Agents[t] > maxReplanAgents || nd.Minnan[t] > maxReplanAgents || nd.Leaders[t] > maxReplanAgents {
				return nil, replanErr("demand.agents", "requirement above %d at %s", maxReplanAgents, g.Label(t))
			}
		}
		copy(d.Agents[t0:t1], nd.Agents[t0:t1])
		copy(d.Minnan[t0:t1], nd.Minnan[t0:t1])
		copy(d.Leaders[t0:t1], nd.Leaders[t0:t1])
		if nd.UnderWeight != nil {
			if d.UnderWeight == nil {
				d.UnderWeight = make([]float64, g.Len())
				for t := range d.UnderWeight {
					d.UnderWeight[t] = 1 // the weight a demand without weights means
				}
			}
			copy(d.UnderWeight[t0:t1], nd.UnderWeight[t0:t1])
		}
		if nd.Calls != nil && d.Calls != nil {
			copy(d.Calls[t0:t1], nd.Calls[t0:t1])
		}
		if nd.AHT != nil && d.AHT != nil {
			copy(d.AHT[t0:t1], nd.AHT[t0:t1])
		}
		return d, nil
	}
	f := req.Factor
	if !(f > 0) || math.IsInf(f, 0) {
		return nil, replanErr("factor", "%v is not a positive number (a factor is needed when no demand is given)", f)
	}
	up := func(v int) (int, bool) {
		x := math.Ceil(float64(v)*f - 1e-9) // 10 × 1.1 is 11, not 12
		return int(x), x <= maxReplanAgents
	}
	for t := t0; t < t1; t++ {
		var ok1, ok2 bool
		d.Agents[t], ok1 = up(d.Agents[t])
		d.Minnan[t], ok2 = up(d.Minnan[t])
		if !ok1 || !ok2 {
			return nil, replanErr("factor", "%v scales the requirement at %s beyond %d agents", f, g.Label(t), maxReplanAgents)
		}
		if d.Calls != nil {
			d.Calls[t] *= f
		}
	}
	return d, nil
}

func cloneDemand(d *wfm.Demand) *wfm.Demand {
	c := *d
	c.Agents, c.Minnan, c.Leaders = slices.Clone(d.Agents), slices.Clone(d.Minnan), slices.Clone(d.Leaders)
	c.UnderWeight, c.Calls, c.AHT = slices.Clone(d.UnderWeight), slices.Clone(d.Calls), slices.Clone(d.AHT)
	return &c
}

// breakKey identifies a break placement whatever the order its breaks are listed in.
type breakKey struct {
	n    int
	a, b wfm.Break
}

func keyOf(bs []wfm.Break) (breakKey, bool) {
	k := breakKey{n: len(bs)}
	switch len(bs) {
	case 0:
	case 1:
		k.a = bs[0]
	case 2:
		k.a, k.b = bs[0], bs[1]
		if k.b.Start < k.a.Start || k.b.Start == k.a.Start && k.b.Kind < k.a.Kind {
			k.a, k.b = k.b, k.a
		}
	default:
		return k, false
	}
	return k, true
}

// stateFromRoster builds the state of roster r under model m: agents, templates and break
// placements mapped back to their indexes. A roster that does not fit the model is an error: a
// horizon other than the problem's, an agent missing, repeated or unknown, a day count or date that
// is wrong, an unknown template, breaks that are not one of the template's admissible placements
// (R4), a shift on a day of leave, of suspension or fixed off (R9, R14, fixed), a shift other than a
// fixed one, or a template outside the agent's group (R22).
func stateFromRoster(m *model, r *wfm.Roster) (*state, error) {
	p := m.p
	if r == nil {
		return nil, replanErr("roster", "no roster to re-plan")
	}
	zone := func(z string) string {
		if z == "" {
			return wfm.DefaultTimeZone
		}
		return z
	}
	if h := r.Horizon; h.Start != p.Horizon.Start || h.Days != p.Horizon.Days ||
		h.IntervalMinutes != p.Horizon.IntervalMinutes || zone(h.TimeZone) != zone(p.Horizon.TimeZone) {
		return nil, replanErr("roster.horizon", "the roster's horizon (%s, %d days, %d min) is not the problem's (%s, %d days, %d min)",
			h.Start, h.Days, h.IntervalMinutes, p.Horizon.Start, p.Horizon.Days, p.Horizon.IntervalMinutes)
	}
	agentIdx := make(map[string]int, m.A)
	for a, ai := range m.agents {
		agentIdx[ai.id] = a
	}
	shiftIdx := make(map[string]int, m.S)
	options := make([]map[breakKey]int, m.S)
	for s, sh := range m.shifts {
		shiftIdx[sh.id] = s
		options[s] = make(map[breakKey]int, len(sh.breakOptions))
		for b, o := range sh.breakOptions {
			k, _ := keyOf(o.breaks)
			options[s][k] = b
		}
	}
	st := newState(m)
	seen := make([]bool, m.A)
	for _, sc := range r.Schedules {
		a, ok := agentIdx[sc.Agent]
		switch {
		case !ok:
			return nil, &wfm.Error{Kind: wfm.KindInvalid, Rule: "R5", Field: "roster", Agent: sc.Agent, Message: "schedule of an agent the problem does not have"}
		case seen[a]:
			return nil, &wfm.Error{Kind: wfm.KindInvalid, Rule: "R5", Field: "roster", Agent: sc.Agent, Message: "agent has more than one schedule"}
		case len(sc.Days) != m.D:
			return nil, &wfm.Error{Kind: wfm.KindInvalid, Rule: "R5", Field: "roster", Agent: sc.Agent,
				Message: fmt.Sprintf("schedule has %d days, the horizon %d", len(sc.Days), m.D)}
		}
		seen[a] = true
		for d, day := range sc.Days {
			date := p.Horizon.Start.AddDays(d)
			fail := func(rule, field, format string, args ...any) error {
				return &wfm.Error{Kind: wfm.KindInvalid, Rule: rule, Field: field, Agent: sc.Agent, Day: date.String(),
					Message: fmt.Sprintf(format, args...)}
			}
			if day.Date != date {
				return nil, fail("R5", "roster", "day %d is dated %s", d, day.Date)
			}
			if day.Shift == "" {
				if len(day.Breaks) > 0 {
					return nil, fail("R4", "breaks", "%d breaks on a day without a shift", len(day.Breaks))
				}
				continue
			}
			s, ok := shiftIdx[day.Shift]
			if !ok {
				return nil, fail("R5", "shift", "unknown shift %q", day.Shift)
			}
			k, ok := keyOf(day.Breaks)
			b, known := options[s][k]
			if !ok || !known {
				return nil, fail("R4", "breaks", "breaks %v are not an admissible placement of shift %s", day.Breaks, day.Shift)
			}
			i := a*m.D + d
			switch f := int(m.fixed[i]); {
			case f == off:
				return nil, fail("R9", "roster", "works shift %s on a day of leave, suspension or a fixed day off", day.Shift)
			case f >= 0 && f != s:
				return nil, fail(wfm.RuleFixed, "roster", "works shift %s on a day fixed to %s", day.Shift, m.shifts[f].id)
			case !m.mayWork(a, s):
				return nil, fail("R22", "roster", "shift %s is not for the agent's group", day.Shift)
			}
			st.x[i], st.br[i] = int16(s), int16(b)
		}
	}
	for a, ok := range seen {
		if !ok {
			return nil, &wfm.Error{Kind: wfm.KindInvalid, Rule: "R5", Field: "roster", Agent: m.agents[a].id, Message: "agent has no schedule"}
		}
	}
	st.recompute()
	return st, nil
}

// replanner is the search state of one re-plan.
type replanner struct {
	st         *state
	m          *model
	d          int // day re-planned
	from       int // minutes of its day
	changeCost float64
	t0, t1     int // the re-planned intervals [t0, t1)

	agents  []replanAgent
	s0, b0  []int16   // published template and break option of each agent on day d
	changed []bool    // per agent: its day differs from the published one
	offs    [][][]int // per template and option: offsets (from shift.first) of covered intervals on a break
	evals   int64     // candidates scored
}

// replanAgent is an agent whose day may change, with the values it may take.
type replanAgent struct {
	a     int
	cands []replanCand
	n     int // Σ len(cands[k].opts)
}

// replanCand is a template the agent may work, with the break options it may take.
type replanCand struct {
	s    int
	opts []int
}

func newReplanner(st *state, req ReplanRequest) *replanner {
	m := st.m
	rp := &replanner{st: st, m: m, d: int(req.Date - m.p.Horizon.Start), from: int(req.From),
		changeCost: req.ChangeCost, s0: make([]int16, m.A), b0: make([]int16, m.A), changed: make([]bool, m.A)}
	if rp.changeCost == 0 {
		rp.changeCost = m.w.Under
	}
	rp.t0 = rp.d*m.P + rp.from/m.step
	reach := m.P
	for _, sh := range m.shifts {
		reach = max(reach, sh.first+sh.n)
	}
	rp.t1 = min(m.TC, rp.d*m.P+reach)
	rp.offs = make([][][]int, m.S)
	for s, sh := range m.shifts {
		rp.offs[s] = make([][]int, len(sh.breakOptions))
		for b, o := range sh.breakOptions {
			on := make([]bool, sh.n)
			for _, k := range o.phone {
				on[k] = true
			}
			for k, v := range on {
				if !v {
					rp.offs[s][b] = append(rp.offs[s][b], k)
				}
			}
		}
	}
	for a := range m.A {
		i := a*m.D + rp.d
		rp.s0[a], rp.b0[a] = st.x[i], st.br[i]
		if st.x[i] < 0 {
			continue
		}
		if ra := rp.agentMoves(a, req.ShiftMove); ra.n > 1 {
			rp.agents = append(rp.agents, ra)
		}
	}
	return rp
}

// agentMoves lists the (template, break option) pairs agent a's day may take.
func (rp *replanner) agentMoves(a, shiftMove int) replanAgent {
	m, st := rp.m, rp.st
	i := a*m.D + rp.d
	s0, b0 := int(st.x[i]), int(st.br[i])
	sh0 := &m.shifts[s0]
	var fixedBreaks []wfm.Break // already started or over at From
	for _, bk := range sh0.breakOptions[b0].breaks {
		if int(bk.Start) < rp.from {
			fixedBreaks = append(fixedBreaks, bk)
		}
	}
	ra := replanAgent{a: a}
	add := func(s int) {
		c := replanCand{s: s}
		for b, o := range m.shifts[s].breakOptions {
			if keepsStarted(o.breaks, fixedBreaks, rp.from) {
				c.opts = append(c.opts, b)
			}
		}
		if len(c.opts) > 0 {
			ra.cands = append(ra.cands, c)
			ra.n += len(c.opts)
		}
	}
	add(s0)
	lead := rp.from + ReplanLeadMinutes
	if shiftMove <= 0 || sh0.start < lead || !m.freeCell(a, rp.d) {
		return ra
	}
	for _, s16 := range m.agents[a].allowed {
		s, sh := int(s16), &m.shifts[s16]
		if s != s0 && sh.minutes == sh0.minutes && sh.start >= lead && abs(sh.start-sh0.start) <= shiftMove {
			add(s)
		}
	}
	return ra
}

// keepsStarted reports whether break placement bs holds every break in fixed unchanged and starts
// its other breaks at or after from.
func keepsStarted(bs, fixed []wfm.Break, from int) bool {
	kept := 0
	for _, b := range bs {
		if slices.Contains(fixed, b) {
			kept++
		} else if int(b.Start) < from {
			return false
		}
	}
	return kept == len(fixed)
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// windowCost is the interval cost of the re-planned intervals.
func (rp *replanner) windowCost() float64 {
	c := 0.0
	for t := rp.t0; t < rp.t1; t++ {
		c += rp.st.costAt(t)
	}
	return c
}

// changeDelta is the change of the change penalty if agent a's day took (s, b).
func (rp *replanner) changeDelta(a, s, b int) float64 {
	now := s != int(rp.s0[a]) || b != int(rp.b0[a])
	switch {
	case now == rp.changed[a]:
		return 0
	case now:
		return rp.changeCost
	default:
		return -rp.changeCost
	}
}

// apply sets agent a's day to (s, b) and returns the change of the SOFT objective and HARD measure.
func (rp *replanner) apply(a, s, b int) (soft, hard float64) {
	soft, hard = rp.st.set(a, rp.d, s, b)
	rp.changed[a] = s != int(rp.s0[a]) || b != int(rp.b0[a])
	return soft, hard
}

// breakDelta is the change of the interval cost if agent a, working template s on day rp.d with
// break option b, took option nb instead. Only the intervals on a break in one option and not in the
// other change; the state is left as it was.
func (rp *replanner) breakDelta(a, s, b, nb int) float64 {
	if b == nb {
		return 0
	}
	m := rp.m
	base := rp.d*m.P + m.shifts[s].first
	x, y := rp.offs[s][b], rp.offs[s][nb]
	delta := 0.0
	for i, j := 0, 0; i < len(x) || j < len(y); {
		switch {
		case j == len(y) || i < len(x) && x[i] < y[j]: // on a break in b only: back on the phones
			delta += rp.presenceDelta(a, base+x[i], 1)
			i++
		case i == len(x) || y[j] < x[i]: // on a break in nb only: off the phones
			delta += rp.presenceDelta(a, base+y[j], -1)
			j++
		default:
			i++
			j++
		}
	}
	return delta
}

// presenceDelta is the change of interval t's cost if agent a's presence changed by sign.
func (rp *replanner) presenceDelta(a, t, sign int) float64 {
	st := rp.st
	if t >= rp.m.TC {
		return 0
	}
	ai := &rp.m.agents[a]
	w := ai.weight * int32(sign)
	before := st.costAt(t)
	st.on[t] += w
	if ai.minnan {
		st.minnan[t] += w
	}
	if ai.leader {
		st.leaders[t] += int32(sign)
	}
	after := st.costAt(t)
	st.on[t] -= w
	if ai.minnan {
		st.minnan[t] -= w
	}
	if ai.leader {
		st.leaders[t] -= int32(sign)
	}
	return after - before
}

// improvement is the least gain a move must make to be taken.
const improvement = 1e-9

// bestMove scores every value agent ra may take and applies the best one when it lowers the
// objective; it reports whether it did.
func (rp *replanner) bestMove(ra *replanAgent) bool {
	st, a := rp.st, ra.a
	i := a*rp.m.D + rp.d
	s, b := int(st.x[i]), int(st.br[i])
	bestS, bestB, bestDelta := s, b, -improvement
	for _, c := range ra.cands {
		base, ref := 0.0, b
		if c.s != s {
			ref = c.opts[0]
			soft, _ := st.set(a, rp.d, c.s, ref)
			if !st.feasible() {
				st.set(a, rp.d, s, b)
				rp.evals++
				continue
			}
			base = soft
		}
		for _, nb := range c.opts {
			rp.evals++
			if c.s == s && nb == b {
				continue
			}
			delta := base + rp.breakDelta(a, c.s, ref, nb) + rp.changeDelta(a, c.s, nb)
			if delta < bestDelta {
				bestS, bestB, bestDelta = c.s, nb, delta
			}
		}
		if c.s != s {
			st.set(a, rp.d, s, b)
		}
	}
	if bestS == s && bestB == b {
		return false
	}
	rp.apply(a, bestS, bestB)
	return true
}

// descend runs greedy passes over the agents until one improves nothing or ctx is done.
func (rp *replanner) descend(ctx context.Context, rng *rand.Rand) {
	order := make([]int, len(rp.agents))
	for k := range order {
		order[k] = k
	}
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	for {
		improved := false
		for _, k := range order {
			if ctx.Err() != nil {
				return
			}
			if rp.bestMove(&rp.agents[k]) {
				improved = true
			}
		}
		if !improved {
			return
		}
	}
}

// replanStep is an agent's value before an accepted annealing move.
type replanStep struct{ a, s, b int }

// pick draws one value agent ra may take.
func (ra *replanAgent) pick(rng *rand.Rand) (s, b int) {
	k := rng.IntN(ra.n)
	for _, c := range ra.cands {
		if k < len(c.opts) {
			return c.s, c.opts[k]
		}
		k -= len(c.opts)
	}
	panic("unreachable")
}

// try applies a random move and returns its change of the objective, or false (with nothing
// changed) when there is none or it breaks a HARD rule.
func (rp *replanner) try(rng *rand.Rand) (replanStep, float64, bool) {
	ra := &rp.agents[rng.IntN(len(rp.agents))]
	a := ra.a
	i := a*rp.m.D + rp.d
	prev := replanStep{a: a, s: int(rp.st.x[i]), b: int(rp.st.br[i])}
	s, b := ra.pick(rng)
	if s == prev.s && b == prev.b {
		return prev, 0, false
	}
	rp.evals++
	change := rp.changeDelta(a, s, b)
	soft, _ := rp.apply(a, s, b)
	if !rp.st.feasible() {
		rp.apply(a, prev.s, prev.b)
		return prev, 0, false
	}
	return prev, soft + change, true
}

// anneal runs simulated annealing over the same moves within budget b, then returns the state to
// the best roster it saw.
func (rp *replanner) anneal(rng *rand.Rand, b budget) {
	if len(rp.agents) == 0 {
		return
	}
	var worse []float64
	for range calibrateMoves {
		if prev, delta, ok := rp.try(rng); ok {
			if delta > 0 {
				worse = append(worse, delta)
			}
			rp.apply(prev.a, prev.s, prev.b)
		}
	}
	t0 := 1.0
	if len(worse) > 0 {
		sort.Float64s(worse)
		t0 = worse[len(worse)/2]
	}
	t1 := t0 * endTempShare
	start := time.Now()
	var trail []replanStep // accepted moves since the best roster
	cost, best := 0.0, 0.0 // objective relative to the start
	temp := t0
	for n := int64(0); ; n++ {
		if n%stopCheckMoves == 0 {
			share := b.share(start, n)
			if share >= 1 || b.stopped() {
				break
			}
			temp = t0 * math.Pow(t1/t0, share)
		}
		prev, delta, ok := rp.try(rng)
		if !ok {
			continue
		}
		if delta > 0 && rng.Float64() >= math.Exp(-delta/temp) {
			rp.apply(prev.a, prev.s, prev.b)
			continue
		}
		trail = append(trail, prev)
		if cost += delta; cost < best-improvement {
			best, trail = cost, trail[:0]
		}
	}
	for k := len(trail) - 1; k >= 0; k-- {
		rp.apply(trail[k].a, trail[k].s, trail[k].b)
	}
	rp.st.resum()
}

// changes lists the agents whose day differs from roster r's, in agent order.
func (rp *replanner) changes(r *wfm.Roster) []Change {
	m, st := rp.m, rp.st
	old := make(map[string]*wfm.DaySchedule, len(r.Schedules))
	for k := range r.Schedules {
		old[r.Schedules[k].Agent] = &r.Schedules[k].Days[rp.d]
	}
	var out []Change
	for a := range m.A {
		i := a*m.D + rp.d
		if st.x[i] == rp.s0[a] && st.br[i] == rp.b0[a] {
			continue
		}
		was := old[m.agents[a].id]
		c := Change{Agent: m.agents[a].id, Date: was.Date, OldShift: was.Shift, OldBreaks: slices.Clone(was.Breaks)}
		if s := st.x[i]; s >= 0 {
			c.NewShift = m.shifts[s].id
			c.NewBreaks = slices.Clone(m.shifts[s].breakOptions[st.br[i]].breaks)
		}
		out = append(out, c)
	}
	return out
}
