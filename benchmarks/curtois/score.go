package curtois

import "fmt"

// Result is the evaluation of a roster.
type Result struct {
	Penalty     int // the benchmark objective: the sum of the four components below
	OnRequests  int // weights of the shift-on requests not granted
	OffRequests int // weights of the shift-off requests not granted
	CoverUnder  int // Σ (requirement − assigned) × weight for under, over understaffed (day, shift)
	CoverOver   int // Σ (assigned − requirement) × weight for over, over overstaffed (day, shift)
	Violations  []Violation
}

// Feasible reports whether the roster breaks no hard constraint.
func (r Result) Feasible() bool { return len(r.Violations) == 0 }

// Violation is one breach of a hard constraint.
type Violation struct {
	Constraint string // one of the Constraint* names
	Employee   string // employee id; empty when the breach concerns no single employee
	Day        int    // the day concerned (the first day of a run), or -1
	Detail     string
}

// String renders the violation on one line.
func (v Violation) String() string {
	return fmt.Sprintf("%s: employee %q day %d: %s", v.Constraint, v.Employee, v.Day, v.Detail)
}

func violation(constraint string, emp *Employee, day int, format string, args ...any) Violation {
	return Violation{Constraint: constraint, Employee: emp.ID, Day: day, Detail: fmt.Sprintf(format, args...)}
}

// Score evaluates roster against inst: the objective with its components, and every hard
// constraint violation. A roster of the wrong shape, or holding an entry that is neither a
// shift index nor Off, gets ConstraintRoster violations and is scored with those entries off.
func Score(inst *Instance, roster Roster) Result {
	r, vs := normalise(inst, roster)
	res := Result{
		OnRequests:  onRequestPenalty(inst, r),
		OffRequests: offRequestPenalty(inst, r),
		Violations:  vs,
	}
	res.CoverUnder, res.CoverOver = coverPenalty(inst, r)
	res.Penalty = res.OnRequests + res.OffRequests + res.CoverUnder + res.CoverOver
	for e := range inst.Staff {
		for _, check := range employeeChecks {
			res.Violations = append(res.Violations, check(inst, &inst.Staff[e], r[e])...)
		}
	}
	return res
}

// onRequestPenalty sums the weights of the shift-on requests (E, d, s) where E does not work s on
// day d, whether E is off or on another shift.
func onRequestPenalty(inst *Instance, r Roster) int {
	sum := 0
	for _, q := range inst.ShiftOn {
		if r[q.Employee][q.Day] != q.Shift {
			sum += q.Weight
		}
	}
	return sum
}

// offRequestPenalty sums the weights of the shift-off requests (E, d, s) where E works s on day d.
func offRequestPenalty(inst *Instance, r Roster) int {
	sum := 0
	for _, q := range inst.ShiftOff {
		if r[q.Employee][q.Day] == q.Shift {
			sum += q.Weight
		}
	}
	return sum
}

// coverPenalty returns, summed over every (day, shift) with x employees assigned,
// (requirement − x) × WeightUnder when x is short and (x − requirement) × WeightOver when x is
// in excess.
func coverPenalty(inst *Instance, r Roster) (under, over int) {
	assigned := make([]int, len(inst.Shifts))
	for d, covers := range inst.Cover {
		clear(assigned)
		for e := range r {
			if s := r[e][d]; s != Off {
				assigned[s]++
			}
		}
		for s, c := range covers {
			under += max(c.Requirement-assigned[s], 0) * c.WeightUnder
			over += max(assigned[s]-c.Requirement, 0) * c.WeightOver
		}
	}
	return under, over
}
