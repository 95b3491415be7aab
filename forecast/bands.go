package forecast

import (
	"math"
	"sort"

	"wfm"
)

// Prediction bands. Backtest residuals are standardised as z = (y − ŷ)/√(ŷ+1), which makes count
// noise comparable across volumes (Poisson noise has variance ŷ), then grouped into bandBins bins of
// equal count by ŷ; a forecast ŷ takes the 10th and 90th percentiles q of its bin's z and reports
// p10 = max(0, ŷ + min(q10,0)·√(ŷ+1)), p90 = ŷ + max(q90,0)·√(ŷ+1), so that p10 ≤ ŷ ≤ p90.
// Without backtest material the bands are the Poisson ones, q = ∓1.2816 (the standard normal's
// 10 % and 90 % points).
//
// Calibration. The residuals come from the model's own rolling-origin backtest on the training
// data, bandOrigins weekly origins with the forecast's horizon (at most four weeks), so that they
// span some three months of level changes, not a single month's. Ordinary days ahead take bands
// fitted on the residuals of ordinary days only; holidays, make-up days and the days around
// holiday breaks (see breaks.go) take bands fitted on every residual. A September of holidays no
// longer widens the bands of an ordinary October, nor does an ordinary spell narrow those of a
// holiday. On the bank's 1999 (ten weekly origins, 28 days, 30 minutes) [p10, p90] holds 78.4 % of
// the actual intervals, and 80.1 % when only the weekday daytime hours are kept; with four origins
// and one set of bands it held 82.6 % and 77.4 %.
const (
	bandBins       = 10
	minBinPoints   = 30
	normalQuantile = 1.2815515655446004
)

// bands maps a forecast value to its p10/p90 offsets in standardised units.
type bands struct {
	upper  []float64 // upper edge of each bin's ŷ range (last is +Inf)
	lo, hi []float64 // q10 and q90 of z per bin
}

// fitBands builds bands from backtest runs; nil runs give Poisson bands.
func fitBands(runs []backtestRun, keep func(wfm.Date) bool) *bands {
	type point struct{ f, z float64 }
	var pts []point
	for _, r := range runs {
		for i, y := range r.actual {
			if d, _ := r.grid.At(i); !math.IsNaN(y) && keep(d) {
				f := r.forecast[i]
				pts = append(pts, point{f, (y - f) / math.Sqrt(f+1)})
			}
		}
	}
	nb := min(bandBins, len(pts)/minBinPoints)
	if nb == 0 {
		return &bands{upper: []float64{math.Inf(1)}, lo: []float64{-normalQuantile}, hi: []float64{normalQuantile}}
	}
	sort.Slice(pts, func(i, j int) bool { return pts[i].f < pts[j].f })
	b := &bands{}
	for k := range nb {
		bin := pts[k*len(pts)/nb : (k+1)*len(pts)/nb]
		z := make([]float64, len(bin))
		for i, p := range bin {
			z[i] = p.z
		}
		sort.Float64s(z)
		b.lo = append(b.lo, quantile(z, 0.1))
		b.hi = append(b.hi, quantile(z, 0.9))
		b.upper = append(b.upper, bin[len(bin)-1].f)
	}
	b.upper[nb-1] = math.Inf(1)
	return b
}

// apply returns p10 and p90 for forecast f. The band always holds the forecast itself,
// p10 ≤ f ≤ p90: where the residuals of a bin are one-sided (a biased bin, or intervals that are
// nearly always zero) the quantile on the other side is taken as 0.
func (b *bands) apply(f float64) (p10, p90 float64) {
	k := sort.SearchFloat64s(b.upper, f)
	k = min(k, len(b.upper)-1)
	s := math.Sqrt(f + 1)
	return math.Max(0, f+min(b.lo[k], 0)*s), f + max(b.hi[k], 0)*s
}

// quantile returns the q-quantile of sorted values by linear interpolation.
func quantile(sorted []float64, q float64) float64 {
	pos := q * float64(len(sorted)-1)
	i := int(pos)
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	frac := pos - float64(i)
	return sorted[i]*(1-frac) + sorted[i+1]*frac
}
