package planning

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"wfm"
	"wfm/activities"
	"wfm/solver"
	"wfm/solver/validate"
)

// Activities is a month's activities off the phones (R15) placed into its roster: the placement
// made (least added coverage cost), the objective before and after it, and for comparison the
// placement that puts each session at the busiest hour its group allows, with the objective it
// would give. Before is the roster's objective on the problem without the sessions.
type Activities struct {
	Placement        *activities.Placement
	Before, After    wfm.Objective
	Busiest          *activities.Placement
	BusiestObjective wfm.Objective
	// Off is, per interval, the agents (a trainee its factor), Minnan speakers and leaders the
	// sessions take off the phones.
	Off struct {
		Agents, Minnan []float64
		Leaders        []int
	}
	// First is the placement on the roster solved without room for the sessions and Added the
	// agent-hours of demand added for them (AddActivityCapacity); nil and 0 otherwise.
	First *Activities
	Added float64
}

// Under returns the under-coverage term (R17) of an objective.
func Under(o wfm.Objective) wfm.Term { return o.Term(wfm.TermUnder) }

// PlaceActivities places the activities of problem p into its roster r, which it changes: r holds
// the sessions and the attendees left out, and its objective and coverage become the independent
// checker's after the sessions take their attendees off the phones (with the projected service
// level when the demand has calls). It returns nil and leaves r alone when p has no activities.
// A placement the checker refuses is an internal error.
func PlaceActivities(p *wfm.Problem, r *wfm.Roster) (*Activities, error) {
	if len(p.Activities) == 0 {
		return nil, nil
	}
	before := validate.Check(p, r)
	r.Coverage = before.Coverage
	pl, err := activities.Place(p, r, activities.LeastCost)
	if err != nil {
		return nil, err
	}
	busiest, err := activities.Place(p, r, activities.Busiest)
	if err != nil {
		return nil, err
	}
	a := &Activities{Placement: pl, Before: before.Objective, Busiest: busiest}
	alt := *r
	alt.Sessions = busiest.Sessions
	a.BusiestObjective = validate.Check(p, &alt).Objective
	r.Sessions, r.Unplaced = pl.Sessions, pl.Unplaced
	check := validate.Check(p, r)
	if !check.OK() {
		return nil, &wfm.Error{Kind: wfm.KindInternal, Rule: "R15", Message: fmt.Sprintf(
			"the placed sessions break %d HARD rules (first: %v)", len(check.Violations), check.Violations[0])}
	}
	r.Objective, r.Coverage = check.Objective, check.Coverage
	n := len(r.Coverage.OnPhones)
	a.Off.Agents, a.Off.Minnan, a.Off.Leaders = make([]float64, n), make([]float64, n), make([]int, n)
	for t := range n {
		a.Off.Agents[t] = before.Coverage.OnPhones[t] - r.Coverage.OnPhones[t]
		a.Off.Minnan[t] = before.Coverage.MinnanOnPhones[t] - r.Coverage.MinnanOnPhones[t]
		a.Off.Leaders[t] = before.Coverage.LeadersOnDuty[t] - r.Coverage.LeadersOnDuty[t]
	}
	if d := p.Demand; d.Calls != nil && d.AHT != nil {
		r.Coverage.ServiceLevel, r.Coverage.ServiceLevelBeforeShrinkage = solver.ProjectedServiceLevels(d, r.Coverage.OnPhones, 1, 1)
	}
	a.After = r.Objective
	return a, nil
}

// AddActivityCapacity makes room for the sessions of placement a on problem p: it raises p's
// demand in every interval by the agents, Minnan speakers and leaders the sessions take off the
// phones there (⌈off_t⌉ each), solves the raised problem with solve, so that the roster has those
// people on top of the requirement where the sessions go, and places the activities again in the
// new roster, counted against p (its objective and coverage are p's). The new placement records a
// as First and the agent-hours added.
func AddActivityCapacity(ctx context.Context, p *wfm.Problem, a *Activities,
	solve func(context.Context, *wfm.Problem) (*wfm.Roster, error)) (*wfm.Roster, *Activities, error) {
	d := *p.Demand
	d.Agents, d.Minnan, d.Leaders = slices.Clone(d.Agents), slices.Clone(d.Minnan), slices.Clone(d.Leaders)
	added := 0
	for t := range d.Agents {
		k := int(math.Ceil(a.Off.Agents[t] - 1e-9))
		d.Agents[t] += k
		d.Minnan[t] += int(math.Ceil(a.Off.Minnan[t] - 1e-9))
		d.Leaders[t] += a.Off.Leaders[t]
		added += k
	}
	q := *p
	q.Demand = &d
	if err := q.Validate(); err != nil {
		return nil, nil, err
	}
	r, err := solve(ctx, &q)
	if err != nil {
		return nil, nil, err
	}
	next, err := PlaceActivities(p, r)
	if err != nil {
		return nil, nil, err
	}
	next.First, next.Added = a, float64(added*d.Grid.Step)/60
	return r, next, nil
}

// AddActivities puts a planner's activities and rooms (R15), read from file, into problem p and
// checks them against its staff and month; an error names the file, the activity's line (or
// its field in a JSON file), the field, the agent and R15.
func AddActivities(p *wfm.Problem, plan wfm.ActivityPlan, file string) error {
	p.Activities, p.Rooms = plan.Activities, plan.Rooms
	err := p.Validate()
	var e *wfm.Error
	if errors.As(err, &e) && e.Rule == "R15" {
		e.File = file
	}
	return err
}

// MustShowActivities is the activities of R15's must-show on problem p's month: a one-hour exam
// for every agent who is not suspended, once per quarter of the month in groups of at most 10,
// and a weekly 2-hour training course for 20 agents of the day group in every whole ISO week of
// the month, from its first Monday (a course starts with a week, not on a holiday weekend).
func MustShowActivities(p *wfm.Problem) wfm.ActivityPlan {
	course := wfm.Activity{Group: wfm.GroupDay}
	n, day := 0, 0
	for i := range p.Agents {
		if !p.Agents[i].Has(wfm.RoleSuspended) {
			n++
		}
		if course.Eligible(&p.Agents[i]) {
			day++
		}
	}
	from, to := p.Horizon.Start, p.Horizon.Start.AddDays(p.Horizon.Days-1)
	monday := from.AddDays((8 - int(from.Weekday())) % 7)
	return wfm.ActivityPlan{Activities: []wfm.Activity{
		{ID: "exam", Name: "quarterly knowledge and skill exam", Kind: wfm.ActivityExam, Minutes: 60, Count: n,
			From: from, To: to, Repeat: wfm.RepeatQuarterly, MaxGroup: 10},
		{ID: "course", Name: "weekly course on new business", Kind: wfm.ActivityTraining, Minutes: 120, Count: min(20, day),
			Group: wfm.GroupDay, From: monday, To: to, Repeat: wfm.RepeatWeekly},
	}}
}
