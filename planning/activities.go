package planning

import (
	"errors"
	"fmt"

	"wfm"
	"wfm/activities"
	"wfm/solver"
	"wfm/solver/validate"
)

// Activities is a month's activities off the phones (R15) placed into its roster: the placement
// made (least added coverage cost), the objective before and after it, and for comparison the
// placement that puts each session at the busiest hour its group allows, with the objective it
// would give.
type Activities struct {
	Placement        *activities.Placement
	Before, After    wfm.Objective
	Busiest          *activities.Placement
	BusiestObjective wfm.Objective
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
	pl, err := activities.Place(p, r, activities.LeastCost)
	if err != nil {
		return nil, err
	}
	busiest, err := activities.Place(p, r, activities.Busiest)
	if err != nil {
		return nil, err
	}
	a := &Activities{Placement: pl, Before: r.Objective, Busiest: busiest}
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
	if d := p.Demand; d.Calls != nil && d.AHT != nil {
		r.Coverage.ServiceLevel, r.Coverage.ServiceLevelBeforeShrinkage = solver.ProjectedServiceLevels(d, r.Coverage.OnPhones, 1, 1)
	}
	a.After = r.Objective
	return a, nil
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
// and a weekly 2-hour training course for 20 agents of the day group.
func MustShowActivities(p *wfm.Problem) wfm.ActivityPlan {
	n := 0
	for i := range p.Agents {
		if !p.Agents[i].Has(wfm.RoleSuspended) {
			n++
		}
	}
	from, to := p.Horizon.Start, p.Horizon.Start.AddDays(p.Horizon.Days-1)
	return wfm.ActivityPlan{Activities: []wfm.Activity{
		{ID: "exam", Name: "quarterly knowledge and skill exam", Kind: wfm.ActivityExam, Minutes: 60, Count: n,
			From: from, To: to, Repeat: wfm.RepeatQuarterly, MaxGroup: 10},
		{ID: "course", Name: "weekly course on new business", Kind: wfm.ActivityTraining, Minutes: 120, Count: min(20, n),
			Group: wfm.GroupDay, From: from, To: to, Repeat: wfm.RepeatWeekly},
	}}
}
