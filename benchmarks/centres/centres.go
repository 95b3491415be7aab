// Package centres benchmarks the solver on generated contact centres of any size: for each size
// it generates a month (benchmarks/gen), solves it for a time budget, checks the roster with the
// independent checker, and reports how fast a first feasible roster appeared, how the objective
// fell over time, the under-coverage against the lower bound the solver computes, the roster's
// shape (wfm.SummariseShape), and memory.
package centres

import (
	"context"
	"fmt"
	"io"
	"math"
	"runtime"
	"sort"
	"syscall"
	"time"

	"wfm"
	"wfm/benchmarks/gen"
	"wfm/solver"
	"wfm/solver/validate"
)

// Checkpoints are the times at which the best objective is reported.
var Checkpoints = []time.Duration{2 * time.Second, 10 * time.Second, 30 * time.Second, time.Minute,
	2 * time.Minute, 5 * time.Minute}

// Result is one generated centre solved.
type Result struct {
	Agents, Days, Intervals int
	Generate                time.Duration
	FirstFeasible           time.Duration // from the start of the solve; −1 when none
	Elapsed                 time.Duration
	Objective               float64
	AtCheckpoint            map[time.Duration]float64 // best objective reached by each checkpoint
	Required                float64                   // agent-intervals demanded
	Short                   float64                   // agent-intervals short (checker's count)
	LowerBound              float64                   // the solver's lower bound on Short
	ObjectiveBound          float64                   // the solver's lower bound on the objective
	HeapMB, RSSMB           float64
	Moves                   int64
	Violations              int // HARD violations found by the checker (0 for every roster returned)
	Shape                   wfm.ShapeSummary
	Err                     string
}

// Options set up a run.
type Options struct {
	Days, IntervalMinutes int
	Seed                  uint64
	Time                  time.Duration
	Workers               int
	Progress              func(agents int, p solver.Progress)
}

// Run generates and solves a centre of each size.
func Run(ctx context.Context, sizes []int, opt Options) []Result {
	var out []Result
	for _, n := range sizes {
		out = append(out, runOne(ctx, n, opt))
		if ctx.Err() != nil {
			break
		}
	}
	return out
}

func runOne(ctx context.Context, agents int, opt Options) Result {
	res := Result{Agents: agents, FirstFeasible: -1, AtCheckpoint: map[time.Duration]float64{}}
	began := time.Now()
	p, err := gen.GenerateContext(ctx, gen.Config{Agents: agents, Days: opt.Days, IntervalMinutes: opt.IntervalMinutes, Seed: opt.Seed})
	res.Generate = time.Since(began)
	if err != nil {
		res.Err = err.Error()
		return res
	}
	res.Days, res.Intervals = p.Horizon.Days, p.Horizon.Grid().Len()
	runtime.GC()
	start := time.Now()
	var peak uint64
	lastSample := time.Time{}
	progress := func(pr solver.Progress) {
		at := time.Since(start)
		if !math.IsInf(pr.Best, 1) {
			if res.FirstFeasible < 0 {
				res.FirstFeasible = at
			}
			for _, c := range Checkpoints {
				if at <= c {
					if v, ok := res.AtCheckpoint[c]; !ok || pr.Best < v {
						res.AtCheckpoint[c] = pr.Best
					}
				}
			}
		}
		if time.Since(lastSample) > 500*time.Millisecond {
			lastSample = time.Now()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
		if opt.Progress != nil {
			opt.Progress(agents, pr)
		}
	}
	r, err := solver.Solve(ctx, p, solver.Options{Time: opt.Time, Seed: opt.Seed, Workers: opt.Workers, Progress: progress})
	res.Elapsed = time.Since(start)
	res.HeapMB = float64(peak) / (1 << 20)
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		res.RSSMB = float64(ru.Maxrss) / 1024
	}
	if err != nil {
		res.Err = err.Error()
		return res
	}
	// Checkpoints after the end keep the final value; the first feasible roster may be the constructed one.
	for _, c := range Checkpoints {
		if _, ok := res.AtCheckpoint[c]; !ok && res.Elapsed <= c {
			res.AtCheckpoint[c] = r.Objective.Total
		}
	}
	if res.FirstFeasible < 0 {
		res.FirstFeasible = res.Elapsed
	}
	rep := validate.Check(p, r)
	res.Violations = len(rep.Violations)
	res.Objective = rep.Objective.Total
	res.Short = rep.Objective.Term(wfm.TermUnder).Amount
	res.LowerBound, res.ObjectiveBound = r.Solver.LowerBound, r.Solver.ObjectiveBound
	res.Moves = r.Solver.Iterations
	res.Shape = wfm.SummariseShape(p, r)
	for _, v := range p.Demand.Agents {
		res.Required += float64(v)
	}
	return res
}

