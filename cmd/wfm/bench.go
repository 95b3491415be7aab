package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"wfm"
	"wfm/benchmarks/centres"
	"wfm/benchmarks/curtois"
	"wfm/benchmarks/gen"
	"wfm/forecast"
	"wfm/solver"
)

func runBench(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageError{"wfm bench needs a subcommand: curtois, gen or centres"}
	}
	switch args[0] {
	case "curtois":
		return runBenchCurtois(ctx, e, args[1:])
	case "gen":
		return runBenchGen(ctx, e, args[1:])
	case "centres":
		return runBenchCentres(ctx, e, args[1:])
	}
	return usageError{fmt.Sprintf("unknown bench subcommand %q: curtois, gen or centres", args[0])}
}

func runBenchCurtois(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "bench curtois", "bench curtois --dir DIR [--time 60s] [--only Instance1,Instance3] [--out results.csv] [--rosters DIR]")
	var dir, out, rosters, only string
	var limit time.Duration
	var seed uint64
	var workers int
	fs.StringVar(&dir, "dir", "", "folder with Instance*.txt and best_known.tsv")
	fs.DurationVar(&limit, "time", solver.DefaultTime, "search time per instance")
	fs.Uint64Var(&seed, "seed", 1, "random seed")
	fs.IntVar(&workers, "workers", 0, "parallel search chains (default: one per CPU)")
	fs.StringVar(&only, "only", "", "comma-separated instance names to run")
	fs.StringVar(&out, "out", "", "also write the results as CSV here")
	fs.StringVar(&rosters, "rosters", "", "write each instance's roster as InstanceN.roster here")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := required("dir", dir); err != nil {
		return err
	}
	opt := curtois.RunOptions{Time: limit, Seed: seed, Workers: workers}
	if only != "" {
		opt.Only = strings.Split(only, ",")
	}
	lines := map[string]func(solver.Progress){}
	opt.Progress = func(inst string, p solver.Progress) {
		if lines[inst] == nil {
			lines[inst] = progressLine(e.stderr, limit)
		}
		lines[inst](p)
	}
	results, err := curtois.Run(ctx, dir, opt)
	fmt.Fprintln(e.stderr)
	if err != nil {
		return err
	}
	curtois.WriteTable(e.stdout, results)
	if out != "" {
		if err := writeFile(out, func(f *os.File) error { return curtois.WriteCSV(f, results) }); err != nil {
			return err
		}
	}
	if rosters != "" {
		return writeCurtoisRosters(dir, rosters, results, limit, seed)
	}
	return nil
}

// writeCurtoisRosters writes every feasible result's roster in the benchmark's roster format.
func writeCurtoisRosters(dir, to string, results []curtois.RunResult, limit time.Duration, seed uint64) error {
	if err := os.MkdirAll(to, 0o755); err != nil {
		return err
	}
	for _, r := range results {
		if r.Roster == nil {
			continue
		}
		inst, err := curtois.ReadFile(filepath.Join(dir, r.Instance+".txt"))
		if err != nil {
			return err
		}
		err = writeFile(filepath.Join(to, r.Instance+".roster"), func(f *os.File) error {
			return curtois.WriteRoster(f, inst, r.Roster,
				fmt.Sprintf("%s solved by wfm in %.1fs (limit %s, seed %d)", r.Instance, r.Seconds, limit, seed),
				fmt.Sprintf("objective %d, best known %d", r.Objective, r.BestKnown))
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func runBenchGen(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "bench gen", "bench gen --agents N [--days 31] [--interval 30m] [--seed S] [--out P]")
	var cfg gen.Config
	var interval, out string
	fs.IntVar(&cfg.Agents, "agents", 0, "number of agents")
	fs.IntVar(&cfg.Days, "days", gen.DefaultDays, "horizon length in days")
	fs.StringVar(&interval, "interval", "30m", "demand interval")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "random seed")
	fs.StringVar(&out, "out", "", "problem JSON (default stdout)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	step, err := forecast.ParseInterval(interval)
	if err != nil {
		return err
	}
	cfg.IntervalMinutes = step
	p, err := gen.GenerateContext(ctx, cfg)
	if err != nil {
		return err
	}
	w, closeOut, err := output(e, out)
	if err != nil {
		return err
	}
	if err := wfm.WriteJSON(w, p); err != nil {
		closeOut()
		return err
	}
	return closeOut()
}

func runBenchCentres(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "bench centres", "bench centres [--agents 200,2000] [--time 60s] [--days 31] [--seed 1]")
	var sizes string
	var opt centres.Options
	fs.StringVar(&sizes, "agents", "200,2000", "comma-separated centre sizes")
	fs.DurationVar(&opt.Time, "time", solver.DefaultTime, "search time per centre")
	fs.IntVar(&opt.Days, "days", gen.DefaultDays, "horizon length in days")
	fs.Uint64Var(&opt.Seed, "seed", 1, "random seed")
	fs.IntVar(&opt.Workers, "workers", 0, "parallel search chains (default: one per CPU)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var ns []int
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return usageError{fmt.Sprintf("--agents: %q is not a positive number", s)}
		}
		// Every centre is checked before the first is generated: a bad size is an input error (exit
		// 2), not a row of the table after minutes of solving the others.
		if err := (gen.Config{Agents: n, Days: opt.Days, IntervalMinutes: opt.IntervalMinutes, Seed: opt.Seed}).Validate(); err != nil {
			return err
		}
		ns = append(ns, n)
	}
	lines := map[int]func(solver.Progress){}
	opt.Progress = func(n int, p solver.Progress) {
		if lines[n] == nil {
			fmt.Fprintf(e.stderr, "\n%d agents: ", n)
			lines[n] = progressLine(e.stderr, opt.Time)
		}
		lines[n](p)
	}
	results := centres.Run(ctx, ns, opt)
	fmt.Fprintln(e.stderr)
	centres.WriteTable(e.stdout, results)
	return nil
}
