package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"wfm"
	"wfm/hall"
	"wfm/solver"
	"wfm/solver/validate"
	"wfm/workflow"
)

// runHall is "wfm hall demo|plan|leave|sweep": the walk-in service hall's month (R24).
func runHall(ctx context.Context, e *env, args []string) error {
	subs := map[string]func(context.Context, *env, []string) error{
		"demo": runHallDemo, "plan": runHallPlan, "leave": runHallLeave, "sweep": runHallSweep,
	}
	if len(args) == 0 || subs[args[0]] == nil {
		return usageError{"usage: wfm hall demo|plan|leave|sweep [flags] (wfm hall <sub> -h for its flags)"}
	}
	return subs[args[0]](ctx, e, args[1:])
}

func runHallDemo(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "hall demo", "hall demo [--posts 12] [--start 2027-04-01] [--days 30] [--holidays cn] [--out hall.json]")
	posts := fs.Int("posts", 12, "posts of the hall, each with its A and B holder")
	start := fs.String("start", "2027-04-01", "first day of the month")
	days := fs.Int("days", 30, "days of the month")
	holidays := holidaysFlag(fs)
	out := fs.String("out", "", "hall month JSON (default stdout)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	d, err := wfm.ParseDate(*start)
	if err != nil {
		return usageError{fmt.Sprintf("--start: %v", err)}
	}
	if *posts < 1 || *posts > 1000 || *days < 1 || *days > wfm.MaxHorizonDays {
		return usageError{fmt.Sprintf("--posts must be 1–1000 and --days 1–%d", wfm.MaxHorizonDays)}
	}
	cal, err := loadHolidays(e, *holidays, d, d.AddDays(*days-1))
	if err != nil {
		return err
	}
	w, closeOut, err := output(e, *out)
	if err != nil {
		return err
	}
	if err := wfm.WriteJSON(w, hall.Demo(*posts, d, *days, cal)); err != nil {
		closeOut()
		return err
	}
	return closeOut()
}

// readHall reads the hall month file at path on the calendar that the --holidays spec names.
func readHall(e *env, path, holidays string) (*wfm.Problem, *wfm.Calendar, error) {
	if err := required("hall", path); err != nil {
		return nil, nil, err
	}
	cal, err := loadCalendar(holidays)
	if err != nil {
		return nil, nil, err
	}
	p, err := readInput(path, wfm.MaxProblemBytes, func(r io.Reader, file string) (*wfm.Problem, error) {
		return hall.ReadMonth(r, file, cal)
	})
	if err != nil {
		return nil, nil, err
	}
	if !cal.Covers(p.Horizon.Start, p.Horizon.Start.AddDays(p.Horizon.Days-1)) {
		fmt.Fprintf(e.stderr, "warning: the holiday calendar covers %d–%d only; days outside it are treated as ordinary\n", cal.FirstYear, cal.LastYear)
	}
	return p, cal, nil
}

func runHallPlan(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "hall plan", "hall plan --hall H [--holidays cn] [--time 20s] [--moves N] [--seed 1] [--workers N] [--out roster.json] [--problem-out problem.json]")
	path := fs.String("hall", "", "hall month JSON (wfm hall demo writes one)")
	holidays := holidaysFlag(fs)
	limit := fs.Duration("time", 20*time.Second, "search time")
	moves := fs.Int64("moves", 0, "moves per search chain (with --time 0: the same roster on every machine)")
	seed := fs.Uint64("seed", 1, "random seed")
	workers := fs.Int("workers", 0, "parallel search chains (default: one per CPU)")
	out := fs.String("out", "", "roster JSON")
	problemOut := fs.String("problem-out", "", "the hall month's problem JSON, for wfm validate")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	p, _, err := readHall(e, *path, *holidays)
	if err != nil {
		return err
	}
	r, err := solver.Solve(ctx, p, solver.Options{Time: *limit, Moves: *moves, Seed: *seed, Workers: *workers})
	if err != nil {
		return err
	}
	rep := validate.Check(p, r)
	if !rep.OK() {
		return fmt.Errorf("internal error: the solver's roster breaks %d HARD rules (first: %v)", len(rep.Violations), rep.Violations[0])
	}
	for _, f := range []struct {
		path string
		v    any
	}{{*out, r}, {*problemOut, p}} {
		if f.path == "" {
			continue
		}
		w, closeOut, err := output(e, f.path)
		if err != nil {
			return err
		}
		if err := wfm.WriteJSON(w, f.v); err != nil {
			closeOut()
			return err
		}
		if err := closeOut(); err != nil {
			return err
		}
	}
	if err := hall.WriteTable(e.stdout, p, r); err != nil {
		return err
	}
	open, covered, standIn := hallCounts(p, r)
	fmt.Fprintf(e.stdout, "\n%d posts, %d open post-days: %d with a holder at work, %d of them on the B holder; checker: no HARD rule broken (R24 on every open interval)\n",
		len(p.Hall.Posts), open, covered, standIn)
	lo, hi := paidRange(p, r)
	fmt.Fprintf(e.stdout, "paid hours per holder in the month: %.1f to %.1f h (a hall day pays %s: the closure %s–%s is unpaid)\n",
		lo, hi, hours(hall.Day.PaidMinutes()+p.Rules.PreShiftMinutes), hall.Day.Unpaid.Start, hall.Day.Unpaid.End())
	return nil
}

