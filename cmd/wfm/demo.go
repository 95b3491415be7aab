package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"wfm"
	"wfm/benchmarks/gen"
	"wfm/planning"
)

// Demo defaults: a centre of about 150 agents, solved in about 45 seconds, so that the whole run
// takes about a minute.
const (
	demoAgents = 150
	demoTime   = 45 * time.Second
)

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo", "demo [--month YYYY-MM] [--agents 150] [--time 45s] [--seed 1] [--out DIR]")
	var month, out string
	var agents int
	var seed uint64
	var limit time.Duration
	fs.StringVar(&month, "month", "", "month to plan, YYYY-MM (default: next month)")
	fs.IntVar(&agents, "agents", demoAgents, "size of the demo centre")
	fs.DurationVar(&limit, "time", demoTime, "solver time")
	fs.Uint64Var(&seed, "seed", 1, "random seed of the demo centre and the solver")
	fs.StringVar(&out, "out", "out/demo", "directory for the inputs, the roster and the reports")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	first, days, err := planMonth(month, time.Now())
	if err != nil {
		return err
	}
	began := time.Now()
	step := func(format string, args ...any) {
		fmt.Fprintf(e.stdout, "[%5.1fs] %s\n", time.Since(began).Seconds(), fmt.Sprintf(format, args...))
	}
	step("generating a demo centre of %d agents with a year of 15-minute call history (Chinese holidays)", agents)
	centre, err := gen.GenerateCentre(ctx, gen.Config{Agents: agents, Start: first, Days: days, Seed: seed, ExactHistory: true})
	if err != nil {
		return err
	}
	p := centre.Problem
	step("forecast %s to %s with model %s; staffing for 80 %% of calls within 10 s", first, first.AddDays(days-1), centre.Forecast.Model)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	inputs := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"history.csv", centre.History.WriteCSV},
		{"forecast.csv", centre.Forecast.WriteCSV},
		{"staffing.csv", centre.Plan.WriteCSV},
		{"problem.json", func(w io.Writer) error { return wfm.WriteJSON(w, p) }},
	}
	for _, f := range inputs {
		if err := writeFile(filepath.Join(out, f.name), func(w *os.File) error { return f.write(w) }); err != nil {
			return err
		}
	}
	title := fmt.Sprintf("Demo centre — %s", first.Time(time.UTC).Format("January 2006"))
	return solveAndReport(ctx, e, p, out, title, limit, seed, nil, step)
}

// planMonth returns the first day and length of month "YYYY-MM", or of the month after now.
func planMonth(month string, now time.Time) (wfm.Date, int, error) {
	if month == "" {
		y, m, _ := now.Date()
		month = time.Date(y, m+1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
	}
	return planning.Month(month)
}

// writeFile creates path and fills it with write, reporting close errors.
func writeFile(path string, write func(f *os.File) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
