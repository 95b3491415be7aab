package forecast

import (
	"math"
	"strconv"
	"time"

	"wfm"
)

// minShareObserved is the share of an aggregated interval's sub-intervals that must hold data for
// the aggregate to count as observed; a partly observed interval is scaled up to its full length.
const minShareObserved = 0.5

// Aggregate returns the history on a coarser grid of step minutes, a multiple of h's interval.
// Calls, abandoned and Minnan calls add up; when some sub-intervals lack data the sum of those
// present is scaled by k/present (k sub-intervals per interval) if at least half are present, and is
// missing otherwise. Handling time is the call-weighted mean of the sub-intervals that have it.
func (h *History) Aggregate(step int) (*History, error) {
	if err := wfm.ValidateStep(step); err != nil {
		return nil, err
	}
	if step%h.Grid.Step != 0 {
		return nil, wfm.Invalidf("interval", "cannot aggregate %d-minute history to %d-minute intervals: %d is not a multiple of %d",
			h.Grid.Step, step, step, h.Grid.Step)
	}
	k := step / h.Grid.Step
	if k == 1 {
		return h, nil
	}
	g := wfm.Grid{Start: h.Grid.Start, Days: h.Grid.Days, Step: step}
	out := &History{Grid: g, Calls: sumBlocks(h.Calls, k)}
	if h.Abandoned != nil {
		out.Abandoned = sumBlocks(h.Abandoned, k)
	}
	if h.Minnan != nil {
		out.Minnan = sumBlocks(h.Minnan, k)
	}
	if h.AHT != nil {
		out.AHT = weightedMeanBlocks(h.AHT, h.Calls, k)
	}
	return out, nil
}

// sumBlocks sums consecutive blocks of k values, scaling partly observed blocks (see Aggregate).
func sumBlocks(v []float64, k int) []float64 {
	out := make([]float64, len(v)/k)
	for b := range out {
		sum, n := 0.0, 0
		for _, x := range v[b*k : (b+1)*k] {
			if !math.IsNaN(x) {
				sum += x
				n++
			}
		}
		if float64(n) < minShareObserved*float64(k) {
			out[b] = math.NaN()
			continue
		}
		out[b] = sum * float64(k) / float64(n)
	}
	return out
}

// weightedMeanBlocks averages blocks of k values of v weighted by w (calls); a block whose present
// values all have zero weight gets their plain mean; a block without values is missing.
func weightedMeanBlocks(v, w []float64, k int) []float64 {
	out := make([]float64, len(v)/k)
	for b := range out {
		var sw, swx, sx float64
		n := 0
		for i := b * k; i < (b+1)*k; i++ {
			if math.IsNaN(v[i]) {
				continue
			}
			n++
			sx += v[i]
			if wi := w[i]; !math.IsNaN(wi) {
				sw += wi
				swx += wi * v[i]
			}
		}
		switch {
		case n == 0:
			out[b] = math.NaN()
		case sw > 0:
			out[b] = swx / sw
		default:
			out[b] = sx / float64(n)
		}
	}
	return out
}

// ParseInterval parses a planning interval written as a Go duration ("30m", "1h", "90m") or a
// bare number of minutes ("15"), and checks that it divides the day.
func ParseInterval(s string) (int, error) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, wfm.ValidateStep(n)
	}
	d, err := time.ParseDuration(s)
	if err != nil || d%time.Minute != 0 {
		return 0, wfm.Invalidf("interval", "%q is not a whole number of minutes like 30m or 1h", s)
	}
	n := int(d / time.Minute)
	return n, wfm.ValidateStep(n)
}
