package main

import (
	"context"
	"fmt"

	"wfm/solver/validate"
)

// errViolations makes wfm validate exit non-zero when the roster breaks HARD rules.
type errViolations int

func (n errViolations) Error() string { return fmt.Sprintf("the roster breaks %d HARD rules", int(n)) }

func runValidate(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "validate", "validate --problem P --roster R")
	var problem, roster string
	fs.StringVar(&problem, "problem", "", "problem JSON")
	fs.StringVar(&roster, "roster", "", "roster JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	p, r, err := readProblemAndRoster(problem, roster)
	if err != nil {
		return err
	}
	rep := validate.Check(p, r)
	for _, v := range rep.Violations {
		fmt.Fprintln(e.stdout, v)
	}
	writeObjective(e.stdout, rep.Objective)
	if !rep.OK() {
		return errViolations(len(rep.Violations))
	}
	fmt.Fprintln(e.stdout, "no HARD rule broken")
	return nil
}
