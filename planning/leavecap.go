package planning

import (
	"fmt"
	"slices"
	"strings"

	"wfm"
	"wfm/inputs"
)

// LeaveCap says what a plan does with approved annual leave beyond the cap on concurrent annual
// leave (R10, Rules.MaxConcurrentAnnualLeave): leave that, on some day of the horizon, puts more
// agents on annual leave than the cap allows. Only the days of the horizon count.
type LeaveCap string

const (
	// LeaveCapStop stops the plan and lists every conflict at once (LeaveConflicts).
	LeaveCapStop LeaveCap = "stop"
	// LeaveCapFirstCome approves annual leave in filing order (the order of Staff.Leave: the
	// lines of the leave file). An entry is approved when on each of its days in the horizon
	// fewer agents than the cap are on the annual leave approved before it, and refused
	// otherwise (RefusedLeave). The plan runs with the approved leave.
	LeaveCapFirstCome LeaveCap = "first-come"
)

// LeaveCaps lists the policies.
var LeaveCaps = []LeaveCap{LeaveCapStop, LeaveCapFirstCome}

// ParseLeaveCap returns the policy called name.
func ParseLeaveCap(name string) (LeaveCap, error) {
	if c := LeaveCap(name); slices.Contains(LeaveCaps, c) {
		return c, nil
	}
	return "", &wfm.Error{Kind: wfm.KindInvalid, Rule: "R10", Field: "leave-cap",
		Message: fmt.Sprintf("%q is not a policy for leave beyond the cap: %s or %s", name, LeaveCapStop, LeaveCapFirstCome)}
}

// RefusedLeave is annual leave that LeaveCapFirstCome refused: the entry, where it was read, and
// why (the days beyond the cap and the agents already on annual leave then).
type RefusedLeave struct {
	Leave  wfm.Leave
	Origin inputs.Origin
	Reason string
}

// LeaveConflicts is every conflict of approved annual leave with the cap of R10, in the order of
// the days: one error per run of days on which the same entries exceed the cap. Each names the
// days, the entries (agent, file and line) and the cap; its file, line and agent are those of the
// latest-filed entry, the one that exceeds the cap given all filed before it.
type LeaveConflicts []*wfm.Error

func (c LeaveConflicts) Error() string {
	if len(c) == 1 {
		return c[0].Error()
	}
	lines := make([]string, len(c))
	for i, e := range c {
		lines[i] = "  " + e.Error()
	}
	return fmt.Sprintf("%d conflicts with the cap on concurrent annual leave (R10):\n%s", len(c), strings.Join(lines, "\n"))
}

// Unwrap returns the conflicts, so that errors.As finds the first *wfm.Error.
func (c LeaveConflicts) Unwrap() []error {
	out := make([]error, len(c))
	for i, e := range c {
		out[i] = e
	}
	return out
}

// capLeave settles annual leave beyond the cap limit on the days start…end by policy. It returns
// the indices of the entries kept, in filing order, and under LeaveCapFirstCome the entries
// refused; under LeaveCapStop it keeps every entry or fails with LeaveConflicts.
func capLeave(leave []wfm.Leave, origins []inputs.Origin, limit int, start, end wfm.Date, policy LeaveCap) ([]int, []RefusedLeave, error) {
	// span returns the days of entry i that count against the cap: its days of annual leave
	// inside the horizon.
	span := func(i int) (wfm.Date, wfm.Date) {
		l := leave[i]
		if l.Type != wfm.LeaveAnnual {
			return 1, 0
		}
		return max(l.From, start), min(l.To, end)
	}
	name := func(i int) string {
		if at := originOf(origins, i); at.File != "" {
			return fmt.Sprintf("%s (%s)", leave[i].Agent, at)
		}
		return fmt.Sprintf("%s (%s to %s)", leave[i].Agent, leave[i].From, leave[i].To)
	}
	names := func(entries []int) string {
		out := make([]string, len(entries))
		for j, i := range entries {
			out[j] = name(i)
		}
		return strings.Join(out, ", ")
	}
	days := int(end-start) + 1
	on := make([][]int, max(days, 0)) // per day of the horizon: the entries kept that cover it
	all := make([]int, 0, len(leave))
	for i := range leave {
		all = append(all, i)
	}
	switch policy {
	case "", LeaveCapStop:
		for i := range leave {
			from, to := span(i)
			for d := from; d <= to; d++ {
				on[d-start] = append(on[d-start], i)
			}
		}
		var conflicts LeaveConflicts
		for k := 0; k < days; {
			set := on[k]
			n := agentsIn(leave, set, "")
			if n <= limit {
				k++
				continue
			}
			j := k + 1
			for j < days && slices.Equal(on[j], set) {
				j++
			}
			last := set[len(set)-1]
			at := originOf(origins, last)
			through := ""
			if j-1 > k {
				through = " through " + start.AddDays(j-1).String()
			}
			conflicts = append(conflicts, &wfm.Error{Kind: wfm.KindRule, Rule: "R10", File: at.File, Line: at.Line,
				Agent: leave[last].Agent, Day: start.AddDays(k).String(),
				Message: fmt.Sprintf("%d agents on annual leave%s, at most %d at a time: %s", n, through, limit, names(set))})
			k = j
		}
		if len(conflicts) > 0 {
			return nil, nil, conflicts
		}
		return all, nil, nil
	case LeaveCapFirstCome:
		var kept []int
		var refused []RefusedLeave
		for i, l := range leave {
			from, to := span(i)
			var over []wfm.Date
			var blocking []int
			for d := from; d <= to; d++ {
				if agentsIn(leave, on[d-start], l.Agent) >= limit {
					over = append(over, d)
					for _, b := range on[d-start] {
						if leave[b].Agent != l.Agent && !slices.Contains(blocking, b) {
							blocking = append(blocking, b)
						}
					}
				}
			}
			if len(over) == 0 {
				kept = append(kept, i)
				for d := from; d <= to; d++ {
					on[d-start] = append(on[d-start], i)
				}
				continue
			}
			reason := fmt.Sprintf("%s: no annual leave is allowed (the cap is 0, R10)", dayRuns(over))
			if limit > 0 {
				slices.Sort(blocking)
				reason = fmt.Sprintf("%s: the cap of %d on annual leave at a time (R10) is already reached by %s",
					dayRuns(over), limit, names(blocking))
			}
			refused = append(refused, RefusedLeave{Leave: l, Origin: originOf(origins, i), Reason: reason})
		}
		return kept, refused, nil
	}
	_, err := ParseLeaveCap(string(policy))
	return nil, nil, err
}

// agentsIn counts the distinct agents of the entries, leaving out except.
func agentsIn(leave []wfm.Leave, entries []int, except string) int {
	var seen []string
	for _, i := range entries {
		if a := leave[i].Agent; a != except && !slices.Contains(seen, a) {
			seen = append(seen, a)
		}
	}
	return len(seen)
}

// dayRuns writes increasing dates as runs, "2026-10-03 to 2026-10-05, 2026-10-09".
func dayRuns(dates []wfm.Date) string {
	var runs [][2]wfm.Date
	for _, d := range dates {
		if n := len(runs); n > 0 && runs[n-1][1] == d-1 {
			runs[n-1][1] = d
			continue
		}
		runs = append(runs, [2]wfm.Date{d, d})
	}
	out := make([]string, len(runs))
	for i, r := range runs {
		out[i] = r[0].String()
		if r[1] != r[0] {
			out[i] += " to " + r[1].String()
		}
	}
	return strings.Join(out, ", ")
}
