package curtois

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
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
	Objective int // the benchmark penalty of the roster; −1 when no feasible roster was found
	Seconds   float64
	Feasible  bool // the benchmark's hard constraints and the product's checker both pass
	Err       string
	Roster    Roster
}

// Gap is the relative gap to the best known value, in percent (NaN when either is missing).
func (r RunResult) Gap() float64 {
	if r.BestKnown <= 0 || r.Objective < 0 {
		return nan()
	}
	return 100 * float64(r.Objective-r.BestKnown) / float64(r.BestKnown)
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
		out = append(out, solveOne(ctx, inst, best[inst.Name].Best, opt))
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
func solveOne(ctx context.Context, inst *Instance, bestKnown int, opt RunOptions) RunResult {
	res := RunResult{Instance: inst.Name, Staff: len(inst.Staff), Days: inst.Days, BestKnown: bestKnown, Objective: -1}
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
	res.Feasible = score.Feasible() && rep.OK()
	if !res.Feasible {
		res.Err = fmt.Sprintf("%d benchmark violations, %d checker violations", len(score.Violations), len(rep.Violations))
	}
	return res
}

// WriteTable prints the results as a markdown table with the mean gap.
func WriteTable(w io.Writer, results []RunResult) {
	fmt.Fprintln(w, "| instance | staff | days | best known | objective | gap % | seconds | feasible |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---|")
	sum, n := 0.0, 0
	for _, r := range results {
		gap := "–"
		if g := r.Gap(); g == g {
			gap = fmt.Sprintf("%.1f", g)
			sum += g
			n++
		}
		obj := "–"
		if r.Objective >= 0 {
			obj = strconv.Itoa(r.Objective)
		}
		fmt.Fprintf(w, "| %s | %d | %d | %d | %s | %s | %.1f | %v |\n", r.Instance, r.Staff, r.Days, r.BestKnown, obj, gap, r.Seconds, r.Feasible)
	}
	if n > 0 {
		fmt.Fprintf(w, "| **mean gap** | | | | | **%.1f** | | |\n", sum/float64(n))
	}
}

// WriteCSV writes instance,best_known,objective,gap_pct,seconds,feasible.
func WriteCSV(w io.Writer, results []RunResult) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"instance", "best_known", "objective", "gap_pct", "seconds", "feasible"})
	for _, r := range results {
		cw.Write([]string{r.Instance, strconv.Itoa(r.BestKnown), strconv.Itoa(r.Objective),
			strconv.FormatFloat(r.Gap(), 'f', 2, 64), strconv.FormatFloat(r.Seconds, 'f', 1, 64), strconv.FormatBool(r.Feasible)})
	}
	cw.Flush()
	return cw.Error()
}