// WriteTable prints the results as markdown: one row per centre, then the best objective at each
// checkpoint.
func WriteTable(w io.Writer, results []Result) {
	fmt.Fprintln(w, "| agents | intervals | generate | first feasible | solve | objective | objective bound | objective gap % | short (agent-intervals) | short % of demand | lower bound | certified gap % | HARD violations | heap MB | RSS MB |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range results {
		if r.Err != "" {
			fmt.Fprintf(w, "| %d | %d | %s | – | %s | – | – | – | – | – | – | – | – | %.0f | %.0f |\n", r.Agents, r.Intervals,
				sec(r.Generate), sec(r.Elapsed), r.HeapMB, r.RSSMB)
			continue
		}
		fmt.Fprintf(w, "| %d | %d | %s | %s | %s | %.0f | %.1f | %.1f | %.1f | %.2f | %.1f | %.1f | %d | %.0f | %.0f |\n", r.Agents, r.Intervals,
			sec(r.Generate), sec(r.FirstFeasible), sec(r.Elapsed), r.Objective, r.ObjectiveBound, wfm.GapPercent(r.Objective, r.ObjectiveBound),
			r.Short, 100*r.Short/r.Required, r.LowerBound, wfm.GapPercent(r.Short, r.LowerBound), r.Violations, r.HeapMB, r.RSSMB)
	}
	for _, r := range results {
		if r.Err != "" {
			fmt.Fprintf(w, "\n%d agents: %s\n", r.Agents, r.Err)
		}
	}
	fmt.Fprintln(w, "\nRoster shape (wfm.SummariseShape):")
	fmt.Fprintln(w, "\n| agents | start changes ≥3 h | single days off | isolated days | templates per agent | without a full weekend off (full-time) | part-timer weeks outside band |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range results {
		if r.Err != "" {
			continue
		}
		s := r.Shape
		fmt.Fprintf(w, "| %d | %.1f %% (%d of %d) | %.1f %% (%d of %d) | %d | %.1f | %d (%d of %d) | %d of %d |\n", r.Agents,
			s.StartChangeShare, s.StartChanges, s.WorkPairs, s.SingleOffShare, s.SingleDaysOff, s.OffBlocks, s.IsolatedDays,
			s.TemplatesPerAgent, s.WithoutWeekend, s.FullTimeWithoutWeekend, s.FullTime, s.PartTimeOutside, s.PartTimeWeeks)
	}
	fmt.Fprintln(w, "\nBest objective by time:")
	fmt.Fprint(w, "\n| agents |")
	for _, c := range Checkpoints {
		fmt.Fprintf(w, " %s |", c)
	}
	fmt.Fprint(w, "\n|---:|")
	for range Checkpoints {
		fmt.Fprint(w, "---:|")
	}
	fmt.Fprintln(w)
	for _, r := range results {
		fmt.Fprintf(w, "| %d |", r.Agents)
		keys := make([]time.Duration, 0, len(Checkpoints))
		keys = append(keys, Checkpoints...)
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		for _, c := range keys {
			if v, ok := r.AtCheckpoint[c]; ok {
				fmt.Fprintf(w, " %.0f |", v)
			} else {
				fmt.Fprint(w, " – |")
			}
		}
		fmt.Fprintln(w)
	}
}

func sec(d time.Duration) string { return fmt.Sprintf("%.1fs", d.Seconds()) }
