package gen

import (
	"math"
	"slices"

	"wfm"
)

// hours is the R3 arithmetic of one horizon: its ISO weeks, the rules' hour limits and the agents'
// own bands, used to keep every agent's contract and leave compatible with the weekly band, and to
// measure the phone-hours the staff can deliver.
type hours struct {
	rules  wfm.Rules
	days   int
	shifts []wfm.ShiftTemplate
	weeks  []week // the ISO weeks (Monday to Sunday) touching the horizon, in order
	// before is how many days of the first week lie before the horizon, all of them stated by the
	// history when there is one (history); hist0 is, per agent id, the shifts the history holds on
	// those days, once it is written (before, the least any phase of the agent's pattern leaves).
	before  int
	history bool
	hist0   map[string]int
}

// week is an ISO week's days inside the horizon, first to last (day indexes).
type week struct{ first, last int }

func newHours(p *wfm.Problem, history bool) *hours {
	h := &hours{rules: p.Rules, days: p.Horizon.Days, shifts: p.Shifts, history: history, hist0: map[string]int{}}
	// Days since the Monday that opens the first week.
	h.before = (int(p.Horizon.Start.Weekday()) + 6) % 7
	for k := 0; k < h.days; {
		last := min(k+6-(h.before+k)%7, h.days-1)
		h.weeks = append(h.weeks, week{first: k, last: last})
		k = last + 1
	}
	return h
}

// contractMinutes is the agent's contract over the horizon, WeeklyContract·days/7, in minutes.
func (h *hours) contractMinutes(a *wfm.Agent) float64 {
	return a.WeeklyContract(h.rules) * 60 * float64(h.days) / 7
}

// band is the agent's weekly band in minutes (wfm.Agent.WeeklyBand).
func (h *hours) band(a *wfm.Agent) (lo, hi float64) {
	lo, hi = a.WeeklyBand(h.rules)
	return lo * 60, hi * 60
}

// preShift is the agent's paid preparation before each shift (R11).
func (h *hours) preShift(a *wfm.Agent) int {
	if a.Has(wfm.RoleLeader) {
		return h.rules.LeaderPreShiftMinutes
	}
	return h.rules.PreShiftMinutes
}

// cheapest returns the paid minutes (template and pre-shift) of the shortest shift the agent may
// work (its group's, and its own list when it has one), and that shift's minutes on the phones
// (its length less its breaks).
func (h *hours) cheapest(a *wfm.Agent) (paid, phone int) {
	paid = math.MaxInt
	for _, s := range h.shifts {
		if !allowed(a.Group, s, h.rules) || (len(a.Shifts) > 0 && !slices.Contains(a.Shifts, s.ID)) {
			continue
		}
		if m := s.Minutes + h.preShift(a); m < paid {
			paid, phone = m, s.Minutes
			if h.rules.Breaks && s.Minutes > h.rules.BreaksAfter {
				phone -= h.rules.MealMinutes + h.rules.RestMinutes
			}
		}
	}
	return paid, phone
}

// horizonLeave is what the agent's leave days in the horizon count towards R3, week by week.
func (h *hours) horizonLeave(a *wfm.Agent, leave []bool) float64 {
	total := 0.0
	for _, w := range h.weeks {
		n := 0
		for d := w.first; d <= w.last; d++ {
			if leave[d] {
				n++
			}
		}
		total += h.rules.LeaveMinutesInWeek(a, n)
	}
	return total
}

// pattern is the shifts a week of the agent's history holds: five day shifts or four nights for a
// full-timer (four 10-hour nights fill the 48-hour week), and for anyone else the most of its
// cheapest shift its weekly maximum takes, at most five; none for a suspended agent.
func (h *hours) pattern(a *wfm.Agent) int {
	if a.Has(wfm.RoleSuspended) {
		return 0
	}
	paid, _ := h.cheapest(a)
	_, hi := h.band(a)
	on := dayOn
	if a.Group == wfm.GroupNight {
		on = nightOn
	}
	return min(on, int(hi)/paid)
}

// historyShifts is how many shifts the history holds on the first week's days before the horizon:
// as written, or, before it is, the least the agent's pattern can leave there.
func (h *hours) historyShifts(a *wfm.Agent) int {
	if !h.history {
		return 0
	}
	if n, ok := h.hist0[a.ID]; ok {
		return n
	}
	return max(0, h.pattern(a)-(7-h.before))
}

