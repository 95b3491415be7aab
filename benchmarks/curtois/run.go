package curtois

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"wfm"
	"wfm/solver"
	"wfm/solver/validate"
)

// RunResult is one instance solved by the product's solver, scored by this package's Score (the
// benchmark's own objective) and checked by the product's independent checker.
type RunResult struct {
	Instance  string
	Staff     int
	Days      int
	BestKnown int // 0 when unknown
	Published int // the published lower bound (best_known.tsv); 0 when unknown
	Objective int // the benchmark penalty of the roster; −1 when no feasible roster was found
	// Bound is the solver's certified lower bound on the objective (the benchmark penalty, which the
	// product's objective equals on the mapped problem); BoundValid is false when it is not the same
	// objective (the product's total differs from the penalty) or no roster was found.
	Bound      float64
	BoundValid bool
	Seconds    float64
	Feasible   bool // the benchmark's hard constraints and the product's checker both pass
	Err        string
	Roster     Roster
}

// Gap is the relative gap to the best known value, in percent (NaN when either is missing).
func (r RunResult) Gap() float64 {
	if r.BestKnown <= 0 || r.Objective < 0 {
		return nan()
	}
	return 100 * float64(r.Objective-r.BestKnown) / float64(r.BestKnown)
}

// Certified is the gap the solver proves, 100·(objective − bound)/objective (NaN without a bound).
func (r RunResult) Certified() float64 {
	if !r.BoundValid || r.Objective < 0 {
		return nan()
	}
	return wfm.GapPercent(float64(r.Objective), r.Bound)
}

// BoundGap is how far the bound falls below the published lower bound, in % of it (NaN when
// either is missing).
func (r RunResult) BoundGap() float64 {
	if !r.BoundValid || r.Published <= 0 {
		return nan()
	}
	return 100 * (float64(r.Published) - r.Bound) / float64(r.Published)
}

func nan() float64 { v := 0.0; return v / v }

// RunOptions set up a benchmark run.
type RunOptions struct {
	Time     time.Duration // per instance
	Seed     uint64
	Workers  int
	Only     []string                             // instance names to run (all when empty)
	Progress func(inst string, p solver.Progress) // may be nil
}

// InstanceFiles lists the Instance*.txt files of dir in numeric order.
func InstanceFiles(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "Instance*.txt"))
	if err != nil {
		return nil, err
	}
	num := func(f string) int {
		n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "Instance"), ".txt"))
		return n
	}
	sort.Slice(files, func(i, j int) bool { return num(files[i]) < num(files[j]) })
	if len(files) == 0 {
		return nil, wfm.Invalidf("dir", "no Instance*.txt files in %s", dir)
	}
	return files, nil
}

