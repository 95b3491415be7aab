package main

import (
	"context"
	"flag"
	"time"

	"wfm"
	"wfm/forecast/erlang"
	"wfm/staffing"
)

// staffFlags registers the staffing settings on fs and returns them, filled in after parsing.
type staffFlags struct {
	sl, maxOcc, shrinkage, minnanShare float64
	within, maxASA, patience           time.Duration
	model                              string
	leaders, minAgents                 int
}

func (s *staffFlags) register(fs *flag.FlagSet) {
	d := staffing.DefaultParams()
	fs.Float64Var(&s.sl, "sl", d.Target.ServiceLevel, "service-level target: share of calls answered within --answer-within (R17)")
	fs.DurationVar(&s.within, "answer-within", time.Duration(d.Target.AnswerWithin)*time.Second, "service-level threshold")
	fs.Float64Var(&s.maxOcc, "max-occupancy", d.Target.MaxOccupancy, "occupancy cap, 0 for none")
	fs.DurationVar(&s.maxASA, "max-asa", 0, "bound on the average speed of answer, 0 for none")
	fs.StringVar(&s.model, "erlang", "c", "queueing model: c (Erlang C) or a (Erlang A, with --patience)")
	fs.DurationVar(&s.patience, "patience", 120*time.Second, "mean caller patience for Erlang A")
	fs.Float64Var(&s.shrinkage, "shrinkage", d.Shrinkage, "share of paid time off the phones (breaks, training, absence)")
	fs.Float64Var(&s.minnanShare, "minnan-share", d.MinnanShare, "share of calls needing a Minnan speaker, when the forecast has no minnan_calls (R16)")
	fs.IntVar(&s.leaders, "leaders", d.MinLeaders, "shift leaders on duty in every interval (R12)")
	fs.IntVar(&s.minAgents, "min-agents", d.MinAgents, "agents on duty in every interval even when no call is expected (R1)")
}

// params converts the flags into staffing parameters.
func (s *staffFlags) params() (staffing.Params, error) {
	p := staffing.Params{
		Target: erlang.Target{ServiceLevel: s.sl, AnswerWithin: s.within.Seconds(), MaxOccupancy: s.maxOcc,
			MaxASA: s.maxASA.Seconds()},
		Shrinkage: s.shrinkage, MinnanShare: s.minnanShare, MinLeaders: s.leaders, MinAgents: s.minAgents,
	}
	switch s.model {
	case "c":
	case "a":
		if s.patience <= 0 {
			return p, wfm.Invalidf("patience", "Erlang A needs a positive --patience, got %v", s.patience)
		}
		p.Target.Patience = s.patience.Seconds()
	default:
		return p, wfm.Invalidf("erlang", "--erlang must be c or a, got %q", s.model)
	}
	return p, p.Validate()
}

func runStaff(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "staff", "staff --forecast F [--sl 0.8] [--answer-within 10s] [--max-occupancy 0.85] [--erlang c|a --patience 120s] [--shrinkage 0.3] [--minnan-share 0.15] [--out F]")
	var sf staffFlags
	sf.register(fs)
	var fcPath, out string
	fs.StringVar(&fcPath, "forecast", "", "forecast CSV as written by wfm forecast")
	fs.StringVar(&out, "out", "", "output CSV (default stdout)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := required("forecast", fcPath); err != nil {
		return err
	}
	params, err := sf.params()
	if err != nil {
		return err
	}
	fc, err := readForecast(fcPath)
	if err != nil {
		return err
	}
	plan, err := staffing.Compute(fc, params)
	if err != nil {
		return err
	}
	w, closeOut, err := output(e, out)
	if err != nil {
		return err
	}
	if err := plan.WriteCSV(w); err != nil {
		closeOut()
		return err
	}
	return closeOut()
}