// weekNeed returns the shifts of paid minutes that week w needs, given the agent's leave days and
// the history, to reach its weekly minimum pro rata over the week's known days (paid + leave ≥
// min·known/7), and whether that many fit in the week: on its free days, and with its leave and
// history under the weekly maximum.
func (h *hours) weekNeed(a *wfm.Agent, w week, leave []bool, paid int) (int, bool) {
	onLeave := 0
	for d := w.first; d <= w.last; d++ {
		if leave[d] {
			onLeave++
		}
	}
	known, base := w.last-w.first+1, h.rules.LeaveMinutesInWeek(a, onLeave)
	if w.first == 0 && h.history {
		known += h.before
		base += float64(h.historyShifts(a) * paid)
	}
	lo, hi := h.band(a)
	need := 0
	if deficit := lo*float64(known)/7 - base; deficit > 0 {
		need = int(math.Ceil(deficit/float64(paid) - 1e-9))
	}
	free := w.last - w.first + 1 - onLeave
	return need, need <= free && need <= h.rules.MaxConsecutiveDays && base+float64(need*paid) <= hi+1e-9
}

// feasible reports whether the agent, with leave on the days marked, can meet R3: the weekly minimum
// of every week (pro rata over its known days), with paid time over the horizon within the contract
// less leave (overtime off). Working the cheapest shift on the needed days of each week then keeps
// every other HARD rule of one agent: at most five shifts a week, each at least 14 hours after the
// previous one ends.
func (h *hours) feasible(a *wfm.Agent, leave []bool) bool {
	if a.Has(wfm.RoleSuspended) {
		return true // exempt from the weekly minimum and never paid for a shift
	}
	paid, _ := h.cheapest(a)
	total := 0
	for _, w := range h.weeks {
		need, ok := h.weekNeed(a, w, leave, paid)
		if !ok {
			return false
		}
		total += need * paid
	}
	budget := h.contractMinutes(a) - h.horizonLeave(a, leave)
	if h.rules.Overtime {
		budget += h.rules.OvertimeCapHours * 60
	}
	return float64(total) <= math.Max(0, budget)+1e-6
}

// maxShifts is the most shifts of the agent's cheapest kind that fit its contract less leave, its
// free days and each week's maximum less the week's leave.
func (h *hours) maxShifts(a *wfm.Agent, leave []bool) int {
	if a.Has(wfm.RoleSuspended) {
		return 0
	}
	paid, _ := h.cheapest(a)
	_, hi := h.band(a)
	byWeeks := 0
	for _, w := range h.weeks {
		free, off := 0, 0
		for d := w.first; d <= w.last; d++ {
			if leave[d] {
				off++
			} else {
				free++
			}
		}
		perWeek := min(int(math.Max(0, hi-h.rules.LeaveMinutesInWeek(a, off)))/paid, h.rules.MaxConsecutiveDays)
		byWeeks += min(free, perWeek)
	}
	budget := h.contractMinutes(a) - h.horizonLeave(a, leave)
	return max(0, min(byWeeks, int(math.Floor(budget/float64(paid)+1e-9))))
}

// leaveDays marks, per agent index, the horizon days of approved leave.
func leaveDays(p *wfm.Problem) [][]bool {
	idx := make(map[string]int, len(p.Agents))
	for i, a := range p.Agents {
		idx[a.ID] = i
	}
	out := make([][]bool, len(p.Agents))
	for i := range out {
		out[i] = make([]bool, p.Horizon.Days)
	}
	for _, l := range p.Leave {
		i, ok := idx[l.Agent]
		if !ok {
			continue
		}
		for d := max(l.From, p.Horizon.Start); d <= l.To && int(d-p.Horizon.Start) < p.Horizon.Days; d++ {
			out[i][d-p.Horizon.Start] = true
		}
	}
	return out
}

// Deliverable returns the phone-hours p's staff can deliver over the horizon: for every agent the
// most shifts of its cheapest kind (template plus pre-shift, R11) that fit its contract less its
// leave and the weekly maximum (R3), times that shift's minutes on the phones (less the meal and
// rest break, R4), a trainee counted at TraineeFactor and a suspended agent not at all (R14).
// For a full-time day agent on a 31-day month this is 20 shifts of 7 h 30 on the phones, about the
// contract's 40 h × 31/7 times (8 h 30 − 1 h)/(8 h 30 + 10 min).
func Deliverable(p *wfm.Problem) float64 {
	h := newHours(p, false)
	leave := leaveDays(p)
	total := 0.0
	for i := range p.Agents {
		a := &p.Agents[i]
		f := 1.0
		switch {
		case a.Has(wfm.RoleSuspended):
			continue
		case a.Has(wfm.RoleTrainee):
			f = p.Rules.TraineeFactor
		}
		_, phone := h.cheapest(a)
		total += f * float64(h.maxShifts(a, leave[i])*phone) / 60
	}
	return total
}