// Run solves every instance file of dir with the product's solver.
func Run(ctx context.Context, dir string, opt RunOptions) ([]RunResult, error) {
	files, err := InstanceFiles(dir)
	if err != nil {
		return nil, err
	}
	best := map[string]BestKnown{}
	if _, err := os.Stat(filepath.Join(dir, "best_known.tsv")); err == nil {
		if best, err = ReadBestKnownFile(filepath.Join(dir, "best_known.tsv")); err != nil {
			return nil, err
		}
	}
	for _, name := range opt.Only {
		if !slices.ContainsFunc(files, func(f string) bool { return filepath.Base(f) == name+".txt" }) {
			return nil, wfm.Invalidf("only", "no instance %s in %s", name, dir)
		}
	}
	var out []RunResult
	for _, f := range files {
		inst, err := ReadFile(f)
		if err != nil {
			return nil, err
		}
		if len(opt.Only) > 0 && !contains(opt.Only, inst.Name) {
			continue
		}
		out = append(out, solveOne(ctx, inst, best[inst.Name], opt))
		if ctx.Err() != nil {
			break
		}
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// solveOne maps, solves, checks and scores one instance.
func solveOne(ctx context.Context, inst *Instance, known BestKnown, opt RunOptions) RunResult {
	res := RunResult{Instance: inst.Name, Staff: len(inst.Staff), Days: inst.Days, BestKnown: known.Best, Published: known.LowerBound,
		Objective: -1}
	p := ToProblem(inst)
	if err := p.Validate(); err != nil {
		res.Err = err.Error()
		return res
	}
	var progress func(solver.Progress)
	if opt.Progress != nil {
		progress = func(pr solver.Progress) { opt.Progress(inst.Name, pr) }
	}
	began := time.Now()
	r, err := solver.Solve(ctx, p, solver.Options{Time: opt.Time, Seed: opt.Seed, Workers: opt.Workers, Progress: progress})
	res.Seconds = time.Since(began).Seconds()
	if err != nil {
		res.Err = err.Error()
		return res
	}
	roster, err := FromRoster(inst, r)
	if err != nil {
		res.Err = err.Error()
		return res
	}
	score := Score(inst, roster)
	rep := validate.Check(p, r)
	res.Roster, res.Objective = roster, score.Penalty
	if r.Solver != nil && math.Abs(r.Objective.Total-float64(score.Penalty)) < 1e-6 {
		res.Bound, res.BoundValid = r.Solver.ObjectiveBound, true
	}
	res.Feasible = score.Feasible() && rep.OK()
	if !res.Feasible {
		res.Err = fmt.Sprintf("%d benchmark violations, %d checker violations", len(score.Violations), len(rep.Violations))
	}
	return res
}

// WriteTable prints the results as a markdown table with the mean gaps: the gap to the best known
// value, the bound (and how far below the published lower bound it is), and the certified gap.
func WriteTable(w io.Writer, results []RunResult) {
	fmt.Fprintln(w, "| instance | staff | days | best known | published LB | objective | gap % | bound | bound below LB % | certified gap % | seconds | feasible |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
	var gaps, below, certified mean
	for _, r := range results {
		obj, bound := "–", "–"
		if r.Objective >= 0 {
			obj = strconv.Itoa(r.Objective)
		}
		if r.BoundValid {
			bound = fmt.Sprintf("%.1f", r.Bound)
		}
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %s | %s | %s | %s | %s | %.1f | %v |\n", r.Instance, r.Staff, r.Days, r.BestKnown,
			r.Published, obj, gaps.add(r.Gap()), bound, below.add(r.BoundGap()), certified.add(r.Certified()), r.Seconds, r.Feasible)
	}
	fmt.Fprintf(w, "| **mean** | | | | | | **%s** | | **%s** | **%s** | | |\n", gaps, below, certified)
}

// mean accumulates the figures of a column that are not NaN.
type mean struct {
	sum float64
	n   int
}

// add counts v unless it is NaN and returns it with one decimal, or "–".
func (m *mean) add(v float64) string {
	if v != v {
		return "–"
	}
	m.sum += v
	m.n++
	return fmt.Sprintf("%.1f", v)
}

func (m mean) String() string {
	if m.n == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f", m.sum/float64(m.n))
}

// WriteCSV writes instance,best_known,published_lb,objective,gap_pct,bound,certified_gap_pct,seconds,feasible.
func WriteCSV(w io.Writer, results []RunResult) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"instance", "best_known", "published_lb", "objective", "gap_pct", "bound", "certified_gap_pct", "seconds", "feasible"})
	for _, r := range results {
		bound := ""
		if r.BoundValid {
			bound = strconv.FormatFloat(r.Bound, 'f', 2, 64)
		}
		cw.Write([]string{r.Instance, strconv.Itoa(r.BestKnown), strconv.Itoa(r.Published), strconv.Itoa(r.Objective),
			strconv.FormatFloat(r.Gap(), 'f', 2, 64), bound, strconv.FormatFloat(r.Certified(), 'f', 2, 64),
			strconv.FormatFloat(r.Seconds, 'f', 1, 64), strconv.FormatBool(r.Feasible)})
	}
	cw.Flush()
	return cw.Error()
}
