package curtois

import "slices"

// Names of the hard constraints, as reported in Violation.Constraint. One shift per employee per
// day has no name: a Roster cannot express a breach of it.
const (
	ConstraintRoster                = "roster" // the roster does not fit the instance (shape, shift index)
	ConstraintCannotFollow          = "cannot-follow"
	ConstraintMaxShifts             = "max-shifts"
	ConstraintMaxTotalMinutes       = "max-total-minutes"
	ConstraintMinTotalMinutes       = "min-total-minutes"
	ConstraintMaxConsecutiveShifts  = "max-consecutive-shifts"
	ConstraintMinConsecutiveShifts  = "min-consecutive-shifts"
	ConstraintMinConsecutiveDaysOff = "min-consecutive-days-off"
	ConstraintMaxWeekends           = "max-weekends"
	ConstraintDaysOff               = "days-off"
)

// employeeCheck returns the violations of one hard constraint by one employee's row of shifts
// (one entry per day, a shift index or Off).
type employeeCheck func(inst *Instance, emp *Employee, days []int) []Violation

// employeeChecks lists the per-employee hard constraints in the order Score reports them.
var employeeChecks = []employeeCheck{
	checkCannotFollow,
	checkMaxShifts,
	checkMaxTotalMinutes,
	checkMinTotalMinutes,
	checkMaxConsecutiveShifts,
	checkMinConsecutiveShifts,
	checkMinConsecutiveDaysOff,
	checkMaxWeekends,
	checkDaysOff,
}

// checkCannotFollow: a shift listed in the CannotFollow field of the shift worked on day d may not
// be worked on day d+1. The days before and after the horizon are days off, so only pairs of
// days inside the horizon can break the rule. A violation is reported on the later day.
func checkCannotFollow(inst *Instance, emp *Employee, days []int) []Violation {
	var vs []Violation
	for d := 1; d < len(days); d++ {
		prev, cur := days[d-1], days[d]
		if prev != Off && cur != Off && slices.Contains(inst.Shifts[prev].CannotFollow, cur) {
			vs = append(vs, violation(ConstraintCannotFollow, emp, d, "shift %s on day %d cannot follow shift %s",
				inst.Shifts[cur].ID, d, inst.Shifts[prev].ID))
		}
	}
	return vs
}

// checkMaxShifts: the employee works at most MaxShifts[s] shifts of each type s. One violation per
// shift type, with no day.
func checkMaxShifts(inst *Instance, emp *Employee, days []int) []Violation {
	counts := make([]int, len(inst.Shifts))
	for _, s := range days {
		if s != Off {
			counts[s]++
		}
	}
	var vs []Violation
	for s, n := range counts {
		if n > emp.MaxShifts[s] {
			vs = append(vs, violation(ConstraintMaxShifts, emp, -1, "%d shifts of type %s, at most %d allowed",
				n, inst.Shifts[s].ID, emp.MaxShifts[s]))
		}
	}
	return vs
}

// checkMaxTotalMinutes: the lengths of the shifts worked sum to at most MaxTotalMinutes.
func checkMaxTotalMinutes(inst *Instance, emp *Employee, days []int) []Violation {
	if total := totalMinutes(inst, days); total > emp.MaxTotalMinutes {
		return []Violation{violation(ConstraintMaxTotalMinutes, emp, -1, "works %d minutes, at most %d allowed",
			total, emp.MaxTotalMinutes)}
	}
	return nil
}

// checkMinTotalMinutes: the lengths of the shifts worked sum to at least MinTotalMinutes.
func checkMinTotalMinutes(inst *Instance, emp *Employee, days []int) []Violation {
	if total := totalMinutes(inst, days); total < emp.MinTotalMinutes {
		return []Violation{violation(ConstraintMinTotalMinutes, emp, -1, "works %d minutes, at least %d required",
			total, emp.MinTotalMinutes)}
	}
	return nil
}

func totalMinutes(inst *Instance, days []int) int {
	total := 0
	for _, s := range days {
		if s != Off {
			total += inst.Shifts[s].Minutes
		}
	}
	return total
}

