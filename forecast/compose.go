package forecast

import (
	"math"

	"wfm"
)

// holidayEffects learns how holidays differ from ordinary days: for each observed holiday h of
// the training data, the ratio r_h = T_h / median(T of ordinary same weekdays within four weeks).
// A holiday ahead takes the mean ratio of past holidays of the same name (or the same holiday spelt
// another way, see sameHoliday), else of all past holidays;
// with no holiday in the history it is forecast like the quietest weekday.
type holidayEffects struct {
	byName map[string][]float64
	all    []float64
}

func learnHolidays(t *dayTable) *holidayEffects {
	h := &holidayEffects{byName: map[string][]float64{}}
	for d := range t.total {
		sd, ok := t.cal.Day(t.date(d))
		if !ok || sd.Kind != wfm.Holiday || math.IsNaN(t.total[d]) {
			continue
		}
		if m := t.neighbourMedian(d); m > 0 {
			r := t.total[d] / m
			h.byName[sd.Name] = append(h.byName[sd.Name], r)
			h.all = append(h.all, r)
		}
	}
	return h
}

// ratio returns the expected holiday-to-ordinary ratio for a holiday named name, and false when
// the history holds no holiday at all.
func (h *holidayEffects) ratio(name string) (float64, bool) {
	if r := byHoliday(h.byName, name); len(r) > 0 {
		return mean(r), true
	}
	if len(h.all) > 0 {
		return mean(h.all), true
	}
	return 0, false
}

func mean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

// compose lays daily totals onto intraday profiles: ŷ(d,i) = T̂_d · s_{class(d)}(i), with holidays
// scaled by their learnt ratio and shaped by the holiday profile, and the days around holiday
// breaks scaled by theirs (see breaks.go). ordinaryTotal gives the forecast
// total of a date as if it were an ordinary day of its class; quietest is the lowest ordinary total
// among the weekdays, the fallback for holidays never seen before.
func compose(t *dayTable, pr *profiles, out wfm.Grid, ordinaryTotal func(wfm.Date) float64) []float64 {
	hol := learnHolidays(t)
	p := out.PerDay()
	f := make([]float64, out.Len())
	for d := range out.Days {
		date := out.Start.AddDays(d)
		class := dayClass(t.cal, date)
		total, share := ordinaryTotal(date)*t.effects.ratio(t.breaks.roleOf(date)), pr.weekday[class]
		if sd, ok := t.cal.Day(date); ok && sd.Kind == wfm.Holiday {
			if r, ok := hol.ratio(sd.Name); ok {
				total *= r
				if pr.holiday != nil {
					share = pr.holiday
				}
			} else {
				total, share = quietestDay(pr, date, ordinaryTotal)
			}
		}
		if share == nil || !(total > 0) {
			continue
		}
		for i := range p {
			f[d*p+i] = total * share[i]
		}
	}
	return f
}

// quietestDay returns the total and profile of the weekday, in the week of date, with the lowest
// positive ordinary forecast.
func quietestDay(pr *profiles, date wfm.Date, ordinaryTotal func(wfm.Date) float64) (float64, []float64) {
	best, bestShare := math.Inf(1), []float64(nil)
	for k := range 7 {
		d := date.AddDays(k - 3)
		if tot := ordinaryTotal(d); tot > 0 && tot < best && pr.weekday[d.Weekday()] != nil {
			best, bestShare = tot, pr.weekday[d.Weekday()]
		}
	}
	if bestShare == nil {
		return 0, nil
	}
	return best, bestShare
}
