package forecast

import (
	"math"

	"wfm"
)

// ratioWeeks is how many recent weeks the per-interval-of-week ratios (handling time, Minnan share)
// are estimated from.
const ratioWeeks = 8

// weeklyRatio estimates a ratio per interval of the week, r(w,i) = Σ num / Σ den over the same
// interval on the same weekday in the last ratioWeeks weeks of s's grid, and returns it laid out
// on out. Where an interval of the week has no data it falls back to the same interval on any
// weekday, then to the overall ratio, then to fallback.
//
// Handling time is the ratio Σ calls·aht / Σ calls; the Minnan share is Σ minnan / Σ calls.
func weeklyRatio(g wfm.Grid, num, den []float64, out wfm.Grid, fallback float64) []float64 {
	p := g.PerDay()
	var wn, wd [7][]float64
	for w := range wn {
		wn[w], wd[w] = make([]float64, p), make([]float64, p)
	}
	dn, dd := make([]float64, p), make([]float64, p)
	var tn, td float64
	for d := max(0, g.Days-7*ratioWeeks); d < g.Days; d++ {
		w := g.Start.AddDays(d).Weekday()
		for i := range p {
			n, m := num[d*p+i], den[d*p+i]
			if math.IsNaN(n) || math.IsNaN(m) || m <= 0 {
				continue
			}
			wn[w][i] += n
			wd[w][i] += m
			dn[i] += n
			dd[i] += m
			tn += n
			td += m
		}
	}
	overall := fallback
	if td > 0 {
		overall = tn / td
	}
	r := make([]float64, out.Len())
	for k := range r {
		date, minute := out.At(k)
		i := minute / g.Step
		w := date.Weekday()
		switch {
		case wd[w][i] > 0:
			r[k] = wn[w][i] / wd[w][i]
		case dd[i] > 0:
			r[k] = dn[i] / dd[i]
		default:
			r[k] = overall
		}
	}
	return r
}
