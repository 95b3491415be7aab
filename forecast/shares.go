package forecast

import (
	"math"
	"time"

	"wfm"
)

// Intraday profile settings. A weekday's share of its daily volume in interval i is estimated from
// its last shareWeeks ordinary days, lightly smoothed over neighbouring intervals (weights ½,1,½),
// then shrunk towards the mean profile of the weekdays that look alike (L1 distance between profiles
// below similarProfiles):
//
//	s_w(i) = (1−sharePool)·ŝ_w(i) + sharePool·mean_{v: |ŝ_v−ŝ_w|₁ < similarProfiles} ŝ_v(i)
//
// Pooling Sunday–Thursday in a bank centre, whose curves differ by noise, halves the estimation
// error of the profile while Friday and Saturday keep their own shapes.
const (
	shareWeeks      = 4
	sharePool       = 0.6
	similarProfiles = 0.3
)

// profiles holds the intraday shares per weekday and for holidays.
type profiles struct {
	weekday [7][]float64
	holiday []float64 // nil when the training data holds no observed holiday
}

// learnProfiles estimates the intraday shares from the training days of t.
func learnProfiles(t *dayTable, weeks int, pool float64) *profiles {
	p := t.train.Grid.PerDay()
	raw := [7][]float64{}
	for w := range raw {
		raw[w] = t.shareOf(func(d int) bool {
			return t.clean[d] && t.date(d).Weekday() == time.Weekday(w)
		}, weeks)
	}
	pr := &profiles{}
	for w := range raw {
		if raw[w] == nil {
			continue // never observed with volume: the weekday forecasts zero
		}
		pr.weekday[w] = make([]float64, p)
		var alike []int
		for v := range raw {
			if raw[v] != nil && l1(raw[w], raw[v]) < similarProfiles {
				alike = append(alike, v)
			}
		}
		for i := range p {
			m := 0.0
			for _, v := range alike {
				m += raw[v][i]
			}
			pr.weekday[w][i] = (1-pool)*raw[w][i] + pool*m/float64(len(alike))
		}
	}
	pr.holiday = t.shareOf(func(d int) bool {
		return t.cal.Kind(t.date(d)) == wfm.Holiday && t.total[d] > 0
	}, math.MaxInt)
	return pr
}

// shareOf returns the smoothed intraday shares pooled over the latest n days selected by keep, or
// nil when no selected day has volume. An interval that none of those days observed (a closed
// hour) gets no share, and the smoothing averages only over observed neighbours, so volume never
// leaks into hours the centre is closed.
func (t *dayTable) shareOf(keep func(d int) bool, n int) []float64 {
	p := t.train.Grid.PerDay()
	sum := make([]float64, p)
	observed := make([]bool, p)
	total := 0.0
	for d, used := len(t.total)-1, 0; d >= 0 && used < n; d-- {
		if !keep(d) || math.IsNaN(t.total[d]) {
			continue
		}
		used++
		for i, v := range t.train.Day(d) {
			if !math.IsNaN(v) {
				sum[i] += v
				total += v
				observed[i] = true
			}
		}
	}
	if total == 0 {
		return nil
	}
	s := make([]float64, p)
	for i := range p {
		if !observed[i] {
			continue
		}
		var num, den float64
		for j, w := range [3]float64{0.5, 1, 0.5} {
			if k := i + j - 1; k >= 0 && k < p && observed[k] {
				num += w * sum[k]
				den += w
			}
		}
		s[i] = num / den / total
	}
	normalise(s)
	return s
}

func normalise(s []float64) {
	t := 0.0
	for _, v := range s {
		t += v
	}
	if t > 0 {
		for i := range s {
			s[i] /= t
		}
	}
}

func l1(a, b []float64) float64 {
	d := 0.0
	for i := range a {
		d += math.Abs(a[i] - b[i])
	}
	return d
}
