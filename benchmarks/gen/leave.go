package gen

import (
	"cmp"
	"math/rand/v2"
	"slices"

	"wfm"
)

// Leave and requests.
const (
	annualFill     = 0.6  // share of the R10 capacity (cap × days) taken by annual leave
	annualMinDays  = 3    // annual leave comes in blocks of 3 to 7 days
	annualMaxDays  = 7    //
	shareSick      = 0.03 // agents with 1 to 3 days of sick leave
	sickMaxDays    = 3    //
	sharePersonal  = 0.02 // agents with a day of personal leave
	shareRequests  = 0.10 // agents with 1 to 3 requests (R23)
	maxRequests    = 3    //
	maxWeight      = 10   // request weights are 1 to 10
	shareOnRequest = 0.4  // of requests, the share asking to work a given shift; the rest ask for a day off
)

// makeLeave approves annual leave within the R10 cap, sick leave and personal days, never for a
// mentor (its trainee depends on it) nor a suspended agent, and only where the agent still meets R3
// (hours.feasible). Leave lies inside the horizon and never overlaps the same agent's other leave.
func makeLeave(p *wfm.Problem, h *hours, rng *rand.Rand) []wfm.Leave {
	n, days := len(p.Agents), p.Horizon.Days
	mentors := map[string]bool{}
	for _, a := range p.Agents {
		if a.Mentor != "" {
			mentors[a.Mentor] = true
		}
	}
	eligible := func(i int) bool { return !mentors[p.Agents[i].ID] && !p.Agents[i].Has(wfm.RoleSuspended) }
	onLeave := make([][]bool, n)
	for i := range onLeave {
		onLeave[i] = make([]bool, days)
	}
	var out []wfm.Leave
	// try approves leave of the given type for agent i on days [from, from+length) if the agent is
	// free then and still meets R3, and reports whether it did.
	try := func(i, from, length int, typ string) bool {
		for d := from; d < from+length; d++ {
			if onLeave[i][d] {
				return false
			}
		}
		for d := from; d < from+length; d++ {
			onLeave[i][d] = true
		}
		if !h.feasible(&p.Agents[i], onLeave[i]) {
			for d := from; d < from+length; d++ {
				onLeave[i][d] = false
			}
			return false
		}
		start := p.Horizon.Start
		out = append(out, wfm.Leave{Agent: p.Agents[i].ID, Type: typ, From: start.AddDays(from), To: start.AddDays(from + length - 1)})
		return true
	}

	// Annual leave: blocks of 3–7 days, at most MaxConcurrentAnnualLeave agents on any day.
	limit := p.Rules.MaxConcurrentAnnualLeave
	concurrent := make([]int, days)
	want := int(annualFill * float64(limit*days))
	taken := make([]bool, n)
	for attempt := 0; want > 0 && attempt < 20*n; attempt++ {
		i := rng.IntN(n)
		length := min(days, annualMinDays+rng.IntN(annualMaxDays-annualMinDays+1))
		from := rng.IntN(days - length + 1)
		if taken[i] || !eligible(i) || slices.ContainsFunc(concurrent[from:from+length], func(c int) bool { return c >= limit }) {
			continue
		}
		if try(i, from, length, wfm.LeaveAnnual) {
			taken[i] = true
			for d := from; d < from+length; d++ {
				concurrent[d]++
			}
			want -= length
		}
	}

	// Sick leave of 1–3 days and single personal days, each for a share of the staff.
	for _, kind := range []struct {
		typ     string
		share   float64
		maxDays int
	}{{wfm.LeaveSick, shareSick, sickMaxDays}, {wfm.LeavePersonal, sharePersonal, 1}} {
		want := max(1, round(kind.share*float64(n)))
		for attempt := 0; want > 0 && attempt < 20*n; attempt++ {
			i := rng.IntN(n)
			length := min(days, 1+rng.IntN(kind.maxDays))
			if eligible(i) && try(i, rng.IntN(days-length+1), length, kind.typ) {
				want--
			}
		}
	}
	slices.SortFunc(out, func(a, b wfm.Leave) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.Agent, b.Agent))
	})
	return out
}

// makeRequests gives a tenth of the staff (suspended agents aside) one to three requests (R23) on
// distinct days without leave: a day off, or a given shift the agent's group may work, weighted 1–10.
func makeRequests(p *wfm.Problem, rng *rand.Rand) []wfm.Request {
	leave := leaveDays(p)
	days := p.Horizon.Days
	var out []wfm.Request
	want := max(1, round(shareRequests*float64(len(p.Agents))))
	for _, i := range rng.Perm(len(p.Agents)) {
		a := &p.Agents[i]
		if want == 0 {
			break
		}
		if a.Has(wfm.RoleSuspended) {
			continue
		}
		want--
		var shifts []string
		for _, s := range p.Shifts {
			if allowed(a.Group, s, p.Rules) {
				shifts = append(shifts, s.ID)
			}
		}
		used := map[int]bool{}
		for range 1 + rng.IntN(maxRequests) {
			d := rng.IntN(days)
			if used[d] || leave[i][d] {
				continue
			}
			used[d] = true
			r := wfm.Request{Agent: a.ID, Date: p.Horizon.Start.AddDays(d), Kind: wfm.RequestOff,
				Weight: float64(1 + rng.IntN(maxWeight))}
			if rng.Float64() < shareOnRequest {
				r.Kind, r.Shift = wfm.RequestOn, shifts[rng.IntN(len(shifts))]
			}
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b wfm.Request) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Agent, b.Agent))
	})
	return out
}
