package planning

import (
	"context"
	"fmt"

	"wfm"
	"wfm/deferred"
	"wfm/inputs"
)

// DeferredCapacity says what a plan does about deferred work (R25) that its roster's idle
// capacity cannot do by the deadlines.
type DeferredCapacity string

// The deferred-capacity policies.
const (
	// DeferredIdle places the work in the roster's idle capacity and reports what misses.
	DeferredIdle DeferredCapacity = "idle"
	// DeferredAdd, when work misses, raises the demand before the deadlines by what is missing
	// (deferred.Raise), solves the roster again and places the work in its idle capacity.
	DeferredAdd DeferredCapacity = "add"
)

// ParseDeferredCapacity reads "idle" (also "") or "add".
func ParseDeferredCapacity(s string) (DeferredCapacity, error) {
	switch DeferredCapacity(s) {
	case "", DeferredIdle:
		return DeferredIdle, nil
	case DeferredAdd:
		return DeferredAdd, nil
	}
	return "", &wfm.Error{Kind: wfm.KindInvalid, Rule: "R25", Field: "deferred-capacity", Message: fmt.Sprintf("%q is not idle or add", s)}
}

// Deferred is a month's deferred work placed in its roster's idle capacity.
type Deferred struct {
	Items    []wfm.DeferredWork
	Calendar *wfm.Calendar
	// Demand is the inbound requirement the idle capacity is counted against: the staffing's,
	// before any capacity was added for deferred work.
	Demand   *wfm.Demand
	Schedule *deferred.Schedule
	Effect   deferred.Effect
	// Added is the demand added for work the first roster's idle capacity missed, and First that
	// placement with its effect; nil when no capacity was added.
	Added       *deferred.Addition
	First       *deferred.Schedule
	FirstEffect deferred.Effect
}

// CheckDeferred checks that every item is released before the horizon ends on day end (work
// released later belongs to a later month); an error names the item's file and line.
func CheckDeferred(endDay wfm.Date, items []wfm.DeferredWork, origins []inputs.Origin) error {
	end := wfm.WallTimeOf(endDay, 0)
	for i, w := range items {
		if w.Release >= end {
			o := originOf(origins, i)
			field := "release"
			if o.Line == 0 {
				field = fmt.Sprintf("items[%d].release", i)
			}
			return &wfm.Error{Kind: wfm.KindInvalid, Rule: "R25", File: o.File, Line: o.Line, Field: field,
				Message: fmt.Sprintf("%s: %s is released at %s, after the horizon ends (%s): plan it with the month it falls in",
					w.ID, w.Kind, w.Release, end)}
		}
	}
	return nil
}

// PlaceDeferred places items into the idle capacity of roster r of problem p, counted against
// the problem's demand, with deadlines on calendar cal.
func PlaceDeferred(p *wfm.Problem, r *wfm.Roster, items []wfm.DeferredWork, cal *wfm.Calendar) (*Deferred, error) {
	if err := wfm.ValidateDeferred(items); err != nil {
		return nil, err
	}
	d := &Deferred{Items: items, Calendar: cal, Demand: p.Demand}
	if err := d.place(r); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *Deferred) place(r *wfm.Roster) error {
	c, err := deferred.IdleCapacity(d.Demand, r.Coverage)
	if err != nil {
		return err
	}
	d.Schedule = deferred.Place(d.Items, d.Calendar, c)
	d.Effect = d.Schedule.Effect(d.Demand)
	return nil
}

// AddCapacity raises the demand of p where the work missed its deadline, solves the raised
// problem with solve and places the work again in the new roster's idle capacity, counted
// against the original demand. It returns the raised problem and its roster, or p and r
// unchanged when nothing missed.
func (d *Deferred) AddCapacity(ctx context.Context, p *wfm.Problem, r *wfm.Roster,
	solve func(context.Context, *wfm.Problem) (*wfm.Roster, error)) (*wfm.Problem, *wfm.Roster, error) {
	raised, added := deferred.Raise(d.Demand, r.Coverage, d.Schedule)
	if added == nil {
		return p, r, nil
	}
	q := *p
	q.Demand = raised
	if err := q.Validate(); err != nil {
		return nil, nil, err
	}
	next, err := solve(ctx, &q)
	if err != nil {
		return nil, nil, err
	}
	first, firstEffect := d.Schedule, d.Effect
	if err := d.place(next); err != nil {
		return nil, nil, err
	}
	d.Added, d.First, d.FirstEffect = added, first, firstEffect
	return &q, next, nil
}
