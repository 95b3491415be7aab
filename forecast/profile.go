package forecast

import "wfm"

// profileWeeks is how many same weekdays the classic method averages.
const profileWeeks = 4

// Profile is the planner's classic "daily volume × intraday profile by weekday" with a recent level:
//
//	T̂(d) = L · B_{w(d)},  B_w = mean of the last four ordinary totals of weekday w,
//	L = Σ_{last 7 days} T / Σ_{same days} B_w   (the last week's volume against the weekday means)
//	ŷ(d,i) = T̂(d) · s_{w(d)}(i)   with s_w the weekday's share of the day over its last four weeks.
//
// Holidays and outliers are left out of the means and forecast by their learnt ratio.
type Profile struct{}

// Name implements Model.
func (Profile) Name() string { return "profile" }

// Forecast implements Model.
func (Profile) Forecast(train Series, cal *wfm.Calendar, out wfm.Grid) ([]float64, error) {
	t := newDayTable(train, cal)
	var base [7]float64
	for w := range base {
		base[w] = t.recentMean(w, profileWeeks)
	}
	var num, den float64
	for d := len(t.total) - 1; d >= 0 && d >= len(t.total)-7; d-- {
		if t.clean[d] {
			num += t.total[d]
			den += base[t.date(d).Weekday()]
		}
	}
	level := 1.0
	if num > 0 && den > 0 {
		level = num / den
	}
	ordinary := func(d wfm.Date) float64 { return level * base[dayClass(cal, d)] }
	return compose(t, learnProfiles(t, profileWeeks, 0), out, ordinary), nil
}

// recentMean is the mean of the last n ordinary totals of weekday w (0 when there is none).
func (t *dayTable) recentMean(w, n int) float64 {
	sum, used := 0.0, 0
	for d := len(t.total) - 1; d >= 0 && used < n; d-- {
		if t.clean[d] && int(t.date(d).Weekday()) == w {
			sum += t.total[d]
			used++
		}
	}
	if used == 0 {
		return 0
	}
	return sum / float64(used)
}
