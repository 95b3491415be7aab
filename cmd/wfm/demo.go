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
	"wfm/calendar"
	"wfm/inputs"
	"wfm/planning"
	"wfm/report"
	"wfm/synth"
)

// Demo defaults: a centre of about 150 agents, solved in about 45 seconds, so that the whole run
// takes about a minute.
const (
	demoAgents = 150
	demoTime   = 45 * time.Second
)

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo", "demo [--month YYYY-MM] [--agents 150] [--time 45s] [--seed 1] [--complaints [--complaint-rate 0.003] [--deferred-capacity idle|add]] [--activities [--activities-capacity]] [--out DIR]")
	var month, out, deferredCapacity string
	var complaints, withActivities, roomForActivities bool
	var complaintRate float64
	var agents int
	var seed uint64
	var limit time.Duration
	fs.StringVar(&month, "month", "", "month to plan, YYYY-MM (default: next month)")
	fs.IntVar(&agents, "agents", demoAgents, "size of the demo centre")
	fs.DurationVar(&limit, "time", demoTime, "solver time")
	fs.Uint64Var(&seed, "seed", 1, "random seed of the demo centre and the solver")
	fs.StringVar(&out, "out", "out/demo", "directory for the inputs, the roster and the reports")
	fs.BoolVar(&complaints, "complaints", false, "add a synthetic stream of complaint follow-ups and call backs with the calls (R25), written to deferred-input.csv")
	fs.Float64Var(&complaintRate, "complaint-rate", synth.DefaultComplaints(0).Rate, "complaints per call of the --complaints stream")
	deferredCapacityFlag(fs, &deferredCapacity)
	fs.BoolVar(&withActivities, "activities", false, "add R15's activities off the phones: a quarterly exam for every agent in groups of at most 10 "+
		"and a weekly 2-hour course for 20 agents, written to activities-input.csv")
	activitiesCapacityFlag(fs, &roomForActivities)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	capacity, err := planning.ParseDeferredCapacity(deferredCapacity)
	if err != nil {
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
	if withActivities {
		if err := planning.AddActivities(p, planning.MustShowActivities(p), "activities-input.csv"); err != nil {
			return err
		}
	}
	step("forecast %s to %s with model %s; staffing for 80 %% of calls within 10 s", first, first.AddDays(days-1), centre.Forecast.Model)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"history.csv", centre.History.WriteCSV},
		{"forecast.csv", centre.Forecast.WriteCSV},
		{"staffing.csv", centre.Plan.WriteCSV},
		{"problem.json", func(w io.Writer) error { return wfm.WriteJSON(w, p) }},
	}
	for _, f := range files {
		if err := writeFile(filepath.Join(out, f.name), func(w *os.File) error { return f.write(w) }); err != nil {
			return err
		}
	}
	if withActivities {
		if err := writeFile(filepath.Join(out, "activities-input.csv"), func(w *os.File) error { return inputs.WriteActivities(w, p.Activities) }); err != nil {
			return err
		}
		step("activities (R15): a quarterly exam for all %d agents in groups of at most 10 and a weekly 2-hour course for %d agents, in activities-input.csv",
			p.Activities[0].Count, p.Activities[1].Count)
	}
	var work *deferredRun
	if complaints {
		if !(complaintRate > 0 && complaintRate <= 1) {
			return wfm.Invalidf("complaint-rate", "must be a share of calls in (0, 1], got %v", complaintRate)
		}
		cfg := synth.DefaultComplaints(seed)
		cfg.Rate = complaintRate
		items := synth.Complaints(cfg, centre.Forecast.Grid, centre.Forecast.Calls, centre.Forecast.Minnan)
		if err := writeFile(filepath.Join(out, "deferred-input.csv"), func(w *os.File) error { return inputs.WriteDeferred(w, items) }); err != nil {
			return err
		}
		step("a stream of %d complaint follow-ups and call backs (%g %% of calls, levels 60/30/10, 30 %% called back) in deferred-input.csv",
			len(items), 100*complaintRate)
		work = &deferredRun{items: items, cal: calendar.CN(), policy: capacity}
	}
	title := fmt.Sprintf("Demo centre — %s", first.Time(time.UTC).Format("January 2006"))
	return solveAndReport(ctx, e, report.Input{Problem: p, Title: title}, out, limit, seed, step, work, roomForActivities)
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
