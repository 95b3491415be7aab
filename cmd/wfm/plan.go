package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"wfm"
	"wfm/inputs"
	"wfm/planning"
	"wfm/report"
	"wfm/solver"
	"wfm/solver/validate"
)

// runPlan is the monthly planning run on a planner's own files: forecast from the history,
// staffing, the roster, the checker, the reports.
func runPlan(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "plan", "plan --history H --agents A --shifts S [--rules R] [--leave L] [--requests Q] [--override O] --month YYYY-MM --out DIR")
	var hist, agentsFile, shiftsFile, rulesFile, leaveFile, requestsFile, overrideFile, month, out, model string
	var limit time.Duration
	var seed uint64
	fs.StringVar(&hist, "history", "", "call history CSV: interval_start,calls[,aht_seconds,abandoned,minnan_calls]")
	fs.StringVar(&agentsFile, "agents", "", "agents CSV: id,name,group,skills,roles,contract_hours,mentor")
	fs.StringVar(&shiftsFile, "shifts", "", "shift templates CSV: id,start,minutes[,cannot_follow]")
	fs.StringVar(&rulesFile, "rules", "", "centre settings and rules JSON (defaults of RULES.md for what it leaves out)")
	fs.StringVar(&leaveFile, "leave", "", "approved leave CSV: agent,type,from,to[,reason]")
	fs.StringVar(&requestsFile, "requests", "", "shift requests CSV: agent,date,shift,kind,weight")
	fs.StringVar(&overrideFile, "override", "", "forecast overrides CSV (R2): from,to,factor,value,reason")
	fs.StringVar(&month, "month", "", "month to plan, YYYY-MM")
	fs.StringVar(&out, "out", "out/plan", "directory for the forecast, the roster and the reports")
	fs.StringVar(&model, "model", "auto", "forecast model")
	fs.DurationVar(&limit, "time", solver.DefaultTime, "solver time")
	fs.Uint64Var(&seed, "seed", 1, "random seed")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	for name, v := range map[string]string{"history": hist, "agents": agentsFile, "shifts": shiftsFile, "month": month} {
		if err := required(name, v); err != nil {
			return err
		}
	}
	start, days, err := planning.Month(month)
	if err != nil {
		return err
	}
	settings := wfm.DefaultCentreSettings()
	if rulesFile != "" {
		if settings, err = readInput(rulesFile, inputs.ReadSettings); err != nil {
			return err
		}
	}
	var staff planning.Staff
	if staff.Agents, err = readInput(agentsFile, inputs.ReadAgents); err != nil {
		return err
	}
	if staff.Shifts, err = readInput(shiftsFile, inputs.ReadShifts); err != nil {
		return err
	}
	if leaveFile != "" {
		if staff.Leave, err = readInput(leaveFile, inputs.ReadLeave); err != nil {
			return err
		}
	}
	if requestsFile != "" {
		if staff.Requests, err = readInput(requestsFile, inputs.ReadRequests); err != nil {
			return err
		}
	}
	var adjustments []wfm.Adjustment
	if overrideFile != "" {
		if adjustments, err = readInput(overrideFile, inputs.ReadAdjustments); err != nil {
			return err
		}
	}
	h, err := readHistory(hist)
	if err != nil {
		return err
	}
	began := time.Now()
	step := func(format string, args ...any) {
		fmt.Fprintf(e.stdout, "[%5.1fs] %s\n", time.Since(began).Seconds(), fmt.Sprintf(format, args...))
	}
	fc, plan, err := planning.Forecast(ctx, settings, h, start, days, model)
	if err != nil {
		return err
	}
	var effects []wfm.AdjustmentEffect
	if len(adjustments) > 0 {
		if fc, plan, effects, err = planning.Adjust(settings, fc, adjustments); err != nil {
			var e *wfm.Error
			if errors.As(err, &e) {
				e.File = overrideFile
			}
			return err
		}
	}
	demand, err := plan.Demand()
	if err != nil {
		return err
	}
	step("forecast %s to %s with model %s; staffing for %.0f %% of calls within %.0f s", start, start.AddDays(days-1),
		fc.Model, 100*settings.ServiceLevel, settings.AnswerWithin)
	for _, eff := range effects {
		a := eff.Adjustment
		step("override (line %d) %s to %s %s, %q: %d intervals, %.0f → %.0f calls", a.Line, a.From, a.To, a.Change(), a.Reason,
			eff.Intervals, eff.CallsBefore, eff.CallsAfter)
	}
	p, err := planning.Problem(settings, start, days, staff, demand)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for name, write := range map[string]func(io.Writer) error{
		"forecast.csv": fc.WriteCSV, "staffing.csv": plan.WriteCSV,
		"problem.json": func(w io.Writer) error { return wfm.WriteJSON(w, p) },
	} {
		if err := writeFile(filepath.Join(out, name), func(f *os.File) error { return write(f) }); err != nil {
			return err
		}
	}
	return solveAndReport(ctx, e, p, out, "Roster — "+start.Time(time.UTC).Format("January 2006"), limit, seed, effects, step)
}

// readInput opens path and reads it with read, which names the file in its errors.
func readInput[T any](path string, read func(io.Reader, string) (T, error)) (T, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, &wfm.Error{Kind: wfm.KindInvalid, File: path, Message: "cannot open", Err: err}
	}
	defer f.Close()
	return read(f, path)
}

// solveAndReport solves p with a progress line, checks the roster, writes roster.json and the
// reports into out, and prints the report's headline.
func solveAndReport(ctx context.Context, e *env, p *wfm.Problem, out, title string, limit time.Duration, seed uint64,
	adjustments []wfm.AdjustmentEffect, step func(string, ...any)) error {
	for _, a := range p.SkillCapacity() {
		step("advisory before the search: %s", a)
	}
	step("solving the roster for %s", limit)
	r, err := solver.Solve(ctx, p, solver.Options{Time: limit, Seed: seed, Progress: progressLine(e.stdout, limit)})
	fmt.Fprintln(e.stdout)
	if err != nil {
		return err
	}
	check := validate.Check(p, r)
	step("checked by the independent checker: %d HARD violations", len(check.Violations))
	if !check.OK() {
		return fmt.Errorf("internal error: the roster breaks %d HARD rules (first: %v)", len(check.Violations), check.Violations[0])
	}
	if err := writeFile(filepath.Join(out, "roster.json"), func(w *os.File) error { return wfm.WriteJSON(w, r) }); err != nil {
		return err
	}
	in := report.Input{Problem: p, Roster: r, Check: check, Generated: time.Now(), Title: title, Adjustments: adjustments}
	files, err := report.WriteAll(out, in)
	if err != nil {
		return err
	}
	headline, err := report.Headline(in)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\nSummary of %s (%d agents, %d days, %d-minute intervals):\n\n", title, len(p.Agents), p.Horizon.Days, p.Horizon.IntervalMinutes)
	for _, h := range headline {
		fmt.Fprintf(e.stdout, "  %-26s %-18s %s\n", h.Label, h.Value, h.Detail)
	}
	fmt.Fprintf(e.stdout, "\nFiles in %s: the inputs, roster.json, report.html, roster.xlsx, roster.csv and %d calendars in ics/\n",
		out, len(files)-3)
	step("done")
	return nil
}
