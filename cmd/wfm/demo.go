package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"wfm"
	"wfm/calendar"
	"wfm/forecast"
	"wfm/staffing"
	"wfm/synth"
)

// demoHistoryDays is the length of the demo centre's history: a year, so every holiday has been
// seen once.
const demoHistoryDays = 365

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo", "demo [--month YYYY-MM] [--out DIR] [--seed N]")
	var month, out string
	var seed uint64
	fs.StringVar(&month, "month", "", "month to plan, YYYY-MM (default: next month)")
	fs.StringVar(&out, "out", "", "directory to write history.csv, forecast.csv and staffing.csv into")
	fs.Uint64Var(&seed, "seed", 1, "random seed of the demo centre")
	var sf staffFlags
	sf.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	first, days, err := planMonth(month, time.Now())
	if err != nil {
		return err
	}
	params, err := sf.params()
	if err != nil {
		return err
	}
	cal := calendar.CN()
	began := time.Now()
	cfg := synth.DefaultHistory(first.AddDays(-demoHistoryDays), demoHistoryDays, seed)
	cfg.Calendar = cal
	hist := synth.History(cfg)
	fc, err := forecast.Run(ctx, forecast.Request{History: hist, Calendar: cal, Start: first, Days: days, Step: 30, Model: "auto"})
	if err != nil {
		return err
	}
	plan, err := staffing.Compute(fc, params)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Demo centre: %d days of 15-minute history (%s to %s), Chinese holidays.\n",
		hist.Grid.Days, hist.Grid.Start, hist.Grid.End().AddDays(-1))
	fmt.Fprintf(e.stdout, "Forecast for %s to %s at 30 minutes with model %s; staffing for %.0f %% of calls answered within %.0f s, shrinkage %.0f %%.\n\n",
		first, first.AddDays(days-1), fc.Model, 100*params.Target.ServiceLevel, params.Target.AnswerWithin, 100*params.Shrinkage)
	plan.Summarise().WriteMarkdown(e.stdout)
	fmt.Fprintf(e.stdout, "\n(%s)\n", time.Since(began).Round(time.Millisecond))
	if out == "" {
		return nil
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for name, write := range map[string]func(f *os.File) error{
		"history.csv":  func(f *os.File) error { return hist.WriteCSV(f) },
		"forecast.csv": func(f *os.File) error { return fc.WriteCSV(f) },
		"staffing.csv": func(f *os.File) error { return plan.WriteCSV(f) },
	} {
		if err := writeFile(filepath.Join(out, name), write); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "Files: %s\n", filepath.Join(out, "{history,forecast,staffing}.csv"))
	return nil
}

// planMonth returns the first day and length of month "YYYY-MM", or of the month after now.
func planMonth(month string, now time.Time) (wfm.Date, int, error) {
	var t time.Time
	if month == "" {
		y, m, _ := now.Date()
		t = time.Date(y, m+1, 1, 0, 0, 0, 0, time.UTC)
	} else {
		var err error
		if t, err = time.Parse("2006-01", month); err != nil {
			return 0, 0, wfm.Invalidf("month", "%q is not YYYY-MM", month)
		}
	}
	first := wfm.DateFromTime(t)
	return first, int(wfm.DateFromTime(t.AddDate(0, 1, 0)) - first), nil
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
