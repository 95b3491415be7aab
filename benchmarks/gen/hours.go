package gen

import (
	"math"

	"wfm"
)

// hours is the R3 arithmetic of one horizon: its ISO weeks and the rules' hour limits, used to keep
// every agent's contract and leave compatible with the weekly band, and to measure the phone-hours
// the staff can deliver.
type hours struct {
	rules  wfm.Rules
	days   int
	shifts []wfm.ShiftTemplate
	weeks  []week // the ISO weeks (Monday to Sunday) touching the horizon, in order
}

// week is an ISO week's days inside the horizon, first to last (day indexes), and whether it lies
// wholly inside (only such weeks carry the weekly minimum).
type week struct {
	first, last int
	full        bool
}

func newHours(p *wfm.Problem) *hours {
	h := &hours{rules: p.Rules, days: p.Horizon.Days, shifts: p.Shifts}
	// Days since the Monday that opens the first week.
	offset := (int(p.Horizon.Start.Weekday()) + 6) % 7
	for k := 0; k < h.days; {
		last := min(k+6-(offset+k)%7, h.days-1)
		h.weeks = append(h.weeks, week{first: k, last: last, full: last-k == 6})
		k = last + 1
	}
	return h
}

// contractMinutes is the agent's contract over the horizon, ContractHours·days/7, in minutes.
func (h *hours) contractMinutes(a *wfm.Agent) float64 {
	c := a.ContractHours
	if c == 0 {
		c = h.rules.ContractHoursPerWeek
	}
	return c * 60 * float64(h.days) / 7
}

// preShift is the agent's paid preparation before each shift (R11).
func (h *hours) preShift(a *wfm.Agent) int {
	if a.Has(wfm.RoleLeader) {
		return h.rules.LeaderPreShiftMinutes
	}
	return h.rules.PreShiftMinutes
}

// cheapest returns the paid minutes (template and pre-shift) of the shortest shift the agent may
// work, and that shift's minutes on the phones (its length less its breaks).
func (h *hours) cheapest(a *wfm.Agent) (paid, phone int) {
	paid = math.MaxInt
	for _, s := range h.shifts {
		if !allowed(a.Group, s, h.rules) {
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

// leaveMinutes is what n of the agent's leave days count towards R3.
func (h *hours) leaveMinutes(a *wfm.Agent, n int) float64 {
	return float64(n) * h.rules.LeaveMinutesPerDay(a)
}

// weekNeed returns the shifts of paid minutes that full week w needs, given the agent's leave days,
// to reach the weekly minimum (paid + leave ≥ WeeklyMinHours), and whether that many fit in the
// week: on its free days, under the weekly maximum and the limit of consecutive days.
func (h *hours) weekNeed(a *wfm.Agent, w week, leave []bool, paid int) (int, bool) {
	onLeave := 0
	for d := w.first; d <= w.last; d++ {
		if leave[d] {
			onLeave++
		}
	}
	deficit := h.rules.WeeklyMinHours*60 - h.leaveMinutes(a, onLeave)
	need := 0
	if deficit > 0 {
		need = int(math.Ceil(deficit/float64(paid) - 1e-9))
	}
	free := 7 - onLeave
	return need, need <= free && need <= h.rules.MaxConsecutiveDays && float64(need*paid) <= h.rules.WeeklyMaxHours*60
}

// feasible reports whether the agent, with leave on the days marked, can meet R3: the weekly minimum
// of every full week, with paid time over the horizon within the contract less leave (overtime off).
// Working the cheapest shift on the needed days of each week then keeps every other HARD rule of
// one agent: at most five shifts a week, each at least 14 hours after the previous one ends.
func (h *hours) feasible(a *wfm.Agent, leave []bool) bool {
	if a.Has(wfm.RoleSuspended) {
		return true // exempt from the weekly minimum and never paid for a shift
	}
	paid, _ := h.cheapest(a)
	total, onLeave := 0, 0
	for _, w := range h.weeks {
		if !w.full {
			continue
		}
		need, ok := h.weekNeed(a, w, leave, paid)
		if !ok {
			return false
		}
		total += need * paid
	}
	for _, l := range leave {
		if l {
			onLeave++
		}
	}
	budget := h.contractMinutes(a) - h.leaveMinutes(a, onLeave)
	if h.rules.Overtime {
		budget += h.rules.OvertimeCapHours * 60
	}
	return float64(total) <= math.Max(0, budget)+1e-6
}

// maxShifts is the most shifts of the agent's cheapest kind that fit its contract less leave, its
// free days and the weekly maximum of each week.
func (h *hours) maxShifts(a *wfm.Agent, leave []bool) int {
	if a.Has(wfm.RoleSuspended) {
		return 0
	}
	paid, _ := h.cheapest(a)
	onLeave, byWeeks := 0, 0
	perWeek := min(int(h.rules.WeeklyMaxHours*60)/paid, h.rules.MaxConsecutiveDays)
	for _, w := range h.weeks {
		free := 0
		for d := w.first; d <= w.last; d++ {
			if leave[d] {
				onLeave++
			} else {
				free++
			}
		}
		byWeeks += min(free, perWeek)
	}
	budget := h.contractMinutes(a) - h.leaveMinutes(a, onLeave)
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
	h := newHours(p)
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
