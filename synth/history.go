package synth

import (
	"math"
	"math/rand/v2"
	"time"

	"gonum.org/v1/gonum/stat/distuv"

	"wfm"
	"wfm/forecast"
)

// HistoryConfig describes the centre whose history History generates.
type HistoryConfig struct {
	Start       wfm.Date
	Days        int
	Step        int           // interval length in minutes
	DailyCalls  float64       // mean calls on an ordinary Wednesday at the start
	Growth      float64       // yearly growth of volume, e.g. 0.05
	MinnanShare float64       // mean share of calls that need a Minnan speaker
	AHT         float64       // mean handling time in seconds at midday
	Calendar    *wfm.Calendar // holidays; nil for none
	// Rebound multiplies the volume of the first working day (Monday–Friday or a make-up day) after
	// a holiday break, a run of at least two days off holding a holiday, as callers catch up on what
	// they put off; the second working day gets half the extra. 0 or 1: no rebound.
	Rebound float64
	Seed    uint64
}

// DefaultHistory is a mid-sized Chinese bank centre: about 5,000 calls on a weekday.
func DefaultHistory(start wfm.Date, days int, seed uint64) HistoryConfig {
	return HistoryConfig{Start: start, Days: days, Step: 15, DailyCalls: 5000, Growth: 0.06,
		MinnanShare: 0.15, AHT: 270, Seed: seed}
}

// weekdayFactor scales volume by day of week (Sunday first): Monday is busiest, weekends quiet.
var weekdayFactor = [7]float64{0.62, 1.18, 1.06, 1.0, 0.98, 1.02, 0.70}

// Holiday and make-up-day volume relative to an ordinary day of the same weekday.
const (
	holidayFactor   = 0.55
	overdispersion  = 0.06 // standard deviation of the day-level multiplier
	abandonBase     = 0.04 // share of calls abandoned in a quiet interval
	abandonPeakRise = 0.06 // extra abandonment at the busiest time of day
)

// intradayShape is the relative arrival rate at minute m of a day: a morning peak around 10:00,
// an afternoon peak around 15:00, an evening shoulder, and a quiet night.
func intradayShape(m float64, weekend bool) float64 {
	h := m / 60
	bump := func(centre, width, height float64) float64 {
		return height * math.Exp(-0.5*math.Pow((h-centre)/width, 2))
	}
	s := 0.04 + bump(10, 1.6, 1.0) + bump(15, 1.8, 0.85) + bump(20.5, 1.5, 0.35)
	if weekend {
		s = 0.05 + bump(11, 2.4, 0.8) + bump(16, 2.4, 0.6) + bump(20.5, 1.6, 0.35)
	}
	return s
}

// payday raises volume around the 1st, 10th and 25th of the month (salary and card statements).
func payday(dom int) float64 {
	switch dom {
	case 1, 2, 10, 25:
		return 1.15
	case 3, 11, 26:
		return 1.07
	}
	return 1
}

// History generates the centre's call history: calls, handling time, abandoned and Minnan calls
// per interval.
func History(cfg HistoryConfig) *forecast.History {
	g := wfm.Grid{Start: cfg.Start, Days: cfg.Days, Step: cfg.Step}
	n := g.Len()
	h := &forecast.History{Grid: g, Calls: make([]float64, n), AHT: make([]float64, n),
		Abandoned: make([]float64, n), Minnan: make([]float64, n)}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	pois := distuv.Poisson{Src: rng}
	perDay := g.PerDay()
	shapes := [2][]float64{make([]float64, perDay), make([]float64, perDay)}
	for w := range shapes {
		sum := 0.0
		for i := range perDay {
			shapes[w][i] = intradayShape(float64(i*cfg.Step)+float64(cfg.Step)/2, w == 1)
			sum += shapes[w][i]
		}
		for i := range shapes[w] {
			shapes[w][i] /= sum
		}
	}
	for d := range cfg.Days {
		date := g.Start.AddDays(d)
		kind := cfg.Calendar.Kind(date)
		wd := date.Weekday()
		weekend := wd == time.Saturday || wd == time.Sunday
		factor := weekdayFactor[wd]
		switch kind {
		case wfm.Holiday:
			factor, weekend = holidayFactor, true
		case wfm.Workday:
			factor, weekend = weekdayFactor[time.Wednesday], false
		}
		if cfg.Rebound > 0 {
			factor *= reboundFactor(cfg.Calendar, date, cfg.Rebound)
		}
		years := float64(d) / 365
		day := cfg.DailyCalls * factor * payday(date.Time(time.UTC).Day()) * math.Pow(1+cfg.Growth, years) *
			math.Max(0.5, 1+overdispersion*rng.NormFloat64())
		shape := shapes[0]
		if weekend {
			shape = shapes[1]
		}
		for i := range perDay {
			k := d*perDay + i
			pois.Lambda = day * shape[i]
			calls := pois.Rand()
			hour := float64(i*cfg.Step) / 60
			busy := shape[i] * float64(perDay) // 1 = average interval
			h.Calls[k] = calls
			h.AHT[k] = math.NaN()
			if calls > 0 {
				h.AHT[k] = math.Round(cfg.AHT * (1 + 0.12*math.Cos(2*math.Pi*(hour-3)/24)) * (1 + 0.05*rng.NormFloat64()))
			}
			share := cfg.MinnanShare * (1 + 0.3*math.Sin(2*math.Pi*(hour-14)/24))
			h.Minnan[k] = binomial(rng, calls, share)
			h.Abandoned[k] = binomial(rng, calls, math.Min(0.5, abandonBase+abandonPeakRise*math.Min(busy, 3)/3))
		}
	}
	return h
}

// reboundFactor is the rebound multiplier of date (see HistoryConfig.Rebound): rebound on the first
// working day after a break, 1 + (rebound−1)/2 on the second, 1 on every other day.
func reboundFactor(cal *wfm.Calendar, date wfm.Date, rebound float64) float64 {
	if !cal.IsWorkingDay(date) {
		return 1
	}
	d, k := date.AddDays(-1), 1
	if cal.IsWorkingDay(d) {
		d, k = d.AddDays(-1), 2
		if cal.IsWorkingDay(d) {
			return 1
		}
	}
	off, holiday := 0, false
	for ; !cal.IsWorkingDay(d) && off < 31; d = d.AddDays(-1) {
		off++
		holiday = holiday || cal.Kind(d) == wfm.Holiday
	}
	if off < 2 || !holiday {
		return 1
	}
	if k == 1 {
		return rebound
	}
	return 1 + (rebound-1)/2
}

// binomial draws Binomial(n, p) by summing Bernoulli trials (n is an interval's call count, small).
func binomial(rng *rand.Rand, n, p float64) float64 {
	k := 0.0
	for range int(n) {
		if rng.Float64() < p {
			k++
		}
	}
	return k
}