// paidRange is the least and the most paid hours of a holder's worked days in roster r (R3, with
// the pre-shift time of R11).
func paidRange(p *wfm.Problem, r *wfm.Roster) (lo, hi float64) {
	shifts := map[string]wfm.ShiftTemplate{}
	for _, s := range p.Shifts {
		shifts[s.ID] = s
	}
	leader := map[string]bool{}
	for _, a := range p.Agents {
		leader[a.ID] = a.Has(wfm.RoleLeader)
	}
	lo = math.Inf(1)
	for _, s := range r.Schedules {
		pre := p.Rules.PreShiftMinutes
		if leader[s.Agent] {
			pre = p.Rules.LeaderPreShiftMinutes
		}
		m := 0
		for _, d := range s.Days {
			if d.Shift != "" {
				m += shifts[d.Shift].PaidMinutes() + pre
			}
		}
		lo, hi = min(lo, float64(m)/60), max(hi, float64(m)/60)
	}
	return lo, hi
}

func hours(minutes int) string { return fmt.Sprintf("%d h %02d min", minutes/60, minutes%60) }

// hallCounts counts the open post-days of roster r, those with a holder at work and those held by
// the B holder alone.
func hallCounts(p *wfm.Problem, r *wfm.Roster) (open, covered, standIn int) {
	for _, row := range hall.Presence(p, r) {
		for _, c := range row {
			if c == hall.MarkClosed {
				continue
			}
			open++
			if c != hall.MarkNone {
				covered++
			}
			if c == "B" {
				standIn++
			}
		}
	}
	return open, covered, standIn
}

func runHallLeave(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "hall leave", "hall leave --hall H --agent ID --type T --from D [--to D] [--requested D] [--emergency] [--handover NOTE]")
	path := fs.String("hall", "", "hall month JSON; its leave is the leave already approved")
	holidays := holidaysFlag(fs)
	agent := fs.String("agent", "", "agent asking")
	typ := fs.String("type", wfm.LeavePersonal, "leave type")
	from := fs.String("from", "", "first day of leave")
	to := fs.String("to", "", "last day of leave (default --from)")
	requested := fs.String("requested", "", "day the request is made, 09:00 in the centre's zone (default today)")
	emergency := fs.Bool("emergency", false, "emergency sick leave")
	note := fs.String("handover", "", "handover note: hands every post the agent holds as A to its B holder")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	p, cal, err := readHall(e, *path, *holidays)
	if err != nil {
		return err
	}
	if *to == "" {
		*to = *from
	}
	var dates [3]wfm.Date
	for i, s := range []string{*from, *to, *requested} {
		if s == "" && i == 2 {
			dates[i] = wfm.DateFromTime(time.Now())
			continue
		}
		if dates[i], err = wfm.ParseDate(s); err != nil {
			return usageError{fmt.Sprintf("--%s: %v", []string{"from", "to", "requested"}[i], err)}
		}
	}
	req := workflow.LeaveRequest{Agent: *agent, Type: *typ, From: dates[0], To: dates[1], Emergency: *emergency,
		RequestedAt: atNine(p, dates[2])}
	if *note != "" {
		req.Handover = handoverToB(p, *agent, *note)
	}
	dec, err := workflow.CheckLeave(p, p.Leave, req, cal)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "accepted: %d days of notice, %d working days", dec.NoticeDays, dec.WorkingDays)
	if req.Handover != nil {
		fmt.Fprintf(e.stdout, "; handover recorded: %s", handoverText(req.Handover))
	}
	fmt.Fprintln(e.stdout)
	for _, f := range dec.Flags {
		fmt.Fprintf(e.stdout, "flag: %s\n", f)
	}
	return nil
}

