package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"time"

	"wfm"
	"wfm/planning"
	"wfm/solver"
	"wfm/solver/validate"
)

func runSolve(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "solve", "solve --problem P [--previous ROSTER] [--time 60s] [--moves N] [--seed 1] [--workers N] [--out R]")
	var problem, previous, out string
	var limit time.Duration
	var moves int64
	var seed uint64
	var workers int
	var quiet bool
	fs.StringVar(&problem, "problem", "", "problem JSON")
	fs.StringVar(&previous, "previous", "", fmt.Sprintf("the previous month's roster.json: its last %d days become the problem's history "+
		"(for a problem that holds none)", wfm.HistoryDays))
	fs.DurationVar(&limit, "time", solver.DefaultTime, "search time")
	fs.Int64Var(&moves, "moves", 0, "moves per search chain (with --time 0: the same roster on every machine)")
	fs.Uint64Var(&seed, "seed", 1, "random seed")
	fs.IntVar(&workers, "workers", 0, "parallel search chains (default: one per CPU)")
	fs.StringVar(&out, "out", "", "roster JSON (default stdout)")
	fs.BoolVar(&quiet, "quiet", false, "no progress line")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := required("problem", problem); err != nil {
		return err
	}
	p, err := readProblem(problem)
	if err != nil {
		return err
	}
	if previous != "" {
		if err := chain(e, p, previous); err != nil {
			return err
		}
	}
	var progress func(solver.Progress)
	if !quiet {
		progress = progressLine(e.stderr, limit)
	}
	r, err := solver.Solve(ctx, p, solver.Options{Time: limit, Moves: moves, Seed: seed, Workers: workers, Progress: progress})
	if progress != nil {
		fmt.Fprintln(e.stderr)
	}
	if err != nil {
		return err
	}
	rep := validate.Check(p, r)
	if !rep.OK() {
		return fmt.Errorf("internal error: the solver's roster breaks %d HARD rules (first: %v)", len(rep.Violations), rep.Violations[0])
	}
	a, err := planning.PlaceActivities(p, r) // R15: the sessions, after the roster
	if err != nil {
		return err
	}
	if a != nil {
		fmt.Fprintf(e.stderr, "activities (R15): %d sessions placed, %d attendances unplaced; objective %.2f without them\n",
			len(r.Sessions), len(r.Unplaced), a.Before.Total)
	}
	w, closeOut, err := output(e, out)
	if err != nil {
		return err
	}
	if err := wfm.WriteJSON(w, r); err != nil {
		closeOut()
		return err
	}
	if err := closeOut(); err != nil {
		return err
	}
	writeObjective(e.stderr, r.Objective)
	return nil
}

// chain gives p the history that the previous month's roster at path supplies, and prints the
// notes about it.
func chain(e *env, p *wfm.Problem, path string) error {
	prev, err := readRoster(path)
	if err != nil {
		return err
	}
	h, err := planning.Chain(p, prev, path)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "history from %s: %s to %s for %d agents\n", path, h.From, h.To, h.Agents)
	for _, n := range h.Notes {
		fmt.Fprintf(e.stderr, "note: %s\n", n)
	}
	return nil
}

// progressLine returns a progress callback that redraws one terminal line: elapsed time, the
// share of the budget spent, and the best objective and moves of the search, or how far a phase
// before it (construct, breaks, repair) has got.
func progressLine(w io.Writer, limit time.Duration) func(solver.Progress) {
	last := time.Time{}
	return func(p solver.Progress) {
		if time.Since(last) < 200*time.Millisecond {
			return
		}
		last = time.Now()
		what := fmt.Sprintf("%s %d/%d", p.Phase, p.Done, p.Of)
		if p.Phase == solver.PhaseSearch {
			best := "none yet"
			if !math.IsInf(p.Best, 1) {
				best = fmt.Sprintf("%.1f", p.Best)
			}
			what = fmt.Sprintf("best %s  moves %.1fM", best, float64(p.Moves)/1e6)
		}
		if p.Phase == solver.PhaseBound && !math.IsInf(p.Bound, -1) {
			what = fmt.Sprintf("best %.1f  bound %.1f  gap %.1f%%", p.Best, p.Bound, wfm.GapPercent(p.Best, p.Bound))
		}
		pct := ""
		if limit > 0 {
			pct = fmt.Sprintf(" %3.0f%%", 100*min(1, p.Elapsed.Seconds()/limit.Seconds()))
		}
		fmt.Fprintf(w, "\rsolving%s  %5.1fs  %-32s", pct, p.Elapsed.Seconds(), what)
	}
}

// writeObjective prints the objective per rule as a markdown table.
func writeObjective(w io.Writer, o wfm.Objective) {
	fmt.Fprintln(w, "| rule | term | amount | penalty |")
	fmt.Fprintln(w, "|---|---|---:|---:|")
	for _, t := range o.Terms {
		if t.Penalty == 0 && t.Amount == 0 {
			continue
		}
		fmt.Fprintf(w, "| %s | %s | %.1f | %.1f |\n", t.Rule, t.Name, t.Amount, t.Penalty)
	}
	fmt.Fprintf(w, "| | **total** | | **%.1f** |\n", o.Total)
}
