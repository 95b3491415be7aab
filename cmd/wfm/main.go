// Command wfm plans a contact centre's month: it forecasts calls, turns them into staffing demand,
// and (in later subcommands) builds and checks rosters. Every subcommand is a thin door onto the
// library packages; run "wfm help" for the list.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"

	"wfm"
)

// command is one subcommand: its one-line summary and its entry point. run gets the arguments
// after the subcommand name and writes results to stdout, diagnostics to stderr.
type command struct {
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what a subcommand may touch of the outside world; tests substitute buffers.
type env struct {
	stdout, stderr io.Writer
}

var commands = map[string]command{
	"forecast": {"forecast calls per interval from history (also: forecast backtest)", runForecast},
	"staff":    {"turn a forecast into agents needed per interval (Erlang C / A)", runStaff},
	"demo":     {"the whole monthly run on a built-in demo centre: forecast, staffing, roster, reports", runDemo},
	"plan":     {"the whole monthly run on your own files (history, agents, shifts, rules, leave)", runPlan},
	"solve":    {"build the roster of a problem (problem.json → roster.json)", runSolve},
	"validate": {"check a roster against every HARD rule and score it", runValidate},
	"simulate": {"simulate a roster call by call against its demand: the projected service level checked", runSimulate},
	"bench":    {"benchmarks: curtois (public instances), gen (generated centres)", runBench},
	"serve":    {"run the HTTP API and/or solve workers (PostgreSQL or an embedded database)", runServe},
	"token":    {"create an API token: token create --role planner|agent", runToken},
	"hall":     {"the walk-in service hall (R24): hall demo|plan|leave|sweep", runHall},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(Main(ctx, &env{stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:]))
}

// Main runs the command line and returns the process exit status: 0 on success, 2 for bad input or
// usage, 1 for any other failure.
func Main(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(e.stdout)
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "wfm: unknown command %q\n\n", args[0])
		usage(e.stderr)
		return 2
	}
	err := cmd.run(ctx, e, args[1:])
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	}
	fmt.Fprintf(e.stderr, "wfm %s: %v\n", args[0], err)
	var usageErr usageError
	if errors.As(err, &usageErr) || wfm.ErrorKind(err) == wfm.KindInvalid || wfm.ErrorKind(err) == wfm.KindRule {
		return 2
	}
	return 1
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: wfm <command> [flags]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nrun \"wfm <command> -h\" for a command's flags")
}

// usageError marks a mistake in the command line itself.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

// newFlags returns a flag set for a subcommand that reports errors instead of exiting.
func newFlags(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: wfm %s\n\nflags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and rejects stray positional arguments.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", strings.Join(fs.Args(), " "))}
	}
	return nil
}

// required reports a usage error when a mandatory string flag is empty.
func required(name, value string) error {
	if value == "" {
		return usageError{fmt.Sprintf("flag --%s is required", name)}
	}
	return nil
}

// output opens path for writing, or returns stdout for "" or "-". The returned close function
// reports the error of closing a file, so a full disk is not silently ignored.
func output(e *env, path string) (io.Writer, func() error, error) {
	if path == "" || path == "-" {
		return e.stdout, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}
