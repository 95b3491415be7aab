package forecast

import (
	"fmt"
	"slices"

	"wfm"
)

// Adjust returns a copy of the forecast with the planner's adjustment applied (R2) and what it
// changed. Every interval the adjustment covers (see wfm.Adjustment) and the forecast does not
// leave closed has its calls multiplied by the factor, or set to the value; its bands and Minnan
// calls follow in the same proportion, and an interval that expected no call and is set to a value
// takes the forecast's overall Minnan share. Handling times are unchanged. An adjustment that
// covers no interval of the forecast is an error, naming its field.
func (f *Forecast) Adjust(a wfm.Adjustment) (*Forecast, wfm.AdjustmentEffect, error) {
	eff := wfm.AdjustmentEffect{Adjustment: a}
	if err := a.Validate(); err != nil {
		return nil, eff, err
	}
	from, to, _ := a.Bounds()
	out := &Forecast{Grid: f.Grid, Model: f.Model, Calls: slices.Clone(f.Calls), P10: slices.Clone(f.P10), P90: slices.Clone(f.P90),
		AHT: f.AHT, Minnan: slices.Clone(f.Minnan), Closed: f.Closed}
	share := 0.0
	if f.Minnan != nil {
		var m, c float64
		for i := range f.Calls {
			m, c = m+f.Minnan[i], c+f.Calls[i]
		}
		if c > 0 {
			share = m / c
		}
	}
	for i := range out.Calls {
		d, minute := f.Grid.At(i)
		if at := int64(d)*wfm.MinutesPerDay + int64(minute); at < from || at >= to || f.IsClosed(i) {
			continue
		}
		before := out.Calls[i]
		after := before
		if a.Factor != nil {
			after = before * *a.Factor
		} else {
			after = *a.Value
		}
		ratio := 0.0
		if before > 0 {
			ratio = after / before
		}
		out.Calls[i] = after
		// The band scales with the calls and still holds them, whatever the rounding.
		out.P10[i], out.P90[i] = min(out.P10[i]*ratio, after), max(out.P90[i]*ratio, after)
		if out.Minnan != nil {
			out.Minnan[i] *= ratio
			if before == 0 {
				out.Minnan[i] = after * share
			}
		}
		eff.Intervals++
		eff.CallsBefore += before
		eff.CallsAfter += after
	}
	if eff.Intervals == 0 {
		first, last := f.Grid.Start, f.Grid.End().AddDays(-1)
		return nil, eff, &wfm.Error{Kind: wfm.KindInvalid, Rule: "R2", Field: "from",
			Message: fmt.Sprintf("%s to %s covers no open interval of the forecast, %s to %s", a.From, a.To, first, last)}
	}
	return out, eff, nil
}
