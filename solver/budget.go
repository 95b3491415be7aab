package solver

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"
)

// budget is when a solve stops: at a deadline, after a number of moves per search chain, or when
// its context is cancelled. Every phase after the compilation and the diagnosis (both linear in
// the input, and the diagnosis's verdict is worth more than a timeout) asks stopped() between
// steps of at most a few milliseconds, so a solve ends within moments of its deadline whatever
// the phase: construction, break placement, repair or search.
type budget struct {
	ctx      context.Context
	deadline time.Time // zero for none
	moves    int64     // per chain; 0 for no limit
}

// stopped reports whether the deadline has passed or the context is cancelled. It costs a clock
// read, so the search calls it every stopCheckMoves moves rather than every move.
func (b budget) stopped() bool { return b.ctx.Err() != nil || b.expired() }

// expired reports whether the budget's deadline has passed.
func (b budget) expired() bool { return !b.deadline.IsZero() && !time.Now().Before(b.deadline) }

// stopCheckMoves is how often, in moves, a search chain asks whether the budget is spent: a few
// milliseconds of moves even on the largest centres.
const stopCheckMoves = 1024

// share is the part of the budget a search that began at start has spent after n moves per chain:
// the larger of the time share and the move share, in [0, 1]. A deadline that had already passed
// at start leaves nothing to spend.
func (b budget) share(start time.Time, n int64) float64 {
	s := 0.0
	if !b.deadline.IsZero() {
		total := b.deadline.Sub(start)
		if total <= 0 {
			return 1
		}
		s = float64(time.Since(start)) / float64(total)
	}
	if b.moves > 0 {
		s = max(s, float64(n)/float64(b.moves))
	}
	return min(s, 1)
}

// Phase names a step of a solve, in the order they run.
type Phase string

// The phases of Solve after the compilation and the diagnosis.
const (
	PhaseConstruct Phase = "construct" // building the first roster (days, or agents for demand per shift)
	PhaseBreaks    Phase = "breaks"    // staggering the first roster's breaks (shifts)
	PhaseRepair    Phase = "repair"    // repairing what the construction left (rounds over the agents)
	PhaseBound     Phase = "bound"     // the Lagrangian lower bounds (evaluations of the dual)
	PhaseSearch    Phase = "search"    // the annealing (moves)
	PhaseDive      Phase = "dive"      // the roster read off the bound's programme (agents given a schedule)
)

// doing describes what the phase does, for error messages.
func (p Phase) doing() string {
	switch p {
	case PhaseConstruct:
		return "building the first roster"
	case PhaseBreaks:
		return "placing the first roster's breaks"
	case PhaseRepair:
		return "repairing the first roster"
	case PhaseBound:
		return "bounding the objective"
	case PhaseDive:
		return "diving on the bound's programme"
	}
	return "searching"
}

// ErrTimeLimit is wrapped by the error of a solve whose time limit ran out before it found a
// roster keeping every HARD rule.
var ErrTimeLimit = errors.New("the time limit ran out")

// NoRosterError is the error of a solve that ended without a roster keeping every HARD rule: the
// search spent its budget, or the time limit or a cancellation stopped it in an earlier phase.
// errors.Is(err, ErrNoFeasible) always holds; errors.Is(err, ErrTimeLimit) when the time limit
// ended it, and errors.Is(err, context.Canceled) (or DeadlineExceeded) when its context did.
type NoRosterError struct {
	Phase    Phase         // the phase the solve was in when it ended
	Done, Of int           // how far that phase had got, in its unit (days, agents, shifts, rounds, moves)
	Unit     string        // what Done and Of count
	Elapsed  time.Duration // from the start of the solve
	Limit    time.Duration // the time limit, 0 for none
	Cause    error         // ErrTimeLimit, the context's error, or nil when the move budget was spent
	Closest  string        // the agents furthest from keeping the HARD rules in the closest roster (repair, search)
}