// atNine is 09:00 of day d in the problem's time zone.
func atNine(p *wfm.Problem, d wfm.Date) time.Time {
	loc, err := p.Horizon.Location()
	if err != nil {
		loc = time.UTC
	}
	return d.Time(loc).Add(9 * time.Hour)
}

// handoverToB hands every post agent holds as A to the post's B holder, with note.
func handoverToB(p *wfm.Problem, agent, note string) *wfm.Handover {
	h := &wfm.Handover{Note: note}
	for _, post := range p.Hall.Holders(agent) {
		if post.A == agent {
			h.Posts = append(h.Posts, wfm.PostHandover{Post: post.ID, To: post.B})
		}
	}
	return h
}

func handoverText(h *wfm.Handover) string {
	var parts []string
	for _, x := range h.Posts {
		parts = append(parts, x.Post+" to "+x.To)
	}
	return strings.Join(parts, ", ") + fmt.Sprintf(" (%q)", h.Note)
}

// sweep is what runHallSweep finds: one-day personal leave requests of every holder on every open
// day (days the holder is already away left out), split by whether approving them would leave a
// post with both holders away, and how CheckLeave answered.
type sweep struct {
	uncovering, refusedNamed int // requests that would uncover a post; of them refused by R24 naming the post and the day
	others, accepted         int // the other requests; of them accepted
	wrong                    []string
}

// hallSweep asks, for each post, each of its holders and each open day of the month, for a day of
// personal leave requested at `at` with the handover an A holder gives, against the month's
// approved leave. A request would uncover its post when the post's other holder is on approved
// leave that day (read here from p.Leave, not from the workflow's answer).
func hallSweep(p *wfm.Problem, cal *wfm.Calendar, at time.Time) sweep {
	var s sweep
	away := func(agent string, d wfm.Date) bool {
		for _, l := range p.Leave {
			if l.Agent == agent && l.From <= d && d <= l.To {
				return true
			}
		}
		return false
	}
	for _, post := range p.Hall.Posts {
		for _, pair := range [][2]string{{post.A, post.B}, {post.B, post.A}} {
			who, other := pair[0], pair[1]
			for k := range p.Horizon.Days {
				d := p.Horizon.Start.AddDays(k)
				if len(p.Hall.OpenOn(d, cal)) == 0 || away(who, d) {
					continue
				}
				req := workflow.LeaveRequest{Agent: who, Type: wfm.LeavePersonal, From: d, To: d, RequestedAt: at,
					Handover: handoverToB(p, who, "open cases handed over")}
				_, err := workflow.CheckLeave(p, p.Leave, req, cal)
				e, _ := err.(*wfm.Error)
				if away(other, d) {
					s.uncovering++
					if e != nil && e.Rule == "R24" && e.Day == d.String() && strings.Contains(e.Message, "post "+post.ID) && strings.Contains(e.Message, d.String()) {
						s.refusedNamed++
					} else {
						s.wrong = append(s.wrong, fmt.Sprintf("%s on %s would uncover post %s: %v", who, d, post.ID, err))
					}
					continue
				}
				s.others++
				if err == nil {
					s.accepted++
				} else {
					s.wrong = append(s.wrong, fmt.Sprintf("%s on %s: %v", who, d, err))
				}
			}
		}
	}
	return s
}

func runHallSweep(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "hall sweep", "hall sweep --hall H [--holidays cn] [--requested D]")
	path := fs.String("hall", "", "hall month JSON; its leave is the leave already approved")
	holidays := holidaysFlag(fs)
	requested := fs.String("requested", "", "day the requests are made, 09:00 (default 7 days before the month)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	p, cal, err := readHall(e, *path, *holidays)
	if err != nil {
		return err
	}
	day := p.Horizon.Start.AddDays(-7)
	if *requested != "" {
		if day, err = wfm.ParseDate(*requested); err != nil {
			return usageError{fmt.Sprintf("--requested: %v", err)}
		}
	}
	s := hallSweep(p, cal, atNine(p, day))
	fmt.Fprintln(e.stdout, "| one-day leave requests | asked | answered as R24 demands |")
	fmt.Fprintln(e.stdout, "|---|---:|---:|")
	fmt.Fprintf(e.stdout, "| would leave a post with both holders away | %d | %d refused, post and day named |\n", s.uncovering, s.refusedNamed)
	fmt.Fprintf(e.stdout, "| would not | %d | %d accepted |\n", s.others, s.accepted)
	for _, w := range s.wrong {
		fmt.Fprintf(e.stdout, "unexpected: %s\n", w)
	}
	if len(s.wrong) > 0 {
		return fmt.Errorf("%d requests answered against R24", len(s.wrong))
	}
	return nil
}
