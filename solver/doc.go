// Package solver builds the monthly roster: it compiles a wfm.Problem into dense arrays, constructs
// a first roster greedily, and improves it by simulated annealing over agent-day moves with
// incremental (delta) scoring, on every core, until the time or iteration budget is spent.
//
// The objective is the one defined in package wfm (objective.go): SOFT terms weighted as the rules
// say, plus HARD rules (hard.go) kept by the search as a penalty H·v, where v measures how far the
// roster is from feasible (hours over a limit, days over a run limit, rest breaches, …). H adapts
// (strategic oscillation): it grows while the search stays infeasible and shrinks, to a floor,
// while it stays feasible, so the search can cross infeasible ground without settling there. Only
// rosters with v = 0 are returned.
//
// Structure of a solve: compile (model.go) → diagnose inputs that cannot be satisfied
// (diagnose.go) → construct (construct.go: day by day, then place breaks, breaks.go, for interval
// demand; agent by agent, each taking its best response to the cover left, for demand per day
// and template) → repair (repair.go; a trainee left alone on a shift is mended by a change of one
// day or a pair of days that keeps both its and its mentor's week) → on interval demand, a descent
// from the feasible roster (anneal.go: only improving moves that keep it feasible, until they
// stall) → anneal (anneal.go; moves in moves.go; every few thousand
// moves a best response re-plans one agent's horizon, or a span of weeks of a long one, by
// dynamic programming, respond.go; scoring in state.go and agg.go, with agent.go as the full
// re-read the tests compare against) → bound (lagrange.go, with package bound: a Lagrangian
// relaxation over single-agent schedules priced by the same programme, on the objective and on
// agent-intervals short, certified lower bounds that the roster carries with its gaps; the last
// share of the time) → on demand per day and template over up to six weeks, where the annealing
// has only a short first share of the time (guidedSearchShare), a roster read off the bound's
// master (dive.go) and polished by a cold annealing for the rest → write the wfm.Roster
// (roster.go). Every phase from the
// construction on keeps to the budget (budget.go): at the deadline or on cancellation the solve
// returns the best roster so far that keeps every HARD rule, or an error naming the phase it
// reached.
package solver