func (e *NoRosterError) Error() string {
	msg := ErrNoFeasible.Error()
	switch {
	case errors.Is(e.Cause, ErrTimeLimit):
		msg += fmt.Sprintf(": the time limit of %s ran out while %s", e.Limit, e.Phase.doing())
	case e.Cause != nil:
		msg += fmt.Sprintf(": the solve was stopped (%v) while %s", e.Cause, e.Phase.doing())
	default:
		msg += ": the search spent its budget"
	}
	if e.Of > 0 {
		msg += fmt.Sprintf(" (%d of %d %s done)", e.Done, e.Of, e.Unit)
	}
	msg += fmt.Sprintf(" after %s", e.Elapsed.Round(time.Millisecond))
	if e.Closest != "" {
		msg += "; " + e.Closest
	}
	return msg
}

// Unwrap lets errors.Is see ErrNoFeasible and the cause.
func (e *NoRosterError) Unwrap() []error {
	if e.Cause == nil {
		return []error{ErrNoFeasible}
	}
	return []error{ErrNoFeasible, e.Cause}
}

// pacer follows a solve through its phases: each phase calls step as it goes, and learns whether
// to stop; pacer reports how far it got to the progress callback (at most reportSteps times per
// phase) and remembers it for the error of a solve that ends without a roster.
type pacer struct {
	b        budget
	began    time.Time
	progress func(Progress) // may be nil
	st       *state         // the roster under construction, for the progress's objective
	phase    Phase
	done, of int
	unit     string  // what done and of count
	next     int     // the step at which to report next
	bound    float64 // the lower bound on the objective so far (−Inf for none)
	// incumbent is the objective of the best roster an earlier search phase found (+Inf for none):
	// a later phase that starts elsewhere reports the better of it and its own.
	incumbent float64
}

// reportSteps is how many progress reports a phase before the search makes at most.
const reportSteps = 32

// begin starts phase ph of `of` steps, each one unit, and reports it.
func (pc *pacer) begin(ph Phase, of int, unit string) {
	pc.phase, pc.done, pc.of, pc.unit, pc.next = ph, 0, of, unit, 0
	pc.step(0)
}

// step records that done steps of the phase are complete and reports whether the solve must stop.
func (pc *pacer) step(done int) bool {
	pc.done = done
	if done >= pc.next {
		pc.next = done + max(1, pc.of/reportSteps)
		pc.report()
	}
	return pc.b.stopped()
}

// report sends the phase's progress.
func (pc *pacer) report() {
	if pc.progress == nil {
		return
	}
	pr := Progress{Phase: pc.phase, Done: pc.done, Of: pc.of, Elapsed: time.Since(pc.began), Best: math.Inf(1),
		Remaining: pc.b.remaining(), Bound: pc.bound}
	if pc.st != nil {
		pr.Current, pr.Hard = pc.st.soft(), pc.st.hard()
		if pc.phase == PhaseBound || pc.phase == PhaseDive { // after the search: st is its best roster
			pr.Best = pr.Current
		}
	}
	pc.progress(pr)
}

// leaving is the budget that ends when share of b's time left remains (b itself without a
// deadline).
func (b budget) leaving(share float64) budget {
	if !b.deadline.IsZero() {
		b.deadline = b.deadline.Add(-time.Duration(share * float64(b.remaining())))
	}
	return b
}

// remaining is the time left before the deadline (0 without one, or past it).
func (b budget) remaining() time.Duration {
	if b.deadline.IsZero() {
		return 0
	}
	return max(0, time.Until(b.deadline))
}

// cause is why the budget stopped the solve: the context's error, ErrTimeLimit, or nil when
// neither (the move budget was spent).
func (b budget) cause() error {
	if err := b.ctx.Err(); err != nil {
		return err
	}
	if b.expired() {
		return ErrTimeLimit
	}
	return nil
}

// noRoster is the error of a solve that ends in the pacer's phase without a feasible roster;
// closest is the roster nearest to one, described once the first roster is complete.
func (pc *pacer) noRoster(closest *state) *NoRosterError {
	e := &NoRosterError{Phase: pc.phase, Done: pc.done, Of: pc.of, Unit: pc.unit, Elapsed: time.Since(pc.began),
		Cause: pc.b.cause()}
	if !pc.b.deadline.IsZero() {
		e.Limit = pc.b.deadline.Sub(pc.began)
	}
	if pc.phase == PhaseRepair || pc.phase == PhaseSearch {
		e.Closest = describeHard(closest) // earlier, the roster is only partly built
	}
	return e
}
