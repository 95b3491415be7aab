package main

import (
	"context"
	"fmt"
	"math"

	"wfm"
	"wfm/callsim"
	"wfm/forecast/erlang"
	"wfm/solver/validate"
)

// runSimulate checks a roster's projected service against a call-by-call simulation: the demand's
// calls arrive as Poisson streams interval by interval, and the roster's agents on the phones
// after the demand's shrinkage (as the independent checker counts them, ⌊on·(1 − shrinkage)⌋ per
// interval) answer them, callers carrying over from one interval to the next. The projection
// treats every interval as a queue in steady state of its own; the simulation does not.
func runSimulate(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "simulate", "simulate --problem P --roster R [--runs 5] [--seed 1] [--service-cv 1]")
	var problem, roster string
	var runs int
	var seed uint64
	var cv float64
	fs.StringVar(&problem, "problem", "", "problem JSON (its demand must carry calls and handling times)")
	fs.StringVar(&roster, "roster", "", "roster JSON")
	fs.IntVar(&runs, "runs", 5, "simulations with successive seeds")
	fs.Uint64Var(&seed, "seed", 1, "seed of the first simulation")
	fs.Float64Var(&cv, "service-cv", 1, "coefficient of variation of handling times: 1 exponential, other values log-normal (the bank's October 1999 calls: 1.46)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if runs < 1 || runs > 100 {
		return wfm.Invalidf("runs", "must be between 1 and 100, got %d", runs)
	}
	if !(cv > 0 && cv <= 10) {
		return wfm.Invalidf("service-cv", "must be above 0 and at most 10, got %v", cv)
	}
	p, r, err := readProblemAndRoster(problem, roster)
	if err != nil {
		return err
	}
	d := p.Demand
	if d == nil || d.Calls == nil || d.AHT == nil {
		return wfm.Invalidf("demand", "the problem's demand carries no calls and handling times to simulate")
	}
	cov := validate.Check(p, r).Coverage
	if cov == nil || len(cov.OnPhones) != len(d.Calls) {
		return wfm.Invalidf("demand", "the problem has no interval demand to simulate against")
	}
	proj := erlang.ProjectionFor(d)
	seconds := float64(d.Grid.Step * 60)
	ivs := make([]callsim.Interval, len(d.Calls))
	var projected figures
	for t, on := range cov.OnPhones {
		ivs[t] = callsim.Interval{Mandarin: d.Calls[t], AHT: d.AHT[t], Agents: proj.Answering(on)}
		m := proj.Metrics(d.Calls[t], d.AHT[t], seconds, on)
		projected.add(d.Calls[t], m.ServiceLevel, m.Abandonment, m.ASA)
	}
	within := proj.Within
	if within <= 0 {
		within = erlang.DefaultAnswerWithin
	}
	var sims []figures
	for k := range runs {
		res := callsim.Run(callsim.Config{Seconds: seconds, Intervals: ivs, Within: within, Patience: proj.Patience,
			ServiceCV: cv, Seed: seed + uint64(k)})
		var f figures
		for _, tl := range res.Mandarin {
			answered := tl.Calls - tl.Abandoned
			f.calls += float64(tl.Calls)
			f.inTime += float64(tl.InTime)
			f.abandoned += float64(tl.Abandoned)
			f.wait += tl.Wait
			f.answered += float64(answered)
		}
		sims = append(sims, f)
	}
	model := "Erlang C"
	if proj.Patience > 0 {
		model = fmt.Sprintf("Erlang A, patience %.0f s", proj.Patience)
	}
	fmt.Fprintf(e.stdout, "%s: %d days of %d-minute intervals, agents on the phones after %.1f %% shrinkage, %s, answered within %.0f s; %d simulations\n\n",
		problem, d.Grid.Days, d.Grid.Step, 100*proj.Shrinkage, model, within, runs)
	fmt.Fprintln(e.stdout, "| figure | projected (the report's) | simulated, mean | simulated, range |")
	fmt.Fprintln(e.stdout, "|---|---:|---:|---:|")
	row := func(name string, get func(figures) float64, unit string, scale float64) {
		lo, hi, sum := math.Inf(1), math.Inf(-1), 0.0
		for _, f := range sims {
			v := get(f) * scale
			lo, hi, sum = min(lo, v), max(hi, v), sum+v
		}
		fmt.Fprintf(e.stdout, "| %s | %.2f%s | %.2f%s | %.2f–%.2f%s |\n", name, get(projected)*scale, unit, sum/float64(len(sims)), unit, lo, hi, unit)
	}
	row("service level (calls-weighted)", figures.serviceLevel, " %", 100)
	row("abandoned", figures.abandonment, " %", 100)
	row("ASA of answered calls (projected: intervals that keep up)", figures.asa, " s", 1)
	fmt.Fprintf(e.stdout, "\n%.0f calls expected; %.0f simulated per run on average\n", projected.calls, mean(sims, func(f figures) float64 { return f.calls }))
	return nil
}

// figures accumulates calls-weighted service figures.
type figures struct {
	calls, inTime, abandoned, answered, wait float64
}

// add adds an interval's projected figures for its calls; an interval whose queue cannot keep up
// (infinite ASA) is left out of the ASA, as the report leaves it out.
func (f *figures) add(calls, sl, abandonment, asa float64) {
	f.calls += calls
	f.inTime += calls * sl
	f.abandoned += calls * abandonment
	if answered := calls * (1 - abandonment); answered > 0 && !math.IsInf(asa, 1) {
		f.answered += answered
		f.wait += answered * asa
	}
}

func (f figures) serviceLevel() float64 { return f.inTime / f.calls }
func (f figures) abandonment() float64  { return f.abandoned / f.calls }
func (f figures) asa() float64          { return f.wait / f.answered }

func mean(fs []figures, get func(figures) float64) float64 {
	s := 0.0
	for _, f := range fs {
		s += get(f)
	}
	return s / float64(len(fs))
}

// readProblemAndRoster reads the problem and the roster files the flags name, both required.
func readProblemAndRoster(problem, roster string) (*wfm.Problem, *wfm.Roster, error) {
	for name, v := range map[string]string{"problem": problem, "roster": roster} {
		if err := required(name, v); err != nil {
			return nil, nil, err
		}
	}
	p, err := readProblem(problem)
	if err != nil {
		return nil, nil, err
	}
	r, err := readRoster(roster)
	if err != nil {
		return nil, nil, err
	}
	return p, r, nil
}