// checkMaxConsecutiveShifts: no run of consecutive working days is longer than
// MaxConsecutiveShifts. The days outside the horizon are off, so a run touching either end of
// the horizon counts with its length inside it. One violation per run, on its first day.
func checkMaxConsecutiveShifts(_ *Instance, emp *Employee, days []int) []Violation {
	var vs []Violation
	for _, run := range runs(days, true) {
		if run.length > emp.MaxConsecutiveShifts {
			vs = append(vs, violation(ConstraintMaxConsecutiveShifts, emp, run.start,
				"%d consecutive shifts from day %d, at most %d allowed", run.length, run.start, emp.MaxConsecutiveShifts))
		}
	}
	return vs
}

// checkMinConsecutiveShifts: every run of consecutive working days is at least
// MinConsecutiveShifts long. Shifts are assumed to continue without end before and after the
// horizon, so a run touching day 0 or the last day is exempt. One violation per run.
func checkMinConsecutiveShifts(_ *Instance, emp *Employee, days []int) []Violation {
	return shortRuns(ConstraintMinConsecutiveShifts, emp, innerRuns(days, true), emp.MinConsecutiveShifts, "consecutive shifts")
}

// checkMinConsecutiveDaysOff: every run of consecutive days off is at least
// MinConsecutiveDaysOff long. Days off are assumed to continue without end before and after the
// horizon, so a run touching day 0 or the last day is exempt. One violation per run.
func checkMinConsecutiveDaysOff(_ *Instance, emp *Employee, days []int) []Violation {
	return shortRuns(ConstraintMinConsecutiveDaysOff, emp, innerRuns(days, false), emp.MinConsecutiveDaysOff, "consecutive days off")
}

// shortRuns reports each of rs shorter than minLength, on the run's first day; what names the
// days of the run in the detail.
func shortRuns(constraint string, emp *Employee, rs []run, minLength int, what string) []Violation {
	var vs []Violation
	for _, run := range rs {
		if run.length < minLength {
			vs = append(vs, violation(constraint, emp, run.start, "%d %s from day %d, at least %d required",
				run.length, what, run.start, minLength))
		}
	}
	return vs
}

// checkMaxWeekends: at most MaxWeekends weekends are worked, a weekend being worked when there is
// a shift on its Saturday or its Sunday (days 7k+5 and 7k+6, day 0 being a Monday).
func checkMaxWeekends(_ *Instance, emp *Employee, days []int) []Violation {
	if n := weekendsWorked(days); n > emp.MaxWeekends {
		return []Violation{violation(ConstraintMaxWeekends, emp, -1, "works %d weekends, at most %d allowed",
			n, emp.MaxWeekends)}
	}
	return nil
}

// weekendsWorked counts the weeks with a shift on Saturday or Sunday. A weekend cut by the end
// of the horizon counts by its days inside it.
func weekendsWorked(days []int) int {
	n := 0
	for sat := 5; sat < len(days); sat += 7 {
		if days[sat] != Off || sat+1 < len(days) && days[sat+1] != Off {
			n++
		}
	}
	return n
}

// checkDaysOff: no shift on the employee's listed days off. One violation per day.
func checkDaysOff(inst *Instance, emp *Employee, days []int) []Violation {
	var vs []Violation
	for _, d := range emp.DaysOff {
		if s := days[d]; s != Off {
			vs = append(vs, violation(ConstraintDaysOff, emp, d, "shift %s on day off %d", inst.Shifts[s].ID, d))
		}
	}
	return vs
}

// run is a maximal stretch of consecutive days that are all worked or all off.
type run struct{ start, length int }

// runs returns the maximal runs of worked days (worked true) or of days off (worked false).
func runs(days []int, worked bool) []run {
	var rs []run
	for d := 0; d < len(days); d++ {
		if (days[d] != Off) != worked {
			continue
		}
		start := d
		for d+1 < len(days) && (days[d+1] != Off) == worked {
			d++
		}
		rs = append(rs, run{start, d - start + 1})
	}
	return rs
}

// innerRuns is runs without the runs that touch day 0 or the last day.
func innerRuns(days []int, worked bool) []run {
	return slices.DeleteFunc(runs(days, worked), func(r run) bool {
		return r.start == 0 || r.start+r.length == len(days)
	})
}
