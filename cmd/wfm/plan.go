package main

import (
	"context"
	"errors"
	"flag"
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
	fs := newFlags(e, "plan", "plan --history H --agents A --shifts S [--rules R] [--leave L] [--requests Q] [--previous ROSTER] "+
		"[--leave-cap stop|first-come] [--holidays cn] [--override O] [--deferred D [--deferred-capacity idle|add]] [--activities A [--rooms M] [--activities-capacity]] "+
		"--month YYYY-MM --out DIR")
	var hist, agentsFile, shiftsFile, rulesFile, leaveFile, requestsFile, previous, leaveCap, overrideFile, month, out, model string
	var deferredFile, deferredCapacity, activitiesFile, roomsFile string
	var roomForActivities bool
	var limit time.Duration
	var seed uint64
	fs.StringVar(&hist, "history", "", "call history CSV: interval_start,calls[,aht_seconds,abandoned,minnan_calls]")
	fs.StringVar(&agentsFile, "agents", "", "agents CSV: id,name,group,skills,roles,contract_hours,mentor")
	fs.StringVar(&shiftsFile, "shifts", "", "shift templates CSV: id,start,minutes[,cannot_follow]")
	fs.StringVar(&rulesFile, "rules", "", "centre settings and rules JSON (defaults of RULES.md for what it leaves out)")
	fs.StringVar(&leaveFile, "leave", "", "approved leave CSV: agent,type,from,to[,reason]")
	fs.StringVar(&requestsFile, "requests", "", "shift requests CSV: agent,date,shift,kind,weight")
	fs.StringVar(&previous, "previous", "", fmt.Sprintf("the previous month's roster.json: its last %d days are this month's history "+
		"(rest, days in a row and the day off in seven across the start, the night that covers the first morning)", wfm.HistoryDays))
	fs.StringVar(&leaveCap, "leave-cap", string(planning.LeaveCapStop), "annual leave beyond the cap of R10: stop (list every conflict) "+
		"or first-come (approve in the leave file's order, refuse the rest and plan)")
	holidays := holidaysFlag(fs)
	fs.StringVar(&overrideFile, "override", "", "forecast overrides CSV (R2): from,to,factor,value,reason")
	fs.StringVar(&deferredFile, "deferred", "", "deferred work CSV (R25): id,kind,count,minutes,total_minutes,release,deadline_working_days,skill,level,after")
	deferredCapacityFlag(fs, &deferredCapacity)
	fs.StringVar(&activitiesFile, "activities", "", "activities off the phones (R15), CSV: id,name,kind,minutes,agents,count,group,skill,from,to,repeat,room,max_group; "+
		"or JSON {\"activities\": [...], \"rooms\": [...]}")
	activitiesCapacityFlag(fs, &roomForActivities)
	fs.StringVar(&roomsFile, "rooms", "", "training rooms CSV (R15): id,name,capacity,own (default: the centre's own room and a company room of 10)")
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
	policy, err := planning.ParseLeaveCap(leaveCap)
	if err != nil {
		return err
	}
	capacity, err := planning.ParseDeferredCapacity(deferredCapacity)
	if err != nil {
		return err
	}
	settings := wfm.DefaultCentreSettings()
	if rulesFile != "" {
		if settings, err = readInput(rulesFile, maxInputBytes, inputs.ReadSettings); err != nil {
			return err
		}
	}
	if !flagGiven(fs, "holidays") {
		*holidays = settings.Holidays
	}
	var staff planning.Staff
	var items []wfm.DeferredWork
	var itemOrigins []inputs.Origin
	var activityPlan wfm.ActivityPlan
	var rooms []wfm.Room
	var roomOrigins []inputs.Origin
	if err := errors.Join( // every file's first error at once
		readActivities(activitiesFile, &activityPlan),
		readTable(roomsFile, inputs.ReadRooms, &rooms, &roomOrigins),
		readTable(agentsFile, inputs.ReadAgents, &staff.Agents, &staff.Origins.Agents),
		readTable(shiftsFile, inputs.ReadShifts, &staff.Shifts, &staff.Origins.Shifts),
		readTable(leaveFile, inputs.ReadLeave, &staff.Leave, &staff.Origins.Leave),
		readTable(requestsFile, inputs.ReadRequests, &staff.Requests, &staff.Origins.Requests),
		readTable(deferredFile, inputs.ReadDeferred, &items, &itemOrigins),
	); err != nil {
		return err
	}
	var adjustments []wfm.Adjustment
	if overrideFile != "" {
		if adjustments, err = readInput(overrideFile, maxInputBytes, inputs.ReadAdjustments); err != nil {
			return err
		}
	}
	h, err := readHistory(hist)
	if err != nil {
		return err
	}
	cal, err := loadHolidays(e, *holidays, h.Grid.Start, start.AddDays(days-1))
	if err != nil {
		return err
	}
	began := time.Now()
	step := func(format string, args ...any) {
		fmt.Fprintf(e.stdout, "[%5.1fs] %s\n", time.Since(began).Seconds(), fmt.Sprintf(format, args...))
	}
	if previous != "" {
		horizon := wfm.Horizon{Start: start, Days: days, IntervalMinutes: settings.IntervalMinutes, TimeZone: settings.TimeZone}
		if staff.History, err = readPrevious(previous, horizon, staff.Agents, staff.Shifts); err != nil {
			return err
		}
		step("history from %s: %s to %s for %d agents", previous, staff.History.From, staff.History.To, staff.History.Agents)
	}
	fc, plan, err := planning.ForecastOn(ctx, settings, cal, h, start, days, model)
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
	assembled, err := planning.Assemble(planning.Inputs{Settings: settings, Calendar: cal, Start: start, Days: days,
		Staff: staff, Demand: demand, LeaveCap: policy})
	var conflicts planning.LeaveConflicts
	if errors.As(err, &conflicts) {
		return fmt.Errorf("%w\n(--leave-cap first-come approves annual leave in the leave file's order, refuses what would exceed the cap, and plans)", err)
	}
	if err != nil {
		return err
	}
	for _, n := range assembled.Notes {
		fmt.Fprintf(e.stdout, "note: %s\n", n)
	}
	for _, r := range assembled.Refused {
		fmt.Fprintf(e.stdout, "refused: %s: agent %s: %s leave %s to %s: %s\n", r.Origin, r.Leave.Agent, r.Leave.Type, r.Leave.From, r.Leave.To, r.Reason)
	}
	p := assembled.Problem
	if activitiesFile != "" {
		if len(rooms) > 0 {
			activityPlan.Rooms = rooms
		}
		if err := planning.AddActivities(p, activityPlan, activitiesFile); err != nil {
			return err
		}
	}
	var work *deferredRun
	if deferredFile != "" {
		if err := planning.CheckDeferred(p.Horizon.Grid().End(), items, itemOrigins); err != nil {
			return err
		}
		work = &deferredRun{items: items, cal: cal, policy: capacity}
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
	in := report.Input{Problem: p, Title: "Roster — " + start.Time(time.UTC).Format("January 2006"), Refused: assembled.Refused,
		Adjustments: effects}
	return solveAndReport(ctx, e, in, out, limit, seed, step, work, roomForActivities)
}

// deferredCapacityFlag defines --deferred-capacity.
func deferredCapacityFlag(fs *flag.FlagSet, v *string) {
	fs.StringVar(v, "deferred-capacity", string(planning.DeferredIdle), "deferred work (R25) that misses its deadline: idle (report it) "+
		"or add (raise the demand before the deadlines by what is missing and solve again)")
}

// activitiesCapacityFlag defines --activities-capacity.
func activitiesCapacityFlag(fs *flag.FlagSet, v *bool) {
	fs.BoolVar(v, "activities-capacity", false, "activities (R15): raise the demand where the sessions take people off the phones, "+
		"solve again and place them in the new roster")
}

// readActivities reads the activities file at path into plan; an empty path reads nothing.
func readActivities(path string, plan *wfm.ActivityPlan) error {
	if path == "" {
		return nil
	}
	var err error
	*plan, err = readInput(path, maxInputBytes, func(r io.Reader, file string) (wfm.ActivityPlan, error) {
		plan, _, err := inputs.ReadActivities(r, file)
		return plan, err
	})
	return err
}

// flagGiven reports whether the command line set the flag called name.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// readTable reads one of the planner's CSV files into its list and the entries' origins; an empty
// path reads nothing.
func readTable[T any](path string, read func(io.Reader, string) ([]T, []inputs.Origin, error), list *[]T, origins *[]inputs.Origin) error {
	if path == "" {
		return nil
	}
	type table struct {
		list    []T
		origins []inputs.Origin
	}
	t, err := readInput(path, maxInputBytes, func(r io.Reader, file string) (table, error) {
		list, origins, err := read(r, file)
		return table{list, origins}, err
	})
	*list, *origins = t.list, t.origins
	return err
}

// readPrevious reads the previous month's roster at path and returns its history for horizon h.
func readPrevious(path string, h wfm.Horizon, agents []wfm.Agent, shifts []wfm.ShiftTemplate) (*planning.History, error) {
	prev, err := readRoster(path)
	if err != nil {
		return nil, err
	}
	return planning.HistoryOf(prev, path, h, agents, shifts)
}

// deferredRun is the deferred work a run places in its roster's idle capacity (R25).
type deferredRun struct {
	items  []wfm.DeferredWork
	cal    *wfm.Calendar
	policy planning.DeferredCapacity
}

// solveAndReport solves the problem of in with a progress line, checks the roster, places the
// problem's activities in it (R15; with roomForActivities solving again with the demand raised
// where the sessions take people off the phones), places the deferred work in it (solving again with the demand raised when work misses and work.policy
// says add), writes roster.json and the reports into out, and prints the report's headline.
func solveAndReport(ctx context.Context, e *env, in report.Input, out string, limit time.Duration, seed uint64, step func(string, ...any),
	work *deferredRun, roomForActivities bool) error {
	p := in.Problem
	for _, a := range p.SkillCapacity() {
		step("advisory before the search: %s", a)
	}
	solve := func(ctx context.Context, p *wfm.Problem) (*wfm.Roster, *validate.Report, error) {
		step("solving the roster for %s", limit)
		r, err := solver.Solve(ctx, p, solver.Options{Time: limit, Seed: seed, Progress: progressLine(e.stdout, limit)})
		fmt.Fprintln(e.stdout)
		if err != nil {
			return nil, nil, err
		}
		check := validate.Check(p, r)
		step("checked by the independent checker: %d HARD violations", len(check.Violations))
		if !check.OK() {
			return nil, nil, fmt.Errorf("internal error: the roster breaks %d HARD rules (first: %v)", len(check.Violations), check.Violations[0])
		}
		return r, check, nil
	}
	// placed records the activities a placed in roster r of p (R15) and returns the checker's
	// report on r.
	placed := func(p *wfm.Problem, r *wfm.Roster, a *planning.Activities) *validate.Report {
		in.Activities = a
		attending := 0
		for _, s := range r.Sessions {
			attending += len(s.Attendees)
		}
		step("activities (R15): %d sessions placed for %d attendances, %d attendances unplaced; under-coverage %+.1f (at the busiest hour %+.1f)",
			len(r.Sessions), attending, len(r.Unplaced), planning.Under(a.After).Penalty-planning.Under(a.Before).Penalty,
			planning.Under(a.BusiestObjective).Penalty-planning.Under(a.Before).Penalty)
		return validate.Check(p, r)
	}
	// solvePlaced solves p and places its activities in the roster.
	solvePlaced := func(ctx context.Context, p *wfm.Problem) (*wfm.Roster, *validate.Report, error) {
		r, check, err := solve(ctx, p)
		if err != nil || len(p.Activities) == 0 {
			return r, check, err
		}
		a, err := planning.PlaceActivities(p, r)
		if err != nil {
			return nil, nil, err
		}
		return r, placed(p, r, a), nil
	}
	r, check, err := solvePlaced(ctx, p)
	if err != nil {
		return err
	}
	if roomForActivities && in.Activities != nil {
		step("adding capacity where the sessions take people off the phones, and solving again")
		var a *planning.Activities
		r, a, err = planning.AddActivityCapacity(ctx, p, in.Activities, func(ctx context.Context, q *wfm.Problem) (*wfm.Roster, error) {
			next, _, err := solve(ctx, q)
			return next, err
		})
		if err != nil {
			return err
		}
		step("%.1f agent-hours of demand added where the first roster's sessions were", a.Added)
		check = placed(p, r, a)
	}
	if work != nil {
		d, err := planning.PlaceDeferred(p, r, work.items, work.cal)
		if err != nil {
			return err
		}
		t := d.Schedule.Totals()
		step("deferred work: %d of %d items due done by the deadline, %.1f of %.1f idle agent-hours used, %.1f agent-hours missing",
			t.ItemsOnTime, t.ItemsDue, t.Used/60, t.Idle/60, t.Missing/60)
		if work.policy == planning.DeferredAdd && t.Missing > 0 {
			step("adding capacity for the deferred work that misses its deadline")
			p, r, err = d.AddCapacity(ctx, p, r, func(ctx context.Context, q *wfm.Problem) (*wfm.Roster, error) {
				next, c, err := solvePlaced(ctx, q)
				check = c
				return next, err
			})
			if err != nil {
				return err
			}
			added, _ := d.Added.Hours()
			t = d.Schedule.Totals()
			step("deferred work with %.1f agent-hours of demand added: %d of %d items due done by the deadline, %.1f agent-hours missing",
				added, t.ItemsOnTime, t.ItemsDue, t.Missing/60)
			in.Problem = p
			if err := writeFile(filepath.Join(out, "problem.json"), func(w *os.File) error { return wfm.WriteJSON(w, p) }); err != nil {
				return err
			}
		}
		in.Deferred = d
	}
	if err := writeFile(filepath.Join(out, "roster.json"), func(w *os.File) error { return wfm.WriteJSON(w, r) }); err != nil {
		return err
	}
	in.Roster, in.Check, in.Generated = r, check, time.Now()
	if _, err := report.WriteAll(out, in); err != nil {
		return err
	}
	headline, err := report.Headline(in)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\nSummary of %s (%d agents, %d days, %d-minute intervals):\n\n", in.Title, len(p.Agents), p.Horizon.Days, p.Horizon.IntervalMinutes)
	for _, h := range headline {
		fmt.Fprintf(e.stdout, "  %-26s %-18s %s\n", h.Label, h.Value, h.Detail)
	}
	fmt.Fprintf(e.stdout, "\n  %s\n", wfm.SummariseShape(p, r))
	extra := ""
	if in.Deferred != nil {
		extra = ", " + report.FileDeferred
	}
	fmt.Fprintf(e.stdout, "\nFiles in %s: the inputs, roster.json, report.html, roster.xlsx, roster.csv%s and %d calendars in ics/\n",
		out, extra, len(in.Problem.Agents))
	step("done")
	return nil
}
